import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, fromCents, toCents, type AppConfig, type Tx } from '@app/core';
import {
  ReconciliationLines,
  ReconciliationStatements,
  type ReconciliationStatement,
} from './reconciliation.entity.js';
import { StatementLineKind } from './reconciliation.enums.js';
import { openingDay, periodEnding } from './reconciliation-period.js';

/** A customer and the half-year to reconcile (what the worker's claim answers). */
export interface StatementKey {
  branch_id: string;
  customer_id: string;
  period_end: string;
}

interface LineRow {
  kind: StatementLineKind;
  sourceId: string;
  day: string;
  reference: string;
  amount: string;
}

const DAY = 86_400_000;

/**
 * Builds a customer's statement for a half-year from the finance books: the opening balance is what the customer
 * owed at the close of the day before the period (issued invoices - credit notes - recorded receipts, the same
 * figure as invoicedReceivables asOf that day), the lines are the period's invoices, credit notes and receipts by
 * day, and the closing balance adds them up. One statement per customer and period (unique key): a customer that
 * has one already is skipped, so a repeated or racing scan makes nothing twice.
 */
@Injectable()
export class ReconciliationGenerationService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async generate(tx: Tx, key: StatementKey): Promise<ReconciliationStatement | null> {
    const branchId = key.branch_id;
    const customerId = key.customer_id;
    const period = periodEnding(key.period_end);
    // The claim's snapshot may predate a racing worker's commit; this read (a new snapshot) sees it.
    if (await ReconciliationStatements.find(tx, { branchId, customerId, periodEnd: period.end })) return null;
    const [head] = await tx.query<{ opening: string; currency: string }>(
      `SELECT sb.currency,
         (coalesce((SELECT sum(CASE WHEN i.kind = 'INVOICE' THEN i.amount ELSE -i.amount END) FROM invoices i
                    WHERE i.branch_id = $1 AND i.customer_id = $2 AND i.state IN ('ISSUED', 'DELIVERED', 'CONFIRMED')
                      AND i.issued_on <= $3::date), 0.00)
          - coalesce((SELECT sum(r.amount) FROM receipts r WHERE r.branch_id = $1 AND r.customer_id = $2
                      AND r.state = 'RECORDED' AND r.received_on <= $3::date), 0.00))::text AS opening
       FROM scope_branches sb WHERE sb.id = $1`,
      [branchId, customerId, openingDay(period)],
    );
    const lines = await tx.query<LineRow>(
      `SELECT kind, "sourceId", day::text AS day, reference, amount::text AS amount FROM (
         SELECT i.kind, i.id AS "sourceId", i.issued_on AS day, coalesce(i.number, i.id::text) AS reference,
           CASE WHEN i.kind = 'INVOICE' THEN i.amount ELSE -i.amount END AS amount
         FROM invoices i WHERE i.branch_id = $1 AND i.customer_id = $2
           AND i.state IN ('ISSUED', 'DELIVERED', 'CONFIRMED') AND i.issued_on BETWEEN $3::date AND $4::date
         UNION ALL
         SELECT 'RECEIPT', r.id, r.received_on, r.reference, -r.amount FROM receipts r
         WHERE r.branch_id = $1 AND r.customer_id = $2 AND r.state = 'RECORDED'
           AND r.received_on BETWEEN $3::date AND $4::date) x
       ORDER BY day, kind, "sourceId"`,
      [branchId, customerId, period.start, period.end],
    );
    // Line amounts are signed (an invoice adds, the rest take off); the totals are positive.
    const sum = (kind: StatementLineKind) =>
      lines.filter((l) => l.kind === kind).reduce((s, l) => s + toCents(l.amount), 0n) *
      (kind === StatementLineKind.INVOICE ? 1n : -1n);
    const opening = toCents(head.opening);
    const invoiced = sum(StatementLineKind.INVOICE);
    const credited = sum(StatementLineKind.CREDIT_NOTE);
    const received = sum(StatementLineKind.RECEIPT);
    const statement = await ReconciliationStatements.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId,
      periodStart: period.start,
      periodEnd: period.end,
      currency: head.currency,
      opening: fromCents(opening),
      invoiced: fromCents(invoiced),
      credited: fromCents(credited),
      received: fromCents(received),
      closing: fromCents(opening + invoiced - credited - received),
      remindAt: new Date(Date.now() + this.config.reconciliationRemindDays * DAY),
    });
    for (const [i, l] of lines.entries()) {
      await ReconciliationLines.insert(tx, {
        branchId,
        id: randomUUID(),
        statementId: statement.id,
        position: i + 1,
        ...l,
      });
    }
    return statement;
  }
}
