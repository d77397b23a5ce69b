import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { Redis } from 'ioredis';
import {
  PASSWORD,
  cleanRedis,
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
  type TestApp,
  type TestOrg,
} from '@app/testing';
import { jobMetricsKey } from '@app/jobs';
import { ComplaintsJobs } from '../src/modules/complaints/complaints.jobs.js';
import { addWorkingHours } from '@app/core';

/**
 * Escalation of unanswered complaints by the worker, the approval engine's way: level 1 (the branch
 * managers) when the response deadline passes, level 2 (head office) one response window later; each
 * level once, within 60 s of its due time, with two worker replicas running and scans racing each other;
 * an answer (the investigation starting) stops it. Time moves by shifting the stored due timestamps.
 */

const HOUR = 3_600_000;
/** Every other scheduled scan out of the way, so the workers spend their time on complaints. */
const QUIET = {
  CONTACT_DUE_SCAN_MS: '3600000',
  APPROVAL_SCAN_MS: '60000',
  CONTRACT_SCAN_MS: '3600000',
  TENDER_SCAN_MS: '3600000',
  QUOTE_SCAN_MS: '3600000',
};

async function firstScheduledScanDone(config: ReturnType<typeof testConfig>): Promise<void> {
  const r = new Redis(config.redisUrl);
  try {
    await eventually(
      async () =>
        Number(await r.hget(jobMetricsKey(config.redisPrefix), 'complaints.escalation-scan|completed|count')) >= 1,
    );
  } finally {
    r.disconnect();
  }
}

describe('complaint escalation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org: TestOrg;
  const tokens: Record<string, string> = {};
  let customerA: string;
  let customerB: string;
  const configs: ReturnType<typeof testConfig>[] = [];
  const started: INestApplicationContext[] = [];

  async function startWorkers(n: number, scanMs: string) {
    // One configuration (one Redis prefix, one queue) for all: replicas of the same deployment.
    const config = testConfig(db.url, { ...QUIET, COMPLAINT_SCAN_MS: scanMs });
    configs.push(config);
    const ws: INestApplicationContext[] = [];
    for (let i = 0; i < n; i++) ws.push(await startWorker(config));
    started.push(...ws);
    await firstScheduledScanDone(config);
    return ws;
  }

  async function stop(ws: INestApplicationContext[]) {
    for (const w of ws) {
      await w.close();
      started.splice(started.indexOf(w), 1);
    }
  }

  const scan = (w: INestApplicationContext) => w.get(ComplaintsJobs).scanDue();

  async function create(who: string, customerId: string, severity = 'CRITICAL'): Promise<string> {
    const r = await gql<{ createComplaint: { id: string } }>(
      api.url,
      `mutation($in: CreateComplaintInput!) { createComplaint(input: $in) { id } }`,
      { in: { customerId, channel: 'PHONE', category: 'PRODUCT', severity, description: 'Line stopped' } },
      { token: tokens[who] },
    );
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.createComplaint.id;
  }

  /** The response deadline `ms` from now (negative: already past), received one window before it. */
  const dueIn = (ids: string[], ms: number) =>
    owner.query(
      `UPDATE complaints SET received_at = now() + $2 * interval '1 millisecond' - response_hours * interval '1 hour',
         response_due_at = now() + $2 * interval '1 millisecond', next_escalation_at = now() + $2 * interval '1 millisecond'
       WHERE id = ANY($1::uuid[])`,
      [ids, ms],
    );

  const escalations = async (ids: string[]) =>
    (
      await owner.query<{ complaint_id: string; level: number; at: Date }>(
        `SELECT complaint_id, level, at FROM complaint_events WHERE complaint_id = ANY($1::uuid[]) AND action = 'ESCALATED'
         ORDER BY complaint_id, level`,
        [ids],
      )
    ).rows;

  const notices = async (ids: string[]) =>
    (
      await owner.query<{ subject_id: string; user_id: string; dedupe_key: string; title: string }>(
        `SELECT subject_id, user_id, dedupe_key, title FROM notifications
         WHERE kind = 'COMPLAINT_ESCALATED' AND subject_id = ANY($1::uuid[]) ORDER BY subject_id, dedupe_key`,
        [ids],
      )
    ).rows;

  const row = async (id: string) =>
    (
      await owner.query<{ escalation_level: number; next_escalation_at: Date | null; response_due_at: Date }>(
        'SELECT escalation_level, next_escalation_at, response_due_at FROM complaints WHERE id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    customerA = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, name: 'City Water' });
    customerB = await insertCustomer(owner, { branchId: org.b.id, ownerId: org.users.repB.id, name: 'Port Authority' });
    api = await startApp(testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000' }));
    await Promise.all(
      Object.entries(org.users).map(
        async ([k, x]) => (tokens[k] = (await login(api.url, x.email, PASSWORD)).accessToken),
      ),
    );
  });

  afterAll(async () => {
    for (const w of [...started]) await w.close().catch(() => undefined);
    await api?.close();
    for (const c of [...configs, ...(api ? [api.config] : [])]) await cleanRedis(c).catch(() => undefined);
    await owner?.end();
    await db?.drop();
  });

  it('two replicas on the scheduler: level 1 then level 2, each once and within 60 s of its due time', async () => {
    const ws = await startWorkers(2, '200');
    try {
      const ids = [await create('repA', customerA), await create('repA', customerA), await create('repB', customerB)];
      await dueIn(ids, 1500);
      const dueAt = new Map<string, Date>();
      // One query at a time: one pg client must not run two at once.
      for (const id of ids) dueAt.set(id, (await row(id)).response_due_at);
      const level1 = await eventually(async () => {
        const e = await escalations(ids);
        return e.length === ids.length ? e : null;
      }, 30_000);
      for (const e of level1!) {
        const lag = e.at.getTime() - dueAt.get(e.complaint_id)!.getTime();
        // Never before the deadline; within the 60 s promise (with a 200 ms scan, well within it).
        expect({ id: e.complaint_id, level: e.level, early: lag < 0, late: lag >= 60_000 }).toEqual({
          id: e.complaint_id,
          level: 1,
          early: false,
          late: false,
        });
        // Level 2 is due one response window (CRITICAL: 4 h) after level 1's due time.
        const r = await row(e.complaint_id);
        expect(r.escalation_level).toBe(1);
        expect(r.next_escalation_at!.getTime()).toBe(dueAt.get(e.complaint_id)!.getTime() + 4 * HOUR);
      }
      // Level 1 told each complaint's branch managers, once each.
      expect((await notices(ids)).map((n) => [n.subject_id, n.user_id, n.dedupe_key])).toEqual(
        [
          [ids[0], org.users.managerA.id, `complaint-escalated:${ids[0]}:1:${org.users.managerA.id}`],
          [ids[1], org.users.managerA.id, `complaint-escalated:${ids[1]}:1:${org.users.managerA.id}`],
          [ids[2], org.users.managerB.id, `complaint-escalated:${ids[2]}:1:${org.users.managerB.id}`],
        ].sort((a, b) => `${a[0]}:${a[2]}`.localeCompare(`${b[0]}:${b[2]}`)),
      );
      expect((await notices([ids[0]]))[0].title).toMatch(/Unanswered critical complaint \(level 1\): City Water/);

      // Level 2 falls due: head office hears of it, once.
      await owner.query(
        `UPDATE complaints SET next_escalation_at = now() + interval '1500 milliseconds' WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const due2 = new Map<string, Date>();
      for (const id of ids) due2.set(id, (await row(id)).next_escalation_at!);
      const level2 = await eventually(async () => {
        const e = (await escalations(ids)).filter((x) => x.level === 2);
        return e.length === ids.length ? e : null;
      }, 30_000);
      for (const e of level2!) {
        const lag = e.at.getTime() - due2.get(e.complaint_id)!.getTime();
        expect({ lag: lag >= 0 && lag < 60_000 }).toEqual({ lag: true });
        expect(await row(e.complaint_id)).toMatchObject({ escalation_level: 2, next_escalation_at: null });
      }
      // More scans by both replicas change nothing: two levels, one notice per person and level.
      await new Promise((res) => setTimeout(res, 1000));
      await Promise.all([scan(ws[0]), scan(ws[1])]);
      const all = await escalations(ids);
      expect(all.map((e) => [e.complaint_id, e.level])).toEqual(
        [...ids].sort().flatMap((id) => [
          [id, 1],
          [id, 2],
        ]),
      );
      const told = await notices(ids);
      expect(told).toHaveLength(ids.length * 2);
      expect(told.filter((n) => n.dedupe_key.includes(':2:')).every((n) => n.user_id === org.users.admin.id)).toBe(
        true,
      );
    } finally {
      await stop(ws);
    }
  });

  it('two replicas scanning at once escalate each of 60 overdue complaints exactly once', async () => {
    // The scheduler is slow here (30 s): only the racing scans below do the work.
    const ws = await startWorkers(2, '30000');
    try {
      await owner.query(
        `INSERT INTO complaints (branch_id, id, customer_id, owner_id, channel, category, severity, description,
           received_at, response_hours, working_time, response_due_at, next_escalation_at, created_by)
         SELECT v.b, gen_random_uuid(), v.c, v.o, 'EMAIL', 'SERVICE', 'HIGH', 'Burst ' || g,
           now() - interval '25 hours', 24, false, now() - interval '1 hour', now() - interval '1 hour', v.o
         FROM generate_series(1, 30) g,
           (VALUES ($1::uuid, $2::uuid, $3::uuid), ($4::uuid, $5::uuid, $6::uuid)) AS v(b, c, o)`,
        [org.a.id, customerA, org.users.repA.id, org.b.id, customerB, org.users.repB.id],
      );
      const ids = (
        await owner.query<{ id: string }>(`SELECT id FROM complaints WHERE description LIKE 'Burst %'`)
      ).rows.map((r) => r.id);
      expect(ids).toHaveLength(60);
      const results = await Promise.all([scan(ws[0]), scan(ws[1]), scan(ws[0]), scan(ws[1])]);
      expect(results.reduce((n, r) => n + r.escalated, 0)).toBe(60);
      // The claims split the work: no complaint went to two scans (each would have counted it).
      const e = await escalations(ids);
      expect(e).toHaveLength(60);
      expect(new Set(e.map((x) => x.complaint_id)).size).toBe(60);
      const told = await notices(ids);
      expect(told).toHaveLength(60);
      expect(new Set(told.map((n) => n.dedupe_key)).size).toBe(60);
      const levels = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM complaints WHERE id = ANY($1::uuid[]) AND escalation_level = 1
           AND next_escalation_at = response_due_at + interval '24 hours'`,
        [ids],
      );
      expect(levels.rows[0].n).toBe(60);

      // A retried run after level 1 (as if the row's update were lost) notifies nobody again.
      await owner.query(
        `UPDATE complaints SET escalation_level = 0, next_escalation_at = now() - interval '1 minute'
         WHERE id = ANY($1::uuid[])`,
        [ids.slice(0, 5)],
      );
      const again = await Promise.all([scan(ws[0]), scan(ws[1])]);
      expect(again.reduce((n, r) => n + r.escalated, 0)).toBe(0);
      expect(await escalations(ids)).toHaveLength(60);
      expect(await notices(ids)).toHaveLength(60);
    } finally {
      await stop(ws);
    }
  });

  it('a branch on working time: level 2 falls due one window of working hours after level 1', async () => {
    const ws = await startWorkers(1, '30000');
    try {
      await owner.query(
        'INSERT INTO complaint_settings (branch_id, critical_hours, working_time) VALUES ($1, 4, true)',
        [org.b.id],
      );
      const id = await create('repB', customerB);
      await dueIn([id], -1000);
      const due = (await row(id)).response_due_at;
      expect(await scan(ws[0])).toEqual({ escalated: 1 });
      // Branch B has no calendar row: the approval engine's default, Mon-Fri 09:00-18:00 in Asia/Shanghai.
      const expected = addWorkingHours(due, 4, {
        timeZone: 'Asia/Shanghai',
        workDays: [1, 2, 3, 4, 5],
        dayStartMinute: 540,
        dayEndMinute: 1080,
        holidays: new Set(),
      });
      expect(await row(id)).toMatchObject({ escalation_level: 1, next_escalation_at: expected });
      expect((await notices([id])).map((n) => n.user_id)).toEqual([org.users.managerB.id]);
    } finally {
      await stop(ws);
    }
  });

  it('an answer stops the escalation: before the deadline nothing happens, after level 1 no level 2', async () => {
    const ws = await startWorkers(1, '30000');
    try {
      const early = await create('repA', customerA);
      const late = await create('repA', customerA);
      await dueIn([early], 60_000);
      await dueIn([late], -1000);
      expect(await Promise.all([scan(ws[0])])).toEqual([{ escalated: 1 }]);
      expect((await escalations([early, late])).map((e) => [e.complaint_id, e.level])).toEqual([[late, 1]]);

      const START = `mutation($id: ID!) { startComplaintInvestigation(id: $id) { id state nextEscalationAt } }`;
      for (const id of [early, late]) {
        const r = await gql<{ startComplaintInvestigation: { state: string; nextEscalationAt: string | null } }>(
          api.url,
          START,
          { id },
          { token: tokens.repA },
        );
        expect(r.body.data?.startComplaintInvestigation).toMatchObject({
          state: 'INVESTIGATING',
          nextEscalationAt: null,
        });
      }
      // Even with the deadline long past, an answered complaint is never claimed again.
      await owner.query(
        `UPDATE complaints SET received_at = now() - interval '30 hours', response_due_at = now() - interval '26 hours'
         WHERE id = ANY($1::uuid[])`,
        [[early, late]],
      );
      expect(await scan(ws[0])).toEqual({ escalated: 0 });
      expect((await escalations([early, late])).map((e) => [e.complaint_id, e.level])).toEqual([[late, 1]]);
      const overdue = await gql<{ complaint: { overdue: boolean } }>(
        api.url,
        'query($id: ID!) { complaint(id: $id) { overdue } }',
        { id: early },
        { token: tokens.repA },
      );
      expect(overdue.body.data!.complaint.overdue).toBe(false);
    } finally {
      await stop(ws);
    }
  });
});
