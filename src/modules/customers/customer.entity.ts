import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CustomerTier = 'HIGH' | 'MEDIUM' | 'LOW';
export type CustomerStatus = 'ACTIVE' | 'ARCHIVED';
export type ContactChannel = 'VISIT' | 'PHONE' | 'VIDEO' | 'EMAIL' | 'MESSAGE' | 'OTHER';

@Entity('customers')
export class CustomerEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') tier: CustomerTier;
  @Column('text', { default: 'ACTIVE' }) status: CustomerStatus;
  @Column('text', { nullable: true }) industry: string | null;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) address: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('timestamptz', { name: 'last_contact_at', nullable: true }) lastContactAt: Date | null;
  @Column('timestamptz', { name: 'next_contact_due_at' }) nextContactDueAt: Date;
  @Column('timestamptz', { name: 'contact_reminded_due_at', nullable: true }) contactRemindedDueAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column('timestamptz', { name: 'archived_at', nullable: true }) archivedAt: Date | null;
  @Column('uuid', { name: 'lead_id', nullable: true }) leadId: string | null;
  @Column('uuid', { name: 'account_manager_id', nullable: true }) accountManagerId: string | null;
}

@Entity('customer_contacts')
export class CustomerContactEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('boolean', { name: 'is_primary', default: false }) isPrimary: boolean;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('contact_logs')
export class ContactLogEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'contact_id', nullable: true }) contactId: string | null;
  @Column('text') channel: ContactChannel;
  @Column('text') summary: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('uuid', { name: 'logged_by' }) loggedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('branch_settings')
export class BranchSettingsEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('integer', { name: 'contact_cadence_high_days', default: 7 }) contactCadenceHighDays: number;
  @Column('integer', { name: 'contact_cadence_medium_days', default: 15 }) contactCadenceMediumDays: number;
  @Column('integer', { name: 'contact_cadence_low_days', default: 30 }) contactCadenceLowDays: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
