import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import {
  AgreementStatus,
  DisputeState,
  PartnerKind,
  PartnerStatus,
  PartnerTier,
  SupportKind,
} from './channel.enums.js';

/** The channels tables (the schema itself is migrations/1764806400000-channels.ts), each its GraphQL type too. */

@Entity('partners')
@ObjectType('Partner', { description: 'A channel partner (渠道 / 经销商 / 代理商) of a branch' })
export class Partner {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the partner belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the partner' }) id: string;
  @Column('text') @Field(() => PartnerKind, { description: 'Kind of channel' }) kind: PartnerKind;
  @Column('text') @Field({ description: "Partner's company name, unique in the branch" }) name: string;
  @Column('text') @Field({ description: 'The region the partner works in' }) region: string;
  @Column('text', { default: 'CANDIDATE' })
  @Field(() => PartnerStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: PartnerStatus;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'The branch member who manages the partner' })
  ownerId: string;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free notes' }) notes:
    string | null;
  @Column('uuid', { name: 'customer_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description:
      'The customer record of the branch under which the partner’s purchases are ordered, invoiced and paid; null ' +
      'for a partner that buys nothing from the branch',
  })
  customerId: string | null;
  @Column('text', { nullable: true })
  @Field(() => PartnerTier, { nullable: true, description: 'The tier of the latest evaluated period' })
  tier: PartnerTier | null;
  @Column('text', { name: 'tier_period', nullable: true })
  @Field(() => String, { nullable: true, description: 'The period that tier comes from, e.g. 2026-Q3' })
  tierPeriod: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the partner was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the partner last changed' })
  updatedAt: Date;
}

@Entity('partner_contacts')
@ObjectType('PartnerContact', { description: 'A contact person of a partner' })
export class PartnerContact {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the partner contact' }) id: string;
  @Column('uuid', { name: 'partner_id' }) @Field(() => ID, { description: 'Id of the partner' }) partnerId: string;
  @Column('text') @Field({ description: 'Full name' }) name: string;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Job title' }) title:
    string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Telephone or mobile' })
  phone: string | null;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'E-mail' }) email:
    string | null;
  @Column('boolean', { name: 'is_primary', default: false })
  @Field({ description: 'The main contact (one per partner)' })
  isPrimary: boolean;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('partner_agreements')
@ObjectType('PartnerAgreement', { description: 'A cooperation agreement: term, territory and terms' })
export class PartnerAgreement {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the partner agreement' }) id: string;
  @Column('uuid', { name: 'partner_id' }) @Field(() => ID, { description: 'Id of the partner' }) partnerId: string;
  @Column('date', { name: 'starts_on' })
  @Field(() => GraphQLDate, { description: 'First day of the agreement' })
  startsOn: string;
  @Column('date', { name: 'ends_on' })
  @Field(() => GraphQLDate, { description: 'The last day of the term (branch time zone)' })
  endsOn: string;
  @Column('text') @Field({ description: 'Where the partner may sell' }) territory: string;
  @Column('text') @Field({ description: 'The cooperation terms' }) terms: string;
  @Column('numeric', { name: 'rebate_rate', precision: 7, scale: 4, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Rebate (返利) in percent of the partner’s net invoiced amount (invoices less credit notes) of each month in ' +
      'the term; null: no rebate',
  })
  rebateRate: string | null;
  @Column('text', { default: 'ACTIVE' })
  @Field(() => AgreementStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: AgreementStatus;
  @Column('text', { name: 'termination_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it ended early; null unless TERMINATED' })
  terminationReason: string | null;
  @Column('smallint', { name: 'reminder_days', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Days before the end of the next reminder; null: the expiry is next',
  })
  nextReminderDays: number | null;
  @Column('timestamptz', { name: 'next_action_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the worker next acts (a reminder, or the expiry)' })
  nextActionAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the partner agreement was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('channel_settings')
@ObjectType('ChannelSettings', { description: 'How a branch scores and tiers its partners' })
export class ChannelSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the channel settings belongs to' })
  branchId: string;
  @Column('numeric', { name: 'weight_sales', precision: 4, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Weight of the sales sub-score (default 0.5)' })
  weightSales: string;
  @Column('numeric', { name: 'weight_coverage', precision: 4, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Weight of market coverage (default 0.25)' })
  weightCoverage: string;
  @Column('numeric', { name: 'weight_feedback', precision: 4, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Weight of customer feedback (default 0.25)' })
  weightFeedback: string;
  @Column('numeric', { name: 'sales_target', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, {
    description: 'Quarterly sales that score 100 (linear below, capped; default 1,000,000 in the branch currency)',
  })
  salesTarget: string;
  @Column('numeric', { name: 'tier_a_min', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Lowest score of tier A (default 85)' })
  tierAMin: string;
  @Column('numeric', { name: 'tier_b_min', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Lowest score of tier B (default 70)' })
  tierBMin: string;
  @Column('numeric', { name: 'tier_c_min', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Lowest score of tier C (default 55); below it: D' })
  tierCMin: string;
  /** Not a column: whether the branch has a row (channel-settings.service.ts answers the defaults without one). */
  @Field({ description: 'False while the branch uses the defaults' }) customized: boolean;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('partner_evaluations')
@ObjectType('PartnerEvaluation', {
  description: 'A partner’s evaluation for one quarter: the sub-scores, the weighted score, the tier, and the change',
})
export class PartnerEvaluation {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the partner evaluation belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the partner evaluation' }) id: string;
  @Column('uuid', { name: 'partner_id' })
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' })
  partnerId: string;
  @Column('text') @Field({ description: 'The quarter, e.g. 2026-Q3' }) period: string;
  @Column('numeric', { name: 'sales_amount', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Sales through the partner in the quarter' })
  salesAmount: string;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency of the sales figures' })
  currency: string;
  @Column('numeric', { name: 'market_coverage', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: '0-100' })
  marketCoverage: string;
  @Column('numeric', { name: 'customer_feedback', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: '0-100' })
  customerFeedback: string;
  @Column('numeric', { name: 'sales_target', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The sales target the sales sub-score was measured against' })
  salesTarget: string;
  @Column('numeric', { name: 'weight_sales', precision: 4, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Weight of sales in the score' })
  weightSales: string;
  @Column('numeric', { name: 'weight_coverage', precision: 4, scale: 3 })
  @Field(() => GraphQLDecimal, {
    description: 'Weight of market coverage in the score, from the branch settings at the time',
  })
  weightCoverage: string;
  @Column('numeric', { name: 'weight_feedback', precision: 4, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Weight of customer feedback in the score' })
  weightFeedback: string;
  @Column('numeric', { name: 'sales_score', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Sales score: min(100, salesAmount / salesTarget × 100), 2 decimals' })
  salesScore: string;
  @Column('numeric', { precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The weighted score, 0-100, 2 decimals' })
  score: string;
  @Column('text')
  @Field(() => PartnerTier, { description: 'Tier from the score (branch thresholds): A is best' })
  tier: PartnerTier;
  // Not columns: the partner's period before this one, read by evaluations.service.ts in the same statement.
  @Field(() => String, { nullable: true, description: 'The partner’s evaluated period before this one' })
  previousPeriod: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Score of the previous evaluation; null for the first' })
  previousScore: string | null;
  @Field(() => PartnerTier, { nullable: true, description: 'Tier of the previous evaluation; null for the first' })
  previousTier: PartnerTier | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Score − previousScore (null for the first period)' })
  scoreChange: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "The evaluator's comments" })
  notes: string | null;
  @Column('uuid', { name: 'evaluated_by' })
  @Field(() => ID, { description: 'Id of the person who evaluated it (the person: evaluatedBy)' })
  evaluatedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the partner evaluation was recorded' })
  createdAt: Date;
}

@Entity('partner_disputes')
@ObjectType('PartnerDispute', { description: 'A dispute with a partner, handled and logged' })
export class PartnerDispute {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the partner dispute belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the partner dispute' }) id: string;
  @Column('uuid', { name: 'partner_id' })
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' })
  partnerId: string;
  @Column('text') @Field({ description: 'One line summary' }) subject: string;
  @Column('text') @Field({ description: 'What happened' }) description: string;
  @Column('text', { default: 'OPENED' })
  @Field(() => DisputeState, { description: 'Where the dispute stands' })
  state: DisputeState;
  @Column('uuid', { name: 'handler_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who handles it (from HANDLING on)' })
  handlerId: string | null;
  @Column('text', { name: 'handling_notes', nullable: true })
  @Field(() => String, { nullable: true, description: 'How it is being handled' })
  handlingNotes: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'How it was settled; null until CLOSED' })
  resolution: string | null;
  @Column('timestamptz', { name: 'opened_at', default: () => 'now()' })
  @Field({ description: 'When it was logged' })
  openedAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was settled; null before' })
  closedAt: Date | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('partner_support_records')
@ObjectType('PartnerSupportRecord', { description: 'Training, support or resources given to a partner' })
export class PartnerSupportRecord {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, {
    description: 'Id of the branch the partner support record belongs to (its code and name: branch)',
  })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the partner support record' }) id: string;
  @Column('uuid', { name: 'partner_id' })
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' })
  partnerId: string;
  @Column('text')
  @Field(() => SupportKind, { description: 'Training, technical or marketing support, or resources' })
  kind: SupportKind;
  @Column('date', { name: 'given_on' })
  @Field(() => GraphQLDate, { description: 'Business day it was given' })
  givenOn: string;
  @Column('text') @Field({ description: 'What it was about' }) topic: string;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Details' }) details:
    string | null;
  @Column('integer', { nullable: true })
  @Field(() => Int, { nullable: true, description: 'People of the partner who attended' })
  attendees: number | null;
  @Column('uuid', { name: 'recorded_by' })
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' })
  recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('partner_end_users')
@ObjectType('PartnerEndUser', { description: 'A customer of a partner: who they are and what they bought' })
export class PartnerEndUser {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the partner end user belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the partner end user' }) id: string;
  @Column('uuid', { name: 'partner_id' })
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' })
  partnerId: string;
  @Column('text') @Field({ description: "End user's company name" }) name: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "End user's industry" })
  industry: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "End user's region" })
  region: string | null;
  @Column('text') @Field({ description: 'What they bought' }) purchased: string;
  @Column('date', { name: 'purchased_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day of their purchase' })
  purchasedOn: string | null;
  @Column('uuid', { name: 'recorded_by' })
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' })
  recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the partner end user was recorded' })
  createdAt: Date;
}

export const Partners = defineTable(Partner, { module: 'channels', noun: 'Partner' });
export const PartnerContacts = defineTable(PartnerContact, { module: 'channels', noun: 'PartnerContact' });
export const PartnerAgreements = defineTable(PartnerAgreement, { module: 'channels', noun: 'PartnerAgreement' });
export const ChannelSettingsTable = defineTable(ChannelSettings, { module: 'channels', noun: 'ChannelSettings' });
export const PartnerEvaluations = defineTable(PartnerEvaluation, { module: 'channels', noun: 'PartnerEvaluation' });
export const PartnerDisputes = defineTable(PartnerDispute, { module: 'channels', noun: 'PartnerDispute' });
export const PartnerSupportRecords = defineTable(PartnerSupportRecord, {
  module: 'channels',
  noun: 'PartnerSupportRecord',
});
export const PartnerEndUsers = defineTable(PartnerEndUser, { module: 'channels', noun: 'PartnerEndUser' });
