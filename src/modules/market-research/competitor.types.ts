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
});

@ObjectType('Competitor', { description: 'A main competitor, profiled on product, price, channel and promotion' })
export class Competitor {
  @Field(() => ID, { description: 'Stable id of the competitor' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the competitor belongs to (its code and name: branch)' })
  branchId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) website: string | null;
  @Field(() => String, { nullable: true }) product: string | null;
  @Field(() => String, { nullable: true }) price: string | null;
  @Field(() => String, { nullable: true }) channel: string | null;
  @Field(() => String, { nullable: true }) promotion: string | null;
  @Field(() => String, { nullable: true }) strengths: string | null;
  @Field(() => String, { nullable: true }) weaknesses: string | null;
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
  @Field(() => ID) competitorId: string;
  @Field(() => GraphQLDate) observedOn: string;
  @Field(() => ObservationAspect) aspect: ObservationAspect;
  @Field() note: string;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => ID, { description: 'Id of the recorded by (the object itself: recordedBy)' }) recordedById: string;
  @Field({ description: 'When the competitor observation was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('CompetitorComparison', {
  description: 'One column of a side-by-side comparison: the profile and the latest observation per P',
})
export class CompetitorComparison {
  @Field(() => Competitor) competitor: Competitor;
  @Field(() => CompetitorObservation, { nullable: true }) latestProduct: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true }) latestPrice: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true }) latestChannel: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true }) latestPromotion: CompetitorObservation | null;
  @Field(() => CompetitorObservation, { nullable: true, description: 'The latest observation of any aspect' })
  latest: CompetitorObservation | null;
}

@InputType()
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
