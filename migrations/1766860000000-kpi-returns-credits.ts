import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

const KPIS = `'NEW_CUSTOMERS', 'VALID_LEADS', 'QUOTES_SENT', 'CONTRACTS_SIGNED', 'EFFECTIVE_VISITS',
  'COMPLAINTS_RESOLVED_IN_TIME', 'SALES_AMOUNT', 'GROSS_PROFIT', 'COLLECTIONS', 'SATISFACTION'`;

/**
 * Returns and credit notes take back sales and gross profit of a closed order (issue 13).
 * - `goods_returns.cost_of_goods`: the returned goods at their catalogue cost prices, fixed when the return is
 *   processed (null when they could not be valued, as for `orders.cost_of_goods`): the profit a return takes back is
 *   its amount less this.
 * - `kpi_waiting`: a correction event (a return, a credit note) whose order's sale has not counted yet (the order
 *   is not closed, or its closing event is still on its way). It waits here, keyed as the ledger is, and counts when
 *   the sale counts, for the person the sale counted for, on the later of its day and the sale's.
 */
export class KpiReturnsCredits1766860000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE goods_returns ADD COLUMN cost_of_goods numeric(18, 2);
      CREATE TABLE kpi_waiting (
        branch_id uuid NOT NULL REFERENCES branches (id),
        kpi text NOT NULL CHECK (kpi IN (${KPIS})),
        subject_id uuid NOT NULL,
        of_id uuid NOT NULL,
        day date NOT NULL,
        amount numeric(18, 2),
        n smallint NOT NULL CHECK (n IN (-1, 0, 1)),
        event_id uuid NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, kpi, subject_id)
      );
      CREATE INDEX kpi_waiting_of ON kpi_waiting (branch_id, kpi, of_id);
      ${tenantTable('kpi_waiting')}
      GRANT SELECT ON kpi_waiting TO app_runtime;
      GRANT INSERT, DELETE ON kpi_waiting TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE kpi_waiting;
      ALTER TABLE goods_returns DROP COLUMN cost_of_goods;
    `);
  }
}
