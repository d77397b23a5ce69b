import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, tenantTable } from './tenancy.js';

const STATES = `'DRAFT', 'IN_REVIEW', 'APPROVED', 'PLACED', 'CONFIRMED', 'PARTLY_RECEIVED', 'RECEIVED', 'CLOSED', 'CANCELLED'`;

/**
 * Purchase orders to the maker (设备采购单) from a sales order: lines drawing down order lines (what is on purchase
 * orders not cancelled never exceeds the order line: kept by the service under the order's row lock), finance's
 * review through the approval engine (PURCHASE_ORDER), the maker's confirmation, and goods received into stock
 * (received <= quantity per line, also by CHECK). Gap-free numbers per branch and year.
 */
export class PurchaseOrders1766710000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase_orders (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
        order_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        maker_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${STATES})),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        expected_on date,
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        approval_request_id uuid,
        placed_at timestamptz(3),
        maker_confirmed_on date,
        maker_reference text CHECK (length(maker_reference) BETWEEN 1 AND 200),
        confirmed_at timestamptz(3),
        closed_at timestamptz(3),
        cancelled_at timestamptz(3),
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT purchase_orders_order_fk FOREIGN KEY (branch_id, order_id) REFERENCES orders (branch_id, id),
        CONSTRAINT purchase_orders_maker_fk FOREIGN KEY (organization_id, maker_id) REFERENCES vendors (organization_id, id),
        CONSTRAINT purchase_orders_number_key UNIQUE (branch_id, number),
        CONSTRAINT purchase_orders_cancel_check CHECK ((state = 'CANCELLED') = (cancelled_at IS NOT NULL))
      );
      CREATE INDEX purchase_orders_branch_created ON purchase_orders (branch_id, created_at DESC, id DESC);
      CREATE INDEX purchase_orders_branch_order ON purchase_orders (branch_id, order_id);
      ${tenantTable('purchase_orders', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE purchase_order_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        purchase_order_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        order_id uuid NOT NULL,
        order_line_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        line_total numeric(18, 2) NOT NULL CHECK (line_total >= 0),
        expected_on date,
        received numeric(18, 3) NOT NULL DEFAULT 0,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT purchase_order_lines_po_fk FOREIGN KEY (branch_id, purchase_order_id)
          REFERENCES purchase_orders (branch_id, id),
        CONSTRAINT purchase_order_lines_order_line_fk FOREIGN KEY (branch_id, order_line_id)
          REFERENCES order_lines (branch_id, id),
        CONSTRAINT purchase_order_lines_product_fk FOREIGN KEY (organization_id, product_id)
          REFERENCES products (organization_id, id),
        CONSTRAINT purchase_order_lines_key UNIQUE (branch_id, purchase_order_id, order_line_id),
        CONSTRAINT purchase_order_lines_received CHECK (received >= 0 AND received <= quantity)
      );
      CREATE INDEX purchase_order_lines_branch_order ON purchase_order_lines (branch_id, order_id);
      ${tenantTable('purchase_order_lines', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE purchase_order_counters (
        branch_id uuid NOT NULL REFERENCES branches (id),
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        last integer NOT NULL CHECK (last > 0),
        PRIMARY KEY (branch_id, year)
      );
      ${tenantTable('purchase_order_counters')}

      GRANT SELECT, INSERT, UPDATE ON purchase_orders, purchase_order_lines, purchase_order_counters TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE purchase_order_counters, purchase_order_lines, purchase_orders`);
  }
}
