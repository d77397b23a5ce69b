import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Tx } from '@app/core';
import { PartnerRebatesService } from '../channels/partner-rebates.service.js';
import { ReconciliationStatements, type ReconciliationStatement } from './reconciliation.entity.js';
import { StatementCadence } from './reconciliation.enums.js';
import { openingDay, periodOf } from './reconciliation-period.js';

/** A customer and the half-year to reconcile (what the worker's claim answers). */
export interface StatementKey {
  branch_id: string;
  customer_id: string;
  period_end: string;
}

/** A partner, the customer record it buys under, and the month to state (what the monthly claim answers). */
export interface PartnerStatementKey extends StatementKey {
  partner_id: string;
}

/** One statement to make: its key, cadence and, for a month, the partner and the rebate terms. */
interface Wanted extends StatementKey {
  cadence: StatementCadence;
  partner_id: string | null;
  agreement_id: string | null;
  rate: string | null;
}

const DAY = 86_400_000;

/** Issued invoices and credit notes (signed: an invoice adds) and recorded receipts (taking off) of book `b`. */
const ISSUED = `i.state IN ('ISSUED', 'DELIVERED', 'CONFIRMED')`;

/**
 * Builds customers' statements for a half-year (or partners' for a month) from the finance books, set-based: one
 * statement for a whole claimed batch (measured in bench/finance.ts: the row-at-a-time version inserted each line
 * with its own round trip). The opening balance is what the customer owed at the close of the day before the period
 * (issued invoices - credit notes - recorded receipts, the same figure as invoicedReceivables asOf that day), the
 * lines are the period's invoices, credit notes and receipts by day (then kind, then id), and the closing balance
 * adds them up. A month's statement also states the rebate: base = invoiced - credited of the month, amount =
 * round(rate x base / 100, 2) (PostgreSQL's numeric round: half away from zero, exact). One statement per customer,
 * cadence and period (unique key): one that exists already is skipped, so a repeated or racing scan makes nothing
 * twice.
 */
@Injectable()
export class ReconciliationGenerationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rebates: PartnerRebatesService,
  ) {}

  /** One customer's half-year statement, or null when it exists already. */
  async generate(tx: Tx, key: StatementKey): Promise<ReconciliationStatement | null> {
    return (await this.generateMany(tx, [key]))[0] ?? null;
  }

  /** The half-year statements of many customers (each key once) in one statement; existing ones are skipped. */
  generateMany(tx: Tx, keys: readonly StatementKey[]): Promise<ReconciliationStatement[]> {
    return this.make(
      tx,
      keys.map((k) => ({
        ...k,
        cadence: StatementCadence.HALF_YEAR,
        partner_id: null,
        agreement_id: null,
        rate: null,
      })),
    );
  }

  /**
   * Partners' monthly statements (each key once), with the rebate terms of the agreement covering the month (the
   * channels module's answer); existing ones are skipped.
   */
  async generateMonthly(tx: Tx, keys: readonly PartnerStatementKey[]): Promise<ReconciliationStatement[]> {
    const terms = await this.rebates.termsFor(
      tx,
      keys.map((k) => {
        const p = periodOf(StatementCadence.MONTH, k.period_end);
        return { branchId: k.branch_id, partnerId: k.partner_id, start: p.start, end: p.end };
      }),
    );
    return this.make(
      tx,
      keys.map((k, i) => ({
        ...k,
        cadence: StatementCadence.MONTH,
        agreement_id: terms[i].agreementId,
        rate: terms[i].rate,
      })),
    );
  }

  private async make(tx: Tx, keys: readonly Wanted[]): Promise<ReconciliationStatement[]> {
    if (!keys.length) return [];
    const periods = keys.map((k) => periodOf(k.cadence, k.period_end));
    const rows = await tx.query(
      `WITH k AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[], $5::date[], $7::text[], $8::uuid[],
                              $9::uuid[], $10::numeric[])
           AS k(branch_id, customer_id, period_start, period_end, opening_day, cadence, partner_id, agreement_id, rate)
         -- The claim's snapshot may predate a racing worker's commit; this statement (a new snapshot) sees it.
         WHERE NOT EXISTS (SELECT 1 FROM reconciliation_statements s WHERE s.branch_id = k.branch_id
                           AND s.customer_id = k.customer_id AND s.cadence = k.cadence
                           AND s.period_end = k.period_end)),
       lines AS (
         SELECT k.branch_id, k.customer_id, k.cadence, k.period_end, x.kind, x.source_id, x.day, x.reference,
           x.amount FROM k
         CROSS JOIN LATERAL (
           SELECT i.kind, i.id AS source_id, i.issued_on AS day, coalesce(i.number, i.id::text) AS reference,
             CASE WHEN i.kind = 'INVOICE' THEN i.amount ELSE -i.amount END AS amount
           FROM invoices i WHERE i.branch_id = k.branch_id AND i.customer_id = k.customer_id AND ${ISSUED}
             AND i.issued_on BETWEEN k.period_start AND k.period_end
           UNION ALL
           SELECT 'RECEIPT', r.id, r.received_on, r.reference, -r.amount FROM receipts r
           WHERE r.branch_id = k.branch_id AND r.customer_id = k.customer_id AND r.state = 'RECORDED'
             AND r.received_on BETWEEN k.period_start AND k.period_end) x),
       totals AS (
         SELECT branch_id, customer_id, cadence, period_end,
           coalesce(sum(amount) FILTER (WHERE kind = 'INVOICE'), 0.00) AS invoiced,
           coalesce(-sum(amount) FILTER (WHERE kind = 'CREDIT_NOTE'), 0.00) AS credited,
           coalesce(-sum(amount) FILTER (WHERE kind = 'RECEIPT'), 0.00) AS received
         FROM lines GROUP BY branch_id, customer_id, cadence, period_end),
       heads AS (
         SELECT k.*, sb.currency, coalesce(t.invoiced, 0.00) AS invoiced, coalesce(t.credited, 0.00) AS credited,
           coalesce(t.received, 0.00) AS received,
           coalesce((SELECT sum(CASE WHEN i.kind = 'INVOICE' THEN i.amount ELSE -i.amount END) FROM invoices i
                     WHERE i.branch_id = k.branch_id AND i.customer_id = k.customer_id AND ${ISSUED}
                       AND i.issued_on <= k.opening_day), 0.00)
           - coalesce((SELECT sum(r.amount) FROM receipts r WHERE r.branch_id = k.branch_id
                       AND r.customer_id = k.customer_id AND r.state = 'RECORDED'
                       AND r.received_on <= k.opening_day), 0.00) AS opening
         FROM k JOIN scope_branches sb ON sb.id = k.branch_id
         LEFT JOIN totals t ON t.branch_id = k.branch_id AND t.customer_id = k.customer_id
           AND t.cadence = k.cadence AND t.period_end = k.period_end),
       rebated AS (
         SELECT h.*, CASE WHEN h.cadence = 'MONTH' THEN h.invoiced - h.credited END AS rebate_base FROM heads h),
       made AS (
         INSERT INTO reconciliation_statements (branch_id, id, customer_id, cadence, partner_id, period_start,
           period_end, currency, opening, invoiced, credited, received, closing, rebate_agreement_id, rebate_rate,
           rebate_base, rebate_amount, remind_at)
         SELECT branch_id, gen_random_uuid(), customer_id, cadence, partner_id, period_start, period_end, currency,
           opening, invoiced, credited, received, opening + invoiced - credited - received, agreement_id, rate,
           rebate_base, round(rate * rebate_base / 100, 2), $6::timestamptz
         FROM rebated ORDER BY branch_id, customer_id
         RETURNING *),
       made_lines AS (
         INSERT INTO reconciliation_lines (branch_id, id, statement_id, position, kind, source_id, day, reference,
           amount)
         SELECT l.branch_id, gen_random_uuid(), m.id,
           row_number() OVER (PARTITION BY m.id ORDER BY l.day, l.kind, l.source_id), l.kind, l.source_id, l.day,
           l.reference, l.amount
         FROM made m JOIN lines l ON l.branch_id = m.branch_id AND l.customer_id = m.customer_id
           AND l.cadence = m.cadence AND l.period_end = m.period_end)
       SELECT ${ReconciliationStatements.cols('made')} FROM made ORDER BY made.branch_id, made.customer_id`,
      [
        keys.map((k) => k.branch_id),
        keys.map((k) => k.customer_id),
        periods.map((p) => p.start),
        periods.map((p) => p.end),
        periods.map((p) => openingDay(p)),
        new Date(Date.now() + this.config.reconciliationRemindDays * DAY),
        keys.map((k) => k.cadence),
        keys.map((k) => k.partner_id),
        keys.map((k) => k.agreement_id),
        keys.map((k) => k.rate),
      ],
    );
    return rows.map(ReconciliationStatements.map);
  }
}
