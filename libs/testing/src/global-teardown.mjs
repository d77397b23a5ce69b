// Runs once after `npm test`: drops the databases this run created (its template and any test file's database an
// interrupted file left behind), found by the run id in their names. Another run's or checkout's databases, and
// anything not named by this run, are never touched.
import pg from 'pg';

function adminUrl() {
  const base =
    process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(base);
  url.pathname = '/postgres';
  return url.toString();
}

/** Drops every database named `<prefix>_<runId>_...`; returns their names. */
export async function dropRunDatabases(prefix, runId) {
  if (!/^\w+$/.test(runId)) throw new Error(`unusual test run id ${JSON.stringify(runId)}`);
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const mine = await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1', [
      `${prefix}_${runId}_`,
    ]);
    for (const { datname } of mine.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return mine.rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
}

export default async function globalTeardown() {
  if (process.env.TEST_RUN_ID)
    await dropRunDatabases(process.env.TEST_DB_PREFIX || 'commerce_t', process.env.TEST_RUN_ID);
}
