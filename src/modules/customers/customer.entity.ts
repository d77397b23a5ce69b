import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { ContactChannelEnum, CustomerStatusEnum, CustomerTierEnum } from './customer.enums.js';

@Entity('customers')
@ObjectType('Customer', {
  description:
    'A customer record (客户档案) of a branch: a commercial secret, seen by its owner, the branch managers and head office',
})
export class Customer {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the customer belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the customer' }) id: string;
  @Column('text') @Field({ description: 'Company name' }) name: string;
  @Column('text')
  @Field(() => CustomerTierEnum, {
    description: "Value tier from the trailing 12 months' purchases; sets the contact cadence",
  })
  tier: CustomerTierEnum;
  @Column('text', { default: 'ACTIVE' })
  @Field(() => CustomerStatusEnum, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: CustomerStatusEnum;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Industry, e.g. Logistics' })
  industry: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Region, e.g. East China' })
  region: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Company e-mail' })
  email: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Company telephone' })
  phone: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Postal or site address' })
  address: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Free notes' })
  notes: string | null;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' })
  ownerId: string;
  @Column('timestamptz', { name: 'last_contact_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer was last contacted (the latest contact log)' })
  lastContactAt: Date | null;
  @Column('timestamptz', { name: 'next_contact_due_at' })
  @Field({ description: 'The instant the customer becomes overdue: the end of the due business day' })
  nextContactDueAt: Date;
  /** The due date the owner was last reminded of (the worker's mark; not read with the row). */
  @Column('timestamptz', { name: 'contact_reminded_due_at', nullable: true, select: false })
  contactRemindedDueAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the customer was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the customer last changed' })
  updatedAt: Date;
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was archived; null while ACTIVE' })
  archivedAt: Date | null;
  @Column('uuid', { name: 'lead_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The lead this customer was converted from' })
  leadId: string | null;
  @Column('uuid', { name: 'account_manager_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The dedicated account manager (high-value customers must have one)',
  })
  accountManagerId: string | null;
}

@Entity('customer_contacts')
@ObjectType('CustomerContact', { description: 'A person at the customer' })
export class CustomerContact {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the customer contact' }) id: string;
  @Column('uuid', { name: 'customer_id' }) @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Column('text') @Field({ description: 'Full name' }) name: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Job title, e.g. Purchasing manager' })
  title: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Direct telephone or mobile' })
  phone: string | null;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'E-mail' }) email:
    string | null;
  @Column('boolean', { name: 'is_primary', default: false })
  @Field({ description: 'The main contact (one per customer)' })
  isPrimary: boolean;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('contact_logs')
@ObjectType('ContactLog', { description: 'One recorded contact with a customer' })
export class ContactLog {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contact log' }) id: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer contacted' })
  customerId: string;
  @Column('uuid', { name: 'contact_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: "Id of the customer's contact person spoken to; null if not recorded",
  })
  contactId: string | null;
  @Column('text')
  @Field(() => ContactChannelEnum, { description: 'How the customer was contacted' })
  channel: ContactChannelEnum;
  @Column('text') @Field({ description: 'What was discussed' }) summary: string;
  @Column('timestamptz', { name: 'occurred_at' })
  @Field({ description: "When the contact took place; moves the next contact due date by the tier's cadence" })
  occurredAt: Date;
  @Column('uuid', { name: 'logged_by' })
  @Field(() => ID, { description: 'Id of the person who logged it (the person: loggedBy)' })
  loggedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the contact log was recorded' })
  createdAt: Date;
}

@Entity('branch_settings')
@ObjectType('BranchSettings', { description: 'Per-branch rules of the customers module' })
export class BranchSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the branch settings belongs to' })
  branchId: string;
  @Column('integer', { name: 'contact_cadence_high_days', default: 7 })
  @Field(() => Int, { description: 'Days between contacts for HIGH tier customers' })
  contactCadenceHighDays: number;
  @Column('integer', { name: 'contact_cadence_medium_days', default: 15 })
  @Field(() => Int, {
    description: 'Days between contacts for a MEDIUM-tier customer (default 15: twice a month, phone or video)',
  })
  contactCadenceMediumDays: number;
  @Column('integer', { name: 'contact_cadence_low_days', default: 30 })
  @Field(() => Int, {
    description: 'Days between contacts for a LOW-tier customer (default 30: monthly, e-mail or online)',
  })
  contactCadenceLowDays: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const Customers = defineTable(Customer, { module: 'customers', noun: 'Customer' });
/** Noun "Contact": the NOT_FOUND error names it so (audit rows say customer_contact, written by hand). */
export const CustomerContacts = defineTable(CustomerContact, { module: 'customers', noun: 'Contact' });
export const ContactLogs = defineTable(ContactLog, { module: 'customers', noun: 'ContactLog' });
export const BranchSettingsTable = defineTable(BranchSettings, { module: 'customers', noun: 'BranchSettings' });
