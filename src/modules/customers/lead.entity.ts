import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('leads')
export class LeadEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') source: string;
  @Column('text') company: string;
  @Column('text', { name: 'contact_name', nullable: true }) contactName: string | null;
  @Column('text', { name: 'contact_role', nullable: true }) contactRole: string | null;
  @Column('text', { nullable: true }) mobile: string | null;
  @Column('text', { name: 'messaging_account', nullable: true }) messagingAccount: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) switchboard: string | null;
  @Column('text', { name: 'mobile_key', nullable: true }) mobileKey: string | null;
  @Column('text', { name: 'switchboard_key', nullable: true }) switchboardKey: string | null;
  /** Kept by the leads_validity trigger from the columns above. */
  @Column('boolean', { default: false }) valid: boolean;
  @Column('text', { array: true, default: '{}' }) missing: string[];
  @Column('text', { default: 'PENDING' }) screening: string;
  @Column('text', { name: 'screening_note', nullable: true }) screeningNote: string | null;
  @Column('timestamptz', { name: 'screened_at', nullable: true }) screenedAt: Date | null;
  @Column('uuid', { name: 'screened_by', nullable: true }) screenedBy: string | null;
  @Column('text', { default: 'OPEN' }) state: string;
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId: string | null;
  @Column('timestamptz', { name: 'converted_at', nullable: true }) convertedAt: Date | null;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('lead_events')
export class LeadEventEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'lead_id' }) leadId: string;
  @Column('text') kind: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'actor_id' }) actorId: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'clock_timestamp()' }) createdAt: Date;
}
