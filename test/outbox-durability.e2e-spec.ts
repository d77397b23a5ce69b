import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME, relayEpochKey } from '@app/jobs';
import {
  PASSWORD,
  RedisServer,
  WorkerChild,
  createOrg,
  createTestDatabase,
  freePort,
  gql,
  insertCustomer,
  login,
  ownerClient,
  startApp,
  startWorker,
  testConfig,
  type TestApp,
  type TestOrg,
} from '@app/testing';

/**
 * Issue 9: PostgreSQL, not Redis, knows which outbox work is done. A private redis-server without
 * persistence is SIGKILLed and restarted empty, and a worker process SIGKILLed, while hundreds of
 * approval requests wait for their APPROVAL_PENDING notification: every one arrives exactly once.
 * Also: the API answers while Redis is down, a lost job comes back after the lease, BullMQ's retries
 * do the effect once, and a job that fails for good stays visible and counted.
 * Process-level, so its own set-up (not useFixture): it starts and SIGKILLs its own redis-server and worker
 * processes, which the fixture's in-process app and workers cannot survive.
 */

/** The scans stay quiet (the maximum intervals): only outbox jobs run here. */
const QUIET = {
  CONTACT_DUE_SCAN_MS: '3600000',
  APPROVAL_SCAN_MS: '60000',
  CONTRACT_SCAN_MS: '3600000',
  TENDER_SCAN_MS: '3600000',
  QUOTE_SCAN_MS: '3600000',
  TIERING_SCAN_MS: '86400000',
  CHANNEL_SCAN_MS: '3600000',
  RESEARCH_DIGEST_SCAN_MS: '86400000',
  VISIT_TASK_SCAN_MS: '3600000',
  COMPLAINT_SCAN_MS: '30000',
  OUTBOX_POLL_MS: '50',
  JOB_BACKOFF_MS: '100',
};

const METRICS_TOKEN = 'outbox-durability-metrics-0001';
const CREATE = `mutation($in: CreateOrderInput!) { createOrder(input: $in) { id } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(id: $id) { id state approvalRequestId } }`;
const LINES = [{ description: 'Pump P-100', quantity: '1', unitPrice: '1200.50' }];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds; on time-out the error says what was last seen. */
async function until<T>(what: string, check: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${ms} ms, last seen ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

describe('outbox durability: Redis restarted empty, workers killed mid-batch', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let org: TestOrg;
  let redis: RedisServer;
  let api: TestApp;
  let rep: string;
  const children: WorkerChild[] = [];
  const inProcess: INestApplicationContext[] = [];

  const workerEnv = (env: Record<string, string> = {}) => ({
    ...QUIET,
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: api.config.redisPrefix,
    DB_POOL_SIZE: '4',
    ...env,
  });

  async function child(env: Record<string, string> = {}): Promise<WorkerChild> {
    const w = new WorkerChild(workerEnv(env));
    children.push(w);
    await w.start();
    return w;
  }

  /** A phone order for the customer, confirmed: no contract, so the branch manager must approve it. */
  async function submitOrder(customerId: string): Promise<string> {
    const created = await gql<{ createOrder: { id: string } }>(
      api.url,
      CREATE,
      { in: { customerId, channel: 'PHONE', receivedOn: '2026-11-20', lines: LINES } },
      { token: rep },
    );
    if (!created.body.data) throw new Error(`createOrder: ${created.text}`);
    const confirmed = await gql<{ confirmOrder: { state: string; approvalRequestId: string } }>(
      api.url,
      CONFIRM,
      { id: created.body.data.createOrder.id },
      { token: rep },
    );
    if (!confirmed.body.data) throw new Error(`confirmOrder: ${confirmed.text}`);
    return confirmed.body.data.confirmOrder.approvalRequestId;
  }

  async function submitMany(customerId: string, n: number, lanes = 6): Promise<string[]> {
    const out: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < n) {
          next++;
          out.push(await submitOrder(customerId));
        }
      }),
    );
    return out;
  }

  /** APPROVAL_PENDING notifications per request, counted in PostgreSQL. */
  async function pendingNotices(requestIds: string[]): Promise<{ total: number; requests: number; max: number }> {
    const r = await owner.query<{ total: number; requests: number; max: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT subject_id)::int AS requests,
         coalesce(max(n), 0)::int AS max
       FROM (SELECT subject_id, count(*) OVER (PARTITION BY subject_id) AS n FROM notifications
             WHERE kind = 'APPROVAL_PENDING' AND subject_id = ANY ($1::uuid[])) x`,
      [requestIds],
    );
    return r.rows[0];
  }

  async function outboxOf(requestIds: string[]) {
    const r = await owner.query<{ unfinished: number; published_unfinished: number; failed: number; rows: number }>(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE o.finished_at IS NULL)::int AS unfinished,
         count(*) FILTER (WHERE o.finished_at IS NULL AND o.publishes > 0)::int AS published_unfinished,
         count(*) FILTER (WHERE o.failed_at IS NOT NULL)::int AS failed
       FROM outbox o JOIN approval_steps s ON s.branch_id = o.branch_id AND s.id = (o.payload->>'stepId')::uuid
       WHERE o.job_name = 'approvals.step-started' AND s.request_id = ANY ($1::uuid[])`,
      [requestIds],
    );
    return r.rows[0];
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    redis = new RedisServer(await freePort());
    await redis.start();
    api = await startApp(testConfig(db.url, { ...QUIET, REDIS_URL: redis.url, METRICS_TOKEN }));
    rep = (await login(api.url, org.users.repA.email, PASSWORD)).accessToken;
  }, 120_000);

  afterAll(async () => {
    for (const w of children) await w.kill().catch(() => undefined);
    for (const w of inProcess) await w.close().catch(() => undefined);
    await api?.close();
    await redis?.kill();
    await owner?.end();
    await db?.drop();
  });

  it('400 approval requests in flight: a worker SIGKILLed mid-batch, Redis killed and restarted empty, the API used during the outage: every notification arrives exactly once', async () => {
    const customer = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id });
    // Lease far beyond the test: only the relay noticing the empty Redis can bring the lost jobs back.
    const lease = { OUTBOX_LEASE_MS: '3600000' };
    // Committed before the workers start, so the relays publish them in batches of 200 and the workers
    // are mid-way through when the faults come; a slow downstream (0.1 s per notice) keeps them busy.
    const before = await submitMany(customer, 400);
    await owner.query(`
      CREATE FUNCTION slow_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(0.1); RETURN NEW; END $$;
      CREATE TRIGGER slow_notice BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION slow_notice();`);
    const [survivor, victim] = await Promise.all([child(lease), child(lease)]);
    await until(
      'some notifications delivered',
      () => pendingNotices(before),
      (p) => p.total >= 40,
      60_000,
    );
    await victim.kill();
    await redis.kill();
    // The fault the issue describes: rows published, their jobs gone with Redis, work not done.
    const atFault = await outboxOf(before);
    const doneAtFault = await pendingNotices(before);
    expect(atFault.published_unfinished).toBeGreaterThan(0);
    expect(doneAtFault.total).toBeLessThan(400);

    // Redis is down: the API still reads and writes; the writes' jobs wait in PostgreSQL.
    const read = await gql<{ orders: { totalCount: number } }>(
      api.url,
      '{ orders(first: 1) { totalCount } }',
      {},
      {
        token: rep,
      },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.orders.totalCount).toBeGreaterThanOrEqual(400);
    const during = await submitMany(customer, 10, 2);
    expect(during).toHaveLength(10);
    const waiting = await outboxOf(during);
    expect(waiting).toMatchObject({ rows: 10, unfinished: 10, published_unfinished: 0 });

    await redis.start();
    // The surviving worker's relay notices the empty Redis and relays every unfinished row again.
    const all = [...before, ...during];
    const final = await until(
      'every request notified',
      () => pendingNotices(all),
      (p) => p.total >= all.length,
      120_000,
    );
    await until(
      'every outbox row finished',
      () => outboxOf(all),
      (o) => o.unfinished === 0,
      30_000,
    );
    await sleep(1000);
    // Exactly once: one notice per request (the branch manager), none twice, none lost.
    expect(await pendingNotices(all)).toEqual({ total: 410, requests: 410, max: 1 });
    expect(final.total).toBe(410);
    expect(await outboxOf(all)).toEqual({ rows: 410, unfinished: 0, published_unfinished: 0, failed: 0 });
    const managers = await owner.query(
      `SELECT DISTINCT user_id FROM notifications WHERE kind = 'APPROVAL_PENDING' AND subject_id = ANY ($1::uuid[])`,
      [all],
    );
    expect(managers.rows).toEqual([{ user_id: org.users.managerA.id }]);
    expect(survivor.output()).toContain('Redis may have lost queued jobs');
    await survivor.kill();
    await owner.query('DROP TRIGGER slow_notice ON notifications; DROP FUNCTION slow_notice()');
  }, 300_000);

  it('a job lost while Redis kept running (its marker intact) is relayed again once its lease runs out', async () => {
    const customer = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id });
    const ids = await submitMany(customer, 3, 1);
    // As if a relay had published them a moment ago and Redis had then dropped the jobs (no restart).
    await owner.query(
      `UPDATE outbox o SET publishes = 1, published_at = now(), relay_at = now() + interval '3 seconds'
       FROM approval_steps s
       WHERE s.branch_id = o.branch_id AND s.id = (o.payload->>'stepId')::uuid AND s.request_id = ANY ($1::uuid[])`,
      [ids],
    );
    const r = new Redis(redis.url);
    await r.set(relayEpochKey(api.config.redisPrefix), 'an earlier relay');
    r.disconnect();
    const w = await startWorker(testConfig(db.url, workerEnv({ OUTBOX_LEASE_MS: '1000' })));
    inProcess.push(w);
    await sleep(1500);
    expect((await pendingNotices(ids)).total).toBe(0);
    await until(
      'delivered after the lease',
      () => pendingNotices(ids),
      (p) => p.total === 3,
      20_000,
    );
    await until(
      'finished',
      () => outboxOf(ids),
      (o) => o.unfinished === 0,
      10_000,
    );
    await sleep(500);
    expect(await pendingNotices(ids)).toEqual({ total: 3, requests: 3, max: 1 });
    await w.close();
    inProcess.splice(inProcess.indexOf(w), 1);
  }, 120_000);

  it("BullMQ's retries still run a failing handler again, and its effect happens once", async () => {
    await owner.query(`
      CREATE SEQUENCE flaky_failures;
      CREATE FUNCTION flaky_notice() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        -- The notification is written, then the transaction fails: twice, then it goes through.
        IF NEW.title LIKE '%Flaky Co%' AND nextval('flaky_failures') <= 2 THEN
          RAISE EXCEPTION 'flaky downstream';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER flaky_notice AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION flaky_notice();`);
    try {
      const customer = await insertCustomer(owner, {
        branchId: org.a.id,
        ownerId: org.users.repA.id,
        name: 'Flaky Co',
      });
      const w = await startWorker(testConfig(db.url, workerEnv({ OUTBOX_LEASE_MS: '1000', JOB_ATTEMPTS: '4' })));
      inProcess.push(w);
      const [id] = await submitMany(customer, 1, 1);
      await until(
        'delivered',
        () => pendingNotices([id]),
        (p) => p.total === 1,
        20_000,
      );
      await until(
        'finished',
        () => outboxOf([id]),
        (o) => o.unfinished === 0,
        10_000,
      );
      await sleep(1500);
      expect(await pendingNotices([id])).toEqual({ total: 1, requests: 1, max: 1 });
      const [row] = (
        await owner.query(
          `SELECT o.id, o.failed_at FROM outbox o JOIN approval_steps s
             ON s.branch_id = o.branch_id AND s.id = (o.payload->>'stepId')::uuid WHERE s.request_id = $1`,
          [id],
        )
      ).rows;
      expect(row.failed_at).toBeNull();
      const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url }, prefix: api.config.redisPrefix });
      try {
        const job = await queue.getJob(row.id as string);
        expect(job?.attemptsMade).toBe(3); // two failures, then the one that did it
        expect(await job?.getState()).toBe('completed');
      } finally {
        await queue.close();
      }
      await w.close();
      inProcess.splice(inProcess.indexOf(w), 1);
    } finally {
      await owner.query(
        'DROP TRIGGER flaky_notice ON notifications; DROP FUNCTION flaky_notice(); DROP SEQUENCE flaky_failures',
      );
    }
  }, 120_000);

  it('a job whose handler fails on every attempt stays unfinished, marked failed and counted in /metrics, one job only; a retry that succeeds finishes it', async () => {
    await owner.query(`
      CREATE FUNCTION doomed_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title LIKE '%Doomed Co%' THEN RAISE EXCEPTION 'downstream refuses'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER doomed_notice AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION doomed_notice();`);
    const customer = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, name: 'Doomed Co' });
    // A lease shorter than the retries: the relay finds the job still in Redis and adds nothing.
    const w = await startWorker(testConfig(db.url, workerEnv({ OUTBOX_LEASE_MS: '1000', JOB_ATTEMPTS: '4' })));
    inProcess.push(w);
    const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url }, prefix: api.config.redisPrefix });
    try {
      const [id] = await submitMany(customer, 1, 1);
      const rowOf = async () =>
        (
          await owner.query(
            `SELECT o.id, o.failed_at, o.finished_at, o.last_error, o.relay_at FROM outbox o JOIN approval_steps s
               ON s.branch_id = o.branch_id AND s.id = (o.payload->>'stepId')::uuid WHERE s.request_id = $1`,
            [id],
          )
        ).rows[0] as { id: string; failed_at: Date | null; finished_at: Date | null; last_error: string | null };
      const failed = await until('marked failed', rowOf, (r) => r?.failed_at !== null, 30_000);
      expect(failed).toMatchObject({ finished_at: null, relay_at: null });
      expect(failed.last_error).toContain('downstream refuses');
      await sleep(2500); // more than two leases: nothing relays it again
      const job = await queue.getJob(failed.id);
      expect(job?.attemptsMade).toBe(4);
      expect(await job?.getState()).toBe('failed');
      expect((await queue.getJobCounts('failed')).failed).toBe(1);
      expect(await pendingNotices([id])).toEqual({ total: 0, requests: 0, max: 0 });
      const metrics = await (
        await fetch(api.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      expect(metrics).toMatch(/^outbox_rows\{state="failed"\} 1$/m);
      expect(metrics).toMatch(/^queue_jobs\{state="failed"\} 1$/m);

      // The cause is fixed and the job retried from the queue: the effect happens, once, and the row is finished.
      await owner.query('DROP TRIGGER doomed_notice ON notifications; DROP FUNCTION doomed_notice()');
      await job!.retry();
      await until(
        'delivered after the retry',
        () => pendingNotices([id]),
        (p) => p.total === 1,
        20_000,
      );
      await until('finished', rowOf, (r) => r.finished_at !== null, 10_000);
      const after = await (
        await fetch(api.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      expect(after).toMatch(/^outbox_rows\{state="failed"\} 0$/m);
    } finally {
      await queue.close();
      await owner.query(
        'DROP TRIGGER IF EXISTS doomed_notice ON notifications; DROP FUNCTION IF EXISTS doomed_notice()',
      );
      await w.close();
      inProcess.splice(inProcess.indexOf(w), 1);
    }
  }, 120_000);
});
