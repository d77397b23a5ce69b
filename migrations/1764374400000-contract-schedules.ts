import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, tenantTable } from './tenancy.js';

/** A contract's children are visible to a sales rep only when the contract is (its policy applies inside). */
const CONTRACT_VISIBLE = (t: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM contracts k WHERE k.branch_id = ${t}.branch_id AND k.id = ${t}.contract_id)`;

/**
 * Performance tracking of signed contracts: the payment schedule (instalments) and delivery
 * milestones, and the due timestamps the worker's reminder scan reads (each scan is an index range
 * query on a partial index): `next_action_at` on instalments and milestones (the due day's start,
 * then the next day's start, when it becomes OVERDUE), the next expiry reminder on contracts, and
 * the original check (the 3rd of the month after signing) for contracts whose original is missing.
 */
export class ContractSchedules1764374400000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_instalments (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PREPAYMENT', 'PROGRESS', 'FINAL')),
        due_on date NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PAID', 'OVERDUE', 'WAIVED')),
        paid_on date,
        next_action_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contract_instalments_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CHECK ((status = 'PAID') = (paid_on IS NOT NULL))
      );
      CREATE INDEX contract_instalments_contract ON contract_instalments (branch_id, contract_id, due_on, id);
      CREATE INDEX contract_instalments_due ON contract_instalments (next_action_at) WHERE status = 'PENDING';
      ${tenantTable('contract_instalments', CONTRACT_VISIBLE('contract_instalments'))}

      CREATE TABLE contract_milestones (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'OVERDUE', 'CANCELLED')),
        done_on date,
        next_action_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contract_milestones_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CHECK ((status = 'DONE') = (done_on IS NOT NULL))
      );
      CREATE INDEX contract_milestones_contract ON contract_milestones (branch_id, contract_id, due_on, id);
      CREATE INDEX contract_milestones_due ON contract_milestones (next_action_at) WHERE status = 'PENDING';
      ${tenantTable('contract_milestones', CONTRACT_VISIBLE('contract_milestones'))}

      ALTER TABLE contracts
        ADD COLUMN expiry_reminder_days smallint CHECK (expiry_reminder_days BETWEEN 1 AND 366),
        ADD COLUMN next_expiry_reminder_at timestamptz(3),
        ADD COLUMN original_check_at timestamptz(3),
        ADD CHECK ((expiry_reminder_days IS NULL) = (next_expiry_reminder_at IS NULL));
      CREATE INDEX contracts_expiry_reminder_due ON contracts (next_expiry_reminder_at)
        WHERE next_expiry_reminder_at IS NOT NULL;
      CREATE INDEX contracts_original_check_due ON contracts (original_check_at) WHERE original_check_at IS NOT NULL;
      -- Head office's expiringContracts across branches walks the live contracts in the page's order.
      CREATE INDEX contracts_live_ends ON contracts (ends_on, id, branch_id) WHERE state IN ('SIGNED', 'ACTIVE');

      ALTER TABLE contract_settings
        ALTER COLUMN number_rule SET DEFAULT '{BRANCH}-HT-{YYYY}-{NNNN}',
        ADD COLUMN expiry_reminder_days smallint[] NOT NULL DEFAULT '{90,30,7}'
          CHECK (cardinality(expiry_reminder_days) BETWEEN 1 AND 5 AND 1 <= ALL (expiry_reminder_days)
            AND 366 >= ALL (expiry_reminder_days));

      GRANT SELECT, INSERT, UPDATE ON contract_instalments, contract_milestones TO app_runtime;

      -- The worker's cross-branch steps: due rows locked for the claiming transaction (SKIP LOCKED:
      -- replicas split the work, a crash rolls the batch back for the next run).
      CREATE FUNCTION claim_due_contract_schedules(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid, subject text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        BEGIN
          RETURN QUERY SELECT i.branch_id, i.id, 'INSTALMENT'::text FROM contract_instalments i
            WHERE i.status = 'PENDING' AND i.next_action_at <= now()
            ORDER BY i.next_action_at LIMIT batch FOR UPDATE SKIP LOCKED;
          RETURN QUERY SELECT m.branch_id, m.id, 'MILESTONE'::text FROM contract_milestones m
            WHERE m.status = 'PENDING' AND m.next_action_at <= now()
            ORDER BY m.next_action_at LIMIT batch FOR UPDATE SKIP LOCKED;
        END
        $$;
      CREATE FUNCTION claim_due_contract_checks(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT c.branch_id, c.id FROM contracts c
          WHERE c.next_expiry_reminder_at <= now() OR c.original_check_at <= now()
          ORDER BY least(c.next_expiry_reminder_at, c.original_check_at)
          LIMIT batch FOR UPDATE SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_contract_schedules(integer), claim_due_contract_checks(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_contract_schedules(integer), claim_due_contract_checks(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_contract_checks(integer), claim_due_contract_schedules(integer);
      ALTER TABLE contract_settings DROP COLUMN expiry_reminder_days, ALTER COLUMN number_rule DROP DEFAULT;
      DROP INDEX contracts_live_ends, contracts_original_check_due, contracts_expiry_reminder_due;
      ALTER TABLE contracts DROP COLUMN original_check_at, DROP COLUMN next_expiry_reminder_at,
        DROP COLUMN expiry_reminder_days;
      DROP TABLE contract_milestones, contract_instalments;
    `);
  }
}
