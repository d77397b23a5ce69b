import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The discount that decides a quote's approval counts, for a line naming a product, its discount against the
 * catalogue's list price too (a lowered unit price at "0 %" discount no longer slips past the limit). The line keeps the list price it
 * was priced against (a later change of the catalogue does not move a quote's approval). Existing product lines get
 * today's list price; only DRAFT quotes are measured again (the others were decided under the old rule).
 */
export class QuoteListDiscount1766850000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE quote_lines ADD COLUMN list_price numeric(18, 2) CHECK (list_price >= 0);
      UPDATE quote_lines l SET list_price = p.list_price FROM products p
        WHERE p.organization_id = l.organization_id AND p.id = l.product_id;
      UPDATE quotes q SET max_discount_percent = t.m
      FROM (
        SELECT l.branch_id, l.quote_id, max(CASE WHEN l.list_price > 0
          THEN greatest(l.discount_percent,
            ceil((100 - l.unit_price * (100 - l.discount_percent) / l.list_price) * 100) / 100)
          ELSE l.discount_percent END) AS m
        FROM quote_lines l GROUP BY 1, 2
      ) t
      WHERE q.branch_id = t.branch_id AND q.id = t.quote_id AND q.state = 'DRAFT';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quote_lines DROP COLUMN list_price`);
  }
}
