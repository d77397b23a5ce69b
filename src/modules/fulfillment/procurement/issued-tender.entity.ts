import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { IssuedTenderState } from './issued-tender.enums.js';

@Entity('issued_tenders')
@ObjectType('IssuedTender', { description: 'A tender the company issues (招标) for a procurement request' })
export class IssuedTender {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch issuing it (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the tender' }) id: string;
  @Column('text')
  @Field({ description: 'Its number, gap-free per branch and year (IT-<branch>-<year>-<n>)' })
  number: string;
  @Column('uuid', { name: 'request_id' })
  @Field(() => ID, { description: 'Id of the procurement request it sources' })
  requestId: string;
  @Column('text') @Field({ description: 'Title of the tender' }) title: string;
  @Column('text')
  @Field({ description: 'Scope: what is bought, requirements, place and date of delivery' })
  scope: string;
  @Column('text', { default: 'DRAFT' })
  @Field(() => IssuedTenderState, { description: 'Where it is' })
  state: IssuedTenderState;
  @Column('boolean', { name: 'open_bidding', default: false })
  @Field({ description: 'Open to any supplier (true) or to the invited ones only' })
  openBidding: boolean;
  @Column('character', { length: 3 }) @Field({ description: 'ISO 4217 currency of the bids' }) currency: string;
  @Column('timestamptz', { name: 'submission_deadline' })
  @Field({ description: 'Bids are received until this instant' })
  submissionDeadline: Date;
  @Column('timestamptz', { name: 'opening_at' })
  @Field({ description: 'When the bids are opened (not before the deadline)' })
  openingAt: Date;
  @Column('numeric', { name: 'price_weight', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Weight of the price score; with the criteria’s weights it sums to 100' })
  priceWeight: string;
  @Column('timestamptz', { name: 'announced_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was announced' })
  announcedAt: Date | null;
  @Column('timestamptz', { name: 'opened_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the bids were opened (amounts are sealed before)' })
  openedAt: Date | null;
  @Column('uuid', { name: 'tie_break_bid_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The bid the chair preferred among those tied for first' })
  tieBreakBidId: string | null;
  @Column('text', { name: 'tie_break_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the chair preferred it' })
  tieBreakReason: string | null;
  @Column('uuid', { name: 'winner_bid_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The winning bid' })
  winnerBidId: string | null;
  @Column('uuid', { name: 'quotation_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The winner’s offer, recorded as a supplier quotation' })
  quotationId: string | null;
  @Column('uuid', { name: 'purchase_contract_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The purchase contract awarded from the winner’s offer; null when the buyer awards it',
  })
  purchaseContractId: string | null;
  @Column('timestamptz', { name: 'awarded_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the winner was chosen' })
  awardedAt: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it failed or was cancelled' })
  endedAt: Date | null;
  @Column('text', { name: 'ended_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it failed or was cancelled' })
  endedReason: string | null;
  @Column('uuid', { name: 'created_by' }) @Field(() => ID, { description: 'Id of who drafted it' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was drafted' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('issued_tender_lines')
@ObjectType('IssuedTenderLine', { description: 'A procurement request line a tender covers' })
export class IssuedTenderLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the tender line' }) id: string;
  @Column('uuid', { name: 'tender_id' }) tenderId: string;
  @Column('integer') @Field(() => Int, { description: 'Position, from 1' }) position: number;
  @Column('uuid', { name: 'request_line_id' })
  @Field(() => ID, { description: 'Id of the procurement request line' })
  requestLineId: string;
}

@Entity('issued_tender_criteria')
@ObjectType('IssuedTenderCriterion', { description: 'A technical evaluation criterion and its weight' })
export class IssuedTenderCriterion {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the criterion' }) id: string;
  @Column('uuid', { name: 'tender_id' }) tenderId: string;
  @Column('integer') @Field(() => Int, { description: 'Position, from 1' }) position: number;
  @Column('text') @Field({ description: 'What is scored (e.g. technical solution, service)' }) name: string;
  @Column('numeric', { precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Weight, out of 100 with the price weight' })
  weight: string;
}

@Entity('issued_tender_members')
@ObjectType('IssuedTenderMember', { description: 'A member of the evaluation committee' })
export class IssuedTenderMember {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tender_id' }) tenderId: string;
  @Column('uuid', { name: 'user_id' })
  @Field(() => ID, { description: 'Id of the person (as an object: person)' })
  userId: string;
  @Column('boolean', { default: false }) @Field({ description: 'Chairs the committee' }) chair: boolean;
}

@Entity('issued_tender_suppliers')
@ObjectType('IssuedTenderSupplier', { description: 'A supplier invited to bid' })
export class IssuedTenderSupplier {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tender_id' }) tenderId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'vendor_id' }) @Field(() => ID, { description: 'Id of the supplier' }) vendorId: string;
}

@Entity('issued_tender_bids')
@ObjectType('IssuedTenderBid', { description: 'A supplier’s sealed bid (its latest revision)' })
export class IssuedTenderBid {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the bid' }) id: string;
  @Column('uuid', { name: 'tender_id' }) @Field(() => ID, { description: 'Id of the tender' }) tenderId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'vendor_id' })
  @Field(() => ID, { description: 'Id of the supplier (as an object: supplier)' })
  vendorId: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The bid price (sum of its lines); null while sealed' })
  amount: string | null;
  @Column('integer', { name: 'lead_time_days' })
  @Field(() => Int, { description: 'Days from contract to delivery' })
  leadTimeDays: number;
  @Column('date', { name: 'valid_until' })
  @Field(() => GraphQLDate, { description: 'Last business day the bid holds' })
  validUntil: string;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free note' }) note:
    string | null;
  @Column('integer', { default: 1 }) @Field(() => Int, { description: 'Revision, from 1' }) revision: number;
  @Column('timestamptz', { name: 'received_at' })
  @Field({ description: 'When its latest revision came in' })
  receivedAt: Date;
  @Column('uuid', { name: 'recorded_by' }) @Field(() => ID, { description: 'Who recorded it' }) recordedById: string;
  @Column('text', { name: 'disqualified_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the committee found it not valid; null: valid' })
  disqualifiedReason: string | null;
}

@Entity('issued_tender_bid_lines')
@ObjectType('IssuedTenderBidLine', { description: 'A bid’s price for one line of the tender' })
export class IssuedTenderBidLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'bid_id' }) bidId: string;
  @Column('uuid', { name: 'tender_line_id' })
  @Field(() => ID, { description: 'Id of the tender line' })
  tenderLineId: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Price per unit; null while sealed' })
  unitPrice: string | null;
  @Column('numeric', { name: 'line_total', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Quantity × unit price; null while sealed' })
  lineTotal: string | null;
}

@Entity('issued_tender_scores')
@ObjectType('IssuedTenderScore', { description: 'A committee member’s score of a bid on a technical criterion' })
export class IssuedTenderScore {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tender_id' }) tenderId: string;
  @Column('uuid', { name: 'bid_id' }) @Field(() => ID, { description: 'Id of the bid scored' }) bidId: string;
  @Column('uuid', { name: 'criterion_id' })
  @Field(() => ID, { description: 'Id of the criterion scored' })
  criterionId: string;
  @Column('uuid', { name: 'member_id' }) @Field(() => ID, { description: 'Id of the member (user)' }) memberId: string;
  @Column('numeric', { precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: '0 to 100' })
  score: string;
  @Column('timestamptz', { name: 'scored_at', default: () => 'now()' })
  @Field({ description: 'When it was last scored' })
  scoredAt: Date;
}

/** The last issued tender number given per branch and year (gap-free). */
@Entity('issued_tender_counters')
export class IssuedTenderCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

const table = { module: 'fulfillment' } as const;
export const IssuedTenders = defineTable(IssuedTender, { ...table, noun: 'IssuedTender' });
export const IssuedTenderLines = defineTable(IssuedTenderLine, { ...table, noun: 'IssuedTenderLine' });
export const IssuedTenderCriteria = defineTable(IssuedTenderCriterion, { ...table, noun: 'IssuedTenderCriterion' });
export const IssuedTenderMembers = defineTable(IssuedTenderMember, { ...table, noun: 'IssuedTenderMember' });
export const IssuedTenderSuppliers = defineTable(IssuedTenderSupplier, { ...table, noun: 'IssuedTenderSupplier' });
export const IssuedTenderBids = defineTable(IssuedTenderBid, { ...table, noun: 'IssuedTenderBid' });
export const IssuedTenderBidLines = defineTable(IssuedTenderBidLine, { ...table, noun: 'IssuedTenderBidLine' });
export const IssuedTenderScores = defineTable(IssuedTenderScore, { ...table, noun: 'IssuedTenderScore' });
export const IssuedTenderCounters = defineTable(IssuedTenderCounter, { ...table, noun: 'IssuedTenderCounter' });
