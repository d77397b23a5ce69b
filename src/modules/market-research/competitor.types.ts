import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { Connection } from '@app/graphql';
import { Competitor, CompetitorObservation } from './competitor.entity.js';

@ObjectType('CompetitorConnection', {
  description: 'A page of competitor rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CompetitorConnection extends Connection(Competitor, 'Competitor') {}

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
