import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, insertCustomer, problem, useFixture } from '@app/testing';
import { TieringJobs } from '../src/modules/customers/tiering.jobs.js';

/**
 * Tiering over GraphQL and in the worker: per-branch thresholds and the large-change rule (settings
 * validated), recorded purchases, the immediate re-tier on a large change and none on a small one,
 * the 12-month window, manual changes in the history, the owner notified once through the outbox;
 * the quarterly run: set-based batches, the thresholds' boundaries, once per branch and quarter under
 * repeated scans and two replicas, resumed from its cursor; who sees what; bad input that changes
 * nothing; statement counts independent of the page size.
 */

const SETTINGS = `branchId highAbove mediumAbove largeChangeAmount largeChangePercent`;
const RECORD = `mutation($in: RecordPurchaseInput!) { recordCustomerPurchase(input: $in) {
  purchase { id amount purchasedOn currency source } largeChange
  customer { id tier purchasesLast12Months nextContactDueAt }
  tierChange { fromTier toTier reason trailingTotal period changedById } } }`;
const GET_SETTINGS = `query { tieringSettings { ${SETTINGS} } }`;
const SET_SETTINGS = `mutation($in: UpdateTieringSettingsInput!) { updateTieringSettings(input: $in) { ${SETTINGS} } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { id tier purchasesLast12Months
  tierHistory { fromTier toTier reason trailingTotal period } purchases(first: 5) { amount purchasedOn } } }`;
const CHANGES = `query($f: CustomerTierChangeFilter, $first: Int) { customerTierChanges(first: $first, filter: $f) {
  totalCount edges { node { id branchId customerId fromTier toTier reason } } } }`;

interface Recorded {
  recordCustomerPurchase: {
    purchase: { id: string; amount: string };
    largeChange: boolean;
    customer: { id: string; tier: string; purchasesLast12Months: string; nextContactDueAt: string };
    tierChange: {
      fromTier: string;
      toTier: string;
      reason: string;
      trailingTotal: string;
      period: string | null;
      changedById: string;
    } | null;
  };
}

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const shanghaiStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600e3).toISOString();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('tiering', () => {
  const f = useFixture({
    workers: { count: 2, env: { TIERING_SCAN_MS: '3600000' }, firstScan: 'customers.tiering-scan' },
  });
  const { call, ok } = f;
  const today = shanghaiDay(Date.now());

  const record = async (who: string, customerId: string, amount: string, purchasedOn = today) =>
    (await ok<Recorded>(who, RECORD, { in: { customerId, amount, purchasedOn } })).recordCustomerPurchase;

  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|',
         (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM customer_purchases t),
         (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM customer_tier_changes t),
         (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.branch_id), '')) FROM tiering_settings t),
         (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM customers t),
         (SELECT count(*) FROM outbox), (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  const notes = async (customerId: string) =>
    (
      await f.owner.query<{ user_id: string; title: string; dedupe_key: string }>(
        `SELECT user_id, title, dedupe_key FROM notifications WHERE subject_id = $1 AND kind = 'CUSTOMER_TIER_CHANGED'
         ORDER BY created_at`,
        [customerId],
      )
    ).rows;

  beforeAll(async () => {
    // The schedulers run rarely: the tests call the scan themselves (the first run sets the baseline).
  });

  describe('settings', () => {
    it('defaults from DOMAIN.md; a manager changes them, validated; others may not', async () => {
      expect((await ok<{ tieringSettings: unknown }>('repA', GET_SETTINGS)).tieringSettings).toEqual({
        branchId: f.org.a.id,
        highAbove: '1000000.00',
        mediumAbove: '200000.00',
        largeChangeAmount: '100000.00',
        largeChangePercent: 50,
      });
      const before = await tables();
      expect(problem(await call('managerB', SET_SETTINGS, { in: { mediumAbove: '1000000' } }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['mediumAbove'],
      });
      expect(problem(await call('managerB', SET_SETTINGS, { in: { highAbove: '-5' } })).fields).toMatchObject([
        'highAbove',
      ]);
      expect(problem(await call('managerB', SET_SETTINGS, { in: {} })).fields).toMatchObject(['input']);
      expect(problem(await call('repB', SET_SETTINGS, { in: { largeChangePercent: 10 } })).code).toBe('FORBIDDEN');
      expect(problem(await call('admin', SET_SETTINGS, { in: { largeChangePercent: 10 } })).fields).toMatchObject([
        'branchId',
      ]);
      expect(await tables()).toBe(before);
      const changed = await ok<{ updateTieringSettings: unknown }>('admin', SET_SETTINGS, {
        in: { branchId: f.org.b.id, highAbove: '500000', mediumAbove: '50000.5', largeChangePercent: 20 },
      });
      expect(changed.updateTieringSettings).toEqual({
        branchId: f.org.b.id,
        highAbove: '500000.00',
        mediumAbove: '50000.50',
        largeChangeAmount: '100000.00',
        largeChangePercent: 20,
      });
      expect(
        (await ok<{ tieringSettings: { highAbove: string } }>('managerB', GET_SETTINGS)).tieringSettings.highAbove,
      ).toBe('500000.00');
      // Branch A keeps the defaults.
      expect(
        (await ok<{ tieringSettings: { highAbove: string } }>('managerA', GET_SETTINGS)).tieringSettings.highAbove,
      ).toBe('1000000.00');
    });
  });

  describe('recorded purchases and the immediate re-tier', () => {
    it('a large change re-tiers at once, a small one waits for the quarter; the owner is told once', async () => {
      const c = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, tier: 'LOW' });
      // The first purchase is 100% of nothing: large, but 150,000 is still LOW.
      const first = await record('repA', c, '150000');
      expect({ large: first.largeChange, change: first.tierChange, tier: first.customer.tier }).toEqual({
        large: true,
        change: null,
        tier: 'LOW',
      });
      // 60,000 is below 100,000 and below 50% of 150,000: not large, so no re-tier although 210,000 is MEDIUM.
      const small = await record('repA', c, '60000.00');
      expect({
        large: small.largeChange,
        tier: small.customer.tier,
        total: small.customer.purchasesLast12Months,
      }).toEqual({
        large: false,
        tier: 'LOW',
        total: '210000.00',
      });
      const dueBefore = small.customer.nextContactDueAt;
      const big = await record('repA', c, '100000');
      expect(big.largeChange).toBe(true);
      expect(big.tierChange).toEqual({
        fromTier: 'LOW',
        toTier: 'MEDIUM',
        reason: 'LARGE_CHANGE',
        trailingTotal: '310000.00',
        period: null,
        changedById: f.org.users.repA.id,
      });
      expect(big.customer.tier).toBe('MEDIUM');
      // The next contact follows MEDIUM's cadence (15 days) from the customer's creation today.
      expect(big.customer.nextContactDueAt).not.toBe(dueBefore);
      expect(big.customer.nextContactDueAt).toBe(shanghaiStart(addDays(today, 16)));
      const seen = (
        await ok<{ customer: { tierHistory: unknown[]; purchases: unknown[] } }>('repA', CUSTOMER, { id: c })
      ).customer;
      expect(seen.tierHistory).toEqual([
        { fromTier: 'LOW', toTier: 'MEDIUM', reason: 'LARGE_CHANGE', trailingTotal: '310000.00', period: null },
      ]);
      expect(seen.purchases).toHaveLength(3);
      // Through the outbox: the owner is notified, once.
      await eventually(async () => (await notes(c)).length === 1);
      const n = await notes(c);
      expect(n[0]).toMatchObject({ user_id: f.org.users.repA.id, title: expect.stringContaining('MEDIUM tier') });
    });

    it('only the trailing 12 months count; a purchase before them changes nothing', async () => {
      const c = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, tier: 'LOW' });
      const old = await record('repA', c, '5000000', shanghaiDay(Date.now() - 400 * DAY));
      expect({ large: old.largeChange, tier: old.customer.tier, total: old.customer.purchasesLast12Months }).toEqual({
        large: false,
        tier: 'LOW',
        total: '0.00',
      });
      // 366 days ago is outside, 364 inside.
      await record('repA', c, '7', shanghaiDay(Date.now() - 366 * DAY));
      const inside = await record('repA', c, '3', shanghaiDay(Date.now() - 364 * DAY));
      expect(inside.customer.purchasesLast12Months).toBe('3.00');
    });

    it('the branch’s own rule: 20% of the total before is a large change in branch B', async () => {
      const c = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.repB.id, tier: 'LOW' });
      await record('repB', c, '40000');
      const r = await record('repB', c, '8000');
      // 8,000 is 20% of 40,000; 48,000 is below B's MEDIUM threshold of 50,000.50.
      expect({ large: r.largeChange, tier: r.customer.tier }).toEqual({ large: true, tier: 'LOW' });
      const r2 = await record('repB', c, '10000');
      expect({ large: r2.largeChange, to: r2.tierChange?.toTier }).toEqual({ large: true, to: 'MEDIUM' });
    });

    it('a manual tier change joins the history and the owner is told', async () => {
      const c = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, tier: 'LOW' });
      await ok('managerA', `mutation($id: ID!) { updateCustomer(id: $id, input: { tier: HIGH }) { id } }`, { id: c });
      const h = (
        await ok<{ customer: { tierHistory: { reason: string; toTier: string }[] } }>('repA', CUSTOMER, { id: c })
      ).customer.tierHistory;
      expect(h).toEqual([{ fromTier: 'LOW', toTier: 'HIGH', reason: 'MANUAL', trailingTotal: null, period: null }]);
      await eventually(async () => (await notes(c)).length === 1);
    });

    it('bad input and foreign customers change nothing', async () => {
      const c = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, tier: 'LOW' });
      const colleague = await insertCustomer(f.owner, {
        branchId: f.org.a.id,
        ownerId: f.org.users.rep2A.id,
        tier: 'LOW',
      });
      const archived = await insertCustomer(f.owner, {
        branchId: f.org.a.id,
        ownerId: f.org.users.repA.id,
        tier: 'LOW',
        status: 'ARCHIVED',
      });
      const before = await tables();
      const send = (input: Record<string, unknown>) =>
        call('repA', RECORD, { in: { customerId: c, amount: '10', purchasedOn: today, ...input } });
      for (const amount of ['0', '-5', '1.234', '12345678901234567']) {
        expect({ amount, ...problem(await send({ amount })) }).toMatchObject({ amount, code: 'BAD_USER_INPUT' });
      }
      expect(problem(await send({ purchasedOn: shanghaiDay(Date.now() + 2 * DAY) }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['purchasedOn'],
      });
      expect(problem(await send({ purchasedOn: '2026-02-30' })).code).toBe('BAD_USER_INPUT');
      expect(problem(await send({ customerId: randomUUID() })).code).toBe('NOT_FOUND');
      expect(problem(await send({ customerId: colleague })).code).toBe('NOT_FOUND');
      expect(
        problem(await call('repB', RECORD, { in: { customerId: c, amount: '10', purchasedOn: today } })).code,
      ).toBe('NOT_FOUND');
      expect(problem(await send({ customerId: archived })).code).toBe('INVALID_STATE');
      expect(
        problem(await call('financeA', RECORD, { in: { customerId: c, amount: '10', purchasedOn: today } })).code,
      ).toBe('FORBIDDEN');
      expect(await tables()).toBe(before);
    });
  });

  describe('the quarterly re-tiering', () => {
    const quarter = async (tz = 'Asia/Shanghai') =>
      (await f.owner.query<{ q: string }>(`SELECT to_char(now() AT TIME ZONE $1, 'YYYY-"Q"Q') AS q`, [tz])).rows[0].q;

    it('re-tiers every active customer of a branch in batches, once per quarter under two replicas', async () => {
      // A fresh branch so the counts are its own: C has customers at both sides of each threshold.
      const c = randomUUID();
      await f.owner.query(
        `INSERT INTO branches (id, organization_id, code, name, kind, time_zone) VALUES ($1, $2, 'CC', 'CC', 'BRANCH', 'Asia/Shanghai')`,
        [c, f.org.id],
      );
      const rep = randomUUID();
      await f.owner.query(
        `INSERT INTO users (id, organization_id, email, display_name, password_hash)
        SELECT $1::uuid, organization_id, 'repc.' || $1::text || '@test.example', 'Rep C', password_hash FROM users WHERE id = $2`,
        [rep, f.org.users.repA.id],
      );
      await f.owner.query(`INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, 'SALES_REP')`, [
        randomUUID(),
        rep,
        c,
      ]);
      const cases: [string, string, string][] = [
        ['exactly one million', '1000000.00', 'MEDIUM'],
        ['a cent above one million', '1000000.01', 'HIGH'],
        ['exactly two hundred thousand', '200000.00', 'LOW'],
        ['a cent above two hundred thousand', '200000.01', 'MEDIUM'],
        ['nothing', '0', 'LOW'],
      ];
      const ids: Record<string, string> = {};
      for (const [name, total] of cases) {
        ids[name] = await insertCustomer(f.owner, { branchId: c, ownerId: rep, name, tier: 'HIGH' });
        if (total !== '0') {
          // Two purchases inside the window and one old one that must not count.
          await f.owner.query(
            `INSERT INTO customer_purchases (branch_id, id, customer_id, purchased_on, amount, currency, source)
             VALUES ($1, gen_random_uuid(), $2, current_date - 10, $3::numeric - 1, 'CNY', 'MANUAL'),
                    ($1, gen_random_uuid(), $2, current_date - 200, 1, 'CNY', 'MANUAL'),
                    ($1, gen_random_uuid(), $2, current_date - 500, 9000000, 'CNY', 'MANUAL')`,
            [c, ids[name], total],
          );
        }
      }
      const archived = await insertCustomer(f.owner, { branchId: c, ownerId: rep, tier: 'HIGH', status: 'ARCHIVED' });
      const jobs = [f.workers[0].get(TieringJobs), f.workers[1].get(TieringJobs)];
      for (const j of jobs) j.batchSize = 2;
      // The first scan that sees branch C sets its baseline: this quarter keeps the tiers it has.
      await jobs[0].scan();
      const baseline = await f.owner.query('SELECT quarter, finished_at FROM tiering_runs WHERE branch_id = $1', [c]);
      expect(baseline.rows).toEqual([{ quarter: await quarter(), finished_at: expect.any(Date) }]);
      expect(
        (await f.owner.query('SELECT count(*)::int AS n FROM customer_tier_changes WHERE branch_id = $1', [c])).rows[0]
          .n,
      ).toBe(0);
      // A new quarter begins (the baseline moved into the past): two replicas scan at once, twice.
      await f.owner.query(`UPDATE tiering_runs SET quarter = '2000-Q1' WHERE branch_id = $1`, [c]);
      const results = await Promise.all([jobs[0].scan(), jobs[1].scan(), jobs[0].scan()]);
      // Each customer was scanned once, whichever replica took which batch.
      expect(results.reduce((n, r) => n + r.customers, 0)).toBe(5);
      const tiers = await f.owner.query<{ name: string; tier: string }>(
        'SELECT name, tier FROM customers WHERE branch_id = $1 AND status = $2 ORDER BY name',
        [c, 'ACTIVE'],
      );
      expect(Object.fromEntries(tiers.rows.map((r) => [r.name, r.tier]))).toEqual(
        Object.fromEntries(cases.map(([name, , tier]) => [name, tier])),
      );
      expect((await f.owner.query('SELECT tier FROM customers WHERE id = $1', [archived])).rows[0].tier).toBe('HIGH');
      const run = await f.owner.query(
        'SELECT customers, changed, finished_at FROM tiering_runs WHERE branch_id = $1 AND quarter = $2',
        [c, await quarter()],
      );
      expect(run.rows).toEqual([{ customers: 5, changed: 4, finished_at: expect.any(Date) }]);
      const history = await f.owner.query<{ customer_id: string; reason: string; period: string }>(
        'SELECT customer_id, reason, period FROM customer_tier_changes WHERE branch_id = $1',
        [c],
      );
      expect(history.rows).toHaveLength(4);
      expect(new Set(history.rows.map((h) => h.customer_id)).size).toBe(4);
      expect(new Set(history.rows.map((h) => `${h.reason}:${h.period}`))).toEqual(
        new Set([`QUARTERLY:${await quarter()}`]),
      );
      const told = await f.owner.query<{ user_id: string; n: number }>(
        `SELECT user_id, count(*)::int AS n FROM notifications WHERE branch_id = $1 AND kind = 'CUSTOMER_TIER_CHANGED' GROUP BY 1`,
        [c],
      );
      expect(told.rows).toEqual([{ user_id: rep, n: 4 }]);
      // Scanning again this quarter does nothing.
      expect(await jobs[1].scan()).toEqual({ batches: 0, customers: 0, changed: 0 });
      // Branch A, whose quarter has not turned, was not touched by the run.
      expect(
        (
          await f.owner.query(
            `SELECT count(*)::int AS n FROM customer_tier_changes WHERE branch_id = $1 AND reason = 'QUARTERLY'`,
            [f.org.a.id],
          )
        ).rows[0].n,
      ).toBe(0);
    });

    it('picks up a run from its cursor (a crash loses at most the batch in flight)', async () => {
      const c = f.org.b.id;
      const made: string[] = [];
      for (let i = 0; i < 5; i++)
        made.push(await insertCustomer(f.owner, { branchId: c, ownerId: f.org.users.repB.id, tier: 'HIGH' }));
      const sortedIds = (
        await f.owner.query<{ id: string }>(
          `SELECT id FROM customers WHERE branch_id = $1 AND status = 'ACTIVE' ORDER BY id`,
          [c],
        )
      ).rows.map((r) => r.id);
      // This quarter's run of B already went past the third customer before the crash.
      const q = await quarter();
      await f.owner.query(`DELETE FROM tiering_runs WHERE branch_id = $1`, [c]);
      await f.owner.query(
        `INSERT INTO tiering_runs (branch_id, quarter, last_customer_id, customers) VALUES ($1, '2000-Q1', NULL, 0), ($1, $2, $3, 3)`,
        [c, q, sortedIds[2]],
      );
      await f.owner.query(`UPDATE tiering_runs SET finished_at = now() WHERE branch_id = $1 AND quarter = '2000-Q1'`, [
        c,
      ]);
      const j = f.workers[0].get(TieringJobs);
      j.batchSize = 2;
      await j.scan();
      const tiers = await f.owner.query<{ id: string; tier: string }>(
        `SELECT id, tier FROM customers WHERE branch_id = $1 AND status = 'ACTIVE' ORDER BY id`,
        [c],
      );
      // The first three (done before the crash) are not scanned again; the rest are re-tiered (none is HIGH).
      for (const [i, r] of tiers.rows.entries()) {
        const changed = await f.owner.query(
          `SELECT count(*)::int AS n FROM customer_tier_changes WHERE customer_id = $1 AND reason = 'QUARTERLY'`,
          [r.id],
        );
        if (i <= 2) expect({ i, n: changed.rows[0].n }).toEqual({ i, n: 0 });
        else expect({ i, tier: r.tier }).not.toEqual({ i, tier: 'HIGH' });
      }
      expect(tiers.rows.filter((r, i) => i > 2 && made.includes(r.id)).length).toBeGreaterThan(0);
      const run = await f.owner.query(
        'SELECT customers, finished_at FROM tiering_runs WHERE branch_id = $1 AND quarter = $2',
        [c, q],
      );
      expect(run.rows[0]).toEqual({ customers: sortedIds.length, finished_at: expect.any(Date) });
    });
  });

  describe('who sees what, and statements per page', () => {
    it('tier changes: a rep sees their customers’, head office every branch in one list', async () => {
      const all = await ok<{
        customerTierChanges: { totalCount: number; edges: { node: { branchId: string; customerId: string } }[] };
      }>('admin', CHANGES, { first: 100 });
      const branches = new Set(all.customerTierChanges.edges.map((e) => e.node.branchId));
      expect(branches.has(f.org.a.id) && branches.has(f.org.b.id)).toBe(true);
      const repA = await ok<{ customerTierChanges: { edges: { node: { customerId: string } }[] } }>('repA', CHANGES, {
        first: 100,
      });
      const mine = (
        await f.owner.query<{ id: string }>('SELECT id FROM customers WHERE owner_id = $1', [f.org.users.repA.id])
      ).rows.map((r) => r.id);
      expect(repA.customerTierChanges.edges.length).toBeGreaterThan(0);
      expect(repA.customerTierChanges.edges.every((e) => mine.includes(e.node.customerId))).toBe(true);
      const onlyB = await ok<{ customerTierChanges: { edges: { node: { branchId: string } }[] } }>('admin', CHANGES, {
        f: { branchId: f.org.b.id },
        first: 100,
      });
      expect(new Set(onlyB.customerTierChanges.edges.map((e) => e.node.branchId))).toEqual(new Set([f.org.b.id]));
      expect(
        (
          await ok<{ customerTierChanges: { totalCount: number } }>('managerB', CHANGES, {
            f: { branchId: f.org.a.id },
          })
        ).customerTierChanges.totalCount,
      ).toBe(0);
    });

    it('a customers page with tier history and purchases costs the same for 1, 5 and 50 rows', async () => {
      await f.owner.query(
        `WITH c AS (
           INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
           SELECT $1, gen_random_uuid(), 'Bulk ' || g, 'LOW', $2, now() + interval '3 days' FROM generate_series(1, 60) g
           RETURNING branch_id, id)
         INSERT INTO customer_purchases (branch_id, id, customer_id, purchased_on, amount, currency, source)
         SELECT branch_id, gen_random_uuid(), id, current_date - 3, 10, 'CNY', 'MANUAL' FROM c`,
        [f.org.a.id, f.org.users.managerA.id],
      );
      const PAGE = `query($first: Int!) { customers(first: $first) { edges { node { id tier purchasesLast12Months
        tierHistory { reason } purchases(first: 3) { amount } } } } }`;
      for (const who of ['managerA', 'admin']) {
        const counts: number[] = [];
        for (const first of [1, 5, 50]) {
          const r = await call<{ customers: { edges: unknown[] } }>(who, PAGE, { first });
          expect(r.body.errors).toBeUndefined();
          expect(r.body.data!.customers.edges).toHaveLength(first);
          counts.push(Number(r.headers.get('x-sql-statements')));
        }
        expect({ who, counts }).toEqual({ who, counts: counts.map(() => counts[0]) });
        const changes: number[] = [];
        for (const first of [1, 5]) {
          const r = await call(who, CHANGES, { first });
          expect(r.body.errors).toBeUndefined();
          changes.push(Number(r.headers.get('x-sql-statements')));
        }
        expect(changes[0]).toBe(changes[1]);
      }
    });
  });
});
