import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { ObservationAspect } from './research.enums.js';

@Entity('competitors')
@ObjectType('Competitor', { description: 'A main competitor, profiled on product, price, channel and promotion' })
export class Competitor {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the competitor belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the competitor' }) id: string;
  @Column('text') @Field({ description: "Competitor's name, unique in the branch" }) name: string;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Their web site' }) website:
    string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What they sell (product profile)' })
  product: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Their pricing (price profile)' })
  price: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'How they sell (channel profile)' })
  channel: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'How they promote (promotion profile)' })
  promotion: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Where they are stronger than us' })
  strengths: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Where they are weaker than us' })
  weaknesses: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Our recommended response' })
  response: string | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the competitor was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the competitor last changed' })
  updatedAt: Date;
}

@Entity('competitor_observations')
@ObjectType('CompetitorObservation', { description: 'Something seen of a competitor on a day' })
export class CompetitorObservation {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the competitor observation' }) id: string;
  @Column('uuid', { name: 'competitor_id' })
  @Field(() => ID, { description: 'Id of the competitor' })
  competitorId: string;
  @Column('date', { name: 'observed_on' })
  @Field(() => GraphQLDate, { description: 'Business day it was observed, not in the future' })
  observedOn: string;
  @Column('text')
  @Field(() => ObservationAspect, { description: 'What the observation is about' })
  aspect: ObservationAspect;
  @Column('text') @Field({ description: 'What was observed' }) note: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Where it came from, e.g. a customer, a trade show' })
  source: string | null;
  @Column('uuid', { name: 'recorded_by' })
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' })
  recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the competitor observation was recorded' })
  createdAt: Date;
}

export const Competitors = defineTable(Competitor, { module: 'market-research', noun: 'Competitor' });
export const CompetitorObservations = defineTable(CompetitorObservation, {
  module: 'market-research',
  noun: 'CompetitorObservation',
});
