import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';

@Entity('instrument_handovers')
@ObjectType('InstrumentHandover', {
  description: 'A cheque, bank acceptance bill or bank draft handed to finance by whoever received it (who, when)',
})
export class InstrumentHandover {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the hand-over' }) id: string;
  @Column('uuid', { name: 'receipt_id' })
  @Field(() => ID, { description: 'Id of the receipt the instrument paid' })
  receiptId: string;
  @Column('uuid', { name: 'handed_by' })
  @Field(() => ID, { description: 'Who received the instrument and handed it over' })
  handedById: string;
  @Column('uuid', { name: 'accepted_by' })
  @Field(() => ID, { description: 'Who in finance took it' })
  acceptedById: string;
  @Column('timestamptz', { name: 'handed_at' }) @Field({ description: 'When it was handed over' }) handedAt: Date;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Finance’s note' })
  note: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the hand-over was recorded' })
  createdAt: Date;
}

/** One row per instrument found not handed over by the close of its receiving day: its notice went once. */
@Entity('instrument_breaches')
export class InstrumentBreachNotice {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  /** The receipt's id. */
  @PrimaryColumn('uuid') id: string;
  @Column('timestamptz', { name: 'notified_at', default: () => 'now()' }) notifiedAt: Date;
}

export const InstrumentHandovers = defineTable(InstrumentHandover, { module: 'finance', noun: 'InstrumentHandover' });
export const InstrumentBreachNotices = defineTable(InstrumentBreachNotice, {
  module: 'finance',
  noun: 'InstrumentBreachNotice',
});
