import { afterAll, beforeAll, expect } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../../core/src/index.js';
import type pg from 'pg';
import { Redis } from 'ioredis';
import { jobMetricsKey } from '../../jobs/src/redis.js';
import { PASSWORD, addPerson, createOrg, type TestOrg, type TestUser } from './factories.js';
import {
  cleanRedis,
  eventually,
  gql,
  login,
  startApp,
  startWorker,
  testConfig,
  type GqlResponse,
  type TestApp,
} from './test-app.js';
import { createTestDatabase, ownerClient } from './test-db.js';

/** A person of the fixture's organization, by their key in `TestOrg['users']`. */
export type Who = keyof TestOrg['users'];

type Vars = Record<string, unknown>;

/** What a refused call answered: its code, the fields it names (`input.` dropped: the field is what matters), its message. */
export interface Problem {
  code: string | undefined;
  fields: string[];
  message: string;
}

/** Someone the fixture adds beside the seven of `createOrg`: their branch of the organization and their role. */
export interface ExtraPerson {
  branch: 'hq' | 'a' | 'b';
  role: string;
  /** Their display name (the key by default). */
  name?: string;
}

export interface FixtureOptions {
  /** Extra environment for the app's configuration (login limits are raised for tests by default). */
  env?: Record<string, string>;
  /** Also start the worker (BullMQ processors, schedulers, the outbox relay) on the same database and prefix. */
  worker?: boolean;
  /**
   * Workers racing each other (`fixture.workers`): `count` worker processes, each on its own Redis prefix so each runs
   * its own scheduled scans against the one database, with `env` on top of the app's. With `firstScan` (a job name
   * such as 'tenders.deadline-scan') the fixture waits until every worker completed it once, so tests start quiet.
   */
  workers?: { count: number; env?: Record<string, string>; firstScan?: string };
  /** What else the app module takes (e.g. `{ imports: [TestSubjectsModule] }`: a subject type only tests use). */
  app?: Parameters<typeof startApp>[1];
  /** People beyond the seven of `createOrg` (a legal reviewer, leadership, a clerk), signed in under these keys. */
  people?: Record<string, ExtraPerson>;
  /**
   * 2: a second organization (`fixture.other`, same shape) whose people sign in as `other.admin`, `other.repA`, ...
   * 0: no organization and nobody signed in (an empty database, e.g. for the demo seed; `fixture.org` refuses).
   */
  orgs?: 0 | 1 | 2;
  /**
   * false: nobody is signed in before the tests (`tokens` stays empty, `call` refuses): for a file about logging in,
   * whose login limits or counters the fixture's own logins would use up.
   */
  signIn?: boolean;
}

/** One test file's world: its own database, one organization (head office, branches A and B), the app, tokens. */
export interface Fixture {
  readonly db: { url: string; name: string };
  /** The database owner's connection: for arranging rows and reading what changed, never for the code under test. */
  readonly owner: pg.Client;
  readonly org: TestOrg;
  /** Every person signed in: the organization's seven and the `people` asked for (`other.*` for the second org). */
  readonly u: Record<string, TestUser>;
  /** The second organization (option `orgs: 2`). */
  readonly other: TestOrg;
  readonly api: TestApp;
  readonly worker: INestApplicationContext | undefined;
  /** The racing workers of option `workers`, in order. */
  readonly workers: INestApplicationContext[];
  readonly tokens: Record<string, string>;
  /** GraphQL over HTTP as `who`; `branchId` narrows a head-office user to one branch (X-Branch-Id). */
  call<T = Vars>(who: string, doc: string, vars?: Vars, opts?: { branchId?: string }): Promise<GqlResponse<T>>;
  /** The same, expecting no error; returns `data`. */
  ok<T = Vars>(who: string, doc: string, vars?: Vars, opts?: { branchId?: string }): Promise<T>;
  /** The same, expecting an error; returns its code and fields. */
  refused(who: string, doc: string, vars?: Vars, opts?: { branchId?: string }): Promise<Problem>;
  /**
   * Another app on the fixture's database, with its own Redis prefix and `env` on top of the test defaults (not the
   * fixture's `env`): e.g. the same API without an optional setting. Closed, and its keys removed, after the file.
   */
  startApp(env?: Record<string, string>): Promise<TestApp>;
  /**
   * `count` more workers on the fixture's database, started now by a test: one configuration for all of them (replicas
   * of one deployment: one Redis prefix, one queue), `env` on top of the fixture's. With `firstScan` (a job name) it
   * resolves once they completed that job once, so the scans that follow are the test's own. Closed, and their keys
   * removed, by `stopWorkers` or after the file.
   */
  startWorkers(
    count: number,
    opts?: { env?: Record<string, string>; firstScan?: string },
  ): Promise<{ config: AppConfig; ws: INestApplicationContext[] }>;
  /** Closes workers of `startWorkers` before the file ends (their Redis keys go after the file). */
  stopWorkers(ws: INestApplicationContext[]): Promise<void>;
}

/** The code and fields of a response's first error. */
export function problem(r: GqlResponse): Problem {
  const e = r.body.errors?.[0];
  return {
    code: e?.extensions?.code,
    fields: e?.extensions?.fields?.map((f) => f.field.replace(/^input\./, '')) ?? [],
    message: e?.message ?? '',
  };
}

/** Resolves once the worker on `config`'s prefix has completed job `name` at least once. */
async function completedOnce(config: TestApp['config'], name: string): Promise<void> {
  const r = new Redis(config.redisUrl);
  try {
    // A wait, not an assertion: generous, for a worker starting on a loaded machine.
    await eventually(
      async () => Number(await r.hget(jobMetricsKey(config.redisPrefix), `${name}|completed|count`)) >= 1,
      45_000,
    );
  } finally {
    r.disconnect();
  }
}

/**
 * The fixture every end-to-end file uses: call it once at the top of a `describe`; it builds the database from the
 * migrations, an organization, the app (and the worker when asked), signs every person in before the tests, and
 * removes all of it (database, Redis keys under the file's prefix) after them. Each test arranges its own rows.
 */
export function useFixture(options: FixtureOptions = {}): Fixture {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let owner: pg.Client | undefined;
  let org: TestOrg | undefined;
  let other: TestOrg | undefined;
  let api: TestApp | undefined;
  let worker: INestApplicationContext | undefined;
  const workers: INestApplicationContext[] = [];
  const workerConfigs: TestApp['config'][] = [];
  /** What tests started (`startApp`, `startWorkers`): closed after the file, their configurations' keys removed. */
  const extraApps: TestApp[] = [];
  const extraWorkers: INestApplicationContext[] = [];
  const extraConfigs: AppConfig[] = [];
  const u: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`fixture.${what} is read before beforeAll ran (use it inside a test or hook)`);
    return v;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    if (options.orgs !== 0) {
      org = await createOrg(owner);
      Object.assign(u, org.users);
      for (const [k, p] of Object.entries(options.people ?? {}))
        u[k] = await addPerson(owner, org, p.name ?? k, org[p.branch], p.role);
    }
    if (options.orgs === 2) {
      other = await createOrg(owner);
      for (const [k, p] of Object.entries(other.users)) u[`other.${k}`] = p;
    }
    const config = testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000', ...options.env });
    api = await startApp(config, options.app);
    if (options.worker) worker = await startWorker(config);
    const w = options.workers;
    for (let i = 0; w && i < w.count; i++) workerConfigs.push(testConfig(db.url, { ...options.env, ...w.env }));
    workers.push(...(await Promise.all(workerConfigs.map((c) => startWorker(c)))));
    if (w?.firstScan) await Promise.all(workerConfigs.map((c) => completedOnce(c, w.firstScan!)));
    if (options.signIn !== false)
      await Promise.all(
        Object.entries(u).map(async ([k, p]) => {
          tokens[k] = (await login(api!.url, p.email, PASSWORD)).accessToken;
        }),
      );
  });

  afterAll(async () => {
    for (const x of [...workers, ...extraWorkers]) await x.close().catch(() => undefined);
    await worker?.close();
    for (const a of extraApps) await a.close().catch(() => undefined);
    await api?.close();
    for (const c of [...workerConfigs, ...extraConfigs, ...(api ? [api.config] : [])])
      await cleanRedis(c).catch(() => undefined);
    await owner?.end();
    await db?.drop();
  });

  /** `who` is a key of `fixture.u` (typed as a string so tables of cases need no casts; checked here). */
  const call = <T = Vars>(who: string, doc: string, vars: Vars = {}, opts: { branchId?: string } = {}) => {
    const token = tokens[who];
    if (!token) throw new Error(`fixture: nobody called "${who}" (one of ${Object.keys(tokens).join(', ')})`);
    return gql<T>(ready(api, 'api').url, doc, vars, { token, branchId: opts.branchId });
  };

  return {
    get db() {
      return ready(db, 'db');
    },
    get owner() {
      return ready(owner, 'owner');
    },
    get org() {
      return ready(org, options.orgs === 0 ? 'org (none with option orgs: 0)' : 'org');
    },
    get other() {
      return ready(other, 'other (option orgs: 2)');
    },
    u,
    get api() {
      return ready(api, 'api');
    },
    get worker() {
      return worker;
    },
    workers,
    tokens,
    call,
    async ok<T = Vars>(who: string, doc: string, vars: Vars = {}, opts: { branchId?: string } = {}): Promise<T> {
      const r = await call<T>(who, doc, vars, opts);
      expect({ who, errors: r.body.errors }).toEqual({ who, errors: undefined });
      return r.body.data!;
    },
    async refused(who: string, doc: string, vars: Vars = {}, opts: { branchId?: string } = {}): Promise<Problem> {
      const r = await call(who, doc, vars, opts);
      expect({ who, failed: r.body.errors !== undefined }).toEqual({ who, failed: true });
      return problem(r);
    },
    async startApp(env: Record<string, string> = {}): Promise<TestApp> {
      const config = testConfig(ready(db, 'db').url, env);
      extraConfigs.push(config);
      const a = await startApp(config);
      extraApps.push(a);
      return a;
    },
    async startWorkers(count: number, opts: { env?: Record<string, string>; firstScan?: string } = {}) {
      const config = testConfig(ready(db, 'db').url, { ...options.env, ...opts.env });
      extraConfigs.push(config);
      const ws: INestApplicationContext[] = [];
      for (let i = 0; i < count; i++) {
        ws.push(await startWorker(config));
        extraWorkers.push(ws[i]);
      }
      if (opts.firstScan) await completedOnce(config, opts.firstScan);
      return { config, ws };
    },
    async stopWorkers(ws: INestApplicationContext[]): Promise<void> {
      for (const w of ws) {
        const i = extraWorkers.indexOf(w);
        if (i >= 0) extraWorkers.splice(i, 1);
        await w.close();
      }
    },
  };
}
