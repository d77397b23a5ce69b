import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, tenantTable } from './tenancy.js';

const KPIS = `'NEW_CUSTOMERS', 'VALID_LEADS', 'QUOTES_SENT', 'CONTRACTS_SIGNED', 'EFFECTIVE_VISITS',
  'COMPLAINTS_RESOLVED_IN_TIME', 'SALES_AMOUNT', 'GROSS_PROFIT', 'COLLECTIONS', 'SATISFACTION'`;

/**
 * The branch-level KPI rollup (issue 13): one line per branch, KPI and period of a week or longer, the sum of the
 * people's lines in kpi_rollups, written by the same statement that writes theirs (events, corrections, waiting
 * corrections) and by the same rebuild and recompute, so head office's trend and ranking read one line per branch
 * instead of one per person (5x fewer at the bench's 5 reps; 25 months x 1,000 branches for a 12-month trend).
 * No DAY lines: a day of a branch holds few people's lines (little to save), and days would be 365 of every 435
 * lines a KPI adds per year (most of the added writes, per event and in a rebuild from scratch).
 * Hidden from own-only sessions (a sales rep sees only their own lines, as in kpi_rollups).
 * `kpi_differences.person_id` becomes optional: a difference found in a branch line names no person.
 */
export class KpiBranchRollups1766890000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_branch_rollups (
        branch_id uuid NOT NULL REFERENCES branches (id),
        kpi text NOT NULL CHECK (kpi IN (${KPIS})),
        period_kind text NOT NULL CHECK (period_kind IN ('WEEK', 'MONTH', 'QUARTER', 'YEAR')),
        period_start date NOT NULL,
        count integer NOT NULL,
        amount numeric(18, 2) NOT NULL DEFAULT 0,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, kpi, period_kind, period_start)
      );
      ${tenantTable('kpi_branch_rollups', OWN_ONLY)}
      GRANT SELECT ON kpi_branch_rollups TO app_runtime;
      GRANT INSERT, UPDATE, DELETE ON kpi_branch_rollups TO app_worker;
      INSERT INTO kpi_branch_rollups (branch_id, kpi, period_kind, period_start, count, amount)
      SELECT branch_id, kpi, period_kind, period_start, sum(count), sum(amount) FROM kpi_rollups
      WHERE period_kind <> 'DAY' GROUP BY 1, 2, 3, 4;
      ALTER TABLE kpi_differences ALTER COLUMN person_id DROP NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM kpi_differences WHERE person_id IS NULL;
      ALTER TABLE kpi_differences ALTER COLUMN person_id SET NOT NULL;
      DROP TABLE kpi_branch_rollups;
    `);
  }
}
