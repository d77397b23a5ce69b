import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { cleanRedis, insertCustomer, startWorker, testConfig, useFixture } from '@app/testing';
import { Database } from '@app/core';
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

describe('contract reminders in the worker', () => {
  const f = useFixture({
    workers: { count: 2, env: { CONTRACT_SCAN_MS: '3600000' }, firstScan: 'contracts.due-scan' },
  });
  let customerA: string;
  let customerB: string;

  async function insertContract(c: {
    branchId?: string;
    endsOn?: string;
    signedOn?: string;
    originalReceived?: boolean;
    number?: string;
  }): Promise<string> {
    const id = randomUUID();
    const b = c.branchId ?? f.org.a.id;
    await f.owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         number, signed_on, version, original_received, created_by)
       VALUES ($1, $2, $3, 'Pumps', 100000, 'CNY', '2026-01-01', $4, $5, 'ACTIVE', $6, $7, 1, $8, $5)`,
      [
        b,
        id,
        b === f.org.a.id ? customerA : customerB,
        c.endsOn ?? '2030-12-31',
        b === f.org.a.id ? f.org.users.repA.id : f.org.users.repB.id,
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
      await f.owner.query<{ kind: string; user_id: string; title: string; body: string }>(
        'SELECT kind, user_id, title, body FROM notifications WHERE subject_id = $1 ORDER BY created_at, kind',
        [subjectId],
      )
    ).rows;

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id });
    customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.repB.id });
  });

  it('instalments and milestones: one reminder on the due day, OVERDUE and one notice the day after, across replicas', async () => {
    const contracts: string[] = [];
    const instalments: string[] = [];
    const milestones: string[] = [];
    const t = today();
    for (let i = 0; i < 60; i++) {
      const branchId = i % 2 ? f.org.a.id : f.org.b.id;
      const c = await insertContract({ branchId });
      contracts.push(c);
      const inst = randomUUID();
      const ms = randomUUID();
      // Due today: the stored timestamp is the start of today in the branch's time zone (already past).
      await f.owner.query(
        `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, next_action_at, created_by)
         VALUES ($1, $2, $3, 'PROGRESS', $4, 1000, 'CNY', $5, $6)`,
        [branchId, inst, c, t, shanghaiStart(t), f.org.users.managerA.id],
      );
      await f.owner.query(
        `INSERT INTO contract_milestones (branch_id, id, contract_id, title, due_on, next_action_at, created_by)
         VALUES ($1, $2, $3, 'Delivery', $4, $5, $6)`,
        [branchId, ms, c, t, shanghaiStart(t), f.org.users.managerA.id],
      );
      instalments.push(inst);
      milestones.push(ms);
    }
    const results = await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0]), scan(f.workers[1])]);
    await scan(f.workers[0]);
    expect(results.reduce((s, r) => s + r.reminded, 0)).toBe(120);
    const count = async (kind: string) =>
      (
        await f.owner.query<{ n: number; d: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS d FROM notifications WHERE kind = $1 AND subject_id = ANY($2)',
          [kind, contracts],
        )
      ).rows[0];
    expect(await count('CONTRACT_INSTALMENT_DUE')).toEqual({ n: 60, d: 60 });
    expect(await count('CONTRACT_MILESTONE_DUE')).toEqual({ n: 60, d: 60 });
    const owners = await f.owner.query(
      `SELECT DISTINCT n.user_id FROM notifications n WHERE n.kind = 'CONTRACT_INSTALMENT_DUE' AND n.subject_id = ANY($1)`,
      [contracts],
    );
    expect(owners.rows.map((r) => r.user_id).sort()).toEqual([f.org.users.repA.id, f.org.users.repB.id].sort());
    // The next wake-up is the start of tomorrow (branch time zone); still PENDING today.
    const next = await f.owner.query(
      'SELECT DISTINCT status, next_action_at FROM contract_instalments WHERE id = ANY($1)',
      [instalments],
    );
    expect(next.rows).toEqual([{ status: 'PENDING', next_action_at: new Date(shanghaiStart(addDays(t, 1))) }]);

    // A day passes: the due day is yesterday and the wake-up time is behind us.
    for (const table of ['contract_instalments', 'contract_milestones']) {
      await f.owner.query(
        `UPDATE ${table} SET due_on = due_on - 1, next_action_at = now() - interval '1 minute' WHERE id = ANY($1)`,
        [table === 'contract_instalments' ? instalments : milestones],
      );
    }
    await Promise.all([scan(f.workers[0]), scan(f.workers[1])]);
    await Promise.all([scan(f.workers[0]), scan(f.workers[1])]);
    expect(await count('CONTRACT_INSTALMENT_OVERDUE')).toEqual({ n: 60, d: 60 });
    expect(await count('CONTRACT_MILESTONE_OVERDUE')).toEqual({ n: 60, d: 60 });
    const overdue = await f.owner.query(
      `SELECT DISTINCT status, next_action_at FROM contract_instalments WHERE id = ANY($1)
       UNION SELECT DISTINCT status, next_action_at FROM contract_milestones WHERE id = ANY($2)`,
      [instalments, milestones],
    );
    expect(overdue.rows).toEqual([{ status: 'OVERDUE', next_action_at: null }]);
    // An OVERDUE row has no wake-up left: later scans send nothing more.
    await scan(f.workers[1]);
    expect(await count('CONTRACT_INSTALMENT_DUE')).toEqual({ n: 60, d: 60 });
  });

  it('end of term: reminders at the configured days before endsOn, each once, the next one scheduled after it', async () => {
    const endsOn = addDays(today(), 30);
    const id = await insertContract({ endsOn });
    await f.workers[0]
      .get(Database)
      .run({ branchIds: [f.org.a.id] }, (tx) => refreshExpiryReminders(tx, f.org.a.id, [id]));
    const at = async () =>
      (
        await f.owner.query(
          'SELECT expiry_reminder_days AS d, next_expiry_reminder_at AS t FROM contracts WHERE id = $1',
          [id],
        )
      ).rows[0];
    // 30 days left: the 90-day reminder is past; the 30-day one is due at the start of today.
    expect(await at()).toEqual({ d: 30, t: new Date(shanghaiStart(today())) });
    await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0])]);
    expect((await notes(id)).map((n) => n.kind)).toEqual(['CONTRACT_EXPIRING']);
    expect(await at()).toEqual({ d: 7, t: new Date(shanghaiStart(addDays(endsOn, -7))) });
    await scan(f.workers[0]);
    expect(await notes(id)).toHaveLength(1);
    // Three weeks pass.
    await f.owner.query(`UPDATE contracts SET next_expiry_reminder_at = now() - interval '1 minute' WHERE id = $1`, [
      id,
    ]);
    await Promise.all([scan(f.workers[0]), scan(f.workers[1])]);
    await scan(f.workers[1]);
    const sent = await notes(id);
    expect(sent.map((n) => [n.kind, n.user_id])).toEqual([
      ['CONTRACT_EXPIRING', f.org.users.repA.id],
      ['CONTRACT_EXPIRING', f.org.users.repA.id],
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
    const b1 = await insertContract({ branchId: f.org.b.id, signedOn, originalReceived: false, number: 'BB-HT-1' });
    for (const [b, id] of [
      [f.org.a.id, a1],
      [f.org.a.id, a2],
      [f.org.a.id, a3],
      [f.org.b.id, b1],
    ]) {
      await f.workers[0].get(Database).run({ branchIds: [b] }, (tx) => scheduleOriginalCheck(tx, b, id));
    }
    // Due the 3rd of next month, at the start of the day in the branch's time zone.
    const [y, m] = month.split('-').map(Number);
    const third = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-03`;
    const stored = await f.owner.query(
      'SELECT id, original_check_at FROM contracts WHERE id = ANY($1) ORDER BY number',
      [[a1, a2, a3, b1]],
    );
    expect(stored.rows.map((r) => r.original_check_at?.toISOString() ?? null)).toEqual([
      shanghaiStart(third),
      shanghaiStart(third),
      null,
      shanghaiStart(third),
    ]);
    await scan(f.workers[0]);
    const managerNotes = async (branchId: string) =>
      (
        await f.owner.query<{ user_id: string; body: string; title: string }>(
          `SELECT user_id, title, body FROM notifications WHERE kind = 'CONTRACT_ORIGINALS_MISSING' AND subject_id = $1`,
          [branchId],
        )
      ).rows;
    expect(await managerNotes(f.org.a.id)).toEqual([]);
    // The 3rd comes.
    await f.owner.query(
      `UPDATE contracts SET original_check_at = now() - interval '1 minute' WHERE original_check_at IS NOT NULL`,
    );
    await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0]), scan(f.workers[1])]);
    const a = await managerNotes(f.org.a.id);
    expect(a).toHaveLength(1);
    expect(a[0].user_id).toBe(f.org.users.managerA.id);
    expect(a[0].title).toContain(`2 contract(s) signed in ${month}`);
    expect(a[0].body.split('\n')).toEqual(['AA-HT-1', 'AA-HT-2']);
    const b = await managerNotes(f.org.b.id);
    expect(b.map((n) => [n.user_id, n.body])).toEqual([[f.org.users.managerB.id, 'BB-HT-1']]);
    const left = await f.owner.query('SELECT count(*)::int AS n FROM contracts WHERE original_check_at IS NOT NULL');
    expect(left.rows[0].n).toBe(0);
    // A restart (a fresh worker) scanning again notifies nobody.
    const w3config = testConfig(f.db.url, { CONTRACT_SCAN_MS: '3600000' });
    const w3 = await startWorker(w3config);
    try {
      await scan(w3);
    } finally {
      await w3.close();
      await cleanRedis(w3config);
    }
    expect(await managerNotes(f.org.a.id)).toHaveLength(1);
  });

  it('a hand-over tells the new owner once, under retries and replicas; a later hand-over supersedes it', async () => {
    const id = await insertContract({});
    const payload = { branchId: f.org.a.id, contractId: id, ownerId: f.org.users.repA.id, changeId: randomUUID() };
    const results = await Promise.all([
      f.workers[0].get(ContractsJobs).notifyReassigned(payload),
      f.workers[1].get(ContractsJobs).notifyReassigned(payload),
      f.workers[0].get(ContractsJobs).notifyReassigned(payload),
    ]);
    expect(results.map((r) => r.notified).sort()).toEqual([0, 0, 1]);
    expect((await notes(id)).map((n) => [n.kind, n.user_id])).toEqual([['CONTRACT_ASSIGNED', f.org.users.repA.id]]);
    // Handed to someone else before the job for rep2A ran: rep2A hears nothing from the stale job.
    const stale = { ...payload, ownerId: f.org.users.rep2A.id, changeId: randomUUID() };
    expect(await f.workers[0].get(ContractsJobs).notifyReassigned(stale)).toEqual({ notified: 0 });
    expect(await notes(id)).toHaveLength(1);
  });
});
