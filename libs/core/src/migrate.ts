import pg from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import { redactUrl } from './config.js';
import { PreflightError } from './preflight.js';

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new PreflightError(`DATABASE_URL names an unusual database "${name}"`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new PreflightError(
      `Cannot reach PostgreSQL at ${redactUrl(databaseUrl)} (${(e as { code?: string }).code ?? (e as Error).message}). Start PostgreSQL or set DATABASE_URL.`,
    );
  }
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return false;
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === '42P04') return false; // created concurrently
    throw e;
  } finally {
    await admin.end();
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function runMigrations(databaseUrl: string, migrations: MixedList<Function | string>): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const ds = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logging: false,
  });
  await ds.initialize();
  try {
    // One migrator at a time, even with several replicas starting together.
    await ds.query('SELECT pg_advisory_lock(7140281)');
    const done = await ds.runMigrations();
    return done.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock(7140281)').catch(() => undefined);
    await ds.destroy();
  }
}
