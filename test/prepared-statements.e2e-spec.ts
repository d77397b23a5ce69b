import { beforeAll, describe, expect, it } from '@jest/globals';
import { Database } from '@app/core';
import { insertCustomer, useFixture } from '@app/testing';

/** Prepared statements of the pooled connections (libs/core/src/prepared.ts), against the real server. */
describe('named statements on pooled connections', () => {
  const f = useFixture({ env: { DB_POOL_SIZE: '1' } });
  let database: Database;

  beforeAll(async () => {
    // One connection, so every transaction below reuses the statements the previous ones prepared.
    database = f.api.app.get(Database);
  });

  const prepared = () =>
    database.run({ branchIds: [f.org.a.id] }, (tx) =>
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 's\\_%'`),
    );

  it('a statement runs prepared, under the wall of each transaction that runs it', async () => {
    const id = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, dueAt: new Date() });
    const read = (branchIds: string[]) =>
      database.run({ branchIds }, (tx) => tx.query<{ id: string }>('SELECT id FROM customers WHERE id = $1', [id]));
    expect(await read([f.org.a.id])).toEqual([{ id }]);
    // The same prepared statement in a transaction of another branch sees nothing: the policy is evaluated per run.
    expect(await read([f.org.b.id])).toEqual([]);
    expect(await read([f.org.a.id])).toEqual([{ id }]);
    expect((await prepared())[0].n).toBeGreaterThanOrEqual(1);
  });

  it('a migration that changes what a prepared `*` returns fails one statement, and the next transaction heals', async () => {
    const id = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, dueAt: new Date() });
    const read = () =>
      database.run({ branchIds: [f.org.a.id] }, (tx) => tx.query('SELECT * FROM customers WHERE id = $1', [id]));
    expect(await read()).toHaveLength(1);
    await f.owner.query('ALTER TABLE customers ADD COLUMN prepared_probe integer');
    try {
      await expect(read()).rejects.toThrow(/cached plan must not change result type/);
      const [row] = await read();
      expect(row).toHaveProperty('prepared_probe', null);
    } finally {
      await f.owner.query('ALTER TABLE customers DROP COLUMN prepared_probe');
    }
  });
});
