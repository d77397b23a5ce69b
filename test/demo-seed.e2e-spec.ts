import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  cleanRedis,
  createTestDatabase,
  gql,
  login,
  ownerClient,
  startApp,
  testConfig,
  type TestApp,
} from '@app/testing';
import { DEMO_PASSWORD, seedDemo, seedDemoActivity } from '../scripts/seed-demo.js';

/** `npm run seed:demo` on an empty database: the people, customers and work in progress the README promises, once. */
describe('the demo seed', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  const config = () => testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000' });

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
  });

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config);
    await owner?.end();
    await db?.drop();
  });

  const counts = async () =>
    (
      await owner.query<{ k: string; n: number }>(
        `SELECT 'contracts ' || state AS k, count(*)::int AS n FROM contracts GROUP BY state
         UNION ALL SELECT 'requests ' || subject_type || ' ' || status, count(*)::int FROM approval_requests GROUP BY 1
         UNION ALL SELECT 'quotes ' || state, count(*)::int FROM quotes GROUP BY state
         UNION ALL SELECT 'orders ' || state, count(*)::int FROM orders GROUP BY state
         UNION ALL SELECT 'tenders ' || state, count(*)::int FROM tenders GROUP BY state
         UNION ALL SELECT 'instalments', count(*)::int FROM contract_instalments
         UNION ALL SELECT 'customers', count(*)::int FROM customers
         UNION ALL SELECT 'users', count(*)::int FROM users ORDER BY 1`,
      )
    ).rows;

  it('seeds people, customers and every branch’s work in progress through the services, and only once', async () => {
    await seedDemo(db.url);
    expect(await seedDemoActivity(config())).toBe(true);
    const first = await counts();
    expect(Object.fromEntries(first.map((r) => [r.k, r.n]))).toEqual({
      'contracts ACTIVE': 3,
      'contracts APPROVAL': 6,
      customers: 15,
      instalments: 9,
      'orders PENDING_APPROVAL': 3,
      'quotes PENDING_APPROVAL': 3,
      'quotes SENT': 3,
      'requests CONTRACT APPROVED': 3,
      'requests CONTRACT PENDING': 6,
      'requests ORDER_WITHOUT_CONTRACT PENDING': 3,
      'requests QUOTE PENDING': 3,
      'tenders PREPARING': 3,
      users: 9,
    });
    // Signed 31 days ago (Shanghai time): numbered in that day's year.
    const signedYear = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date(Date.now() - 31 * 864e5))
      .slice(0, 4);
    const numbers = await owner.query<{ number: string }>(
      `SELECT number FROM contracts WHERE number IS NOT NULL ORDER BY 1`,
    );
    expect(numbers.rows.map((r) => r.number)).toEqual(['BJ', 'SH', 'SZ'].map((b) => `${b}-HT-${signedYear}-0001`));
    await seedDemo(db.url);
    expect(await seedDemoActivity(config())).toBe(false);
    expect(await counts()).toEqual(first);
  });

  it('the accounts the README lists log in and find work waiting for them', async () => {
    api = await startApp(config());
    const pending = async (email: string) => {
      const { accessToken } = await login(api.url, email, DEMO_PASSWORD);
      const r = await gql<{ myPendingApprovals: { totalCount: number } }>(
        api.url,
        'query { myPendingApprovals { totalCount } }',
        {},
        { token: accessToken },
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.myPendingApprovals.totalCount;
    };
    // Shanghai's manager: the waiting contract, the special quote and the phone order.
    expect(await pending('manager@sh.demo')).toBe(3);
    // Leadership: the large contract of every branch.
    expect(await pending('leader@hq.demo')).toBe(3);
    expect(await pending('rep@sh.demo')).toBe(0);
  });
});
