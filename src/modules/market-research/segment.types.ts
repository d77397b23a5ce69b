import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Connection } from '@app/graphql';
import { MarketSegment } from './segment.entity.js';
import { CustomerSize } from './research.enums.js';

@ObjectType('MarketSegmentConnection', {
  description: 'A page of market segment rows: edges, pageInfo and totalCount (Relay connection)',
})
export class MarketSegmentConnection extends Connection(MarketSegment, 'MarketSegment') {}

@InputType({ description: 'Conditions on segments; all given must hold' })
export class MarketSegmentFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ nullable: true, description: 'Only focus (true) or only other (false) segments' })
  @IsOptional()
  @IsBoolean()
  focus?: boolean;
  @Field({ nullable: true, description: 'Only this region' }) @IsOptional() @Length(1, 100) region?: string;
  @Field({ nullable: true, description: 'Only this industry' }) @IsOptional() @Length(1, 100) industry?: string;
  @Field(() => CustomerSize, { nullable: true, description: 'Only this customer size' })
  @IsOptional()
  @IsEnum(CustomerSize)
  size?: CustomerSize;
}
