import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, tenantTable } from './tenancy.js';

/**
 * Month-end stock counts (盘点, DOMAIN.md section 5), per location: the book quantity of every product is
 * snapshotted when the count opens, people record what they counted (with a reason for any difference), and closing
 * posts each variance (counted - book at opening) as a COUNT_ADJUSTMENT on top of whatever moved since, through the
 * approval engine (subject STOCK_COUNT). One count open per location at a time; a count closes once.
 */
export class StockCounts1766812000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stock_counts (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        location_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PENDING_APPROVAL', 'CLOSED')),
        note text CHECK (length(note) BETWEEN 1 AND 2000),
        variance_value numeric(18, 2) CHECK (variance_value >= 0),
        approval_request_id uuid,
        opened_by uuid NOT NULL,
        closed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT stock_counts_location_fk
          FOREIGN KEY (branch_id, location_id) REFERENCES warehouse_locations (branch_id, id),
        CONSTRAINT stock_counts_closed CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      );
      -- One count at a time per location: a second open one is refused by this index.
      CREATE UNIQUE INDEX stock_counts_one_open ON stock_counts (branch_id, location_id) WHERE status <> 'CLOSED';
      CREATE INDEX stock_counts_branch_created ON stock_counts (branch_id, created_at DESC, id DESC);
      ${tenantTable('stock_counts')}
      GRANT SELECT, INSERT, UPDATE ON stock_counts TO app_runtime;

      CREATE TABLE stock_count_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        count_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        book_quantity numeric(18, 3) NOT NULL CHECK (book_quantity >= 0),
        counted_quantity numeric(18, 3) CHECK (counted_quantity >= 0),
        reason text CHECK (length(reason) BETWEEN 1 AND 2000),
        posted_quantity numeric(18, 3),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT stock_count_lines_key UNIQUE (branch_id, count_id, product_id),
        CONSTRAINT stock_count_lines_count_fk FOREIGN KEY (branch_id, count_id) REFERENCES stock_counts (branch_id, id),
        CONSTRAINT stock_count_lines_product_fk
          FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id),
        -- A difference carries its reason.
        CONSTRAINT stock_count_lines_reason
          CHECK (counted_quantity IS NULL OR counted_quantity = book_quantity OR reason IS NOT NULL)
      );
      ${tenantTable('stock_count_lines', ORGANIZATION_IN_SCOPE)}
      GRANT SELECT, INSERT, UPDATE ON stock_count_lines TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock_count_lines, stock_counts`);
  }
}
