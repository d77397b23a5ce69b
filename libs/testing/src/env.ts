/** Where the tests find PostgreSQL and Redis; the same defaults as the product. */
export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/**
 * Test databases are named `<TEST_DB_PREFIX>_<random>` and cloned from `<TEST_DB_PREFIX>_template`,
 * so two checkouts with different migrations can run their suites at once on one server.
 */
export const TEST_DB_PREFIX = process.env.TEST_DB_PREFIX || 'commerce_t';
export const TEMPLATE_DB = process.env.TEST_DB_PREFIX ? `${TEST_DB_PREFIX}_template` : 'commerce_test_template';

export function dbUrl(name: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
