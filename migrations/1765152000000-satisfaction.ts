import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CUSTOMER_VISIBLE, tenantTable } from './tenancy.js';

/**
 * Customer satisfaction (DOMAIN.md section 2: periodic surveys and return visits; a KPI): one score
 * from 1 to 10 per customer and calendar quarter of the branch, with how it was taken. Averages per
 * branch and quarter read one index range (satisfaction_period), head office's across branches too.
 */
export class Satisfaction1765152000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE satisfaction_surveys (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 10),
        method text NOT NULL CHECK (method IN ('SURVEY', 'RETURN_VISIT')),
        comment text CHECK (length(comment) BETWEEN 1 AND 2000),
        surveyed_on date NOT NULL,
        recorded_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT satisfaction_surveys_customer_fk FOREIGN KEY (branch_id, customer_id)
          REFERENCES customers (branch_id, id),
        CONSTRAINT satisfaction_surveys_customer_period_key UNIQUE (branch_id, customer_id, period)
      );
      CREATE INDEX satisfaction_branch_created ON satisfaction_surveys (branch_id, created_at DESC, id DESC);
      -- Head office's list across branches walks this one, sorted as the page is.
      CREATE INDEX satisfaction_created ON satisfaction_surveys (created_at DESC, id DESC, branch_id);
      -- Averages per branch and quarter (one branch, or all of them for head office) without the heap.
      CREATE INDEX satisfaction_period ON satisfaction_surveys (period, branch_id) INCLUDE (score);
      ${tenantTable('satisfaction_surveys', CUSTOMER_VISIBLE('satisfaction_surveys'))}

      GRANT SELECT, INSERT, UPDATE ON satisfaction_surveys TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE satisfaction_surveys`);
  }
}
