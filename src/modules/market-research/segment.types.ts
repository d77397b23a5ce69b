import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Connection, GraphQLDecimal } from '@app/graphql';

export enum CustomerSize {
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
  ENTERPRISE = 'ENTERPRISE',
}
registerEnumType(CustomerSize, {
  name: 'CustomerSize',
  description: 'The size of the customers in a segment',
  valuesMap: {
    ENTERPRISE: { description: 'Enterprise customers' },
    LARGE: { description: 'Large customers' },
    MEDIUM: { description: 'Medium customers' },
    SMALL: { description: 'Small customers' },
  },
});

@ObjectType('MarketSegment', { description: 'A target segment by region, industry and customer size, scored' })
export class MarketSegment {
  @Field(() => ID, { description: 'Stable id of the market segment' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the market segment belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'Segment name' }) name: string;
  @Field({ description: 'Region of the segment' }) region: string;
  @Field({ description: 'Industry of the segment' }) industry: string;
  @Field(() => CustomerSize, { description: 'Customer size of the segment' }) size: CustomerSize;
  @Field(() => Int, { description: '0-100' }) marketSizeScore: number;
  @Field(() => Int, { description: '0-100' }) growthScore: number;
  @Field(() => Int, { description: '0-100: how intense competition is (counts against the segment)' })
  competitionScore: number;
  @Field(() => GraphQLDecimal, {
    description:
      'Weighted score 0-100 with the branch weights: (size·wS + growth·wG + (100 − competition)·wC) / (wS + wG + wC)',
  })
  score: string;
  @Field({ description: 'A chosen focus segment' }) focus: boolean;
  @Field(() => String, { nullable: true, description: 'Free notes' }) notes: string | null;
  @Field({ description: 'When the market segment was recorded' }) createdAt: Date;
  @Field({ description: 'When the market segment last changed' }) updatedAt: Date;
}

@ObjectType('MarketSegmentConnection', {
  description: 'A page of market segment rows: edges, pageInfo and totalCount (Relay connection)',
})
export class MarketSegmentConnection extends Connection(MarketSegment, 'MarketSegment') {}

@ObjectType('SegmentPersona', { description: 'A customer persona (客户画像) of a segment' })
export class SegmentPersona {
  @Field(() => ID, { description: 'Stable id of the segment persona' }) id: string;
  @Field(() => ID, { description: 'Id of the segment' }) segmentId: string;
  @Field({ description: 'Persona name, e.g. Plant purchasing manager' }) name: string;
  @Field({ description: 'Basic profile' }) profile: string;
  @Field(() => String, { nullable: true, description: 'Business needs' }) needs: string | null;
  @Field(() => String, { nullable: true, description: 'How they decide to buy' }) decisionProcess: string | null;
  @Field(() => String, { nullable: true, description: 'What they prefer when buying' }) purchasingPreferences:
    string | null;
  branchId: string;
}

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
