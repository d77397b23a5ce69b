import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  gql,
  login,
  ownerClient,
  startApp,
  testConfig,
  type TestOrg,
} from '@app/testing';
import {
  allCases,
  api,
  attempt,
  db,
  expectNothingGiven,
  installWriteCounter,
  normalize,
  openRuntimeClient,
  org1,
  org2,
  orgOf,
  owner,
  privileges,
  rt,
  runtimeRole,
  scope,
  setApp,
  setDatabase,
  slots,
  snapshot,
  sorted,
  tenantTables,
  tokens,
  type Actor,
  type Slot,
} from './isolation/harness.js';
import { MODULES, type IsolationModule } from './isolation/modules.js';

/**
 * Branch isolation, end to end: two organizations, every query and mutation of the schema given ids of another
 * branch, another organization or (for a sales rep) a colleague, must answer exactly as for an id that does not
 * exist, and change nothing. Then the same wall at the SQL level, as the runtime role, over every tenant table
 * found in the live catalog.
 *
 * This file is the runner; each module's cases, seed and own checks live in test/isolation/<module>.ts (see the
 * header of test/isolation/harness.ts for what a module file holds).
 */

/** Public tables with a branch_id that are platform tables, not branch rows (see schema-rules). */
const PLATFORM_TABLES = new Set(['memberships']);

/**
 * Operations of the schema no case probes, each with its reason. The run fails when an operation is neither
 * probed nor listed here, so a new query or mutation cannot go without its isolation case.
 */
const NOT_PROBED: Record<string, string> = {
  login: 'takes no id: signs in as the caller (auth.e2e-spec)',
  refreshToken: 'takes no id but the caller’s own refresh token (auth.e2e-spec)',
  logout: 'takes no id: ends the caller’s own session (auth.e2e-spec)',
  clock: 'takes no id: clocks the caller in or out in their own branch (attendance.e2e-spec)',
  requestAttendanceCorrection: 'takes no id: a correction of the caller’s own day (attendance.e2e-spec)',
  requestLeave: 'takes no id: the caller’s own leave (leave.e2e-spec)',
  createWorkPlan: 'takes no id: the caller’s own plan, in their own branch (meetings-plans.e2e-spec)',
  myActionItems: 'takes no id: the caller’s own action items (meetings-plans.e2e-spec)',
  createVendor: 'takes no id: a vendor of the caller’s own organization (fulfillment-catalogue.e2e-spec)',
  vendors: 'takes no id: the caller’s own organization’s vendors (the SQL wall’s check of organization rows)',
  branches: 'takes no id: the branches the caller may act in (platform: "branches and me list only what ...")',
  notifications: 'takes no id: the caller’s own (customers: "notifications: each person sees their own ...")',
  createBranch: 'head office administrators only (platform: "createBranch and createUser by people who ...")',
  queueViewLink: 'the operating organization’s administrators only (platform: "queueViewLink: only ...")',
};

/**
 * The own-id steps, in order: later ones archive the customer and decide the approval steps the earlier ones use.
 * A module with `ownIds` that is missing here fails the run.
 */
const OWN_IDS: (() => Promise<void>)[] = [
  MODULES.customers.ownIds,
  MODULES.contracts.ownIds,
  MODULES.quotes.ownIds,
  MODULES.leads.ownIds,
  MODULES.visits.ownIds,
  MODULES.complaints.ownIds,
  MODULES.finance.ownIds,
  MODULES.documents.ownIds,
  MODULES.performance.ownIds,
  MODULES.appraisals.ownIds,
  MODULES.customers.ownIdsOfManagers,
  MODULES.research.ownIds,
  MODULES.approvals.ownIds,
  MODULES.dashboard.ownIds,
  MODULES.channels.ownIds,
];

const modules: IsolationModule[] = Object.values(MODULES);
allCases.push(...modules.flatMap((x) => x.cases));

describe('branch isolation across every operation of the schema', () => {
  beforeAll(async () => {
    const d = await createTestDatabase();
    const client = await ownerClient(d.url);
    setDatabase(d, client, [await createOrg(client, 'one'), await createOrg(client, 'two')]);
    const seedSlot = async (branch: string, u: TestOrg['users']['repA'], name: string): Promise<Slot> => {
      const slot = { branch, user: u.id } as Slot;
      for (const x of modules)
        await x.seedSlot?.({ branch, u, name, orgId: orgOf(branch) === 1 ? org1.id : org2.id }, slot);
      return slot;
    };
    slots.A1 = await seedSlot(org1.a.id, org1.users.repA, 'Alpha Rep One');
    slots.A2 = await seedSlot(org1.a.id, org1.users.rep2A, 'Alpha Rep Two');
    slots.B1 = await seedSlot(org1.b.id, org1.users.repB, 'Bravo One');
    slots.X1 = await seedSlot(org2.a.id, org2.users.repA, 'Xeno One');
    // The other tenant tables get a row in every branch too, so the SQL-level checks are not vacuous.
    for (const b of [org1.hq.id, org1.a.id, org1.b.id, org2.hq.id, org2.a.id, org2.b.id])
      for (const x of modules) await x.seedBranch?.(b);
    // Everyone signs in once, below; on a loaded machine the file outlives the 15-minute default access token.
    const env = { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000', ACCESS_TOKEN_TTL_SECONDS: '7200' };
    const app = await startApp(testConfig(db.url, env), { imports: modules.flatMap((x) => x.appImports ?? []) });
    const all = (
      await owner.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).rows.map((r) => r.t);
    const tenant = (
      await owner.query<{ t: string }>(
        `SELECT c.table_name AS t FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'public' AND c.column_name = 'branch_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).rows
      .map((r) => r.t)
      .filter((t) => !PLATFORM_TABLES.has(t));
    setApp(app, { all, tenant });
    await installWriteCounter();
    for (const x of modules) await x.seedWithApp?.();
    for (const [tag, org] of [
      ['1', org1],
      ['2', org2],
    ] as const) {
      for (const [k, u] of Object.entries(org.users))
        tokens[`${k}${tag}`] = (await login(api.url, u.email, PASSWORD)).accessToken;
    }
    // A database from the migrations, two organizations, four slots and 16 logins: past a minute when six runs
    // share two cores (load 20).
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config);
    await owner?.end();
    await db?.drop();
  });

  const actor = (label: string, key: string, org: () => TestOrg, ownSlot: () => Slot): (() => Actor) => {
    return () => {
      const o = org();
      const u = o.users[key.replace(/\d$/, '') as keyof TestOrg['users']];
      return { label, token: tokens[key], user: u, headOffice: u.role.startsWith('HQ_'), own: ownSlot() };
    };
  };

  /** A target that is only a branch (the actor's own head office): branch-level operations only. */
  const branchOnly = (branch: string): Slot =>
    ({ ...Object.fromEntries(Object.keys(slots.A1).map((k) => [k, ''])), branch }) as Slot;

  /** Who tries, and whose ids they are given. */
  const ATTEMPTS: { label: string; who: () => Actor; targets: () => [string, Slot][] }[] = [
    {
      label: 'manager of branch A',
      who: actor(
        'managerA',
        'managerA1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [
        ['branch B', slots.B1],
        ['org 2', slots.X1],
        ['own head office', branchOnly(org1.hq.id)],
      ],
    },
    {
      label: 'sales rep of branch A',
      who: actor(
        'repA',
        'repA1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [
        ['branch B', slots.B1],
        ['org 2', slots.X1],
        // Same branch, a colleague's customer: the own-only wall. Branch-level cases do not apply.
        ['colleague rep2A', { ...slots.A2, branch: '' }],
        ['own head office', branchOnly(org1.hq.id)],
      ],
    },
    {
      label: 'finance of branch A',
      who: actor(
        'financeA',
        'financeA1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [['branch B', slots.B1]],
    },
    {
      label: 'manager of branch B',
      who: actor(
        'managerB',
        'managerB1',
        () => org1,
        () => slots.B1,
      ),
      targets: () => [
        ['branch A', slots.A1],
        ['org 2', slots.X1],
      ],
    },
    {
      label: 'head office admin of org 2',
      who: actor(
        'hq2',
        'admin2',
        () => org2,
        () => slots.X1,
      ),
      targets: () => [
        ['org 1 branch A', slots.A1],
        ['org 1 branch B', slots.B1],
      ],
    },
    {
      label: 'head office admin of org 1',
      who: actor(
        'hq1',
        'admin1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [['org 2', slots.X1]],
    },
  ];

  it('seeds every tenant table in both organizations (so no check below passes on an empty table)', async () => {
    expect(tenantTables).toEqual(expect.arrayContaining(modules.flatMap((x) => x.tables ?? [])));
    for (const t of tenantTables) {
      const r = await owner.query<{ branch_id: string }>(`SELECT DISTINCT branch_id FROM "${t}"`);
      const branches = r.rows.map((x) => x.branch_id);
      expect({ table: t, hasA: branches.includes(org1.a.id), hasB: branches.includes(org1.b.id) }).toEqual({
        table: t,
        hasA: true,
        hasB: true,
      });
      expect({ table: t, hasOrg2: branches.includes(org2.a.id) }).toEqual({ table: t, hasOrg2: true });
    }
  });

  it('the change check is not blind: a row written and written back is seen, both times', async () => {
    const before = await snapshot();
    await owner.query(`UPDATE customers SET name = name || ' (probe)' WHERE id = $1`, [slots.B1.customer]);
    const changed = await snapshot();
    expect(changed.customers).not.toEqual(before.customers);
    await owner.query(`UPDATE customers SET name = left(name, -8) WHERE id = $1`, [slots.B1.customer]);
    expect(await snapshot()).toEqual(before);
  });

  for (const x of modules) x.beforeProbes?.();

  describe.each(ATTEMPTS.map((a) => [a.label, a.who, a.targets] as const))('%s', (_label, who, targets) => {
    it('every operation given foreign ids answers exactly as for a random id, and changes nothing', async () => {
      const me = who();
      let probes = 0;
      let before = await snapshot();
      for (const [targetName, slot] of targets()) {
        for (const c of allCases) {
          const id = slot[c.kind];
          if (!id) continue;
          if (c.colleagueAllowed && !slot.branch) continue;
          // ---- fulfillment ----
          if (c.orgLevel && (!slot.branch || orgOf(slot.branch) === orgOf(me.own.branch))) continue;
          // ---- end fulfillment ----
          const send = (x: string) =>
            gql(api.url, c.doc, c.header ? {} : (c.vars ?? ((v: string) => ({ id: v })))(x, me), {
              token: me.token,
              branchId: c.header ? x : undefined,
            });
          const label = `${me.label} → ${targetName}: ${c.name}`;
          const foreign = await send(id);
          const random = randomUUID();
          const unknown = await send(random);
          const after = await snapshot();
          expect({ label, changed: after }).toEqual({ label, changed: before });
          before = after;
          expectNothingGiven(foreign, label);
          expect({ label, ...normalize(foreign, id) }).toEqual({ label, ...normalize(unknown, random) });
          probes++;
        }
      }
      expect(probes).toBeGreaterThanOrEqual(allCases.length - 6 - allCases.filter((c) => c.orgLevel).length);
      // Hundreds of probes, each two requests and a snapshot: minutes on a busy machine (5 of them once 6 test runs share 2 cores).
    }, 900_000);
  });

  for (const x of modules) x.afterProbes?.();

  it('the probes are not vacuous: the same operations on own ids succeed', async () => {
    const seeded = (await owner.query<{ id: string }>('SELECT id FROM audit_log')).rows.map((r) => r.id);
    for (const step of OWN_IDS) await step();
    // Audit rows were written for each, in the branch of the change.
    const audit = await owner.query<{ branch_id: string; n: number }>(
      `SELECT branch_id, count(*)::int AS n FROM audit_log WHERE entity <> 'seed' AND NOT (id = ANY($1)) GROUP BY 1`,
      [seeded],
    );
    expect(audit.rows.map((r) => r.branch_id).sort()).toEqual(sorted(org1.a.id, org1.b.id, org2.a.id));
  });

  for (const x of modules) x.afterOwnIds?.();

  describe('the SQL wall, as the runtime role the app uses', () => {
    beforeAll(async () => {
      await openRuntimeClient();
    });

    afterAll(async () => {
      await rt?.end();
    });

    it('the connection really is the runtime role: no superuser, no BYPASSRLS, not the tables owner', async () => {
      const r = await rt.query(
        `SELECT current_user AS who, rolsuper, rolbypassrls,
                (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owns
         FROM pg_roles WHERE rolname = current_user`,
      );
      expect(r.rows).toEqual([{ who: runtimeRole, rolsuper: false, rolbypassrls: false, owns: 0 }]);
    });

    it('with branch A set, SELECT * with no WHERE returns exactly the branch A rows of every tenant table', async () => {
      await scope(rt, [org1.a.id]);
      try {
        for (const t of tenantTables) {
          const p = await privileges(t);
          const got = await attempt(rt, `SELECT * FROM "${t}"`);
          if (!p.s) {
            // No grant at all is a stronger wall than RLS (the outbox is read by definer functions only).
            expect({ t, code: got.code }).toEqual({ t, code: '42501' });
            continue;
          }
          const expected = await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE branch_id = $1`, [org1.a.id]);
          expect({ t, code: got.code, n: got.rows.length }).toEqual({ t, code: undefined, n: expected.rows[0].n });
          expect({ t, branches: [...new Set(got.rows.map((r) => r.branch_id))] }).toEqual({ t, branches: [org1.a.id] });
        }
        // Views the runtime role reads filter by the branch set themselves.
        const dir = await attempt(rt, 'SELECT DISTINCT branch_id FROM branch_directory');
        expect(dir.rows).toEqual([{ branch_id: org1.a.id }]);
        const sb = await attempt(rt, 'SELECT id FROM scope_branches');
        expect(sb.rows).toEqual([{ id: org1.a.id }]);
      } finally {
        await rt.query('ROLLBACK');
      }
    });

    it('with no branch set, or an emptied one, every relation the runtime role can read is empty', async () => {
      const readable = (
        await owner.query<{ t: string }>(
          `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
             AND has_table_privilege($1, c.oid, 'SELECT') ORDER BY 1`,
          [runtimeRole],
        )
      ).rows.map((r) => r.t);
      expect(readable).toEqual(expect.arrayContaining(['customers', 'branch_directory', 'scope_branches']));
      const counts = async () => {
        const out: Record<string, number | string> = {};
        for (const t of readable) {
          const r = await attempt(rt, `SELECT count(*)::int AS n FROM "${t}"`);
          out[t] = r.code ?? (r.rows[0].n as number);
        }
        return out;
      };
      const zeros = Object.fromEntries(readable.map((t) => [t, 0]));
      // A fresh session (never set), outside any transaction.
      const fresh = await openRuntimeClient(false);
      try {
        for (const t of readable) {
          const r = await fresh.query(`SELECT count(*)::int AS n FROM "${t}"`);
          expect({ t, n: r.rows[0].n }).toEqual({ t, n: 0 });
        }
      } finally {
        await fresh.end();
      }
      await rt.query('BEGIN');
      expect(await counts()).toEqual(zeros);
      await rt.query('ROLLBACK');
      // After a transaction that had branch A, the setting is reset (to ''), not kept on the connection.
      await scope(rt, [org1.a.id]);
      await rt.query('COMMIT');
      await rt.query('BEGIN');
      expect(await counts()).toEqual(zeros);
      await rt.query(`SELECT set_config('app.branch_ids', '', true)`);
      expect(await counts()).toEqual(zeros);
      await rt.query(`SELECT set_config('app.branch_ids', '{}', true)`);
      expect(await counts()).toEqual(zeros);
      await rt.query('ROLLBACK');
    });

    it('the platform tables are closed to the runtime role', async () => {
      await scope(rt, [org1.a.id]);
      try {
        for (const t of ['organizations', 'branches', 'users', 'memberships', 'refresh_tokens']) {
          const r = await attempt(rt, `SELECT * FROM "${t}" LIMIT 1`);
          expect({ t, code: r.code }).toEqual({ t, code: '42501' });
        }
      } finally {
        await rt.query('ROLLBACK');
      }
    });

    it('with branch A set, INSERT / UPDATE / DELETE of branch B rows fail or touch nothing (committed, then checked)', async () => {
      const before = await snapshot();
      const results: Record<string, Record<string, number | string>> = {};
      await scope(rt, [org1.a.id]);
      try {
        for (const t of tenantTables) {
          const p = await privileges(t);
          const cols = (
            await owner.query<{ c: string }>(
              `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
              [t],
            )
          ).rows.map((r) => r.c);
          const bRow = (
            await owner.query(`SELECT to_jsonb(r) AS j FROM "${t}" r WHERE branch_id = $1 LIMIT 1`, [org1.b.id])
          ).rows[0].j as Record<string, unknown>;
          const copy = { ...bRow, ...(cols.includes('id') ? { id: randomUUID() } : {}) };
          const aCount = (await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE branch_id = $1`, [org1.a.id]))
            .rows[0].n as number;
          const r: Record<string, number | string> = {};
          const run = async (key: string, sql: string, params: unknown[] = []) => {
            const x = await attempt(rt, sql, params);
            r[key] = x.code ?? x.count;
          };
          await run('insert B row', `INSERT INTO "${t}" SELECT * FROM jsonb_populate_record(NULL::"${t}", $1)`, [copy]);
          await run('update B rows', `UPDATE "${t}" SET branch_id = branch_id WHERE branch_id = $1`, [org1.b.id]);
          await run('update all rows', `UPDATE "${t}" SET branch_id = branch_id`);
          await run('move A rows to B', `UPDATE "${t}" SET branch_id = $1 WHERE branch_id = $2`, [
            org1.b.id,
            org1.a.id,
          ]);
          await run('delete B rows', `DELETE FROM "${t}" WHERE branch_id = $1`, [org1.b.id]);
          await run('delete non-A rows', `DELETE FROM "${t}" WHERE branch_id <> $1`, [org1.a.id]);
          results[t] = r;
          const denied = '42501';
          expect({ t, r }).toEqual({
            t,
            r: {
              'insert B row': denied,
              'update B rows': p.u ? 0 : denied,
              'update all rows': p.u ? aCount : denied,
              'move A rows to B': denied,
              'delete B rows': p.d ? 0 : denied,
              'delete non-A rows': p.d ? 0 : denied,
            },
          });
        }
      } finally {
        await rt.query('COMMIT');
      }
      expect(Object.keys(results).sort()).toEqual([...tenantTables].sort());
      expect(await snapshot()).toEqual(before);
    });

    it('composite foreign keys refuse a row of branch A that points at a branch B row', async () => {
      await scope(rt, [org1.a.id]);
      try {
        const log = await attempt(
          rt,
          `INSERT INTO contact_logs (branch_id, id, customer_id, channel, summary, occurred_at, logged_by)
           VALUES ($1, $2, $3, 'PHONE', 'cross', now(), $4)`,
          [org1.a.id, randomUUID(), slots.B1.customer, org1.users.managerA.id],
        );
        expect(log.code).toBe('23503');
        const contact = await attempt(
          rt,
          `INSERT INTO contact_logs (branch_id, id, customer_id, contact_id, channel, summary, occurred_at, logged_by)
           VALUES ($1, $2, $3, $4, 'PHONE', 'cross', now(), $5)`,
          [org1.a.id, randomUUID(), slots.A1.customer, slots.B1.contact, org1.users.managerA.id],
        );
        expect(contact.code).toBe('23503');
        const customer = await attempt(
          rt,
          `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
           VALUES ($1, $2, 'Cross Owner', 'LOW', $3, now())`,
          [org1.a.id, randomUUID(), org1.users.repB.id],
        );
        expect(customer.code).toBe('23503');
      } finally {
        await rt.query('ROLLBACK');
      }
    });

    it('own_only: a sales rep sees and writes only their own customers, and only their contacts and logs', async () => {
      const rep = org1.users.repA.id;
      const expected = async (sql: string) =>
        (await owner.query<{ id: string }>(sql, [org1.a.id, rep])).rows.map((r) => r.id).sort();
      const own = {
        customers: await expected('SELECT id FROM customers WHERE branch_id = $1 AND owner_id = $2'),
        customer_contacts: await expected(
          `SELECT k.id FROM customer_contacts k JOIN customers c ON c.branch_id = k.branch_id AND c.id = k.customer_id
           WHERE k.branch_id = $1 AND c.owner_id = $2`,
        ),
        contact_logs: await expected(
          `SELECT l.id FROM contact_logs l JOIN customers c ON c.branch_id = l.branch_id AND c.id = l.customer_id
           WHERE l.branch_id = $1 AND c.owner_id = $2`,
        ),
        notifications: await expected('SELECT id FROM notifications WHERE branch_id = $1 AND user_id = $2'),
        contracts: await expected('SELECT id FROM contracts WHERE branch_id = $1 AND owner_id = $2'),
        contract_events: await expected(
          `SELECT e.id FROM contract_events e JOIN contracts k ON k.branch_id = e.branch_id AND k.id = e.contract_id
           WHERE e.branch_id = $1 AND k.owner_id = $2`,
        ),
        contract_risks: await expected(
          `SELECT r.id FROM contract_risks r JOIN contracts k ON k.branch_id = r.branch_id AND k.id = r.contract_id
           WHERE r.branch_id = $1 AND k.owner_id = $2`,
        ),
        // ---------- quotes ----------
        quotes: await expected('SELECT id FROM quotes WHERE branch_id = $1 AND owner_id = $2'),
        quote_lines: await expected(
          `SELECT l.id FROM quote_lines l JOIN quotes k ON k.branch_id = l.branch_id AND k.id = l.quote_id
           WHERE l.branch_id = $1 AND k.owner_id = $2`,
        ),
        // ---- channels ----
        partners: await expected('SELECT id FROM partners WHERE branch_id = $1 AND owner_id = $2'),
        partner_disputes: await expected(
          `SELECT d.id FROM partner_disputes d JOIN partners p ON p.branch_id = d.branch_id AND p.id = d.partner_id
           WHERE d.branch_id = $1 AND p.owner_id = $2`,
        ),
        partner_end_users: await expected(
          `SELECT u.id FROM partner_end_users u JOIN partners p ON p.branch_id = u.branch_id AND p.id = u.partner_id
           WHERE u.branch_id = $1 AND p.owner_id = $2`,
        ),
        partner_agreements: await expected(
          `SELECT a.id FROM partner_agreements a JOIN partners p ON p.branch_id = a.branch_id AND p.id = a.partner_id
           WHERE a.branch_id = $1 AND p.owner_id = $2`,
        ),
        partner_evaluations: await expected(
          `SELECT e.id FROM partner_evaluations e JOIN partners p ON p.branch_id = e.branch_id AND p.id = e.partner_id
           WHERE e.branch_id = $1 AND p.owner_id = $2`,
        ),
        // ---- end channels ----
      };
      expect(own.contracts).toContain(slots.A1.contract);
      expect(own.customers).toContain(slots.A1.customer);
      expect(own.contact_logs).toContain(slots.A1.log);
      const before = await snapshot();
      await scope(rt, [org1.a.id], { userId: rep, ownOnly: true });
      try {
        for (const [t, ids] of Object.entries(own)) {
          const r = await attempt(rt, `SELECT id FROM "${t}"`);
          expect({ t, ids: r.rows.map((x) => x.id).sort() }).toEqual({ t, ids });
        }
        const colleague = org1.users.rep2A.id;
        const upd = await attempt(rt, 'UPDATE customers SET notes = $1 WHERE owner_id = $2', ['x', colleague]);
        expect(upd).toMatchObject({ count: 0, code: undefined });
        const del = await attempt(rt, 'DELETE FROM contact_logs WHERE customer_id = $1', [slots.A2.customer]);
        expect(del).toMatchObject({ count: 0, code: undefined });
        const ins = await attempt(
          rt,
          `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
           VALUES ($1, $2, 'For A Colleague', 'LOW', $3, now())`,
          [org1.a.id, randomUUID(), colleague],
        );
        expect(ins.code).toBe('42501');
        const give = await attempt(rt, 'UPDATE customers SET owner_id = $1 WHERE id = $2', [
          colleague,
          slots.A1.customer,
        ]);
        expect(give.code).toBe('42501');
        const child = await attempt(
          rt,
          `INSERT INTO contact_logs (branch_id, id, customer_id, channel, summary, occurred_at, logged_by)
           VALUES ($1, $2, $3, 'PHONE', 'not mine', now(), $4)`,
          [org1.a.id, randomUUID(), slots.A2.customer, rep],
        );
        expect(child.code).toBe('42501');
        const contract = await attempt(
          rt,
          `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, created_by)
           VALUES ($1, $2, $3, 'For A Colleague', 1, 'CNY', '2027-01-01', '2027-01-31', $4, $5)`,
          [org1.a.id, randomUUID(), slots.A1.customer, colleague, rep],
        );
        expect(contract.code).toBe('42501');
        const theirs = await attempt(rt, 'UPDATE contracts SET title = $1 WHERE id = $2', ['x', slots.A2.contract]);
        expect(theirs).toMatchObject({ count: 0, code: undefined });
        const round = await attempt(
          rt,
          `INSERT INTO contract_negotiation_rounds (branch_id, id, contract_id, round, held_on, counterpart, points, outcome, recorded_by)
           VALUES ($1, $2, $3, 9, '2026-11-01', 'x', 'x', 'x', $4)`,
          [org1.a.id, randomUUID(), slots.A2.contract, rep],
        );
        expect(round.code).toBe('42501');
        const risk = await attempt(
          rt,
          `INSERT INTO contract_risks (branch_id, id, contract_id, description, category, probability, impact, created_by)
           VALUES ($1, $2, $3, 'x', 'OTHER', 1, 1, $4)`,
          [org1.a.id, randomUUID(), slots.A2.contract, rep],
        );
        expect(risk.code).toBe('42501');
        const theirRisk = await attempt(rt, 'UPDATE contract_risks SET impact = 1 WHERE id = $1', [slots.A2.risk]);
        expect(theirRisk).toMatchObject({ count: 0, code: undefined });
      } finally {
        await rt.query('COMMIT');
      }
      expect(await snapshot()).toEqual(before);
    });

    it('notifications: with a user set, only that person’s rows are read or marked', async () => {
      await scope(rt, [org1.a.id], { userId: org1.users.repA.id });
      try {
        const r = await attempt(rt, 'SELECT id FROM notifications');
        expect(r.rows.map((x) => x.id)).toEqual(
          (
            await owner.query('SELECT id FROM notifications WHERE branch_id = $1 AND user_id = $2', [
              org1.a.id,
              org1.users.repA.id,
            ])
          ).rows.map((x) => x.id),
        );
        const mark = await attempt(rt, 'UPDATE notifications SET read_at = now() WHERE id = $1', [
          slots.A2.notification,
        ]);
        expect(mark).toMatchObject({ count: 0, code: undefined });
      } finally {
        await rt.query('ROLLBACK');
      }
    });
    for (const x of modules) x.sqlWall?.();
  });

  it('every query and mutation of the schema is probed, or listed with its reason', () => {
    const schema = buildSchema(readFileSync(new URL('../schema.gql', import.meta.url), 'utf8'));
    const docs = allCases.map((c) => c.doc).join('\n');
    const operations = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()));
    const unprobed = operations.filter((op) => !new RegExp(`\\b${op}\\b`).test(docs)).sort();
    expect(unprobed).toEqual(Object.keys(NOT_PROBED).sort());
    const withOwnIds = modules.filter((x) => x.ownIds).map((x) => x.ownIds);
    expect(withOwnIds.filter((f) => !OWN_IDS.includes(f!))).toEqual([]);
  });
});
