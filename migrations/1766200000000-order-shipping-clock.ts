import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one-working-day rule: an order's shipping clock. `signed_at` is when the order became binding (CONFIRMED
 * against its signed contract, or APPROVED by leadership), `ship_by` the close of the next working day of the
 * branch calendar, `first_shipped_at` when its first shipment left. The worker claims `ship_breach_check_at`
 * (= ship_by) with SKIP LOCKED and notifies a breach once (`ship_breach_notified_at`, notification dedupe keys).
 */
export class OrderShippingClock1766200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders
        ADD COLUMN signed_at timestamptz(3),
        ADD COLUMN ship_by timestamptz(3),
        ADD COLUMN first_shipped_at timestamptz(3),
        ADD COLUMN ship_breach_check_at timestamptz(3),
        ADD COLUMN ship_breach_notified_at timestamptz(3),
        ADD CONSTRAINT orders_ship_by_signed CHECK ((signed_at IS NULL) = (ship_by IS NULL));
      CREATE INDEX orders_ship_breach_due ON orders (ship_breach_check_at) WHERE ship_breach_check_at IS NOT NULL;
      -- The head-office figures and the breach list read a branch's signed orders by signing time.
      CREATE INDEX orders_branch_signed ON orders (branch_id, signed_at DESC, id DESC) WHERE signed_at IS NOT NULL;

      CREATE FUNCTION claim_due_ship_breaches(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT o.branch_id, o.id FROM orders o
          WHERE o.ship_breach_check_at <= now()
          ORDER BY o.ship_breach_check_at
          LIMIT batch FOR UPDATE OF o SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_ship_breaches(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_ship_breaches(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_ship_breaches(integer);
      DROP INDEX orders_branch_signed;
      DROP INDEX orders_ship_breach_due;
      ALTER TABLE orders DROP CONSTRAINT orders_ship_by_signed, DROP COLUMN signed_at, DROP COLUMN ship_by,
        DROP COLUMN first_shipped_at, DROP COLUMN ship_breach_check_at, DROP COLUMN ship_breach_notified_at;
    `);
  }
}
