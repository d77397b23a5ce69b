import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { Redis } from 'ioredis';
import {
  PASSWORD,
  createOrg,
  createTestDatabase,
  eventually,
  gql,
  insertCustomer,
  login,
  ownerClient,
  startApp,
  startWorker,
  testConfig,
  useFixture,
  type TestOrg,
} from '@app/testing';
import { CustomersJobs } from '../src/modules/customers/customers.jobs.js';

const past = (days: number) => new Date(Date.now() - days * 864e5);

async function notificationsFor(db: pg.Client, customerId: string): Promise<number> {
  const r = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [customerId]);
  return r.rows[0].n as number;
}

describe('contact reminders in the worker', () => {
  const f = useFixture();
  const SCAN = 'customers.contact-due-scan';
  /** A worker started by the test (its scheduled scan run once, unless `firstScan: false`), stopped after the file. */
  const worker = async (env: Record<string, string>, firstScan = true) =>
    (await f.startWorkers(1, { env, firstScan: firstScan ? SCAN : undefined })).ws[0];
  let owner: pg.Client;
  let org: TestOrg;

  beforeAll(() => {
    ({ owner, org } = f);
  });

  it('an overdue customer produces exactly one notification for its owner, however often the scan runs', async () => {
    // The worker's own scheduled scan runs once at start; `worker` lets it finish, or it may hold the row
    // (SKIP LOCKED) while the scans below look, and its reminder would land after the count.
    const w = await worker({ CONTACT_DUE_SCAN_MS: '3600000' });
    const id = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, dueAt: past(2) });
    const jobs = w.get(CustomersJobs);
    await jobs.scanContactDue();
    await jobs.scanContactDue();
    await Promise.all([jobs.scanContactDue(), jobs.scanContactDue()]);
    expect(await notificationsFor(owner, id)).toBe(1);
    const n = await owner.query('SELECT user_id, kind, branch_id FROM notifications WHERE subject_id = $1', [id]);
    expect(n.rows[0]).toEqual({ user_id: org.users.repA.id, kind: 'CUSTOMER_CONTACT_DUE', branch_id: org.a.id });
    // A new due date (after a later contact became overdue again) is a new reminder.
    await owner.query(`UPDATE customers SET next_contact_due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await jobs.scanContactDue();
    await jobs.scanContactDue();
    expect(await notificationsFor(owner, id)).toBe(2);
    await f.stopWorkers([w]);
  });

  it('the scheduled scan finds due customers by itself, and the owner reads the notification over GraphQL', async () => {
    const id = await insertCustomer(owner, {
      branchId: org.a.id,
      ownerId: org.users.rep2A.id,
      dueAt: past(1),
      name: 'Scheduled Co',
    });
    const w = await worker({ CONTACT_DUE_SCAN_MS: '200' }, false);
    await eventually(async () => (await notificationsFor(owner, id)) === 1);
    await f.stopWorkers([w]);
    const list = await f.ok<{
      notifications: {
        totalCount: number;
        edges: { node: { id: string; subjectId: string; readAt: string | null } }[];
      };
    }>('rep2A', '{ notifications(first: 10, unreadOnly: true) { totalCount edges { node { id subjectId readAt } } } }');
    const mine = list.notifications.edges.filter((e) => e.node.subjectId === id);
    expect(mine).toHaveLength(1);
    const read = await f.ok<{ markNotificationRead: { readAt: string } }>(
      'rep2A',
      'mutation($id: ID!) { markNotificationRead(id: $id) { readAt } }',
      { id: mine[0].node.id },
    );
    expect(read.markNotificationRead.readAt).toBeTruthy();
    // Someone else's notification is not found, exactly like a missing one.
    const foreign = await f.refused('repA', 'mutation($id: ID!) { markNotificationRead(id: $id) { id } }', {
      id: mine[0].node.id,
    });
    expect(foreign.code).toBe('NOT_FOUND');
  });

  it('two worker replicas scanning at once remind each of 300 customers exactly once', async () => {
    // Two replicas of one deployment (one prefix, one queue), the scheduled scan run once first.
    const [w1, w2] = (await f.startWorkers(2, { env: { CONTACT_DUE_SCAN_MS: '3600000' }, firstScan: SCAN })).ws;
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      ids.push(
        await insertCustomer(owner, {
          branchId: i % 2 ? org.a.id : org.b.id,
          ownerId: i % 2 ? org.users.repA.id : org.users.repB.id,
          dueAt: past(3),
        }),
      );
    }
    const results = await Promise.all([
      w1.get(CustomersJobs).scanContactDue(),
      w2.get(CustomersJobs).scanContactDue(),
      w1.get(CustomersJobs).scanContactDue(),
      w2.get(CustomersJobs).scanContactDue(),
    ]);
    const r = await owner.query(
      `SELECT subject_id, count(*)::int AS n FROM notifications WHERE subject_id = ANY($1) GROUP BY subject_id`,
      [ids],
    );
    expect(r.rows).toHaveLength(300);
    expect(r.rows.every((x) => x.n === 1)).toBe(true);
    expect(results.reduce((s, x) => s + x.reminded, 0)).toBe(300);
  });

  it('a worker whose database session dies mid-scan loses and repeats nothing', async () => {
    const w = await worker({ CONTACT_DUE_SCAN_MS: '3600000' });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push(await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, dueAt: past(5) }));
    // Hold the notifications table so the scan stops half-way (rows claimed, nothing written)...
    const blocker = await ownerClient(f.db.url);
    blocker.on('error', () => undefined);
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE notifications IN EXCLUSIVE MODE');
    const scan = w.get(CustomersJobs).scanContactDue();
    const pid = await eventually(async () => {
      const r = await owner.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'commerce' AND wait_event_type = 'Lock'`,
      );
      return r.rows[0]?.pid as number | undefined;
    });
    // ...then kill its session, as a crash or a lost connection would.
    await owner.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(scan).rejects.toThrow();
    await blocker.query('ROLLBACK');
    await blocker.end();
    const none = await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = ANY($1)`, [ids]);
    expect(none.rows[0].n).toBe(0);
    // The next run (this worker's retry, or another replica) does the whole batch, once.
    await w.get(CustomersJobs).scanContactDue();
    await w.get(CustomersJobs).scanContactDue();
    const r = await owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS d FROM notifications WHERE subject_id = ANY($1)`,
      [ids],
    );
    expect(r.rows[0]).toEqual({ n: 50, d: 50 });
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a private redis-server on `port` and waits until it answers PING. */
async function startRedis(port: number): Promise<ChildProcess> {
  const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await eventually(async () => {
    const r = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  }, 5000);
  return p;
}

// Process-level: this block runs a private redis-server and stops it under the app and the worker, so it builds
// its own app and worker on that server's port instead of the fixture's (which uses the shared Redis).
describe('the outbox while Redis is down', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let org: TestOrg;
  let redis: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
  });

  afterAll(async () => {
    redis?.kill('SIGKILL');
    await owner?.end();
    await db?.drop();
  });

  it('a change committed while Redis is down is delivered once Redis is back, and notifies once', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, CONTACT_DUE_SCAN_MS: '3600000' };
    const api = await startApp(testConfig(db.url, env));
    const w = await startWorker(testConfig(db.url, env));
    try {
      const token = (await login(api.url, org.users.repA.email, PASSWORD)).accessToken;
      redis.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      // Imported with its last contact 60 days ago: overdue on creation.
      const r = await gql<{ createCustomer: { id: string; contactOverdue: boolean } }>(
        api.url,
        'mutation($at: DateTime!) { createCustomer(input: { name: "Offline Co", tier: HIGH, lastContactAt: $at }) { id contactOverdue } }',
        { at: past(60).toISOString() },
        { token },
      );
      expect(r.body.errors).toBeUndefined();
      const id = r.body.data!.createCustomer.id;
      expect(r.body.data!.createCustomer.contactOverdue).toBe(true);
      // Committed, waiting in PostgreSQL: nothing lost, nothing delivered yet.
      await new Promise((res) => setTimeout(res, 500));
      const waiting = await owner.query(`SELECT published_at FROM outbox WHERE payload->>'customerId' = $1`, [id]);
      expect(waiting.rows).toHaveLength(1);
      expect(waiting.rows[0].published_at).toBeNull();
      expect(await notificationsFor(owner, id)).toBe(0);
      redis = await startRedis(port);
      await eventually(async () => (await notificationsFor(owner, id)) === 1, 20000);
      // Done means finished by its handler (published_at can stay empty when the job ran before the relay marked it).
      // The reminder may come first from the worker's contact scan (its scheduler is re-created on the empty Redis
      // and scans at once), before the relay has republished the row: the row's job then finds nothing to add.
      await eventually(async () => {
        const done = await owner.query(`SELECT finished_at FROM outbox WHERE payload->>'customerId' = $1`, [id]);
        return done.rows[0].finished_at !== null;
      }, 20000);
      await new Promise((res) => setTimeout(res, 500));
      expect(await notificationsFor(owner, id)).toBe(1);
    } finally {
      await api.close();
      await w.close();
    }
  });
});
