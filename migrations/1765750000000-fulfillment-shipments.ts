import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, tenantTable } from './tenancy.js';

const MODES = `'FROM_STOCK', 'DIRECT_FROM_MAKER'`;
const STATUSES = `'PREPARED', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'`;
const OLD_CAUSES = `'PURCHASE_RECEIPT', 'SHIPMENT', 'RETURN', 'COUNT_ADJUSTMENT'`;
const CAUSES = `${OLD_CAUSES}, 'SHIPMENT_CANCELLED'`;

/**
 * Fulfillment, second slice: shipments of a released order (from stock or straight from the maker), their lines
 * drawing down order lines, and the status events recorded by hand. A cancelled shipment puts its stock back as a
 * SHIPMENT_CANCELLED movement (in).
 */
export class FulfillmentShipments1765750000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shipments (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        order_id uuid NOT NULL,
        mode text NOT NULL CHECK (mode IN (${MODES})),
        location_id uuid,
        status text NOT NULL DEFAULT 'PREPARED' CHECK (status IN (${STATUSES})),
        carrier text CHECK (length(carrier) BETWEEN 1 AND 200),
        tracking_number text CHECK (length(tracking_number) BETWEEN 1 AND 100),
        consignee_place text NOT NULL CHECK (length(consignee_place) BETWEEN 1 AND 500),
        consignee_person text NOT NULL CHECK (length(consignee_person) BETWEEN 1 AND 200),
        consignee_phone text CHECK (length(consignee_phone) BETWEEN 1 AND 50),
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        shipped_at timestamptz(3),
        delivered_at timestamptz(3),
        cancelled_at timestamptz(3),
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT shipments_order_fk FOREIGN KEY (branch_id, order_id) REFERENCES orders (branch_id, id),
        CONSTRAINT shipments_location_fk FOREIGN KEY (branch_id, location_id) REFERENCES warehouse_locations (branch_id, id),
        CONSTRAINT shipments_location_check CHECK ((mode = 'FROM_STOCK') = (location_id IS NOT NULL)),
        CONSTRAINT shipments_cancel_check CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL))
      );
      CREATE INDEX shipments_branch_created ON shipments (branch_id, created_at DESC, id DESC);
      CREATE INDEX shipments_branch_order ON shipments (branch_id, order_id, created_at);
      ${tenantTable('shipments')}

      -- One line per order line and shipment; what it draws down from the order line (shipped <= ordered is kept
      -- by the service under the order's row lock: the sum spans rows, which a CHECK cannot see).
      CREATE TABLE shipment_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        shipment_id uuid NOT NULL,
        order_id uuid NOT NULL,
        order_line_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT shipment_lines_shipment_fk FOREIGN KEY (branch_id, shipment_id) REFERENCES shipments (branch_id, id),
        CONSTRAINT shipment_lines_order_line_fk FOREIGN KEY (branch_id, order_line_id) REFERENCES order_lines (branch_id, id),
        CONSTRAINT shipment_lines_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id),
        CONSTRAINT shipment_lines_key UNIQUE (branch_id, shipment_id, order_line_id)
      );
      CREATE INDEX shipment_lines_branch_order ON shipment_lines (branch_id, order_id);
      ${tenantTable('shipment_lines', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE shipment_events (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        shipment_id uuid NOT NULL,
        from_status text CHECK (from_status IN (${STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
        at timestamptz(3) NOT NULL,
        note text CHECK (length(note) BETWEEN 1 AND 2000),
        actor_id uuid,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT shipment_events_shipment_fk FOREIGN KEY (branch_id, shipment_id) REFERENCES shipments (branch_id, id)
      );
      CREATE INDEX shipment_events_branch_shipment ON shipment_events (branch_id, shipment_id, recorded_at);
      ${tenantTable('shipment_events')}

      ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_cause_check;
      ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_check;
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_cause_check CHECK (cause IN (${CAUSES}));
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_check
        CHECK (CASE cause WHEN 'SHIPMENT' THEN quantity < 0 WHEN 'COUNT_ADJUSTMENT' THEN true ELSE quantity > 0 END);

      GRANT SELECT, INSERT, UPDATE ON shipments TO app_runtime;
      GRANT SELECT, INSERT ON shipment_lines, shipment_events TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE shipment_events, shipment_lines, shipments;
      DELETE FROM stock_movements WHERE cause = 'SHIPMENT_CANCELLED';
      ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_cause_check;
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_cause_check CHECK (cause IN (${OLD_CAUSES}));
    `);
  }
}
