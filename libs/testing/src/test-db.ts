import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../core/src/migrate.js';
import { migrations } from '../../../migrations/index.js';
import { dbUrl, runDatabasePrefix, templateDatabase } from './env.js';

/**
 * Builds this run's template database from the migrations once (the first file to get here does it under an
 * advisory lock; the others wait and reuse it). The template is the run's own: global teardown drops it.
 */
async function ensureTemplate(admin: pg.Client): Promise<string> {
  const template = templateDatabase();
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
  try {
    const r = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (r.rowCount === 0) {
      // Built under a temporary name and renamed, so a file never clones a half-migrated template.
      const building = `${template.slice(0, 50)}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      await runMigrations(dbUrl(building), migrations);
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    }
    return template;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
  }
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${runDatabasePrefix()}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: dbUrl('postgres') });
  await admin.connect();
  try {
    const template = await ensureTemplate(admin);
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
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
