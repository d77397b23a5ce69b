import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

/**
 * Document loans (借阅, issue 14): a person borrows an issued or archived document, the paper original or an
 * electronic copy, for a number of working days; the loan is approved through the engine (subject DOCUMENT_LOAN),
 * due on the branch calendar, renewed at most twice, and returned to the archivist with a condition check. One
 * original is out (or asked for) at a time. The worker reminds the borrower on the due day, tells borrower and
 * archivists the day after, and escalates to the branch managers three days after: `notice_stage` and
 * `next_notice_at` are the scan's due work, claimed FOR UPDATE SKIP LOCKED.
 * A sales rep sees their own loans only (the own-only wall), everyone else the branch's register.
 */
export class DocumentLoans1766601000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_loans (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        document_id uuid NOT NULL,
        borrower_id uuid NOT NULL,
        medium text NOT NULL CHECK (medium IN ('PHYSICAL', 'ELECTRONIC')),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        working_days integer NOT NULL CHECK (working_days BETWEEN 1 AND 60),
        state text NOT NULL DEFAULT 'REQUESTED'
          CHECK (state IN ('REQUESTED', 'LENT', 'RETURNED', 'REJECTED', 'CANCELLED')),
        approval_request_id uuid,
        requested_at timestamptz(3) NOT NULL DEFAULT now(),
        lent_at timestamptz(3),
        due_on date,
        renewals integer NOT NULL DEFAULT 0 CHECK (renewals BETWEEN 0 AND 2),
        returned_at timestamptz(3),
        return_condition text CHECK (return_condition IN ('INTACT', 'DAMAGED', 'INCOMPLETE', 'LOST')),
        return_note text CHECK (length(return_note) BETWEEN 1 AND 2000),
        received_by uuid,
        notice_stage integer NOT NULL DEFAULT 0 CHECK (notice_stage BETWEEN 0 AND 3),
        next_notice_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT document_loans_document_fk FOREIGN KEY (branch_id, document_id) REFERENCES documents (branch_id, id),
        CHECK ((state IN ('LENT', 'RETURNED')) = (lent_at IS NOT NULL AND due_on IS NOT NULL)),
        CHECK ((state = 'RETURNED') = (returned_at IS NOT NULL AND return_condition IS NOT NULL AND received_by IS NOT NULL)),
        CHECK (return_condition IS NULL OR return_condition = 'INTACT' OR return_note IS NOT NULL),
        CHECK (next_notice_at IS NULL OR state = 'LENT')
      );
      -- One paper original: asked for or out with one person at a time.
      CREATE UNIQUE INDEX document_loans_one_original ON document_loans (branch_id, document_id)
        WHERE medium = 'PHYSICAL' AND state IN ('REQUESTED', 'LENT');
      CREATE INDEX document_loans_requested ON document_loans (branch_id, requested_at DESC, id DESC);
      CREATE INDEX document_loans_notice ON document_loans (next_notice_at) WHERE next_notice_at IS NOT NULL;
      ${tenantTable('document_loans', `${OWN_ONLY} OR borrower_id = ${USER_ID}`)}
      GRANT SELECT, INSERT, UPDATE ON document_loans TO app_runtime;

      CREATE FUNCTION claim_due_document_loans(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT l.branch_id, l.id FROM document_loans l
          WHERE l.next_notice_at <= now()
          ORDER BY l.next_notice_at
          LIMIT batch FOR UPDATE OF l SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_document_loans(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_document_loans(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_document_loans(integer);
      DROP TABLE document_loans;
    `);
  }
}
