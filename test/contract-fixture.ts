import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type pg from 'pg';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  gql,
  insertCustomer,
  login,
  ownerClient,
  startApp,
  testConfig,
  type GqlResponse,
  type TestApp,
  type TestOrg,
  type TestUser,
} from '@app/testing';

/**
 * One arrangement for the contract review specs (legal review, special terms, risks): an organization
 * with head office and branches A and B, a legal reviewer and leadership added, a customer per rep, the
 * booted app and a token per person, and the GraphQL calls those specs make.
 */

export const REQUEST = `id status subjectType requesterId steps { id position status name }`;

export const CONTRACT = `id branchId state title amount specialTerms nonStandardPrice specialFees { description amount }
  carriesSpecialTerms legalReviewRequestId specialTermsRequestId approvalRequestId number signedOn
  legalReview { ${REQUEST} } specialTermsApproval { ${REQUEST} } approvalRequest { ${REQUEST} }
  timeline { action fromState toState actorId note at }`;

export interface Request {
  id: string;
  status: string;
  subjectType: string;
  requesterId: string;
  steps: { id: string; position: number; status: string; name: string }[];
}

export interface Contract {
  id: string;
  branchId: string;
  state: string;
  title: string;
  amount: string;
  specialTerms: string | null;
  nonStandardPrice: string | null;
  specialFees: { description: string; amount: string }[];
  carriesSpecialTerms: boolean;
  legalReviewRequestId: string | null;
  specialTermsRequestId: string | null;
  approvalRequestId: string | null;
  number: string | null;
  signedOn: string | null;
  legalReview: Request | null;
  specialTermsApproval: Request | null;
  approvalRequest: Request | null;
  timeline: {
    action: string;
    fromState: string | null;
    toState: string | null;
    actorId: string | null;
    note: string | null;
    at: string;
  }[];
}

export const SIGNATORIES = [
  { name: 'Zhang Wei', side: 'OURS' },
  { name: 'Li Na', side: 'CUSTOMER' },
];

export type Who = keyof TestOrg['users'] | 'legalA' | 'legalB' | 'leader' | 'clerkA';

export interface ContractFixture {
  owner: pg.Client;
  api: TestApp;
  org: TestOrg;
  u: Record<Who, TestUser>;
  customers: { repA: string; rep2A: string; repB: string };
  /** Today in the branches' time zone (Asia/Shanghai). */
  today: string;
  call<T = Record<string, unknown>>(who: Who, doc: string, vars?: Record<string, unknown>): Promise<GqlResponse<T>>;
  ok<T = Record<string, unknown>>(who: Who, doc: string, vars?: Record<string, unknown>): Promise<T>;
  problem(r: GqlResponse): { code: unknown; fields: string[]; message: string };
  create(who: Who, input?: Record<string, unknown>): Promise<Contract>;
  get(who: Who, id: string): Promise<Contract | null>;
  /** A mutation that takes the contract id and returns the contract. */
  step(who: Who, name: string, id: string): Promise<Contract>;
  /** Decides the pending step of a request: approve (comment optional), return or reject (comment required). */
  decide(who: Who, r: Request | null, how?: 'approve' | 'return' | 'reject', comment?: string): Promise<GqlResponse>;
  /** Sent to legal review by `who`, approved by the branch's legal reviewer: in NEGOTIATION. */
  toNegotiation(who: Who, input?: Record<string, unknown>): Promise<Contract>;
  /** Through legal review, internal approval (branch manager, leadership above 500,000): APPROVED. */
  toApproved(who: Who, input?: Record<string, unknown>): Promise<Contract>;
  close(): Promise<void>;
}

export async function contractFixture(): Promise<ContractFixture> {
  const db = await createTestDatabase();
  const owner = await ownerClient(db.url);
  const org = await createOrg(owner);
  const addUser = async (name: string, branchId: string, role: string): Promise<TestUser> => {
    const id = randomUUID();
    const email = `${name.toLowerCase()}.${id.slice(0, 6)}@test.example`;
    await owner.query(
      `INSERT INTO users (id, organization_id, email, display_name, password_hash)
       SELECT $1, organization_id, $2, $3, password_hash FROM users WHERE id = $4`,
      [id, email, name, org.users.admin.id],
    );
    await owner.query('INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)', [
      randomUUID(),
      id,
      branchId,
      role,
    ]);
    return { id, email, branchId, role };
  };
  const u: Record<Who, TestUser> = {
    ...org.users,
    legalA: await addUser('LegalA', org.a.id, 'LEGAL'),
    legalB: await addUser('LegalB', org.b.id, 'LEGAL'),
    leader: await addUser('Leader', org.hq.id, 'LEADERSHIP'),
    clerkA: await addUser('ClerkA', org.a.id, 'CLERK'),
  };
  const customers = {
    repA: await insertCustomer(owner, { branchId: org.a.id, ownerId: u.repA.id, name: 'Acme Pumps' }),
    rep2A: await insertCustomer(owner, { branchId: org.a.id, ownerId: u.rep2A.id, name: 'Beta Valves' }),
    repB: await insertCustomer(owner, { branchId: org.b.id, ownerId: u.repB.id, name: 'Gamma Works' }),
  };
  const api = await startApp(
    testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000', DB_POOL_SIZE: '10' }),
  );
  const tokens: Partial<Record<Who, string>> = {};
  await Promise.all(
    (Object.keys(u) as Who[]).map(async (k) => (tokens[k] = (await login(api.url, u[k].email, PASSWORD)).accessToken)),
  );

  const call = <T = Record<string, unknown>>(who: Who, doc: string, vars: Record<string, unknown> = {}) =>
    gql<T>(api.url, doc, vars, { token: tokens[who] });
  const ok = async <T = Record<string, unknown>>(who: Who, doc: string, vars: Record<string, unknown> = {}) => {
    const r = await call<T>(who, doc, vars);
    expect({ who, errors: r.body.errors }).toEqual({ who, errors: undefined });
    return r.body.data as T;
  };
  const problem = (r: GqlResponse) => ({
    code: r.body.errors?.[0]?.extensions?.code,
    fields: r.body.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [],
    message: r.body.errors?.[0]?.message ?? '',
  });
  const branchCustomer = (who: Who) =>
    who === 'rep2A' ? customers.rep2A : u[who].branchId === org.b.id ? customers.repB : customers.repA;
  const create = async (who: Who, input: Record<string, unknown> = {}) =>
    (
      await ok<{ createContract: Contract }>(
        who,
        `mutation($in: CreateContractInput!) { createContract(input: $in) { ${CONTRACT} } }`,
        {
          in: {
            customerId: branchCustomer(who),
            title: 'Supply of pumps',
            amount: '120000.00',
            startsOn: '2027-01-01',
            endsOn: '2027-12-31',
            ...(who === 'clerkA' || who === 'managerA' ? { ownerId: u.repA.id } : {}),
            ...input,
          },
        },
      )
    ).createContract;
  const get = async (who: Who, id: string) =>
    (await ok<{ contract: Contract | null }>(who, `query($id: ID!) { contract(id: $id) { ${CONTRACT} } }`, { id }))
      .contract;
  const step = async (who: Who, name: string, id: string) =>
    (await ok<Record<string, Contract>>(who, `mutation($id: ID!) { ${name}(id: $id) { ${CONTRACT} } }`, { id }))[name];
  const decide = async (
    who: Who,
    r: Request | null,
    how: 'approve' | 'return' | 'reject' = 'approve',
    comment?: string,
  ) => {
    const pending = r?.steps.find((x) => x.status === 'PENDING');
    expect({ request: r?.id, pending: !!pending }).toEqual({ request: r?.id, pending: true });
    const doc = {
      approve: `mutation($s: ID!, $c: String) { approveStep(stepId: $s, comment: $c) { id status } }`,
      return: `mutation($s: ID!, $c: String!) { returnStep(stepId: $s, comment: $c) { id status } }`,
      reject: `mutation($s: ID!, $c: String!) { rejectStep(stepId: $s, reason: $c) { id status } }`,
    }[how];
    return call(who, doc, { s: pending?.id, c: comment });
  };
  const legalOf = (who: Who): Who => (u[who].branchId === org.b.id ? 'legalB' : 'legalA');
  const managerOf = (who: Who): Who => (u[who].branchId === org.b.id ? 'managerB' : 'managerA');
  const toNegotiation = async (who: Who, input: Record<string, unknown> = {}) => {
    const c = await create(who, input);
    const sent = await step(who, 'moveContractToLegalReview', c.id);
    expect((await decide(legalOf(who), sent.legalReview, 'approve', 'Checked')).body.errors).toBeUndefined();
    const after = await get('admin', c.id);
    expect(after?.state).toBe('NEGOTIATION');
    return after as Contract;
  };
  const toApproved = async (who: Who, input: Record<string, unknown> = {}) => {
    const c = await toNegotiation(who, input);
    let cur = await step(who, 'submitContractForApproval', c.id);
    for (const approver of [managerOf(who), 'leader' as Who]) {
      if (!cur.approvalRequest?.steps.some((s) => s.status === 'PENDING')) break;
      expect((await decide(approver, cur.approvalRequest)).body.errors).toBeUndefined();
      cur = (await get('admin', c.id)) as Contract;
    }
    expect(cur.state).toBe('APPROVED');
    return cur;
  };
  return {
    owner,
    api,
    org,
    u,
    customers,
    today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
    call,
    ok,
    problem,
    create,
    get,
    step,
    decide,
    toNegotiation,
    toApproved,
    close: async () => {
      await api.close();
      await cleanRedis(api.config);
      await owner.end();
      await db.drop();
    },
  };
}
