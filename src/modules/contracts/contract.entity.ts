import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { ContractState } from './contract-state.js';
import { ContractVersionStatus, SignatorySide } from './contract.enums.js';

/** A jsonb list column that may be null in the table: read as an empty list. */
const LIST = { from: (v: unknown) => v ?? [], to: (v: unknown) => v };

@ObjectType('Signatory', { description: 'An authorised representative who signed a contract' })
export class Signatory {
  @Field({ description: 'Full name' }) name: string;
  @Field(() => SignatorySide, { description: 'Our company or the customer' }) side: SignatorySide;
}

@ObjectType('ContractSpecialFee', { description: 'A fee outside the standard price list that a contract carries' })
export class ContractSpecialFee {
  @Field({ description: 'What the fee is for' }) description: string;
  @Field(() => GraphQLDecimal, { description: 'In the contract currency' }) amount: string;
}

@Entity('contracts')
@ObjectType('Contract', {
  description:
    'A contract (合同) with a customer, from application through legal review, negotiation, approval and signing to performance',
})
export class Contract {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the contract belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contract' }) id: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' })
  customerId: string;
  @Column('text') @Field({ description: 'What the contract is about, as people refer to it' }) title: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Contract value, in currency (the branch currency)' })
  amount: string;
  @Column('character', { length: 3 }) @Field({ description: 'ISO 4217 currency of the amounts' }) currency: string;
  @Column('date', { name: 'starts_on' })
  @Field(() => GraphQLDate, { description: 'First day of the term (business day, branch time zone)' })
  startsOn: string;
  @Column('date', { name: 'ends_on' })
  @Field(() => GraphQLDate, { description: 'Last day of the term (business day, branch time zone)' })
  endsOn: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' })
  ownerId: string;
  @Column('text', { name: 'special_terms', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Terms that deviate from the standard (need their own prior approval)',
  })
  specialTerms: string | null;
  @Column('text', { default: 'DRAFT' })
  @Field(() => ContractState, { description: 'Where the contract is in its lifecycle' })
  state: ContractState;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Given at signing, unique in the branch' })
  number: string | null;
  @Column('date', { name: 'signed_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day of signing; null until signed' })
  signedOn: string | null;
  @Column('jsonb', { nullable: true, transformer: LIST })
  @Field(() => [Signatory], { description: 'The authorised representatives who signed, for both sides' })
  signatories: Signatory[];
  @Column('boolean', { name: 'original_received', default: false })
  @Field({ description: 'The signed original is in the archive' })
  originalReceived: boolean;
  @Column('text', { name: 'termination_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was terminated; null unless TERMINATED' })
  terminationReason: string | null;
  @Column('integer', { default: 0 })
  @Field(() => Int, { description: 'The effective version: 1 at signing, +1 per approved amendment' })
  version: number;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the approval request (as an object: approvalRequest)' })
  approvalRequestId: string | null;
  @Column('uuid', { name: 'renewed_from_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The contract this one renews' })
  renewedFromId: string | null;
  /** The threshold (days before the end) of the next end-of-term reminder (contract-due-dates.ts). */
  @Column('smallint', { name: 'expiry_reminder_days', nullable: true }) expiryReminderDays: number | null;
  /** When the worker sends that reminder. */
  @Column('timestamptz', { name: 'next_expiry_reminder_at', nullable: true }) nextExpiryReminderAt: Date | null;
  /** When the worker next checks for the signed original (signed without it). */
  @Column('timestamptz', { name: 'original_check_at', nullable: true }) originalCheckAt: Date | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the contract was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the contract last changed' })
  updatedAt: Date;
  @Column('uuid', { name: 'legal_review_request_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The latest LEGAL_REVIEW request; cleared when a material change voids the legal approval',
  })
  legalReviewRequestId: string | null;
  @Column('text', { name: 'non_standard_price', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'How the price departs from the standard price; set means the contract carries a non-standard price',
  })
  nonStandardPrice: string | null;
  @Column('jsonb', { name: 'special_fees', default: () => `'[]'`, transformer: LIST })
  @Field(() => [ContractSpecialFee], { description: 'Special fees outside the standard price list' })
  specialFees: ContractSpecialFee[];
  @Column('uuid', { name: 'special_terms_request_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The latest SPECIAL_TERMS request; cleared when the special terms, price or fees change',
  })
  specialTermsRequestId: string | null;
}

@Entity('contract_negotiation_rounds')
@ObjectType('NegotiationRound', { description: 'One negotiation round with the customer' })
export class NegotiationRound {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the negotiation round' }) id: string;
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'Id of the contract negotiated' })
  contractId: string;
  @Column('integer') @Field(() => Int, { description: '1 for the first round, then 2, 3, ...' }) round: number;
  @Column('date', { name: 'held_on' })
  @Field(() => GraphQLDate, { description: 'Business day of the round' })
  heldOn: string;
  @Column('text') @Field({ description: 'Who negotiated for the customer' }) counterpart: string;
  @Column('text') @Field({ description: 'The points discussed' }) points: string;
  @Column('text') @Field({ description: 'What was agreed or left open' }) outcome: string;
  @Column('uuid', { name: 'recorded_by' })
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' })
  recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the negotiation round was recorded' })
  createdAt: Date;
}

/** The terms a version keeps (contract-diff.ts compares them). */
@ObjectType('ContractTerms', { description: 'The terms a version keeps' })
export class ContractTermsView {
  @Field({ description: 'Contract title' }) title: string;
  @Field(() => GraphQLDecimal, { description: 'Contract value, in currency' }) amount: string;
  @Field({ description: 'ISO 4217 currency' }) currency: string;
  @Field(() => GraphQLDate, { description: 'First day of the term' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day of the term' }) endsOn: string;
  @Field(() => String, { nullable: true, description: 'Non-standard terms, if any' }) specialTerms: string | null;
}

@Entity('contract_versions')
@ObjectType('ContractVersion', {
  description: "A version of a contract's terms: the original, or an amendment with its approval",
})
export class ContractVersion {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contract version' }) id: string;
  @Column('uuid', { name: 'contract_id' }) @Field(() => ID, { description: 'Id of the contract' }) contractId: string;
  @Column('integer')
  @Field(() => Int, { description: '1 for the original terms, then 2, 3, ... per amendment' })
  version: number;
  @Column('text')
  @Field(() => ContractVersionStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: ContractVersionStatus;
  @Column('jsonb', { name: 'snapshot' })
  @Field(() => ContractTermsView, { description: 'The terms of this version' })
  terms: ContractTermsView;
  @Column('text') @Field({ description: "Why the terms changed (the amendment's reason)" }) reason: string;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: "Id of the amendment's approval request; null for the original terms",
  })
  approvalRequestId: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the contract version was recorded' })
  createdAt: Date;
}

@Entity('contract_events')
@ObjectType('ContractEvent', { description: 'One entry of a contract timeline' })
export class ContractEvent {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contract event' }) id: string;
  @Column('uuid', { name: 'contract_id' }) contractId: string;
  @Column('text')
  @Field({ description: 'What happened, e.g. CREATED, STATE_CHANGED, SIGNED, AMENDED, REASSIGNED' })
  action: string;
  @Column('text', { name: 'from_state', nullable: true })
  @Field(() => ContractState, {
    nullable: true,
    description: 'State before a move; null for changes that are not moves',
  })
  fromState: ContractState | null;
  @Column('text', { name: 'to_state', nullable: true })
  @Field(() => ContractState, {
    nullable: true,
    description: 'State after a move; null for changes that are not moves',
  })
  toState: ContractState | null;
  @Column('uuid', { name: 'actor_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the actor (as an object: actor)' })
  actorId: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Reason or note given with it' })
  note: string | null;
  @Column('timestamptz', { default: () => 'now()' }) @Field({ description: 'When it happened' }) at: Date;
  /** Insertion order within the same instant (timeline order: at, seq). */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq: string;
}

/** The last contract number given per branch and year (signing takes the next, gap-free). */
@Entity('contract_number_counters')
export class ContractNumberCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

@Entity('contract_settings')
@ObjectType('ContractSettings', { description: 'Per-branch rules of the contracts module' })
export class ContractSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the contract settings belongs to' })
  branchId: string;
  @Column('text', { name: 'number_rule', default: () => `'{BRANCH}-HT-{YYYY}-{NNNN}'` })
  @Field({ description: 'How signed contracts are numbered: {BRANCH}, {YYYY} and {NNNN} (3 to 8 N) are replaced' })
  numberRule: string;
  @Column('smallint', { name: 'expiry_reminder_days', array: true, default: () => `'{90,30,7}'` })
  @Field(() => [Int], { description: 'Days before the end of term at which the owner is reminded' })
  expiryReminderDays: number[];
  @Column('numeric', { name: 'quote_discount_limit_percent', precision: 5, scale: 2, default: 10 })
  @Field(() => GraphQLDecimal, {
    description: 'The standard discount limit of quotes, in percent: a quote beyond it is approved before it is sent',
  })
  quoteDiscountLimitPercent: string;
  @Column('smallint', { name: 'quote_expiry_reminder_days', default: 3 })
  @Field(() => Int, { description: 'Days before a sent quote’s validity date at which its owner is reminded' })
  quoteExpiryReminderDays: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const Contracts = defineTable(Contract, { module: 'contracts', noun: 'Contract' });
export const ContractNegotiationRounds = defineTable(NegotiationRound, {
  module: 'contracts',
  noun: 'NegotiationRound',
});
export const ContractVersions = defineTable(ContractVersion, { module: 'contracts', noun: 'ContractVersion' });
export const ContractEvents = defineTable(ContractEvent, { module: 'contracts', noun: 'ContractEvent' });
export const ContractNumberCounters = defineTable(ContractNumberCounter, {
  module: 'contracts',
  noun: 'ContractNumberCounter',
});
export const ContractSettingsTable = defineTable(ContractSettings, {
  module: 'contracts',
  noun: 'ContractSettings',
});
