import { Injectable } from '@nestjs/common';
import { Database, RequestContext, type Tx } from '@app/core';
import { ProcessJob } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { quoteJobs } from './quote-jobs.js';
import { auditQuote, quoteColumns, toQuote, type QuoteRow } from './quote-rows.js';
import { quoteTransition } from './quote-state.js';

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
    for (;;) {
      const claimed = await this.db.run(
        { branchIds: [] },
        async (tx) => {
          const keys = await tx.query<Key>('SELECT branch_id, id FROM claim_due_quotes($1)', [SCAN_BATCH]);
          if (keys.length === 0) return 0;
          const branchIds = [...new Set(keys.map((k) => k.branch_id))];
          await tx.query(`SELECT set_config('app.branch_ids', $1, true)`, [`{${branchIds.join(',')}}`]);
          await this.handle(RequestContext.forTransaction(tx, { branchIds }), tx, keys, total);
          return keys.length;
        },
        'system',
      );
      if (claimed < SCAN_BATCH) return total;
    }
  }

  private async handle(ctx: RequestContext, tx: Tx, keys: Key[], total: QuoteScanResult): Promise<void> {
    const rows = await tx.query<QuoteRow & { expire: boolean; remind: boolean }>(
      `SELECT ${quoteColumns('q')}, coalesce(q.expires_at <= now(), false) AS expire,
         coalesce(q.next_reminder_at <= now(), false) AS remind
       FROM quotes q WHERE (q.branch_id, q.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[])) AND q.state = 'SENT'`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    const expired = rows.filter((r) => r.expire);
    const reminded = rows.filter((r) => !r.expire && r.remind);
    for (const r of expired) {
      const before = toQuote(r);
      const [row] = await tx.query<QuoteRow>(
        `UPDATE quotes q SET state = $3, expires_at = NULL, next_reminder_at = NULL, updated_at = now()
         WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${quoteColumns('q')}`,
        [r.branch_id, r.id, quoteTransition(before.state, 'EXPIRE')],
      );
      await auditQuote(ctx, { before, after: toQuote(row), action: 'EXPIRE', note: `Valid until ${r.valid_until}` });
      notes.push({
        branchId: r.branch_id,
        userId: r.owner_id,
        kind: 'QUOTE_EXPIRED',
        title: `Quote "${r.title}" expired: it was valid until ${r.valid_until}`,
        subjectType: 'quote',
        subjectId: r.id,
        dedupeKey: `quote-expired:${r.id}`,
      });
    }
    if (reminded.length) {
      await tx.query(
        `UPDATE quotes q SET next_reminder_at = NULL
         WHERE (q.branch_id, q.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [reminded.map((r) => r.branch_id), reminded.map((r) => r.id)],
      );
    }
    for (const r of reminded) {
      notes.push({
        branchId: r.branch_id,
        userId: r.owner_id,
        kind: 'QUOTE_EXPIRING',
        title: `Quote "${r.title}" (${r.total} ${r.currency}) is valid until ${r.valid_until}`,
        subjectType: 'quote',
        subjectId: r.id,
        dedupeKey: `quote-expiring:${r.id}:${r.valid_until}`,
      });
    }
    await this.notifications.notifyMany(ctx, notes);
    total.expired += expired.length;
    total.reminded += reminded.length;
  }
}
