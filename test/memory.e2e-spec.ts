import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import type pg from 'pg';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  login,
  ownerClient,
  startApp,
  testConfig,
  type TestApp,
} from '@app/testing';
import { MAX_OPERATION_LABELS, MetricsService } from '../src/modules/ops/metrics.service.js';

// Process-level, so its own set-up (not useFixture): it measures this process's heap and RSS around its own app
// alone, which a fixture's extra sign-ins and shared app would blur.
// The collector on demand, in this process (the API runs here too): --expose-gc set at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// Sized to run in about two minutes on a loaded 2-core machine; the unbounded caches showed 1.85x with half of it.
const DOCUMENTS = Number(process.env.MEMORY_DOCUMENTS ?? 4_000);
const TOKENS = Number(process.env.MEMORY_TOKENS ?? 1_000);
const PERSISTED = Number(process.env.MEMORY_PERSISTED ?? 1_000);
const CONCURRENCY = 8;

interface Memory {
  rss: number;
  heapUsed: number;
}

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

/** Memory after full collections, with pauses so finalizers and freed pages settle. */
async function settled(): Promise<Memory> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

/**
 * Issue 9: caches keyed by what clients send are bounded. A campaign of distinct documents and operation names (the
 * parsed-document store, the metrics' operation label), distinct valid tokens (the verified-token cache) and distinct
 * persisted queries (the APQ cache) against the booted API leaves its V8 heap and resident memory within 1.5x of
 * what they were before, after a full collection.
 */
describe('memory under a campaign of distinct documents, operation names, tokens and persisted queries', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let claims: { sub: string; org: string; m: unknown };

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    const org = await createOrg(owner);
    api = await startApp(testConfig(db.url));
    const token = (await login(api.url, org.users.managerA.email, PASSWORD)).accessToken;
    const decoded = jwt.decode(token) as { sub: string; org: string; m: unknown };
    claims = { sub: decoded.sub, org: decoded.org, m: decoded.m };
  });

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config);
    await owner?.end();
    await db?.drop();
  });

  /** A valid document of its own (its operation name and aliases), about 1.5 KB of text. */
  const document = (i: number) => {
    const aliases = Array.from({ length: 40 }, (_, k) => `a${i}_${k}: __typename`).join(' ');
    return `query Distinct${i} { ${aliases} }`;
  };

  async function send(body: unknown, token?: string, retried = false): Promise<number> {
    let res: Response;
    try {
      res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    } catch (e) {
      // A kept-alive socket the server closed as idle just as the client reused it (ECONNRESET: seen once in CI at
      // load 20, where timers fire seconds late) is sent again once, as browsers do; the answer is what counts.
      if (retried || !/ECONNRESET|socket/i.test(String((e as Error).cause ?? e))) throw e;
      return send(body, token, true);
    }
    await res.arrayBuffer();
    return res.status;
  }

  /** Runs `n` requests built by `make`, CONCURRENCY at a time; returns how many answered other than 200. */
  async function run(n: number, make: (i: number) => [unknown, string?]): Promise<number> {
    let next = 0;
    let bad = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) {
          const [body, token] = make(next++);
          if ((await send(body, token)) !== 200) bad++;
        }
      }),
    );
    return bad;
  }

  const sign = (i: number) =>
    jwt.sign({ ...claims, n: i }, api.config.jwtSecret, { algorithm: 'HS256', expiresIn: 900, issuer: 'commerce' });

  const persisted = (i: number) => {
    const query = `${document(i)} # persisted ${i}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    return { query, extensions: { persistedQuery: { version: 1, sha256Hash } } };
  };

  async function campaign(offset: number, scale: number): Promise<number> {
    const docs = Math.round(DOCUMENTS * scale);
    const tokens = Math.round(TOKENS * scale);
    const apq = Math.round(PERSISTED * scale);
    let t = Date.now();
    const lap = (what: string) => {
      if (process.env.MEMORY_TIMES) console.log(`${what}: ${Date.now() - t} ms`);
      t = Date.now();
    };
    let bad = await run(docs, (i) => [{ query: document(offset + i), operationName: `Distinct${offset + i}` }]);
    lap(`${docs} documents`);
    bad += await run(tokens, (i) => [{ query: '{ me { id } }' }, sign(offset + i)]);
    lap(`${tokens} tokens`);
    bad += await run(apq, (i) => [persisted(offset + i)]);
    lap(`${apq} persisted queries`);
    return bad;
  }

  it('keeps RSS and heap used within 1.5x after the campaign', async () => {
    // Warm up with a whole campaign of the same kinds of request (other documents, tokens and hashes): code paths
    // compiled, pools, buffers and V8's young generation at their working size. RSS measured from a cold start
    // grew 1.4x to 1.9x in one campaign whatever the code (heap used 1.01x), depending on what the Jest worker had
    // run before; what must not happen is growth that goes on campaign after campaign.
    expect(await campaign(10_000_000, 1)).toBe(0);
    const before = await settled();
    const started = Date.now();
    expect(await campaign(0, 1)).toBe(0);
    const seconds = (Date.now() - started) / 1000;
    const after = await settled();
    const requests = DOCUMENTS + TOKENS + PERSISTED;
    console.log(
      `memory campaign: ${requests} requests (${DOCUMENTS} distinct documents and operation names, ${TOKENS} distinct tokens, ${PERSISTED} persisted queries) in ${seconds.toFixed(0)} s; ` +
        `RSS ${mb(before.rss)} -> ${mb(after.rss)} (${(after.rss / before.rss).toFixed(2)}x), ` +
        `heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} (${(after.heapUsed / before.heapUsed).toFixed(2)}x)`,
    );
    // Operation names are labels of the request metrics: a bounded number of series, whatever clients send.
    const series = await api.app.get(MetricsService).requests.get();
    const operations = new Set(series.values.map((v) => v.labels.operation));
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
    expect(after.heapUsed / before.heapUsed).toBeLessThanOrEqual(1.5);
    expect(after.rss / before.rss).toBeLessThanOrEqual(1.5);
  }, 600_000);
});
