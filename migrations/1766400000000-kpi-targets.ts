import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const KPIS = `'NEW_CUSTOMERS', 'VALID_LEADS', 'QUOTES_SENT', 'CONTRACTS_SIGNED', 'EFFECTIVE_VISITS', 'COMPLAINTS_RESOLVED_IN_TIME'`;

/**
 * KPI targets (issue 13, second slice): head office sets a branch's target per KPI, measure (count or amount) and
 * month, quarter or year (`kpi_targets`); the branch manager splits it over their people (`kpi_target_splits`),
 * never beyond it: a split locks its branch target row, so concurrent splits of one target are serialized.
 * Attainment is read from kpi_rollups against these rows.
 */
export class KpiTargets1766400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_targets (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kpi text NOT NULL CHECK (kpi IN (${KPIS})),
        measure text NOT NULL CHECK (measure IN ('COUNT', 'AMOUNT')),
        period_kind text NOT NULL CHECK (period_kind IN ('MONTH', 'QUARTER', 'YEAR')),
        period_start date NOT NULL,
        target numeric(18, 2) NOT NULL CHECK (target > 0),
        set_by uuid NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT kpi_targets_period UNIQUE (branch_id, kpi, measure, period_kind, period_start)
      );
      ${tenantTable('kpi_targets')}

      CREATE TABLE kpi_target_splits (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        target_id uuid NOT NULL,
        person_id uuid NOT NULL,
        target numeric(18, 2) NOT NULL CHECK (target >= 0),
        set_by uuid NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT kpi_target_splits_person UNIQUE (branch_id, target_id, person_id),
        FOREIGN KEY (branch_id, target_id) REFERENCES kpi_targets (branch_id, id)
      );
      ${tenantTable('kpi_target_splits', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      GRANT SELECT, INSERT, UPDATE ON kpi_targets, kpi_target_splits TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kpi_target_splits, kpi_targets`);
  }
}
