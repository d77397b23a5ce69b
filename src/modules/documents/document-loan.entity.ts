import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { branchToday, defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { LoanMedium, LoanState, ReturnCondition } from './document-loan.enums.js';

/** A LENT loan past its due day in the branch's time zone. */
export const LOAN_OVERDUE_SQL = (t: string) =>
  `(${t}.state = 'LENT' AND ${t}.due_on < ${branchToday(`${t}.branch_id`)})`;

@Entity('document_loans')
@ObjectType('DocumentLoan', { description: 'A loan of a document (借阅): requested, approved, due, renewed, returned' })
export class DocumentLoan {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the document belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the loan' }) id: string;
  @Column('uuid', { name: 'document_id' })
  @Field(() => ID, { description: 'Id of the document lent (the document itself: document)' })
  documentId: string;
  @Column('uuid', { name: 'borrower_id' })
  @Field(() => ID, { description: 'Id of the borrower (who asked)' })
  borrowerId: string;
  @Column('text') @Field(() => LoanMedium, { description: 'The paper original or a copy' }) medium: LoanMedium;
  @Column('text') @Field({ description: 'What it is borrowed for' }) purpose: string;
  @Column('integer', { name: 'working_days' })
  @Field(() => Int, { description: 'For how many working days (branch calendar), counted from the approval day' })
  workingDays: number;
  @Column('text', { default: 'REQUESTED' })
  @Field(() => LoanState, { description: 'Where the loan is' })
  state: LoanState;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request (subject DOCUMENT_LOAN)' })
  approvalRequestId: string | null;
  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  @Field({ description: 'When it was asked for' })
  requestedAt: Date;
  @Column('timestamptz', { name: 'lent_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was approved and lent' })
  lentAt: Date | null;
  @Column('date', { name: 'due_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'The working day it is due back (branch calendar)' })
  dueOn: string | null;
  @VirtualColumn('boolean', { query: LOAN_OVERDUE_SQL })
  @Field({ description: 'Out and past its due day (branch time zone)' })
  overdue: boolean;
  @Column('integer', { default: 0 })
  @Field(() => Int, { description: 'How many times it was renewed (at most 2)' })
  renewals: number;
  @Column('timestamptz', { name: 'returned_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it came back' })
  returnedAt: Date | null;
  @Column('text', { name: 'return_condition', nullable: true })
  @Field(() => ReturnCondition, { nullable: true, description: 'What the archivist found' })
  returnCondition: ReturnCondition | null;
  @Column('text', { name: 'return_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'The archivist’s note on the return' })
  returnNote: string | null;
  @Column('uuid', { name: 'received_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who received it back' })
  receivedById: string | null;
  /** The worker's progress: 0 nothing sent, 1 due-day reminder, 2 overdue notice, 3 escalated. */
  @Column('integer', { name: 'notice_stage', default: 0 }) noticeStage: number;
  @Column('timestamptz', { name: 'next_notice_at', nullable: true }) nextNoticeAt: Date | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

export const DocumentLoans = defineTable(DocumentLoan, { module: 'documents', noun: 'DocumentLoan' });
