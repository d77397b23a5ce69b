import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PreflightError, checkPostgres, checkRedis } from '@app/core';
import { createTestDatabase } from '@app/testing';

describe('preflight: the one line a process prints before it exits', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('passes for a migrated database and the real runtime role', async () => {
    await expect(checkPostgres(db.url, true, { role: 'app_runtime', allowBypassRls: false })).resolves.toBeUndefined();
  });

  it('refuses a runtime role that bypasses row-level security, unless the benchmark asks for it', async () => {
    const refused = checkPostgres(db.url, true, { role: 'postgres', allowBypassRls: false });
    await expect(refused).rejects.toBeInstanceOf(PreflightError);
    await expect(refused).rejects.toThrow('DB_RUNTIME_ROLE "postgres" bypasses row-level security');
    await expect(checkPostgres(db.url, true, { role: 'postgres', allowBypassRls: true })).resolves.toBeUndefined();
  });

  it('names a missing role, a missing database and an unreachable server, with the fix', async () => {
    await expect(checkPostgres(db.url, true, { role: 'no_such_role', allowBypassRls: false })).rejects.toThrow(
      'has no role "no_such_role". Run "npm run migrate".',
    );
    const missing = db.url.replace(/\/[^/]+$/, '/commerce_no_such_db');
    await expect(checkPostgres(missing)).rejects.toThrow(
      'the database does not exist. Run "npm run migrate" to create it.',
    );
    await expect(checkPostgres('postgres://postgres@127.0.0.1:1/commerce')).rejects.toThrow(
      'Cannot reach PostgreSQL at postgres://postgres@127.0.0.1:1/commerce (ECONNREFUSED). Start PostgreSQL or set DATABASE_URL.',
    );
    await expect(checkRedis('redis://127.0.0.1:1')).rejects.toThrow(
      /^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.+\)\. Start Redis or set REDIS_URL\.$/,
    );
  });
});
