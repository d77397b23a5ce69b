import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { todayIn } from '@app/core';
import { lastPeriod, type StatementPeriod } from '../src/modules/finance/reconciliation-period.js';

export interface FinanceSeed {
  branches: number;
  customers: number;
  invoices: number;
  receipts: number;
  instalments: number;
  period: StatementPeriod;
  ms: number;
}

const TITLE = 'Bench books';
const ORG = `md5('bench:org')::uuid`;
const BENCH_BRANCHES = `SELECT id FROM branches WHERE organization_id = ${ORG} AND kind = 'BRANCH'`;

/** The half-year the worker reconciles today (the bench's branches keep Asia/Shanghai, the default time zone). */
export const benchPeriod = (): StatementPeriod => lastPeriod(todayIn('Asia/Shanghai'));

/**
 * The finance books of `perBranch` customers in every bench branch (once per size: kept while the database is): a
 * SIGNED contract each with three instalments (due from 200 days ago to 60 days ahead, some partly paid, for the
 * ageing), three issued invoices (one before the last half-year, for the opening balance, two in it), a credit note
 * on every fifth customer's first in-period invoice and a receipt in the half-year: what the semi-annual
 * reconciliation reads.
 */
export async function seedFinanceBooks(c: pg.Client, perBranch: number): Promise<FinanceSeed> {
  const t0 = performance.now();
  const period = benchPeriod();
  const today = todayIn('Asia/Shanghai');
  const have = await c.query<{ n: string }>(`SELECT count(*) AS n FROM contracts WHERE title = $1`, [TITLE]);
  const branches = (await c.query<{ id: string }>(BENCH_BRANCHES)).rows.map((r) => r.id);
  if (Number(have.rows[0].n) !== perBranch * branches.length) {
    await clearFinanceBooks(c);
    for (const b of branches) {
      await c.query(
        `CREATE TEMP TABLE IF NOT EXISTS bench_books (branch_id uuid, customer_id uuid, contract_id uuid,
           user_id uuid, n int, h int);
         TRUNCATE bench_books;
         INSERT INTO bench_books
           SELECT c.branch_id, c.id, gen_random_uuid(),
             (SELECT user_id FROM memberships m WHERE m.branch_id = c.branch_id ORDER BY user_id LIMIT 1),
             row_number() OVER (ORDER BY c.id), get_byte(uuid_send(c.id), 14)
           FROM (SELECT * FROM customers WHERE branch_id = '${b}' ORDER BY id LIMIT ${perBranch}) c;`,
      );
      await c.query(
        `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
           number, signed_on, version, created_by)
         SELECT branch_id, contract_id, customer_id, $1, 90000 + h * 100, 'CNY', $2::date - 400, $2::date + 400, user_id,
           'SIGNED', 'BF-' || n, $2::date - 400, 1, user_id FROM bench_books`,
        [TITLE, today],
      );
      await c.query(
        `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, status, paid_on,
           paid_amount, created_by)
         SELECT b.branch_id, gen_random_uuid(), b.contract_id, k.kind, d.due_on, 30000 + b.h * 10, 'CNY',
           CASE WHEN k.kind = 'PREPAYMENT' THEN 'PAID' ELSE 'PENDING' END,
           CASE WHEN k.kind = 'PREPAYMENT' THEN d.due_on END,
           CASE WHEN k.kind = 'PREPAYMENT' THEN 30000 + b.h * 10 WHEN b.h % 3 = 0 THEN 10000 ELSE 0 END, b.user_id
         FROM bench_books b CROSS JOIN (VALUES ('PREPAYMENT', -100), ('PROGRESS', -20), ('FINAL', 60)) k(kind, offs)
           CROSS JOIN LATERAL (SELECT $1::date + k.offs - (b.h % 100) AS due_on) d`,
        [today],
      );
      // Invoices: one before the period (opening), two in it; numbers per branch and year, as issuing gives them.
      await c.query(
        `INSERT INTO invoices (branch_id, id, kind, customer_id, contract_id, state, type, currency, amount, tax_amount,
           number, number_year, number_seq, issued_on, requested_by, issued_by)
         SELECT b.branch_id, gen_random_uuid(), 'INVOICE', b.customer_id, b.contract_id, 'ISSUED', 'VAT_SPECIAL', 'CNY',
           20000 + b.h * 10 + k.i, round((20000 + b.h * 10 + k.i) * 13 / 113.0, 2),
           'BF-FP-' || k.i || '-' || b.n, 2000 + k.i, b.n,
           CASE k.i WHEN 0 THEN $1::date - 20 WHEN 1 THEN $1::date + (b.h % 150) ELSE $1::date + 30 + (b.h % 140) END,
           b.user_id, b.user_id
         FROM bench_books b CROSS JOIN generate_series(0, 2) k(i)`,
        [period.start],
      );
      await c.query(
        `INSERT INTO invoices (branch_id, id, kind, customer_id, contract_id, credited_invoice_id, state, type, currency,
           amount, tax_amount, number, number_year, number_seq, issued_on, note, requested_by, issued_by)
         SELECT i.branch_id, gen_random_uuid(), 'CREDIT_NOTE', i.customer_id, i.contract_id, i.id, 'ISSUED', i.type,
           'CNY', 500, 57.52, 'BF-HZ-' || i.number_seq, 2001, i.number_seq, i.issued_on + 3, 'Bench return',
           i.requested_by, i.issued_by
         FROM invoices i JOIN bench_books b ON b.branch_id = i.branch_id AND b.contract_id = i.contract_id
         WHERE i.number_year = 2001 AND b.n % 5 = 0`,
      );
      await c.query(
        `UPDATE invoices i SET credited_amount = 500 FROM bench_books b
         WHERE b.branch_id = i.branch_id AND b.contract_id = i.contract_id AND i.kind = 'INVOICE'
           AND i.number_year = 2001 AND b.n % 5 = 0`,
      );
      await c.query(
        `INSERT INTO receipts (branch_id, id, kind, customer_id, amount, currency, received_on, reference, recorded_by)
         SELECT branch_id, gen_random_uuid(), 'BANK_TRANSFER', customer_id, 15000 + h * 5, 'CNY',
           $1::date + 10 + (h % 160), 'BF-TT-' || n, user_id FROM bench_books`,
        [period.start],
      );
    }
    await c.query('VACUUM (ANALYZE) contracts, contract_instalments, invoices, receipts');
  }
  const r = await c.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM contracts WHERE title = $1) AS customers,
       (SELECT count(*) FROM invoices i JOIN contracts c ON c.branch_id = i.branch_id AND c.id = i.contract_id
        WHERE c.title = $1) AS invoices,
       (SELECT count(*) FROM receipts WHERE reference LIKE 'BF-TT-%') AS receipts,
       (SELECT count(*) FROM contract_instalments x JOIN contracts c ON c.branch_id = x.branch_id AND c.id = x.contract_id
        WHERE c.title = $1) AS instalments`,
    [TITLE],
  );
  const n = (k: string) => Number(r.rows[0][k]);
  return {
    branches: branches.length,
    customers: n('customers'),
    invoices: n('invoices'),
    receipts: n('receipts'),
    instalments: n('instalments'),
    period,
    ms: performance.now() - t0,
  };
}

/** Removes the books (statements first): a new size reseeds them. */
async function clearFinanceBooks(c: pg.Client): Promise<void> {
  await resetStatements(c);
  await c.query(`DELETE FROM receipts WHERE reference LIKE 'BF-TT-%'`);
  await c.query(
    `DELETE FROM invoices i USING contracts c WHERE c.branch_id = i.branch_id AND c.id = i.contract_id
    AND c.title = $1 AND i.kind = 'CREDIT_NOTE'`,
    [TITLE],
  );
  await c.query(
    `DELETE FROM invoices i USING contracts c WHERE c.branch_id = i.branch_id AND c.id = i.contract_id
    AND c.title = $1`,
    [TITLE],
  );
  await c.query(
    `DELETE FROM contract_instalments x USING contracts c WHERE c.branch_id = x.branch_id
    AND c.id = x.contract_id AND c.title = $1`,
    [TITLE],
  );
  await c.query(`DELETE FROM contracts WHERE title = $1`, [TITLE]);
}

/** Forgets every reconciliation statement and run, so the worker's next scan reconciles every customer again. */
export async function resetStatements(c: pg.Client): Promise<void> {
  await c.query('TRUNCATE reconciliation_lines, reconciliation_statements, reconciliation_runs');
}

/**
 * The same work as the worker's run in one transaction through `pg`, rolled back: every customer with books gets
 * its statement (opening, totals, closing) and its lines, each in one INSERT ... SELECT. No claim, no batches.
 */
export async function reconciliationFloor(
  c: pg.Client,
  period: StatementPeriod,
): Promise<{ rows: number; seconds: number; detail: string }> {
  const t0 = performance.now();
  await c.query('BEGIN');
  try {
    const s = await c.query(
      `WITH k AS (
         SELECT DISTINCT branch_id, customer_id FROM (
           SELECT branch_id, customer_id FROM invoices WHERE state IN ('ISSUED', 'DELIVERED', 'CONFIRMED')
             AND issued_on <= $2::date
           UNION ALL SELECT branch_id, customer_id FROM receipts WHERE state = 'RECORDED' AND received_on <= $2::date) x),
       books AS (
         SELECT branch_id, customer_id, sum(amount) FILTER (WHERE d < $1::date) AS opening,
           coalesce(sum(amount) FILTER (WHERE d >= $1::date AND kind = 'INVOICE'), 0) AS invoiced,
           coalesce(-sum(amount) FILTER (WHERE d >= $1::date AND kind = 'CREDIT_NOTE'), 0) AS credited,
           coalesce(-sum(amount) FILTER (WHERE d >= $1::date AND kind = 'RECEIPT'), 0) AS received
         FROM (SELECT branch_id, customer_id, kind, issued_on AS d,
                 CASE WHEN kind = 'INVOICE' THEN amount ELSE -amount END AS amount
               FROM invoices WHERE state IN ('ISSUED', 'DELIVERED', 'CONFIRMED') AND issued_on <= $2::date
               UNION ALL SELECT branch_id, customer_id, 'RECEIPT', received_on, -amount FROM receipts
               WHERE state = 'RECORDED' AND received_on <= $2::date) x
         GROUP BY branch_id, customer_id)
       INSERT INTO reconciliation_statements (branch_id, id, customer_id, period_start, period_end, currency, opening,
         invoiced, credited, received, closing, remind_at)
       SELECT k.branch_id, gen_random_uuid(), k.customer_id, $1::date, $2::date, 'CNY', coalesce(b.opening, 0),
         b.invoiced, b.credited, b.received, coalesce(b.opening, 0) + b.invoiced - b.credited - b.received,
         now() + interval '15 days'
       FROM k JOIN books b ON b.branch_id = k.branch_id AND b.customer_id = k.customer_id`,
      [period.start, period.end],
    );
    const l = await c.query(
      `INSERT INTO reconciliation_lines (branch_id, id, statement_id, position, kind, source_id, day, reference, amount)
       SELECT s.branch_id, gen_random_uuid(), s.id,
         row_number() OVER (PARTITION BY s.id ORDER BY x.day, x.kind, x.source_id), x.kind, x.source_id, x.day,
         x.reference, x.amount
       FROM reconciliation_statements s JOIN (
         SELECT branch_id, customer_id, kind, id AS source_id, issued_on AS day, coalesce(number, id::text) AS reference,
           CASE WHEN kind = 'INVOICE' THEN amount ELSE -amount END AS amount
         FROM invoices WHERE state IN ('ISSUED', 'DELIVERED', 'CONFIRMED') AND issued_on BETWEEN $1::date AND $2::date
         UNION ALL SELECT branch_id, customer_id, 'RECEIPT', id, received_on, reference, -amount FROM receipts
         WHERE state = 'RECORDED' AND received_on BETWEEN $1::date AND $2::date) x
         ON x.branch_id = s.branch_id AND x.customer_id = s.customer_id
       WHERE s.period_end = $2::date`,
      [period.start, period.end],
    );
    const seconds = (performance.now() - t0) / 1000;
    return {
      rows: s.rowCount ?? 0,
      seconds,
      detail: `${(l.rowCount ?? 0).toLocaleString('en')} lines, two INSERT ... SELECT (rolled back)`,
    };
  } finally {
    await c.query('ROLLBACK');
  }
}
