/** Where the tests find PostgreSQL and Redis; the same defaults as the product. */
export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const TEMPLATE_DB = 'commerce_test_template';

export function dbUrl(name: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
