import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const STATUSES = `'REQUESTED', 'GOODS_CHECKED', 'AUTHENTICATED', 'PENDING_APPROVAL', 'APPROVED', 'PROCESSED', 'REJECTED'`;
const REASONS = `'DEFECTIVE', 'WRONG_ITEM', 'DAMAGED_IN_TRANSIT', 'NOT_AS_DESCRIBED', 'CHANGED_MIND', 'OTHER'`;
const CAUSES = `'MANUAL', 'ORDER_DELIVERED', 'RETURN', 'CORRECTION'`;

/**
 * Returns and exchanges (退换货, DOMAIN.md section 5): a customer's return of goods from an accepted shipment, checked
 * (name, specification, quantity; authenticity with the maker), its red-letter note approved by leadership, then
 * processed (stock back in, the customer's purchases reduced, finance told to credit). A rep reads the returns of
 * their own orders (the order's owner is kept on the row, as orders do).
 *
 * Tiering's purchases take corrections: a cause, signed amounts (a return reduces), and each source event counted
 * once by its own key (source, source_id): an accepted shipment (SHIPMENT) or a processed return (RETURN).
 */
export class GoodsReturns1766700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE goods_returns (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RETURN', 'EXCHANGE')),
        shipment_id uuid NOT NULL,
        order_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN (${REASONS})),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        status text NOT NULL DEFAULT 'REQUESTED' CHECK (status IN (${STATUSES})),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        goods_check_note text CHECK (length(goods_check_note) BETWEEN 1 AND 2000),
        goods_checked_at timestamptz(3),
        authenticity_note text CHECK (length(authenticity_note) BETWEEN 1 AND 2000),
        authenticated_at timestamptz(3),
        approval_request_id uuid,
        approved_at timestamptz(3),
        location_id uuid,
        processed_at timestamptz(3),
        replacement_shipment_id uuid,
        rejected_at timestamptz(3),
        rejection_reason text CHECK (length(rejection_reason) BETWEEN 1 AND 2000),
        requested_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT goods_returns_shipment_fk FOREIGN KEY (branch_id, shipment_id) REFERENCES shipments (branch_id, id),
        CONSTRAINT goods_returns_order_fk FOREIGN KEY (branch_id, order_id) REFERENCES orders (branch_id, id),
        CONSTRAINT goods_returns_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT goods_returns_location_fk
          FOREIGN KEY (branch_id, location_id) REFERENCES warehouse_locations (branch_id, id),
        CONSTRAINT goods_returns_replacement_fk
          FOREIGN KEY (branch_id, replacement_shipment_id) REFERENCES shipments (branch_id, id),
        CONSTRAINT goods_returns_processed CHECK ((status = 'PROCESSED') = (processed_at IS NOT NULL)),
        CONSTRAINT goods_returns_rejected
          CHECK ((status = 'REJECTED') = (rejected_at IS NOT NULL) AND (rejected_at IS NULL) = (rejection_reason IS NULL))
      );
      CREATE INDEX goods_returns_branch_created ON goods_returns (branch_id, created_at DESC, id DESC);
      CREATE INDEX goods_returns_branch_owner_created ON goods_returns (branch_id, owner_id, created_at DESC, id DESC);
      CREATE INDEX goods_returns_branch_shipment ON goods_returns (branch_id, shipment_id);
      -- Returns by reason per branch and period (head office): one range per branch.
      CREATE INDEX goods_returns_branch_reason ON goods_returns (branch_id, created_at, reason) INCLUDE (amount, status);
      ${tenantTable('goods_returns', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      -- What comes back, per shipment line: returned <= shipped per line is kept by the service under the
      -- shipment's row lock (returns of one shipment queue).
      CREATE TABLE goods_return_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        return_id uuid NOT NULL,
        shipment_line_id uuid NOT NULL,
        order_line_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT goods_return_lines_return_fk FOREIGN KEY (branch_id, return_id) REFERENCES goods_returns (branch_id, id),
        CONSTRAINT goods_return_lines_shipment_line_fk
          FOREIGN KEY (branch_id, shipment_line_id) REFERENCES shipment_lines (branch_id, id),
        CONSTRAINT goods_return_lines_key UNIQUE (branch_id, return_id, shipment_line_id)
      );
      CREATE INDEX goods_return_lines_shipment_line ON goods_return_lines (branch_id, shipment_line_id) INCLUDE (quantity);
      ${tenantTable('goods_return_lines', ORGANIZATION_IN_SCOPE)}

      GRANT SELECT, INSERT, UPDATE ON goods_returns TO app_runtime;
      GRANT SELECT, INSERT ON goods_return_lines TO app_runtime;

      ALTER TABLE customer_purchases
        ADD COLUMN cause text NOT NULL DEFAULT 'MANUAL' CHECK (cause IN (${CAUSES})),
        DROP CONSTRAINT customer_purchases_amount_check,
        ADD CONSTRAINT customer_purchases_amount_check CHECK (amount <> 0),
        DROP CONSTRAINT customer_purchases_source_check,
        ADD CONSTRAINT customer_purchases_source_check CHECK (source IN ('MANUAL', 'ORDER', 'SHIPMENT', 'RETURN')),
        DROP CONSTRAINT customer_purchases_check,
        -- Every source but a person's entry names its event: the key that counts it once.
        ADD CONSTRAINT customer_purchases_source_id_check CHECK ((source = 'MANUAL') = (source_id IS NULL)),
        -- Only a return or a correction takes purchases off.
        ADD CONSTRAINT customer_purchases_sign_check CHECK (amount > 0 OR cause IN ('RETURN', 'CORRECTION'));
      UPDATE customer_purchases SET cause = 'ORDER_DELIVERED' WHERE source = 'ORDER';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM customer_purchases WHERE amount < 0 OR source IN ('SHIPMENT', 'RETURN');
      ALTER TABLE customer_purchases
        DROP CONSTRAINT customer_purchases_sign_check,
        DROP CONSTRAINT customer_purchases_source_id_check,
        ADD CONSTRAINT customer_purchases_check CHECK ((source = 'ORDER') = (source_id IS NOT NULL)),
        DROP CONSTRAINT customer_purchases_source_check,
        ADD CONSTRAINT customer_purchases_source_check CHECK (source IN ('MANUAL', 'ORDER')),
        DROP CONSTRAINT customer_purchases_amount_check,
        ADD CONSTRAINT customer_purchases_amount_check CHECK (amount > 0),
        DROP COLUMN cause;
      DROP TABLE goods_return_lines, goods_returns;
    `);
  }
}
