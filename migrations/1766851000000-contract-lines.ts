import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, tenantTable } from './tenancy.js';

/**
 * The accepted quote's lines become the contract's lines (contract_lines, copied when the contract is made from the
 * quote), and order lines draw them down: `ordered` is what the orders that are not cancelled or rejected hold of
 * each line, and the CHECK keeps it within what was contracted whatever races. Contracts made before this (or
 * without a quote) have no lines; orders against them name none, as before. An order remembers the quote it was
 * made from (`orders.quote_id`), so a quote without a contract becomes one live order at most.
 */
export class ContractLines1766851000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        quote_line_id uuid,
        position integer NOT NULL CHECK (position BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('PRODUCT', 'SERVICE')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        discount_percent numeric(5, 2) NOT NULL CHECK (discount_percent BETWEEN 0 AND 100),
        net_unit_price numeric(18, 2) NOT NULL CHECK (net_unit_price >= 0),
        line_total numeric(18, 2) NOT NULL CHECK (line_total >= 0),
        organization_id uuid,
        product_id uuid,
        ordered numeric(18, 3) NOT NULL DEFAULT 0,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contract_lines_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT contract_lines_quote_line_fk
          FOREIGN KEY (branch_id, quote_line_id) REFERENCES quote_lines (branch_id, id),
        CONSTRAINT contract_lines_product_fk
          FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id),
        CONSTRAINT contract_lines_product_pair CHECK ((organization_id IS NULL) = (product_id IS NULL)),
        CONSTRAINT contract_lines_position_key UNIQUE (branch_id, contract_id, position),
        -- ordered <= contracted for every line, whatever the application does.
        CONSTRAINT contract_lines_ordered_within CHECK (ordered >= 0 AND ordered <= quantity)
      );
      ${tenantTable(
        'contract_lines',
        `${OWN_ONLY} OR EXISTS (SELECT 1 FROM contracts k WHERE k.branch_id = contract_lines.branch_id AND k.id = contract_lines.contract_id)`,
      )}
      GRANT SELECT, INSERT, UPDATE ON contract_lines TO app_runtime;

      ALTER TABLE order_lines ADD COLUMN contract_line_id uuid,
        ADD CONSTRAINT order_lines_contract_line_fk
          FOREIGN KEY (branch_id, contract_line_id) REFERENCES contract_lines (branch_id, id);
      CREATE INDEX order_lines_branch_contract_line ON order_lines (branch_id, contract_line_id)
        WHERE contract_line_id IS NOT NULL;

      ALTER TABLE orders ADD COLUMN quote_id uuid,
        ADD CONSTRAINT orders_quote_fk FOREIGN KEY (branch_id, quote_id) REFERENCES quotes (branch_id, id);
      CREATE INDEX orders_branch_quote ON orders (branch_id, quote_id) WHERE quote_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders DROP COLUMN quote_id;
      ALTER TABLE order_lines DROP COLUMN contract_line_id;
      DROP TABLE contract_lines;
    `);
  }
}
