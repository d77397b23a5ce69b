import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const STATES = `'DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED'`;

/**
 * Quotes (报价单): line items whose totals PostgreSQL computes in `numeric` (generated columns on the
 * lines, sums on the quote), the per-branch discount limit above which a quote needs approval, and
 * the due timestamps the worker's quote scan reads: the expiry reminder and the expiry itself (the
 * start of the day after `valid_until` in the branch's time zone), set while a quote is SENT.
 */
export class Quotes1764460800000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quotes (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        valid_until date NOT NULL,
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${STATES})),
        notes text CHECK (length(notes) <= 4000),
        -- Kept equal to the sums over the lines by every statement that changes them.
        subtotal numeric(18, 2) NOT NULL DEFAULT 0 CHECK (subtotal >= 0),
        discount_amount numeric(18, 2) NOT NULL DEFAULT 0,
        total numeric(18, 2) NOT NULL DEFAULT 0 CHECK (total >= 0),
        max_discount_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (max_discount_percent BETWEEN 0 AND 100),
        approval_request_id uuid,
        approval_note text CHECK (length(approval_note) <= 2000),
        decline_reason text CHECK (length(decline_reason) <= 2000),
        contract_id uuid,
        sent_at timestamptz(3),
        next_reminder_at timestamptz(3),
        expires_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT quotes_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT quotes_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT quotes_approval_request_fk FOREIGN KEY (branch_id, approval_request_id)
          REFERENCES approval_requests (branch_id, id),
        CONSTRAINT quotes_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CHECK (discount_amount = subtotal - total),
        CHECK ((state = 'SENT') OR (expires_at IS NULL AND next_reminder_at IS NULL)),
        CHECK (contract_id IS NULL OR state = 'ACCEPTED')
      );
      -- One contract per quote, and a contract comes from at most one quote.
      CREATE UNIQUE INDEX quotes_contract_key ON quotes (branch_id, contract_id) WHERE contract_id IS NOT NULL;
      CREATE INDEX quotes_branch_created ON quotes (branch_id, created_at DESC, id DESC);
      CREATE INDEX quotes_branch_owner_created ON quotes (branch_id, owner_id, created_at DESC, id DESC);
      CREATE INDEX quotes_branch_customer ON quotes (branch_id, customer_id, created_at DESC, id DESC);
      CREATE INDEX quotes_created ON quotes (created_at DESC, id DESC, branch_id);
      CREATE INDEX quotes_expiry_due ON quotes (expires_at) WHERE expires_at IS NOT NULL;
      CREATE INDEX quotes_reminder_due ON quotes (next_reminder_at) WHERE next_reminder_at IS NOT NULL;
      ${tenantTable('quotes', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE TABLE quote_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        quote_id uuid NOT NULL,
        position integer NOT NULL CHECK (position BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('PRODUCT', 'SERVICE')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        discount_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
        -- Computed by PostgreSQL in numeric when the line is written (no client rounds money), and held to it.
        gross_amount numeric(18, 2) NOT NULL,
        line_total numeric(18, 2) NOT NULL,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT quote_lines_quote_fk FOREIGN KEY (branch_id, quote_id) REFERENCES quotes (branch_id, id),
        CONSTRAINT quote_lines_position_key UNIQUE (branch_id, quote_id, position),
        CONSTRAINT quote_lines_amounts CHECK (gross_amount = round(quantity * unit_price, 2)
          AND line_total = round(quantity * unit_price * (1 - discount_percent / 100), 2))
      );
      ${tenantTable(
        'quote_lines',
        `${OWN_ONLY} OR EXISTS (SELECT 1 FROM quotes k WHERE k.branch_id = quote_lines.branch_id AND k.id = quote_lines.quote_id)`,
      )}

      ALTER TABLE contract_settings
        ADD COLUMN quote_discount_limit_percent numeric(5, 2) NOT NULL DEFAULT 10
          CHECK (quote_discount_limit_percent BETWEEN 0 AND 100),
        ADD COLUMN quote_expiry_reminder_days smallint NOT NULL DEFAULT 3
          CHECK (quote_expiry_reminder_days BETWEEN 1 AND 90);

      GRANT SELECT, INSERT, UPDATE ON quotes TO app_runtime;
      -- Lines are replaced as a whole while the quote is a draft.
      GRANT SELECT, INSERT, DELETE ON quote_lines TO app_runtime;

      -- The worker's cross-branch step: SENT quotes whose expiry or reminder is due, locked for the
      -- claiming transaction (SKIP LOCKED: replicas split the work, a crash rolls the batch back).
      CREATE FUNCTION claim_due_quotes(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT x.branch_id, x.id FROM quotes x
          WHERE x.state = 'SENT' AND (x.expires_at <= now() OR x.next_reminder_at <= now())
          ORDER BY least(x.expires_at, x.next_reminder_at)
          LIMIT batch FOR UPDATE SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_quotes(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_quotes(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_quotes(integer);
      ALTER TABLE contract_settings DROP COLUMN quote_expiry_reminder_days, DROP COLUMN quote_discount_limit_percent;
      DROP TABLE quote_lines, quotes;
    `);
  }
}
