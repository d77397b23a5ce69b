import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { SatisfactionMethod } from './visit.enums.js';

@Entity('satisfaction_surveys')
@ObjectType('SatisfactionSurvey', { description: 'A customer’s satisfaction score for one quarter' })
export class SatisfactionSurvey {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the satisfaction survey belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the satisfaction survey' }) id: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' })
  customerId: string;
  @Column('text') @Field({ description: 'The quarter, e.g. 2026-Q4' }) period: string;
  @Column('smallint') @Field(() => Int, { description: '1 (very unhappy) to 10 (delighted)' }) score: number;
  @Column('text')
  @Field(() => SatisfactionMethod, { description: 'Survey or return visit' })
  method: SatisfactionMethod;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "The customer's comment" })
  comment: string | null;
  @Column('date', { name: 'surveyed_on' })
  @Field(() => GraphQLDate, { description: 'Business day it was taken' })
  surveyedOn: string;
  @Column('uuid', { name: 'recorded_by' })
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' })
  recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the satisfaction survey was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the satisfaction survey last changed' })
  updatedAt: Date;
  /** Whose satisfaction KPI it counts for: the customer's owner when recorded; null if recorded before that KPI. */
  @Column('uuid', { name: 'credited_to', nullable: true }) creditedTo: string | null;
}

export const SatisfactionSurveys = defineTable(SatisfactionSurvey, {
  module: 'visits',
  noun: 'SatisfactionSurvey',
});
