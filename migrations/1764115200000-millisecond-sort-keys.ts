import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timestamps that order a list (and so travel in keyset cursors) are kept to the millisecond, the
 * precision of a JavaScript Date: a cursor then carries the exact stored value. With microseconds,
 * rows sharing a millisecond (any bulk import in one transaction) were skipped on the next page.
 * Values round once, here; `contact_reminded_due_at` rounds with `next_contact_due_at`, so the
 * "already reminded for this due date" comparison still holds.
 */
export class MillisecondSortKeys1764115200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE customers
        ALTER COLUMN created_at TYPE timestamptz(3),
        ALTER COLUMN next_contact_due_at TYPE timestamptz(3),
        ALTER COLUMN contact_reminded_due_at TYPE timestamptz(3),
        ALTER COLUMN last_contact_at TYPE timestamptz(3);
      ALTER TABLE notifications ALTER COLUMN created_at TYPE timestamptz(3);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE customers
        ALTER COLUMN created_at TYPE timestamptz,
        ALTER COLUMN next_contact_due_at TYPE timestamptz,
        ALTER COLUMN contact_reminded_due_at TYPE timestamptz,
        ALTER COLUMN last_contact_at TYPE timestamptz;
      ALTER TABLE notifications ALTER COLUMN created_at TYPE timestamptz;
    `);
  }
}
