/** Where the tests find PostgreSQL and Redis; the same defaults as the product. */
export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** Default prefix of the test databases' names; `TEST_DB_PREFIX` changes it. */
export const DEFAULT_TEST_DB_PREFIX = 'commerce_t';
export const TEST_DB_PREFIX = process.env.TEST_DB_PREFIX || DEFAULT_TEST_DB_PREFIX;

/**
 * The names a test run owns: `<TEST_DB_PREFIX>_<run id>_template`, built from the migrations by the run's first
 * test file, and `<TEST_DB_PREFIX>_<run id>_<random>`, one per test file. The run id is new for every `npm test`
 * (global-setup.mjs), so two checkouts, or two runs of one checkout, never touch each other's databases, and the
 * run's global teardown drops exactly the databases whose names carry its id.
 */
export function runDatabasePrefix(): string {
  const runId = (process.env.TEST_RUN_ID ?? `adhoc${process.pid}`).replace(/\W/g, '');
  return `${TEST_DB_PREFIX}_${runId}`;
}

export function templateDatabase(): string {
  return `${runDatabasePrefix()}_template`;
}

export function dbUrl(name: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
