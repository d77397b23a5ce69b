import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

/**
 * Leave (issue 13): a person's balance per year and kind of leave (days entitled, taken, held by pending requests),
 * and leave requests decided by the approval engine (LEAVE). A request holds its days on the balance row, which it
 * locks: concurrent requests never take a balance below zero (the CHECK is the database's own word on it).
 */
export class Leave1766420000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leave_balances (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        kind text NOT NULL CHECK (kind IN ('ANNUAL', 'SICK', 'PERSONAL')),
        entitled integer NOT NULL CHECK (entitled BETWEEN 0 AND 366),
        taken integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
        held integer NOT NULL DEFAULT 0 CHECK (held >= 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT leave_balances_person UNIQUE (branch_id, person_id, year, kind),
        CONSTRAINT leave_balances_not_negative CHECK (taken + held <= entitled)
      );
      ${tenantTable('leave_balances', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      CREATE TABLE leave_requests (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        balance_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ANNUAL', 'SICK', 'PERSONAL')),
        first_day date NOT NULL,
        last_day date NOT NULL,
        days integer NOT NULL CHECK (days > 0),
        state text NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
        note text,
        approval_request_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        FOREIGN KEY (branch_id, balance_id) REFERENCES leave_balances (branch_id, id),
        CHECK (first_day <= last_day)
      );
      CREATE INDEX leave_requests_person_days ON leave_requests (branch_id, person_id, first_day);
      ${tenantTable('leave_requests', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      GRANT SELECT, INSERT, UPDATE ON leave_balances, leave_requests TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE leave_requests, leave_balances`);
  }
}
