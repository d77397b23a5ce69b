import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD = `'NEW_CUSTOMERS', 'VALID_LEADS', 'QUOTES_SENT', 'CONTRACTS_SIGNED', 'EFFECTIVE_VISITS', 'COMPLAINTS_RESOLVED_IN_TIME'`;
const KPIS = `${OLD}, 'SALES_AMOUNT', 'GROSS_PROFIT', 'COLLECTIONS', 'SATISFACTION'`;
const TABLES = ['kpi_events', 'kpi_rollups', 'kpi_checks', 'kpi_differences', 'kpi_targets'];

const kpiCheck = (kpis: string) =>
  TABLES.map(
    (t) => `ALTER TABLE ${t} DROP CONSTRAINT ${t}_kpi_check, ADD CONSTRAINT ${t}_kpi_check CHECK (kpi IN (${kpis}));`,
  ).join('\n');

/**
 * KPIs from fulfillment, finance and satisfaction (issue 13): sales amount and gross profit of closed orders,
 * collections (receipts applied, taken back by a reversal), satisfaction (sum of scores and count).
 * - `kpi_events.n`: what an event adds to the count: 1, -1 (a receipt application reversed: its own subject key,
 *   the negative amount) or 0 (a satisfaction score revised: the difference of the scores, no new response).
 *   A rollup's count may dip below zero for a moment when a reversal is counted before its application (the outbox
 *   delivers in any order), so the count check goes.
 * - `orders.cost_of_goods`: fixed when the order closes (the shipped products at their cost prices then); null
 *   when it could not be valued (a product priced in another currency than the order's), so no gross profit counts.
 * - `receipt_applications.credited_to`, `satisfaction_surveys.credited_to`: whose KPI figure the row counted for,
 *   fixed when it counted, so a reversal or a revised score takes back from the same person whoever owns the
 *   contract or customer later. Null for rows from before these KPIs: they never counted, so nothing is taken back.
 */
export class KpiSalesCollections1766800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ${kpiCheck(KPIS)}
      ALTER TABLE kpi_events ADD COLUMN n smallint NOT NULL DEFAULT 1 CHECK (n IN (-1, 0, 1));
      -- The recompute reads a branch's days in one index-only pass: n joins what the index carries.
      DROP INDEX kpi_events_day;
      CREATE INDEX kpi_events_day ON kpi_events (branch_id, day) INCLUDE (kpi, person_id, amount, n);
      ALTER TABLE kpi_rollups DROP CONSTRAINT kpi_rollups_count_check;
      ALTER TABLE orders ADD COLUMN cost_of_goods numeric(18, 2);
      ALTER TABLE receipt_applications ADD COLUMN credited_to uuid;
      ALTER TABLE satisfaction_surveys ADD COLUMN credited_to uuid;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM kpi_target_splits s USING kpi_targets t
        WHERE t.branch_id = s.branch_id AND t.id = s.target_id AND t.kpi NOT IN (${OLD});
      ${TABLES.map((t) => `DELETE FROM ${t} WHERE kpi NOT IN (${OLD});`).join('\n')}
      ${kpiCheck(OLD)}
      ALTER TABLE satisfaction_surveys DROP COLUMN credited_to;
      ALTER TABLE receipt_applications DROP COLUMN credited_to;
      ALTER TABLE orders DROP COLUMN cost_of_goods;
      ALTER TABLE kpi_rollups ADD CONSTRAINT kpi_rollups_count_check CHECK (count >= 0);
      DROP INDEX kpi_events_day;
      ALTER TABLE kpi_events DROP COLUMN n;
      CREATE INDEX kpi_events_day ON kpi_events (branch_id, day) INCLUDE (kpi, person_id, amount);
    `);
  }
}
