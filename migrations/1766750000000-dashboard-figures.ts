import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The head-office dashboard's figures (issue 15), each per branch and period: an index range per branch for each
 * instant they count by (leads qualified, contracts signed, approvals decided). Leads created and quotes sent
 * already have theirs (leads_branch_created, quotes_quota_sent).
 */
export class DashboardFigures1766750000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX leads_branch_qualified ON leads (branch_id, screened_at) WHERE screening = 'FIT' AND valid;
      CREATE INDEX contracts_branch_signed ON contracts (branch_id, signed_on) WHERE signed_on IS NOT NULL;
      CREATE INDEX approval_requests_branch_decided ON approval_requests (branch_id, decided_at)
        WHERE decided_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX approval_requests_branch_decided;
      DROP INDEX contracts_branch_signed;
      DROP INDEX leads_branch_qualified;
    `);
  }
}
