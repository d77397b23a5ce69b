import { randomUUID } from 'node:crypto';
import { branchToday, type RequestContext } from '@app/core';
import { defineJob } from './catalogue.js';

/**
 * A domain event: something that happened to a record (a lead validated, a contract signed), written by the module
 * that owns the record in the same transaction as the change, and consumed by the KPI rollups. It carries all its
 * consumer needs, so no consumer reads the source module's tables.
 */
export interface DomainEvent {
  branchId: string;
  /** What happened, in the consumer's catalogue of event kinds. */
  kind: string;
  /** The record it happened to: an event counts once per kind and subject. */
  subjectId: string;
  /** Whose figure it is (the record's owner). */
  personId: string;
  /** The business day it counts on, `YYYY-MM-DD` in the branch's time zone. */
  day: string;
  /** Money, for events that have an amount (exact decimal text); null otherwise. */
  amount: string | null;
  /**
   * The record whose counted event this one corrects (e.g. the order whose sale a return takes back): it counts for
   * whoever that event counted for, and not before it. Absent for an event that stands alone.
   */
  of?: string;
}

/** The one job every domain event travels as (outbox id = job id). */
export const domainEventJob = defineJob<DomainEvent>('events.domain-event');

/** What a source module says; the day defaults to today in the branch's time zone (taken by PostgreSQL). */
export type DomainEventInput = Omit<DomainEvent, 'day' | 'amount'> & { day?: string | null; amount?: string | null };

/**
 * Records a domain event in the outbox, inside the caller's transaction: it exists exactly when the change
 * commits. The business day is filled in by the same statement from the branch's time zone.
 */
export async function emitEvent(ctx: RequestContext, event: DomainEventInput): Promise<void> {
  const tx = await ctx.tx();
  const payload = {
    branchId: event.branchId,
    kind: event.kind,
    subjectId: event.subjectId,
    personId: event.personId,
    amount: event.amount ?? null,
    ...(event.of ? { of: event.of } : {}),
  };
  await tx.query(
    `INSERT INTO outbox (branch_id, id, job_name, payload)
     VALUES ($1, $2, $3, $4::jsonb || jsonb_build_object('day', coalesce($5::date, ${branchToday('$1')})::text))`,
    [event.branchId, randomUUID(), domainEventJob.name, JSON.stringify(payload), event.day ?? null],
  );
}
