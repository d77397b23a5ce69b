import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * Orders arranged as the database owner for the fulfillment specs: a SIGNED contract of the customer, and an order
 * it backs in a given state with lines of given quantities and, optionally, its one-working-day shipping clock.
 */

export interface OrderArrangement {
  branchId: string;
  customerId: string;
  ownerId: string;
  /** RELEASED by default; CANCELLED and REJECTED get a reason. */
  state?: string;
  /** Line quantities (unit price 0); none by default. */
  quantities?: string[];
  /** The shipping clock: signedAt and shipBy (the worker's check due at shipBy), and the first shipment's time. */
  clock?: { signedAt: Date; shipBy: Date; firstShippedAt?: Date | null };
}

/** A SIGNED contract of the customer (frame, 2026-2027), its id. */
export async function insertSignedContract(
  db: pg.Client,
  c: { branchId: string; customerId: string; ownerId: string },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
       number, signed_on, version, created_by)
     VALUES ($1, $2, $3, 'Frame', 100000, 'CNY', '2026-01-01', '2027-12-31', $4, 'SIGNED', $5, '2026-01-05', 1, $4)`,
    [c.branchId, id, c.customerId, c.ownerId, `N-${id.slice(0, 8)}`],
  );
  return id;
}

/** An order backed by a new signed contract, with its lines: its id and the line ids in order. */
export async function insertOrder(db: pg.Client, o: OrderArrangement): Promise<{ id: string; lines: string[] }> {
  const contract = await insertSignedContract(db, o);
  const id = randomUUID();
  const state = o.state ?? 'RELEASED';
  await db.query(
    `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
       state, state_reason, released_at, created_by, signed_at, ship_by, first_shipped_at, ship_breach_check_at)
     VALUES ($1, $2, $3, $4, 'PHONE', $5, '2026-11-20', 0, 'CNY', $6,
       CASE WHEN $6 IN ('CANCELLED', 'REJECTED') THEN 'Arranged' END, CASE WHEN $6 = 'RELEASED' THEN now() END, $4,
       $7, $8, $9, $8)`,
    [
      o.branchId,
      id,
      o.customerId,
      o.ownerId,
      contract,
      state,
      o.clock?.signedAt ?? null,
      o.clock?.shipBy ?? null,
      o.clock?.firstShippedAt ?? null,
    ],
  );
  const lines: string[] = [];
  for (const [i, q] of (o.quantities ?? []).entries()) {
    const line = randomUUID();
    await db.query(
      `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 0)`,
      [o.branchId, line, id, i + 1, `Line ${i + 1}`, q],
    );
    lines.push(line);
  }
  return { id, lines };
}
