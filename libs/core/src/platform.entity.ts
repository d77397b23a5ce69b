import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The audit trail and the outbox belong to the platform, not to one module. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'request_id', nullable: true }) requestId: string | null;
  @Column('text') entity: string;
  @Column('uuid', { name: 'entity_id' }) entityId: string;
  @Column('text') action: string;
  @Column('jsonb', { nullable: true }) before: unknown;
  @Column('jsonb', { nullable: true }) after: unknown;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('outbox')
export class OutboxEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'job_name' }) jobName: string;
  @Column('jsonb') payload: unknown;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  /** When the relay hands the row to BullMQ (again); null once finished or failed. */
  @Column('timestamptz', { name: 'relay_at', nullable: true, default: () => 'now()' }) relayAt: Date | null;
  @Column('integer', { default: 0 }) publishes: number;
  /** Set in the handler's own transaction, with its effect: the row's work is done. */
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  /** The handler failed on its last attempt; kept and counted, not relayed again. */
  @Column('timestamptz', { name: 'failed_at', nullable: true }) failedAt: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
}
