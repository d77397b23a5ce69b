import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('complaint_settings')
export class ComplaintSettingsEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('integer', { name: 'critical_hours', default: 4 }) criticalHours: number;
  @Column('integer', { name: 'high_hours', default: 24 }) highHours: number;
  @Column('integer', { name: 'medium_hours', default: 72 }) mediumHours: number;
  @Column('integer', { name: 'low_hours', default: 120 }) lowHours: number;
  @Column('boolean', { name: 'working_time', default: false }) workingTime: boolean;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('complaints')
export class ComplaintEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('text') channel: string;
  @Column('text') category: string;
  @Column('text') severity: string;
  @Column('text') description: string;
  @Column('text', { default: 'RECEIVED' }) state: string;
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' }) receivedAt: Date;
  @Column('integer', { name: 'response_hours' }) responseHours: number;
  @Column('boolean', { name: 'working_time' }) workingTime: boolean;
  @Column('timestamptz', { name: 'response_due_at' }) responseDueAt: Date;
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt: Date | null;
  @Column('text', { name: 'root_cause', nullable: true }) rootCause: string | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('smallint', { name: 'escalation_level', default: 0 }) escalationLevel: number;
  @Column('timestamptz', { name: 'next_escalation_at', nullable: true }) nextEscalationAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('complaint_events')
export class ComplaintEventEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId: string;
  @Column('text') action: string;
  @Column('text', { name: 'from_state', nullable: true }) fromState: string | null;
  @Column('text', { name: 'to_state' }) toState: string;
  @Column('smallint', { nullable: true }) level: number | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
}
