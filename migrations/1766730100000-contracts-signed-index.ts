import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchase statistics (issue 12) read contracts by the business day they were signed, a branch at a time: an index
 * that leads with the branch and the day serves each keyset page's range (signed contracts only).
 */
export class ContractsSignedIndex1766730100000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX contracts_signed_on ON contracts (branch_id, signed_on, customer_id) WHERE signed_on IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contracts_signed_on`);
  }
}
