import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { changeQuote } from './quote-changes.js';
import { quoteJobs } from './quote.job-catalogue.js';
import { quoteTransition } from './quote-state.js';
import { Quotes, type Quote } from './quote.entity.js';

const SCAN_BATCH = 200;

export interface QuoteScanResult {
  expired: number;
  reminded: number;
}

interface Key {
  branch_id: string;
  id: string;
}

/**
 * Quote expiry and the reminder before it, driven by the due timestamps set when a quote is sent.
 * Claimed rows stay locked until the claiming transaction ends (replicas split the work; a crash
 * rolls the batch back), each expiry clears the quote's timestamps in the same transaction, and every
 * notification has a dedupe key, so repeats and replicas notify nobody twice.
 */
@Injectable()
export class QuotesJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(quoteJobs.scan)
  async scan(): Promise<QuoteScanResult> {
    const total: QuoteScanResult = { expired: 0, reminded: 0 };
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) => tx.query<Key>('SELECT branch_id, id FROM claim_due_quotes($1)', [batch]),
      handle: (ctx, tx, keys) => this.handle(ctx, tx, keys, total),
    });
    return total;
  }

  private async handle(ctx: RequestContext, tx: Tx, keys: Key[], total: QuoteScanResult): Promise<void> {
    const due = await tx.query<Quote & { expire: boolean; remind: boolean }>(
      `SELECT ${Quotes.cols('q')}, coalesce(q.expires_at <= now(), false) AS expire,
         coalesce(q.next_reminder_at <= now(), false) AS remind
       FROM quotes q WHERE (q.branch_id, q.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[])) AND q.state = 'SENT'`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const rows = due.map(({ expire, remind, ...quote }) => ({ quote: Quotes.map(quote), expire, remind }));
    const notes: NewNotification[] = [];
    const expired = rows.filter((r) => r.expire).map((r) => r.quote);
    const reminded = rows.filter((r) => !r.expire && r.remind).map((r) => r.quote);
    for (const r of expired) {
      await changeQuote(
        ctx,
        r,
        { state: quoteTransition(r.state, 'EXPIRE'), expiresAt: null, nextReminderAt: null },
        'EXPIRE',
        `Valid until ${r.validUntil}`,
      );
      notes.push({
        branchId: r.branchId,
        userId: r.ownerId,
        kind: 'QUOTE_EXPIRED',
        title: `Quote "${r.title}" expired: it was valid until ${r.validUntil}`,
        subjectType: 'quote',
        subjectId: r.id,
        dedupeKey: `quote-expired:${r.id}`,
      });
    }
    if (reminded.length) {
      await tx.query(
        `UPDATE quotes q SET next_reminder_at = NULL
         WHERE (q.branch_id, q.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [reminded.map((r) => r.branchId), reminded.map((r) => r.id)],
      );
    }
    for (const r of reminded) {
      notes.push({
        branchId: r.branchId,
        userId: r.ownerId,
        kind: 'QUOTE_EXPIRING',
        title: `Quote "${r.title}" (${r.total} ${r.currency}) is valid until ${r.validUntil}`,
        subjectType: 'quote',
        subjectId: r.id,
        dedupeKey: `quote-expiring:${r.id}:${r.validUntil}`,
      });
    }
    await this.notifications.notifyMany(ctx, notes);
    total.expired += expired.length;
    total.reminded += reminded.length;
  }
}
