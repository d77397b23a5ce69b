import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';

@Entity('notifications')
@ObjectType('Notification', {
  description: 'A notice for you: a reminder, an approval waiting, an escalation, a digest',
})
export class Notification {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the notification belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the notification' }) id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('text') @Field({ description: 'What happened, e.g. CUSTOMER_CONTACT_DUE' }) kind: string;
  @Column('text') @Field({ description: 'One line to show' }) title: string;
  @Column('text', { default: '' }) @Field({ description: 'Details' }) body: string;
  @Column('text', { name: 'subject_type', nullable: true })
  @Field(() => String, { nullable: true, description: 'What it is about, e.g. approval_request, customer, contract' })
  subjectType: string | null;
  @Column('uuid', { name: 'subject_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of what it is about' })
  subjectId: string | null;
  /** One notification per key and branch: a retried job cannot notify twice. */
  @Column('text', { name: 'dedupe_key' }) dedupeKey: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the notification was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread' })
  readAt: Date | null;
}

export const Notifications = defineTable(Notification, { module: 'notifications', noun: 'Notification' });
