import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An exchange is a return plus a replacement shipment, linked (DOMAIN.md section 5): a PROCESSED exchange names its
 * replacement, and only an exchange does. NOT VALID: rows written before this rule (an exchange processed without a
 * replacement) stay as history; every new or changed row is checked.
 *
 * Shipped per order line counts the goods an exchange took back off (the replacement ships them again), so the
 * order's shipped <= ordered holds with the replacement counted: the index finds an order's exchanges.
 */
export class ExchangeReplacements1766810000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE goods_returns ADD CONSTRAINT goods_returns_exchange_replaced
        CHECK ((kind = 'EXCHANGE' AND status = 'PROCESSED') = (replacement_shipment_id IS NOT NULL)) NOT VALID;
      CREATE UNIQUE INDEX goods_returns_branch_replacement ON goods_returns (branch_id, replacement_shipment_id)
        WHERE replacement_shipment_id IS NOT NULL;
      CREATE INDEX goods_returns_branch_order_exchanged ON goods_returns (branch_id, order_id)
        WHERE kind = 'EXCHANGE' AND status = 'PROCESSED';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX goods_returns_branch_order_exchanged;
      DROP INDEX goods_returns_branch_replacement;
      ALTER TABLE goods_returns DROP CONSTRAINT goods_returns_exchange_replaced;
    `);
  }
}
