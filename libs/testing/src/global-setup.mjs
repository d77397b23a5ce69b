// Runs once per `npm test`, outside Jest's module system: names this run, so the first test file
// rebuilds the template database from the migrations, and drops databases left by interrupted runs.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export default async function globalSetup() {
  process.env.NODE_ENV = 'test';
  process.env.TEST_RUN_ID = randomBytes(6).toString('hex');
  const base =
    process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(base);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const stale = await admin.query(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname NOT LIKE '%template' AND datname NOT IN (
         SELECT DISTINCT datname FROM pg_stat_activity WHERE datname IS NOT NULL)`,
      [`${process.env.TEST_DB_PREFIX || 'commerce_t'}_`],
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
