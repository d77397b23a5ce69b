import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A standing delegation can be cancelled (by the person who gave it or a manager of the branch): it stays on
 * record with who cancelled it and when, and stops counting from that moment.
 */
export class ApprovalDelegationCancel1764720000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE approval_delegations
        ADD COLUMN cancelled_at timestamptz(3),
        ADD COLUMN cancelled_by uuid,
        ADD CONSTRAINT approval_delegations_cancelled CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL));
      CREATE INDEX approval_delegations_user ON approval_delegations (branch_id, user_id, ends_on);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX approval_delegations_user;
      ALTER TABLE approval_delegations DROP CONSTRAINT approval_delegations_cancelled,
        DROP COLUMN cancelled_by, DROP COLUMN cancelled_at;
    `);
  }
}
