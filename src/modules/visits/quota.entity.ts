import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';

@Entity('activity_quota_settings')
@ObjectType('ActivityQuotaSettings', { description: 'A branch’s activity targets per representative' })
export class ActivityQuotaSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the activity quota settings belongs to' })
  branchId: string;
  @Column('integer', { name: 'valid_leads_per_week', default: 10 })
  @Field(() => Int, { description: 'Valid leads each representative must collect per ISO week (default 10)' })
  validLeadsPerWeek: number;
  @Column('integer', { name: 'proposals_per_week', default: 10 })
  @Field(() => Int, { description: 'Proposals (quotes) each representative must send per ISO week (default 10)' })
  proposalsPerWeek: number;
  @Column('integer', { name: 'effective_visits_per_month', default: 6 })
  @Field(() => Int, { description: 'Effective visits each representative must make per month (default 6)' })
  effectiveVisitsPerMonth: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const ActivityQuotaSettingsTable = defineTable(ActivityQuotaSettings, {
  module: 'visits',
  noun: 'ActivityQuotaSettings',
});
