import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The account manager high-value customers must have (DOMAIN.md section 2): a person of the customer's branch. */
export class AccountManagers1764979320000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE customers ADD COLUMN account_manager_id uuid;
      ALTER TABLE customers ADD CONSTRAINT customers_account_manager_fk
        FOREIGN KEY (branch_id, account_manager_id) REFERENCES memberships (branch_id, user_id);
      -- "High-value customers without an account manager": a branch's list, and head office's across branches.
      CREATE INDEX customers_branch_high_unmanaged ON customers (branch_id, created_at DESC, id DESC)
        WHERE tier = 'HIGH' AND status = 'ACTIVE' AND account_manager_id IS NULL;
      CREATE INDEX customers_high_unmanaged ON customers (created_at DESC, id DESC, branch_id)
        WHERE tier = 'HIGH' AND status = 'ACTIVE' AND account_manager_id IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX customers_high_unmanaged, customers_branch_high_unmanaged;
      ALTER TABLE customers DROP CONSTRAINT customers_account_manager_fk;
      ALTER TABLE customers DROP COLUMN account_manager_id;
    `);
  }
}
