import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_ORDER_STATES = `'DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'CONFIRMED', 'RELEASED', 'REJECTED', 'CANCELLED'`;
const OLD_STATUSES = `'PREPARED', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'`;
const STATUSES = `${OLD_STATUSES}, 'RECEIPT_SIGNED', 'ACCEPTED', 'REJECTED'`;

/**
 * Delivery receipt and acceptance: a DELIVERED shipment gets the customer's signed receipt (who, when, the scan: a
 * file of the documents module in the same branch) and then the customer's acceptance or rejection (with a reason).
 * An order whose lines are all shipped and whose shipments are all accepted is CLOSED.
 */
export class DeliveryReceipts1766210000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shipments DROP CONSTRAINT shipments_status_check,
        ADD CONSTRAINT shipments_status_check
          CHECK (status IN (${STATUSES})),
        ADD COLUMN receipt_signed_by text CHECK (length(receipt_signed_by) BETWEEN 1 AND 200),
        ADD COLUMN receipt_signed_at timestamptz(3),
        ADD COLUMN receipt_file_id uuid,
        ADD COLUMN accepted_at timestamptz(3),
        ADD COLUMN rejected_at timestamptz(3),
        ADD COLUMN rejection_reason text CHECK (length(rejection_reason) BETWEEN 1 AND 2000),
        -- The scan is a file of the same branch: the database refuses another branch's file too.
        ADD CONSTRAINT shipments_receipt_file_fk FOREIGN KEY (branch_id, receipt_file_id) REFERENCES files (branch_id, id),
        ADD CONSTRAINT shipments_receipt_complete
          CHECK ((receipt_signed_by IS NULL) = (receipt_signed_at IS NULL)
            AND (receipt_signed_at IS NULL) = (receipt_file_id IS NULL)),
        ADD CONSTRAINT shipments_receipt_before_acceptance
          CHECK (status NOT IN ('RECEIPT_SIGNED', 'ACCEPTED', 'REJECTED') OR receipt_signed_at IS NOT NULL),
        ADD CONSTRAINT shipments_accepted CHECK ((status = 'ACCEPTED') = (accepted_at IS NOT NULL)),
        ADD CONSTRAINT shipments_rejected
          CHECK ((status = 'REJECTED') = (rejected_at IS NOT NULL) AND (rejected_at IS NULL) = (rejection_reason IS NULL));
      ALTER TABLE shipment_events DROP CONSTRAINT shipment_events_from_status_check,
        DROP CONSTRAINT shipment_events_to_status_check,
        ADD CONSTRAINT shipment_events_from_status_check CHECK (from_status IN (${STATUSES})),
        ADD CONSTRAINT shipment_events_to_status_check CHECK (to_status IN (${STATUSES}));
      CREATE INDEX shipments_receipt_file ON shipments (branch_id, receipt_file_id) WHERE receipt_file_id IS NOT NULL;

      ALTER TABLE orders DROP CONSTRAINT orders_state_check,
        ADD CONSTRAINT orders_state_check CHECK (state IN (${OLD_ORDER_STATES}, 'CLOSED')),
        ADD COLUMN closed_at timestamptz(3),
        ADD CONSTRAINT orders_closed CHECK ((state = 'CLOSED') = (closed_at IS NOT NULL)
          AND (state <> 'CLOSED' OR released_at IS NOT NULL)),
        DROP CONSTRAINT orders_released_gate,
        -- A CLOSED order was RELEASED first: it keeps its release time.
        ADD CONSTRAINT orders_released_gate CHECK ((state IN ('RELEASED', 'CLOSED')) = (released_at IS NOT NULL)
          AND (state NOT IN ('RELEASED', 'CLOSED') OR contract_id IS NOT NULL OR approval_request_id IS NOT NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders DROP CONSTRAINT orders_released_gate, DROP CONSTRAINT orders_closed, DROP COLUMN closed_at,
        DROP CONSTRAINT orders_state_check,
        ADD CONSTRAINT orders_state_check CHECK (state IN (${OLD_ORDER_STATES})),
        ADD CONSTRAINT orders_released_gate CHECK ((state = 'RELEASED') = (released_at IS NOT NULL)
          AND (state <> 'RELEASED' OR contract_id IS NOT NULL OR approval_request_id IS NOT NULL));
      DROP INDEX shipments_receipt_file;
      ALTER TABLE shipment_events DROP CONSTRAINT shipment_events_from_status_check,
        DROP CONSTRAINT shipment_events_to_status_check,
        ADD CONSTRAINT shipment_events_from_status_check CHECK (from_status IN (${OLD_STATUSES})),
        ADD CONSTRAINT shipment_events_to_status_check CHECK (to_status IN (${OLD_STATUSES}));
      ALTER TABLE shipments DROP CONSTRAINT shipments_rejected, DROP CONSTRAINT shipments_accepted,
        DROP CONSTRAINT shipments_receipt_before_acceptance, DROP CONSTRAINT shipments_receipt_complete,
        DROP CONSTRAINT shipments_receipt_file_fk, DROP COLUMN receipt_signed_by, DROP COLUMN receipt_signed_at,
        DROP COLUMN receipt_file_id, DROP COLUMN accepted_at, DROP COLUMN rejected_at, DROP COLUMN rejection_reason,
        DROP CONSTRAINT shipments_status_check,
        ADD CONSTRAINT shipments_status_check CHECK (status IN (${OLD_STATUSES}));
    `);
  }
}
