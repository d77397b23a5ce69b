import { beforeAll, expect } from '@jest/globals';
import { insertCustomer, problem, useFixture, type Fixture, type GqlResponse, type TestOrg } from '@app/testing';

/**
 * The contract review specs' layer on useFixture (legal review, special terms, risks): a legal reviewer per
 * branch, leadership and a clerk added, a customer per rep, and the contract steps those specs take.
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

export interface ContractFixture extends Fixture {
  customers: { repA: string; rep2A: string; repB: string };
  /** Today in the branches' time zone (Asia/Shanghai). */
  today: string;
  problem: typeof problem;
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
}

/** Call once at the top of a `describe`, like useFixture. */
export function useContractFixture(): ContractFixture {
  const f = useFixture({
    env: { DB_POOL_SIZE: '10' },
    people: {
      legalA: { branch: 'a', role: 'LEGAL' },
      legalB: { branch: 'b', role: 'LEGAL' },
      leader: { branch: 'hq', role: 'LEADERSHIP' },
      clerkA: { branch: 'a', role: 'CLERK' },
    },
  });
  const customers = { repA: '', rep2A: '', repB: '' };
  beforeAll(async () => {
    const { a, b } = f.org;
    customers.repA = await insertCustomer(f.owner, { branchId: a.id, ownerId: f.u.repA.id, name: 'Acme Pumps' });
    customers.rep2A = await insertCustomer(f.owner, { branchId: a.id, ownerId: f.u.rep2A.id, name: 'Beta Valves' });
    customers.repB = await insertCustomer(f.owner, { branchId: b.id, ownerId: f.u.repB.id, name: 'Gamma Works' });
  });
  const { call, ok } = f;
  const inB = (who: Who) => f.u[who].branchId === f.org.b.id;
  const branchCustomer = (who: Who) => (who === 'rep2A' ? customers.rep2A : inB(who) ? customers.repB : customers.repA);
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
            ...(who === 'clerkA' || who === 'managerA' ? { ownerId: f.u.repA.id } : {}),
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
  const toNegotiation = async (who: Who, input: Record<string, unknown> = {}) => {
    const c = await create(who, input);
    const sent = await step(who, 'moveContractToLegalReview', c.id);
    expect(
      (await decide(inB(who) ? 'legalB' : 'legalA', sent.legalReview, 'approve', 'Checked')).body.errors,
    ).toBeUndefined();
    const after = await get('admin', c.id);
    expect(after?.state).toBe('NEGOTIATION');
    return after as Contract;
  };
  const toApproved = async (who: Who, input: Record<string, unknown> = {}) => {
    const c = await toNegotiation(who, input);
    let cur = await step(who, 'submitContractForApproval', c.id);
    for (const approver of [inB(who) ? 'managerB' : 'managerA', 'leader'] as Who[]) {
      if (!cur.approvalRequest?.steps.some((s) => s.status === 'PENDING')) break;
      expect((await decide(approver, cur.approvalRequest)).body.errors).toBeUndefined();
      cur = (await get('admin', c.id)) as Contract;
    }
    expect(cur.state).toBe('APPROVED');
    return cur;
  };
  // The fixture's getters stay live through the prototype; the contract steps sit on top.
  return Object.assign(Object.create(f) as Fixture, {
    customers,
    today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
    problem,
    create,
    get,
    step,
    decide,
    toNegotiation,
    toApproved,
  });
}
