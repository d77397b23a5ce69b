import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { TenderState } from './tender-state.js';
import { Tender } from './tender.entity.js';

@ObjectType('TenderConnection', {
  description: 'A page of tender rows: edges, pageInfo and totalCount (Relay connection)',
})
export class TenderConnection extends Connection(Tender, 'Tender') {}

@InputType({ description: 'Conditions on the tenders list; all given must hold' })
export class TenderFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => TenderState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(TenderState)
  state?: TenderState;
}
