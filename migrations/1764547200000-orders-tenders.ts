import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const ORDER_STATES = `'DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'CONFIRMED', 'RELEASED', 'REJECTED', 'CANCELLED'`;

/** An order's (a tender's) children are visible to a sales rep only when the parent is (its policy applies inside). */
const PARENT_VISIBLE = (t: string, parent: string, fk: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM ${parent} p WHERE p.branch_id = ${t}.branch_id AND p.id = ${t}.${fk})`;

/**
 * Orders taken by phone, fax, e-mail or in person, with their lines: an order backed by a signed
 * contract of its customer is confirmed directly; one without goes through leadership approval
 * (DOMAIN.md section 4) before it may be released for shipment. Tenders with their qualification
 * documents, and the due timestamp of the next deadline reminder that the worker's scan claims.
 */
export class OrdersTenders1764547200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('PHONE', 'FAX', 'EMAIL', 'IN_PERSON')),
        contract_id uuid,
        received_on date NOT NULL,
        reference text CHECK (length(reference) BETWEEN 1 AND 100),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${ORDER_STATES})),
        state_reason text CHECK (length(state_reason) BETWEEN 1 AND 2000),
        approval_request_id uuid,
        notes text CHECK (length(notes) <= 4000),
        released_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT orders_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT orders_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT orders_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT orders_approval_request_fk FOREIGN KEY (branch_id, approval_request_id)
          REFERENCES approval_requests (branch_id, id),
        -- The gate, in the schema too: APPROVED only through a request, CONFIRMED only with a contract.
        CONSTRAINT orders_approved_has_request CHECK (state <> 'APPROVED' OR approval_request_id IS NOT NULL),
        CONSTRAINT orders_confirmed_has_contract CHECK (state <> 'CONFIRMED' OR contract_id IS NOT NULL),
        CONSTRAINT orders_released_gate CHECK ((state = 'RELEASED') = (released_at IS NOT NULL)
          AND (state <> 'RELEASED' OR contract_id IS NOT NULL OR approval_request_id IS NOT NULL)),
        CHECK ((state IN ('REJECTED', 'CANCELLED')) = (state_reason IS NOT NULL))
      );
      CREATE INDEX orders_branch_created ON orders (branch_id, created_at DESC, id DESC);
      CREATE INDEX orders_branch_owner_created ON orders (branch_id, owner_id, created_at DESC, id DESC);
      CREATE INDEX orders_branch_customer ON orders (branch_id, customer_id, created_at DESC, id DESC);
      CREATE INDEX orders_branch_contract ON orders (branch_id, contract_id) WHERE contract_id IS NOT NULL;
      -- Head-office lists across many branches walk this one, sorted as the page is.
      CREATE INDEX orders_created ON orders (created_at DESC, id DESC, branch_id);
      ${tenantTable('orders', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE TABLE order_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        order_id uuid NOT NULL,
        position integer NOT NULL CHECK (position BETWEEN 1 AND 200),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        line_total numeric(18, 2) NOT NULL CHECK (line_total = round(quantity * unit_price, 2)),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT order_lines_order_fk FOREIGN KEY (branch_id, order_id) REFERENCES orders (branch_id, id),
        CONSTRAINT order_lines_position_key UNIQUE (branch_id, order_id, position)
      );
      ${tenantTable('order_lines', PARENT_VISIBLE('order_lines', 'orders', 'order_id'))}

      GRANT SELECT, INSERT, UPDATE ON orders TO app_runtime;
      GRANT SELECT, INSERT, DELETE ON order_lines TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE order_lines, orders;
    `);
  }
}
