import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  PASSWORD,
  createOrg,
  createTestDatabase,
  gql,
  ownerClient,
  startApp,
  testConfig,
  type GqlResponse,
  type TestApp,
  type TestOrg,
} from '@app/testing';

/**
 * Login while Redis is unreachable (its URL points at a closed port): the limits are counted in the process
 * instead (README: "Login rate limits"), so sign-in keeps working and guessing stays limited.
 * Process-level, so its own set-up (not useFixture): the app boots with a Redis URL that points nowhere, which the
 * fixture's shared app (and its sign-in of every person through Redis-backed limits) cannot do.
 */

const MAX_PER_ACCOUNT = 3;
const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;
const LOGIN = `mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }`;

/** A local port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('login while Redis is down', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    api = await startApp(
      testConfig(db.url, {
        REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
        LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
        LOGIN_WINDOW_SECONDS: '600',
      }),
    );
  });

  afterAll(async () => {
    await api?.close();
    await owner?.end();
    await db?.drop();
  });

  it('signs in, and reads and writes keep working', async () => {
    const r = await gql<{ login: { accessToken: string } }>(api.url, LOGIN, {
      e: org.users.managerA.email,
      p: PASSWORD,
    });
    expect(r.body.errors).toBeUndefined();
    const token = r.body.data!.login.accessToken;
    const w = await gql<{ createCustomer: { id: string } }>(
      api.url,
      'mutation { createCustomer(input: { name: "Offline Co", tier: LOW }) { id } }',
      {},
      { token },
    );
    expect(w.body.errors).toBeUndefined();
    const q = await gql<{ customer: { name: string } }>(
      api.url,
      'query($id: ID!) { customer(id: $id) { name } }',
      { id: w.body.data!.createCustomer.id },
      { token },
    );
    expect(q.body.data?.customer.name).toBe('Offline Co');
  });

  it('still limits guessing, with Retry-After, counted in the process', async () => {
    const email = org.users.repA.email;
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect(codeOf(await gql(api.url, LOGIN, { e: email, p: `wrong-${i}` }))).toBe('UNAUTHENTICATED');
    }
    const started = Date.now();
    const r = await gql(api.url, LOGIN, { e: email, p: PASSWORD });
    // Answered at once: the limiter does not wait for Redis to reconnect.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(codeOf(r)).toBe('TOO_MANY_REQUESTS');
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(r.body.errors![0].extensions).toMatchObject({ retryAfterSeconds: Number(r.headers.get('retry-after')) });
  });
});
