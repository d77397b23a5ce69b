import { afterAll, beforeAll, expect } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { PASSWORD, createOrg, type TestOrg } from './factories.js';
import {
  cleanRedis,
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

/** What a refused call answered: its code and the fields it names (`input.` dropped: the field is what matters). */
export interface Problem {
  code: string | undefined;
  fields: string[];
}

export interface FixtureOptions {
  /** Extra environment for the app's configuration (login limits are raised for tests by default). */
  env?: Record<string, string>;
  /** Also start the worker (BullMQ processors, schedulers, the outbox relay) on the same database and prefix. */
  worker?: boolean;
}

/** One test file's world: its own database, one organization (head office, branches A and B), the app, tokens. */
export interface Fixture {
  readonly db: { url: string; name: string };
  /** The database owner's connection: for arranging rows and reading what changed, never for the code under test. */
  readonly owner: pg.Client;
  readonly org: TestOrg;
  readonly api: TestApp;
  readonly worker: INestApplicationContext | undefined;
  readonly tokens: Record<Who, string>;
  /** GraphQL over HTTP as `who`; `branchId` narrows a head-office user to one branch (X-Branch-Id). */
  call<T = Vars>(who: string, doc: string, vars?: Vars, opts?: { branchId?: string }): Promise<GqlResponse<T>>;
  /** The same, expecting no error; returns `data`. */
  ok<T = Vars>(who: string, doc: string, vars?: Vars, opts?: { branchId?: string }): Promise<T>;
  /** The same, expecting an error; returns its code and fields. */
  refused(who: string, doc: string, vars?: Vars, opts?: { branchId?: string }): Promise<Problem>;
}

/** The code and fields of a response's first error. */
export function problem(r: GqlResponse): Problem {
  const e = r.body.errors?.[0];
  return {
    code: e?.extensions?.code,
    fields: e?.extensions?.fields?.map((f) => f.field.replace(/^input\./, '')) ?? [],
  };
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
  let api: TestApp | undefined;
  let worker: INestApplicationContext | undefined;
  const tokens = {} as Record<Who, string>;
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`fixture.${what} is read before beforeAll ran (use it inside a test or hook)`);
    return v;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    const config = testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000', ...options.env });
    api = await startApp(config);
    if (options.worker) worker = await startWorker(config);
    await Promise.all(
      (Object.entries(org.users) as [Who, { email: string }][]).map(async ([k, u]) => {
        tokens[k] = (await login(api!.url, u.email, PASSWORD)).accessToken;
      }),
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (api) await cleanRedis(api.config).catch(() => undefined);
    await owner?.end();
    await db?.drop();
  });

  /** `who` is a key of `TestOrg['users']` (typed as a string so tables of cases need no casts; checked here). */
  const call = <T = Vars>(who: string, doc: string, vars: Vars = {}, opts: { branchId?: string } = {}) => {
    const token = tokens[who as Who];
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
      return ready(org, 'org');
    },
    get api() {
      return ready(api, 'api');
    },
    get worker() {
      return worker;
    },
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
  };
}
