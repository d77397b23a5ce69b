import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';

export enum ObservationAspect {
  PRODUCT = 'PRODUCT',
  PRICE = 'PRICE',
  CHANNEL = 'CHANNEL',
  PROMOTION = 'PROMOTION',
  REVIEW = 'REVIEW',
  OTHER = 'OTHER',
}
registerEnumType(ObservationAspect, {
  name: 'ObservationAspect',
  description: 'What an observation is about: one of the four Ps, a customer review, or something else',
  valuesMap: {
    CHANNEL: { description: 'Their channels' },
    OTHER: { description: 'Anything else' },
    PRICE: { description: 'Their prices' },
    PRODUCT: { description: 'Their products' },
    PROMOTION: { description: 'Their campaigns and promotion' },
    REVIEW: { description: 'Customer reviews of them' },
  },
});

@ObjectType('Competitor', { description: 'A main competitor, profiled on product, price, channel and promotion' })
export class Competitor {
  @Field(() => ID, { description: 'Stable id of the competitor' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the competitor belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: "Competitor's name, unique in the branch" }) name: string;
  @Field(() => String, { nullable: true, description: 'Their web site' }) website: string | null;
  @Field(() => String, { nullable: true, description: 'What they sell (product profile)' }) product: string | null;
  @Field(() => String, { nullable: true, description: 'Their pricing (price profile)' }) price: string | null;
  @Field(() => String, { nullable: true, description: 'How they sell (channel profile)' }) channel: string | null;
  @Field(() => String, { nullable: true, description: 'How they promote (promotion profile)' }) promotion:
    string | null;
  @Field(() => String, { nullable: true, description: 'Where they are stronger than us' }) strengths: string | null;
  @Field(() => String, { nullable: true, description: 'Where they are weaker than us' }) weaknesses: string | null;
  @Field(() => String, { nullable: true, description: 'Our recommended response' }) response: string | null;
  @Field({ description: 'When the competitor was recorded' }) createdAt: Date;
  @Field({ description: 'When the competitor last changed' }) updatedAt: Date;
}

@ObjectType('CompetitorConnection', {
  description: 'A page of competitor rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CompetitorConnection extends Connection(Competitor, 'Competitor') {}

@ObjectType('CompetitorObservation', { description: 'Something seen of a competitor on a day' })
export class CompetitorObservation {
  @Field(() => ID, { description: 'Stable id of the competitor observation' }) id: string;
  @Field(() => ID, { description: 'Id of the competitor' }) competitorId: string;
  @Field(() => GraphQLDate, { description: 'Business day it was observed, not in the future' }) observedOn: string;
  @Field(() => ObservationAspect, { description: 'What the observation is about' }) aspect: ObservationAspect;
  @Field({ description: 'What was observed' }) note: string;
  @Field(() => String, { nullable: true, description: 'Where it came from, e.g. a customer, a trade show' }) source:
    string | null;
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' }) recordedById: string;
  @Field({ description: 'When the competitor observation was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('CompetitorComparison', {
  description: 'One column of a side-by-side comparison: the profile and the latest observation per P',
})
export class CompetitorComparison {
  @Field(() => Competitor, { description: 'The competitor with its profile' }) competitor: Competitor;
  @Field(() => CompetitorObservation, { nullable: true, description: 'Latest observation about their products' })
  latestProduct: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true, description: 'Latest observation about their prices' })
  latestPrice: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true, description: 'Latest observation about their channels' })
  latestChannel: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true, description: 'Latest observation about their promotion' })
  latestPromotion: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true, description: 'The latest observation of any aspect' })
  latest: CompetitorObservation | null;
}

@InputType({ description: 'Conditions on the competitors list; all given must hold' })
export class CompetitorFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ nullable: true, description: 'Name contains (case-insensitive)' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
}
