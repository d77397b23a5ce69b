import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from './table.js';

/** jsonb read as the JSON text the API shows (null stays null); written by writeAudit, never through the entity. */
const JSON_TEXT = {
  from: (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v)),
  to: (v: unknown) => v,
};

/**
 * The audit trail and the outbox belong to the platform, not to one module: libs/core writes the audit rows
 * (writeAudit), the branches module shows them (auditLog), libs/jobs owns the outbox.
 */
@Entity('audit_log')
@ObjectType('AuditEntry', {
  description: 'One change recorded in the audit log: who, which branch, what, before and after',
})
export class AuditLog {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'The branch the change belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the audit entry' }) id: string;
  @Column('uuid', { name: 'actor_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who made the change; null for background work' })
  actorId: string | null;
  @Column('text', { name: 'request_id', nullable: true })
  @Field(() => String, { nullable: true, description: 'The request that made the change (X-Request-Id)' })
  requestId: string | null;
  @Column('text')
  @Field({ description: 'What kind of record changed, e.g. customer, contract, user' })
  entity: string;
  @Column('uuid', { name: 'entity_id' })
  @Field(() => ID, { description: 'The id of the record that changed' })
  entityId: string;
  @Column('text') @Field({ description: 'What was done, e.g. create, update, disable' }) action: string;
  @Column('jsonb', { nullable: true, transformer: JSON_TEXT })
  @Field(() => String, { nullable: true, description: 'The record before the change, as JSON text' })
  before: string | null;
  @Column('jsonb', { nullable: true, transformer: JSON_TEXT })
  @Field(() => String, { nullable: true, description: 'The record after the change, as JSON text' })
  after: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the change was made' })
  createdAt: Date;
}

@Entity('outbox')
export class Outbox {
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

export const AuditLogs = defineTable(AuditLog, { module: 'libs', noun: 'AuditEntry' });
export const OutboxTable = defineTable(Outbox, { module: 'libs', noun: 'OutboxRow' });
