import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { Redis } from 'ioredis';
import {
  cleanRedis,
  createOrg,
  createTestDatabase,
  eventually,
  insertCustomer,
  ownerClient,
  startWorker,
  testConfig,
  type TestOrg,
} from '@app/testing';
import { Database } from '@app/core';
import { jobMetricsKey } from '@app/jobs';
import { ContractsJobs } from '../src/modules/contracts/contracts.jobs.js';
import { refreshExpiryReminders, scheduleOriginalCheck } from '../src/modules/contracts/contract-due-dates.js';

/**
 * The contract reminders in the worker: instalments and milestones on their due day and OVERDUE
 * the day after, the end-of-term reminders, and the monthly original check, each notified once
 * under repeated scans and two replicas. Time moves by shifting the stored due timestamps into the
 * past with the owner client, never by faking clocks.
 */

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
const shanghaiStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600e3).toISOString();

async function firstScheduledScanDone(config: ReturnType<typeof testConfig>): Promise<void> {
  const r = new Redis(config.redisUrl);
  try {
    await eventually(
      async () => Number(await r.hget(jobMetricsKey(config.redisPrefix), 'contracts.due-scan|completed|count')) >= 1,
    );
  } finally {
    r.disconnect();
  }
}

describe('contract reminders in the worker', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let org: TestOrg;
  let customerA: string;
  let customerB: string;
  const configs: ReturnType<typeof testConfig>[] = [];
  let w1: INestApplicationContext;
  let w2: INestApplicationContext;

  async function insertContract(c: {
    branchId?: string;
    endsOn?: string;
    signedOn?: string;
    originalReceived?: boolean;
    number?: string;
  }): Promise<string> {
    const id = randomUUID();
    const b = c.branchId ?? org.a.id;
    await owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         number, signed_on, version, original_received, created_by)
       VALUES ($1, $2, $3, 'Pumps', 100000, 'CNY', '2026-01-01', $4, $5, 'ACTIVE', $6, $7, 1, $8, $5)`,
      [
        b,
        id,
        b === org.a.id ? customerA : customerB,
        c.endsOn ?? '2030-12-31',
        b === org.a.id ? org.users.repA.id : org.users.repB.id,
        c.number ?? `N-${id.slice(0, 8)}`,
        c.signedOn ?? today(),
        c.originalReceived ?? true,
      ],
    );
    return id;
  }

  const scan = (w: INestApplicationContext) => w.get(ContractsJobs).scanDue();
  const notes = async (subjectId: string) =>
    (
      await owner.query<{ kind: string; user_id: string; title: string; body: string }>(
        'SELECT kind, user_id, title, body FROM notifications WHERE subject_id = $1 ORDER BY created_at, kind',
        [subjectId],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    customerA = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id });
    customerB = await insertCustomer(owner, { branchId: org.b.id, ownerId: org.users.repB.id });
    for (let i = 0; i < 2; i++) configs.push(testConfig(db.url, { CONTRACT_SCAN_MS: '3600000' }));
    [w1, w2] = await Promise.all(configs.map((c) => startWorker(c)));
    await Promise.all(configs.map(firstScheduledScanDone));
  });

  afterAll(async () => {
    await w1?.close().catch(() => undefined);
    await w2?.close().catch(() => undefined);
    for (const c of configs) await cleanRedis(c).catch(() => undefined);
    await owner?.end();
    await db?.drop();
  });

  it('instalments and milestones: one reminder on the due day, OVERDUE and one notice the day after, across replicas', async () => {
    const contracts: string[] = [];
    const instalments: string[] = [];
    const milestones: string[] = [];
    const t = today();
    for (let i = 0; i < 60; i++) {
      const branchId = i % 2 ? org.a.id : org.b.id;
      const c = await insertContract({ branchId });
      contracts.push(c);
      const inst = randomUUID();
      const ms = randomUUID();
      // Due today: the stored timestamp is the start of today in the branch's time zone (already past).
      await owner.query(
        `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, next_action_at, created_by)
         VALUES ($1, $2, $3, 'PROGRESS', $4, 1000, 'CNY', $5, $6)`,
        [branchId, inst, c, t, shanghaiStart(t), org.users.managerA.id],
      );
      await owner.query(
        `INSERT INTO contract_milestones (branch_id, id, contract_id, title, due_on, next_action_at, created_by)
         VALUES ($1, $2, $3, 'Delivery', $4, $5, $6)`,
        [branchId, ms, c, t, shanghaiStart(t), org.users.managerA.id],
      );
      instalments.push(inst);
      milestones.push(ms);
    }
    const results = await Promise.all([scan(w1), scan(w2), scan(w1), scan(w2)]);
    await scan(w1);
    expect(results.reduce((s, r) => s + r.reminded, 0)).toBe(120);
    const count = async (kind: string) =>
      (
        await owner.query<{ n: number; d: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS d FROM notifications WHERE kind = $1 AND subject_id = ANY($2)',
          [kind, contracts],
        )
      ).rows[0];
    expect(await count('CONTRACT_INSTALMENT_DUE')).toEqual({ n: 60, d: 60 });
    expect(await count('CONTRACT_MILESTONE_DUE')).toEqual({ n: 60, d: 60 });
    const owners = await owner.query(
      `SELECT DISTINCT n.user_id FROM notifications n WHERE n.kind = 'CONTRACT_INSTALMENT_DUE' AND n.subject_id = ANY($1)`,
      [contracts],
    );
    expect(owners.rows.map((r) => r.user_id).sort()).toEqual([org.users.repA.id, org.users.repB.id].sort());
    // The next wake-up is the start of tomorrow (branch time zone); still PENDING today.
    const next = await owner.query(
      'SELECT DISTINCT status, next_action_at FROM contract_instalments WHERE id = ANY($1)',
      [instalments],
    );
    expect(next.rows).toEqual([{ status: 'PENDING', next_action_at: new Date(shanghaiStart(addDays(t, 1))) }]);

    // A day passes: the due day is yesterday and the wake-up time is behind us.
    for (const table of ['contract_instalments', 'contract_milestones']) {
      await owner.query(
        `UPDATE ${table} SET due_on = due_on - 1, next_action_at = now() - interval '1 minute' WHERE id = ANY($1)`,
        [table === 'contract_instalments' ? instalments : milestones],
      );
    }
    await Promise.all([scan(w1), scan(w2)]);
    await Promise.all([scan(w1), scan(w2)]);
    expect(await count('CONTRACT_INSTALMENT_OVERDUE')).toEqual({ n: 60, d: 60 });
    expect(await count('CONTRACT_MILESTONE_OVERDUE')).toEqual({ n: 60, d: 60 });
    const overdue = await owner.query(
      `SELECT DISTINCT status, next_action_at FROM contract_instalments WHERE id = ANY($1)
       UNION SELECT DISTINCT status, next_action_at FROM contract_milestones WHERE id = ANY($2)`,
      [instalments, milestones],
    );
    expect(overdue.rows).toEqual([{ status: 'OVERDUE', next_action_at: null }]);
    // An OVERDUE row has no wake-up left: later scans send nothing more.
    await scan(w2);
    expect(await count('CONTRACT_INSTALMENT_DUE')).toEqual({ n: 60, d: 60 });
  });

  it('end of term: reminders at the configured days before endsOn, each once, the next one scheduled after it', async () => {
    const endsOn = addDays(today(), 30);
    const id = await insertContract({ endsOn });
    await w1.get(Database).run({ branchIds: [org.a.id] }, (tx) => refreshExpiryReminders(tx, org.a.id, [id]));
    const at = async () =>
      (
        await owner.query(
          'SELECT expiry_reminder_days AS d, next_expiry_reminder_at AS t FROM contracts WHERE id = $1',
          [id],
        )
      ).rows[0];
    // 30 days left: the 90-day reminder is past; the 30-day one is due at the start of today.
    expect(await at()).toEqual({ d: 30, t: new Date(shanghaiStart(today())) });
    await Promise.all([scan(w1), scan(w2), scan(w1)]);
    expect((await notes(id)).map((n) => n.kind)).toEqual(['CONTRACT_EXPIRING']);
    expect(await at()).toEqual({ d: 7, t: new Date(shanghaiStart(addDays(endsOn, -7))) });
    await scan(w1);
    expect(await notes(id)).toHaveLength(1);
    // Three weeks pass.
    await owner.query(`UPDATE contracts SET next_expiry_reminder_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await Promise.all([scan(w1), scan(w2)]);
    await scan(w2);
    const sent = await notes(id);
    expect(sent.map((n) => [n.kind, n.user_id])).toEqual([
      ['CONTRACT_EXPIRING', org.users.repA.id],
      ['CONTRACT_EXPIRING', org.users.repA.id],
    ]);
    expect(sent[1].title).toContain('in 7 days');
    expect(await at()).toEqual({ d: null, t: null });
  });

  it('the 3rd of the month: branch managers get one list of last month’s contracts without their original', async () => {
    const month = today().slice(0, 7);
    const signedOn = `${month}-01`;
    const a1 = await insertContract({ signedOn, originalReceived: false, number: 'AA-HT-1' });
    const a2 = await insertContract({ signedOn, originalReceived: false, number: 'AA-HT-2' });
    const a3 = await insertContract({ signedOn, originalReceived: true, number: 'AA-HT-3' });
    const b1 = await insertContract({ branchId: org.b.id, signedOn, originalReceived: false, number: 'BB-HT-1' });
    for (const [b, id] of [
      [org.a.id, a1],
      [org.a.id, a2],
      [org.a.id, a3],
      [org.b.id, b1],
    ]) {
      await w1.get(Database).run({ branchIds: [b] }, (tx) => scheduleOriginalCheck(tx, b, id));
    }
    // Due the 3rd of next month, at the start of the day in the branch's time zone.
    const [y, m] = month.split('-').map(Number);
    const third = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-03`;
    const stored = await owner.query('SELECT id, original_check_at FROM contracts WHERE id = ANY($1) ORDER BY number', [
      [a1, a2, a3, b1],
    ]);
    expect(stored.rows.map((r) => r.original_check_at?.toISOString() ?? null)).toEqual([
      shanghaiStart(third),
      shanghaiStart(third),
      null,
      shanghaiStart(third),
    ]);
    await scan(w1);
    const managerNotes = async (branchId: string) =>
      (
        await owner.query<{ user_id: string; body: string; title: string }>(
          `SELECT user_id, title, body FROM notifications WHERE kind = 'CONTRACT_ORIGINALS_MISSING' AND subject_id = $1`,
          [branchId],
        )
      ).rows;
    expect(await managerNotes(org.a.id)).toEqual([]);
    // The 3rd comes.
    await owner.query(
      `UPDATE contracts SET original_check_at = now() - interval '1 minute' WHERE original_check_at IS NOT NULL`,
    );
    await Promise.all([scan(w1), scan(w2), scan(w1), scan(w2)]);
    const a = await managerNotes(org.a.id);
    expect(a).toHaveLength(1);
    expect(a[0].user_id).toBe(org.users.managerA.id);
    expect(a[0].title).toContain(`2 contract(s) signed in ${month}`);
    expect(a[0].body.split('\n')).toEqual(['AA-HT-1', 'AA-HT-2']);
    const b = await managerNotes(org.b.id);
    expect(b.map((n) => [n.user_id, n.body])).toEqual([[org.users.managerB.id, 'BB-HT-1']]);
    const left = await owner.query('SELECT count(*)::int AS n FROM contracts WHERE original_check_at IS NOT NULL');
    expect(left.rows[0].n).toBe(0);
    // A restart (a fresh worker) scanning again notifies nobody.
    const w3config = testConfig(db.url, { CONTRACT_SCAN_MS: '3600000' });
    configs.push(w3config);
    const w3 = await startWorker(w3config);
    try {
      await scan(w3);
    } finally {
      await w3.close();
    }
    expect(await managerNotes(org.a.id)).toHaveLength(1);
  });

  it('a hand-over tells the new owner once, under retries and replicas; a later hand-over supersedes it', async () => {
    const id = await insertContract({});
    const payload = { branchId: org.a.id, contractId: id, ownerId: org.users.repA.id, changeId: randomUUID() };
    const results = await Promise.all([
      w1.get(ContractsJobs).notifyReassigned(payload),
      w2.get(ContractsJobs).notifyReassigned(payload),
      w1.get(ContractsJobs).notifyReassigned(payload),
    ]);
    expect(results.map((r) => r.notified).sort()).toEqual([0, 0, 1]);
    expect((await notes(id)).map((n) => [n.kind, n.user_id])).toEqual([['CONTRACT_ASSIGNED', org.users.repA.id]]);
    // Handed to someone else before the job for rep2A ran: rep2A hears nothing from the stale job.
    const stale = { ...payload, ownerId: org.users.rep2A.id, changeId: randomUUID() };
    expect(await w1.get(ContractsJobs).notifyReassigned(stale)).toEqual({ notified: 0 });
    expect(await notes(id)).toHaveLength(1);
  });
});
