import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../core/src/migrate.js';
import { migrations } from '../../../migrations/index.js';
import { TEMPLATE_DB, TEST_DB_PREFIX, dbUrl } from './env.js';

/**
 * Builds the template database from the migrations once per test run (the first file to get here
 * does it under an advisory lock; the others wait and reuse it).
 */
async function ensureTemplate(admin: pg.Client): Promise<void> {
  const runId = process.env.TEST_RUN_ID ?? 'adhoc';
  await admin.query('SELECT pg_advisory_lock(7140282)');
  try {
    const r = await admin.query<{ c: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`,
      [TEMPLATE_DB],
    );
    if (r.rows[0]?.c === runId) return;
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await runMigrations(dbUrl(TEMPLATE_DB), migrations);
    await admin.query(`COMMENT ON DATABASE "${TEMPLATE_DB}" IS '${runId.replace(/\W/g, '')}'`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(7140282)');
  }
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${TEST_DB_PREFIX}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: dbUrl('postgres') });
  await admin.connect();
  try {
    await ensureTemplate(admin);
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
        break;
      } catch (e) {
        // Another file cloning the template at the same instant holds it briefly.
        if ((e as { code?: string }).code !== '55006' || attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: dbUrl(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: dbUrl('postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A superuser connection to a test database, for arranging data and inspecting results. */
export async function ownerClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}
