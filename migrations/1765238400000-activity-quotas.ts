import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

/**
 * Activity quotas (日常业务开展指标, DOMAIN.md section 2), per representative: valid leads collected
 * and proposals (quotes) sent per ISO week, effective visits per month, against per-branch targets
 * (defaults 10, 10, 6 when a branch has no row). The counts are read from the source tables; the
 * indexes below give each branch one range per metric and period, so head office's view over every
 * branch is one statement of index-only ranges, whatever the number of branches and reps.
 */
export class ActivityQuotas1765238400000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_quota_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        valid_leads_per_week integer NOT NULL DEFAULT 10 CHECK (valid_leads_per_week BETWEEN 0 AND 1000),
        proposals_per_week integer NOT NULL DEFAULT 10 CHECK (proposals_per_week BETWEEN 0 AND 1000),
        effective_visits_per_month integer NOT NULL DEFAULT 6 CHECK (effective_visits_per_month BETWEEN 0 AND 1000),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('activity_quota_settings')}
      GRANT SELECT, INSERT, UPDATE ON activity_quota_settings TO app_runtime;

      -- One range per branch and period for each metric, the owner read from the index.
      CREATE INDEX leads_quota_valid ON leads (branch_id, created_at) INCLUDE (owner_id) WHERE valid;
      CREATE INDEX quotes_quota_sent ON quotes (branch_id, sent_at) INCLUDE (owner_id) WHERE sent_at IS NOT NULL;
      CREATE INDEX visits_quota_effective ON visits (branch_id, visited_on) INCLUDE (owner_id) WHERE effective;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX visits_quota_effective, quotes_quota_sent, leads_quota_valid;
      DROP TABLE activity_quota_settings;
    `);
  }
}
