import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { insertCustomer, problem, useFixture } from '@app/testing';
import { Database, RequestContext } from '@app/core';
import { ContractSigningService } from '../src/modules/contracts/contract-signing.service.js';
import { SignatorySide } from '../src/modules/contracts/contract.enums.js';

/**
 * Contracts over GraphQL with the real approval engine: the lifecycle, the approval gate (by
 * amount: leadership above 500,000), illegal moves, the signing gate, gap-free numbering under
 * concurrency, amendments with their diff, renewals, bad input, and the own-only wall.
 */

const CONTRACT = `id branchId customerId title amount currency startsOn endsOn ownerId specialTerms state number signedOn
  signatories { name side } originalReceived terminationReason version approvalRequestId renewedFromId
  customer { id name } owner { id }
  versions { version status reason terms { amount endsOn specialTerms } approvalRequestId }
  negotiationRounds { round heldOn counterpart points outcome }
  timeline { action fromState toState actorId note }
  approvalRequest { id status subjectType steps { id position status } }
  legalReview { id status subjectType steps { id position status } }
  specialTermsApproval { id status subjectType steps { id position status } }
  legalReviewRequestId specialTermsRequestId nonStandardPrice specialFees { description amount } carriesSpecialTerms`;

interface Contract {
  id: string;
  branchId: string;
  customerId: string;
  title: string;
  amount: string;
  currency: string;
  startsOn: string;
  endsOn: string;
  ownerId: string;
  specialTerms: string | null;
  state: string;
  number: string | null;
  signedOn: string | null;
  signatories: { name: string; side: string }[];
  terminationReason: string | null;
  version: number;
  approvalRequestId: string | null;
  renewedFromId: string | null;
  customer: { id: string; name: string } | null;
  owner: { id: string } | null;
  versions: {
    version: number;
    status: string;
    reason: string;
    terms: { amount: string; endsOn: string; specialTerms: string | null };
    approvalRequestId: string | null;
  }[];
  negotiationRounds: { round: number; heldOn: string; counterpart: string; points: string; outcome: string }[];
  timeline: {
    action: string;
    fromState: string | null;
    toState: string | null;
    actorId: string | null;
    note: string | null;
  }[];
  approvalRequest: Request | null;
  legalReview: Request | null;
  specialTermsApproval: Request | null;
  legalReviewRequestId: string | null;
  specialTermsRequestId: string | null;
  nonStandardPrice: string | null;
  specialFees: { description: string; amount: string }[];
  carriesSpecialTerms: boolean;
}

interface Request {
  id: string;
  status: string;
  subjectType: string;
  steps: { id: string; status: string }[];
}

const SIGNATORIES = [
  { name: 'Zhang Wei', side: 'OURS' },
  { name: 'Li Na', side: 'CUSTOMER' },
];

describe('contracts over GraphQL', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '20' },
    people: {
      leader: { branch: 'hq', role: 'LEADERSHIP' },
      clerkA: { branch: 'a', role: 'CLERK' },
      legalA: { branch: 'a', role: 'LEGAL' },
    },
  });
  const { call, ok } = f;
  let customerA: string; // repA's customer in branch A
  let customerA2: string; // rep2A's customer
  let customerB: string; // a branch B customer
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);

  const CREATE = `mutation($in: CreateContractInput!) { createContract(input: $in) { ${CONTRACT} } }`;
  const GET = `query($id: ID!) { contract(id: $id) { ${CONTRACT} } }`;
  const move = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${CONTRACT} } }`;
  const SIGN = `mutation($id: ID!, $in: SignContractInput!) { signContract(id: $id, input: $in) { ${CONTRACT} } }`;
  const APPROVE = `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`;

  async function create(who: string, input: Record<string, unknown> = {}): Promise<Contract> {
    return (
      await ok<{ createContract: Contract }>(who, CREATE, {
        in: {
          customerId: customerA,
          title: 'Supply of pumps',
          amount: '120000.00',
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
          ...input,
        },
      })
    ).createContract;
  }

  const get = async (who: string, id: string) => (await ok<{ contract: Contract | null }>(who, GET, { id })).contract;

  async function step(who: string, name: string, id: string): Promise<Contract> {
    return (await ok<Record<string, Contract>>(who, move(name), { id }))[name];
  }

  /** The pending step of a request shown on a contract, decided by `who` (approve, or return with a comment). */
  async function decide(who: string, r: Request | null, comment?: string, how: 'approve' | 'return' = 'approve') {
    const pending = r?.steps.find((x) => x.status === 'PENDING');
    expect({ request: r?.id, pending: !!pending }).toEqual({ request: r?.id, pending: true });
    const doc =
      how === 'approve'
        ? `mutation($s: ID!, $c: String) { approveStep(stepId: $s, comment: $c) { id } }`
        : `mutation($s: ID!, $c: String!) { returnStep(stepId: $s, comment: $c) { id } }`;
    await ok(who, doc, { s: pending!.id, c: comment });
  }

  /** DRAFT -> LEGAL_REVIEW by `who`, approved by the branch's legal reviewer -> NEGOTIATION. */
  async function toNegotiation(who: string, input: Record<string, unknown> = {}): Promise<Contract> {
    const c = await create(who, input);
    const sent = await step(who, 'moveContractToLegalReview', c.id);
    await decide('legalA', sent.legalReview, 'Checked');
    return (await get('managerA', c.id))!;
  }

  /** DRAFT -> LEGAL_REVIEW -> NEGOTIATION -> APPROVAL, by `who` (legal approving in between). */
  async function toApproval(who: string, input: Record<string, unknown> = {}): Promise<Contract> {
    const c = await toNegotiation(who, input);
    return step(who, 'submitContractForApproval', c.id);
  }

  /**
   * Moves the application and its approvals back to `to`, as if drafted and approved then (a signing
   * cannot predate either): the tests below sign on fixed days of this year and of 2025.
   */
  async function backdate(ids: string[], to = '2024-12-02T09:00:00+08:00'): Promise<void> {
    await f.owner.query('UPDATE contracts SET created_at = $2 WHERE id = ANY($1::uuid[])', [ids, to]);
    await f.owner.query(
      `UPDATE approval_requests SET submitted_at = $2, decided_at = CASE WHEN decided_at IS NOT NULL THEN $2::timestamptz END
       WHERE subject_id = ANY($1::uuid[])`,
      [ids, to],
    );
  }

  /** Approves every step of the contract's request: branch manager, then leadership when there is one. */
  async function approveAll(c: Contract): Promise<Contract> {
    let cur = c;
    for (const approver of ['managerA', 'leader']) {
      const pending = cur.approvalRequest?.steps.find((s) => s.status === 'PENDING');
      if (!pending) break;
      await ok(approver, APPROVE, { s: pending.id });
      cur = (await get('managerA', c.id))!;
    }
    return cur;
  }

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.u.repA.id, name: 'Acme Pumps' });
    customerA2 = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.u.rep2A.id, name: 'Beta Valves' });
    customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.u.repB.id, name: 'Gamma Works' });
  });

  it('the whole lifecycle: application, legal review, negotiation rounds, approval, signing, performance', async () => {
    const c = await create('repA', { specialTerms: 'Payment 30 days after delivery' });
    expect(c).toMatchObject({
      state: 'DRAFT',
      currency: 'CNY',
      ownerId: f.u.repA.id,
      number: null,
      version: 0,
      customer: { id: customerA, name: 'Acme Pumps' },
      owner: { id: f.u.repA.id },
      carriesSpecialTerms: true,
    });
    const sent = await step('repA', 'moveContractToLegalReview', c.id);
    expect(sent).toMatchObject({
      state: 'LEGAL_REVIEW',
      legalReview: { status: 'PENDING', subjectType: 'LEGAL_REVIEW' },
    });
    await decide('legalA', sent.legalReview, 'Clause 7 checked');
    expect((await get('repA', c.id))!.state).toBe('NEGOTIATION');
    const ROUND = `mutation($in: NegotiationRoundInput!) { recordNegotiationRound(input: $in) { round heldOn } }`;
    for (const points of ['Price', 'Delivery']) {
      await ok('repA', ROUND, {
        in: { contractId: c.id, heldOn: '2026-11-20', counterpart: 'Li Na, buyer', points, outcome: 'Agreed' },
      });
    }
    const UPDATE = `mutation($id: ID!, $in: UpdateContractInput!) { updateContract(id: $id, input: $in) { amount state } }`;
    // A material change after legal approval sends the application back to DRAFT: legal reviews it again.
    expect(
      (await ok<{ updateContract: { amount: string } }>('repA', UPDATE, { id: c.id, in: { amount: '110000' } }))
        .updateContract,
    ).toEqual({ amount: '110000.00', state: 'DRAFT' });
    const again = await step('repA', 'moveContractToLegalReview', c.id);
    await decide('legalA', again.legalReview);
    // The special terms need their own approval before signing (the branch manager, at 110,000).
    const special = await step('repA', 'submitSpecialTermsForApproval', c.id);
    expect(special.specialTermsApproval).toMatchObject({ status: 'PENDING', subjectType: 'SPECIAL_TERMS' });
    await decide('managerA', special.specialTermsApproval, 'Acceptable for this customer');
    const submitted = await step('repA', 'submitContractForApproval', c.id);
    expect(submitted.state).toBe('APPROVAL');
    expect(submitted.approvalRequest).toMatchObject({ status: 'PENDING', subjectType: 'CONTRACT' });
    expect(submitted.approvalRequest!.steps).toHaveLength(1); // 110,000: the branch manager alone
    const approved = await approveAll(submitted);
    expect(approved.state).toBe('APPROVED');
    await backdate([c.id]);
    const signed = (
      await ok<{ signContract: Contract }>('managerA', SIGN, {
        id: c.id,
        in: { signedOn: `${year}-01-02`, signatories: SIGNATORIES, originalReceived: true },
      })
    ).signContract;
    expect(signed).toMatchObject({
      state: 'SIGNED',
      number: `AA-HT-${year}-0001`,
      signedOn: `${year}-01-02`,
      version: 1,
      signatories: SIGNATORIES,
    });
    expect(signed.versions).toEqual([
      expect.objectContaining({
        version: 1,
        status: 'EFFECTIVE',
        terms: expect.objectContaining({ amount: '110000.00' }),
      }),
    ]);
    const active = await step('managerA', 'activateContract', c.id);
    expect(active.state).toBe('ACTIVE');
    expect(active.negotiationRounds.map((r) => [r.round, r.points])).toEqual([
      [1, 'Price'],
      [2, 'Delivery'],
    ]);
    expect(active.timeline.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['CREATED', null, 'DRAFT'],
      ['SEND_TO_LEGAL', 'DRAFT', 'LEGAL_REVIEW'],
      ['LEGAL_APPROVED', 'LEGAL_REVIEW', 'NEGOTIATION'],
      ['NEGOTIATION_ROUND', 'NEGOTIATION', null],
      ['NEGOTIATION_ROUND', 'NEGOTIATION', null],
      ['UPDATED', 'NEGOTIATION', null],
      ['TERMS_CHANGED', 'NEGOTIATION', 'DRAFT'],
      ['SEND_TO_LEGAL', 'DRAFT', 'LEGAL_REVIEW'],
      ['LEGAL_APPROVED', 'LEGAL_REVIEW', 'NEGOTIATION'],
      ['SPECIAL_TERMS_SUBMITTED', 'NEGOTIATION', null],
      ['SPECIAL_TERMS_APPROVED', 'NEGOTIATION', null],
      ['SUBMIT_FOR_APPROVAL', 'NEGOTIATION', 'APPROVAL'],
      ['APPROVAL_APPROVED', 'APPROVAL', 'APPROVED'],
      ['SIGN', 'APPROVED', 'SIGNED'],
      ['ACTIVATE', 'SIGNED', 'ACTIVE'],
    ]);
    // Every move wrote its audit row.
    const audit = await f.owner.query(`SELECT action FROM audit_log WHERE entity = 'contract' AND entity_id = $1`, [
      c.id,
    ]);
    expect(audit.rows).toHaveLength(active.timeline.length);
    // Who decided and what they wrote is on the timeline.
    expect(active.timeline.find((e) => e.action === 'LEGAL_APPROVED')).toMatchObject({
      actorId: f.u.legalA.id,
      note: 'Legal review approved: Clause 7 checked',
    });
    expect(active.timeline.find((e) => e.action === 'SPECIAL_TERMS_APPROVED')).toMatchObject({
      actorId: f.u.managerA.id,
      note: 'Special terms approved: Acceptable for this customer',
    });
    // The worker's due timestamps: the first end-of-term reminder (90 days before 2027-12-31, start of the
    // day in Shanghai); no original check, the original came with the signing. Completing clears them.
    const due = () =>
      f.owner
        .query(
          'SELECT expiry_reminder_days AS d, next_expiry_reminder_at AS t, original_check_at AS o FROM contracts WHERE id = $1',
          [c.id],
        )
        .then((r) => r.rows[0]);
    expect(await due()).toEqual({ d: 90, t: new Date('2027-10-01T16:00:00Z'), o: null });
    const done = await step('managerA', 'completeContract', c.id);
    expect(done.state).toBe('COMPLETED');
    expect(await due()).toEqual({ d: null, t: null, o: null });
  });

  it('above 500,000 leadership approves after the branch manager; until then the contract waits', async () => {
    const c = await toApproval('repA', { amount: '800000.00' });
    expect(c.approvalRequest!.steps).toHaveLength(2);
    await ok('managerA', APPROVE, { s: c.approvalRequest!.steps[0].id });
    const mid = (await get('repA', c.id))!;
    expect(mid.state).toBe('APPROVAL');
    await ok('leader', APPROVE, { s: mid.approvalRequest!.steps[1].id });
    expect((await get('repA', c.id))!.state).toBe('APPROVED');
  });

  it('back-edges: RETURNED and WITHDRAWN reopen negotiation, REJECTED goes back to DRAFT', async () => {
    const returned = await toApproval('repA');
    await ok('managerA', `mutation($s: ID!) { returnStep(stepId: $s, comment: "Lower the price") { id } }`, {
      s: returned.approvalRequest!.steps[0].id,
    });
    expect((await get('repA', returned.id))!.state).toBe('NEGOTIATION');
    // ... and can be resubmitted: a new request.
    const again = await step('repA', 'submitContractForApproval', returned.id);
    expect(again.approvalRequestId).not.toBe(returned.approvalRequestId);

    const rejected = await toApproval('repA');
    await ok('managerA', `mutation($s: ID!) { rejectStep(stepId: $s, reason: "No") { id } }`, {
      s: rejected.approvalRequest!.steps[0].id,
    });
    expect((await get('repA', rejected.id))!.state).toBe('DRAFT');

    const withdrawn = await toApproval('repA');
    await ok('repA', `mutation($r: ID!) { withdrawApproval(requestId: $r) { id } }`, {
      r: withdrawn.approvalRequestId,
    });
    expect((await get('repA', withdrawn.id))!.state).toBe('NEGOTIATION');
  });

  it('illegal transitions are INVALID_STATE naming from and to, and change nothing', async () => {
    const c = await create('repA');
    const cases: [string, string, string][] = [
      ['activateContract', 'DRAFT', 'ACTIVE'],
      ['completeContract', 'DRAFT', 'COMPLETED'],
      ['submitContractForApproval', 'DRAFT', 'APPROVAL'],
    ];
    for (const [name, from, to] of cases) {
      const r = await call('repA', move(name), { id: c.id });
      expect({ name, ...problem(r) }).toMatchObject({ name, code: 'INVALID_STATE' });
      expect(problem(r).message).toContain(`from ${from} to ${to}`);
    }
    const t = await call('managerA', `mutation($id: ID!) { terminateContract(id: $id, reason: "x") { id } }`, {
      id: c.id,
    });
    expect(problem(t).message).toContain('from DRAFT to TERMINATED');
    const round = await call(
      'repA',
      `mutation($in: NegotiationRoundInput!) { recordNegotiationRound(input: $in) { id } }`,
      { in: { contractId: c.id, heldOn: '2026-11-20', counterpart: 'X', points: 'Y', outcome: 'Z' } },
    );
    expect(problem(round).code).toBe('INVALID_STATE');
    expect((await get('repA', c.id))!).toMatchObject({ state: 'DRAFT', timeline: [{ action: 'CREATED' }] });
  });

  it('signing: only an APPROVED request opens it; not by state alone, not before, not by a sales rep', async () => {
    const negotiating = await toNegotiation('repA');
    const sign = (who: string, id: string) =>
      call(who, SIGN, { id, in: { signedOn: `${year}-01-03`, signatories: SIGNATORIES } });
    expect(problem(await sign('managerA', negotiating.id))).toMatchObject({ code: 'INVALID_STATE' });
    const waiting = await toApproval('repA');
    expect(problem(await sign('managerA', waiting.id)).message).toContain('from APPROVAL to SIGNED');
    // Forced into APPROVED behind the service's back (as the f.owner): the pending request still refuses it.
    await f.owner.query(`UPDATE contracts SET state = 'APPROVED' WHERE id = $1`, [waiting.id]);
    expect(problem(await sign('managerA', waiting.id))).toMatchObject({ code: 'INVALID_STATE' });
    await f.owner.query(`UPDATE contracts SET state = 'APPROVED', approval_request_id = NULL WHERE id = $1`, [
      negotiating.id,
    ]);
    expect(problem(await sign('managerA', negotiating.id))).toMatchObject({ code: 'INVALID_STATE' });
    const approved = await approveAll(await toApproval('repA'));
    await backdate([approved.id, waiting.id, negotiating.id]);
    expect(problem(await sign('repA', approved.id)).code).toBe('FORBIDDEN');
    const oneSide = await call('managerA', SIGN, {
      id: approved.id,
      in: { signedOn: `${year}-01-03`, signatories: [SIGNATORIES[0], { name: 'Wang', side: 'OURS' }] },
    });
    expect(problem(oneSide)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['signatories'] });
    const future = await call('managerA', SIGN, {
      id: approved.id,
      in: { signedOn: '2099-01-01', signatories: SIGNATORIES },
    });
    expect(problem(future)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['signedOn'] });
    expect((await get('managerA', approved.id))!).toMatchObject({ state: 'APPROVED', number: null });
    const numbers = await f.owner.query(
      `SELECT number FROM contracts WHERE number IS NOT NULL AND state <> 'COMPLETED'`,
    );
    expect(numbers.rows).toEqual([]);
  });

  it('a signing dated before the application or its approval (1999-12-31 too) is BAD_USER_INPUT on signedOn; no number is used', async () => {
    const c = await approveAll(await toApproval('repA'));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const counters = async () =>
      (
        await f.owner.query('SELECT year, last FROM contract_number_counters WHERE branch_id = $1 ORDER BY year', [
          f.org.a.id,
        ])
      ).rows;
    const before = await counters();
    const sign = (signedOn: string) => call('managerA', SIGN, { id: c.id, in: { signedOn, signatories: SIGNATORIES } });
    for (const signedOn of ['1999-12-31', '2000-01-01', '2024-12-01']) {
      const p = problem(await sign(signedOn));
      expect({ signedOn, ...p }).toMatchObject({ signedOn, code: 'BAD_USER_INPUT', fields: ['signedOn'] });
      expect(p.message).toContain(`before the contract was drafted (${today})`);
    }
    // Drafted long ago but approved today: the approval's day is the earliest signing day.
    await f.owner.query('UPDATE contracts SET created_at = $2 WHERE id = $1', [c.id, '2024-12-02T09:00:00+08:00']);
    const late = problem(await sign('2025-01-01'));
    expect(late).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['signedOn'] });
    expect(late.message).toContain(`before the contract was approved (${today})`);
    expect(await counters()).toEqual(before);
    expect((await get('managerA', c.id))!).toMatchObject({ state: 'APPROVED', number: null, signedOn: null });
    const signed = (
      await ok<{ signContract: Contract }>('managerA', SIGN, {
        id: c.id,
        in: { signedOn: today, signatories: SIGNATORIES },
      })
    ).signContract;
    expect(signed).toMatchObject({ state: 'SIGNED', signedOn: today });
    expect(signed.number).toMatch(new RegExp(`^AA-HT-${today.slice(0, 4)}-\\d{4}$`));
  });

  it('100 concurrent signings get 0001..0100 with no gap and no duplicate; a rolled-back signing leaves no gap', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const made = await Promise.all(
        Array.from({ length: 20 }, async () => approveAll(await toApproval('clerkA', { ownerId: f.u.repA.id }))),
      );
      for (const c of made) {
        expect(c.state).toBe('APPROVED');
        ids.push(c.id);
      }
    }
    await backdate(ids);
    const last = ids.pop()!;
    // A signing whose transaction rolls back gives its number back.
    const scope = { branchIds: [f.org.a.id], userId: f.u.managerA.id, ownOnly: false };
    const actor = { userId: f.u.managerA.id, organizationId: f.org.id, role: 'BRANCH_MANAGER', headOffice: false };
    const rolledBack = await f.api.app
      .get(Database)
      .run(scope, async (tx) => {
        const c = await f.api.app
          .get(ContractSigningService)
          .sign(RequestContext.forTransaction(tx, scope, actor), last, {
            signedOn: '2025-03-01',
            signatories: [
              { name: 'A', side: SignatorySide.OURS },
              { name: 'B', side: SignatorySide.CUSTOMER },
            ],
          });
        expect(c.number).toBe('AA-HT-2025-0001');
        throw new Error('rolled back');
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe('rolled back');
    ids.push(last);
    const results = await Promise.all(
      ids.map((id) =>
        call<{ signContract: Contract }>('managerA', SIGN, {
          id,
          in: { signedOn: '2025-03-01', signatories: SIGNATORIES },
        }),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const numbers = results.map((r) => r.body.data!.signContract.number!).sort();
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => `AA-HT-2025-${String(i + 1).padStart(4, '0')}`));
    const counter = await f.owner.query(
      `SELECT last FROM contract_number_counters WHERE branch_id = $1 AND year = 2025`,
      [f.org.a.id],
    );
    expect(counter.rows).toEqual([{ last: 100 }]);
  }, 120000);

  it('amendments: a new version approved again, kept forever, with a field-level diff', async () => {
    let c = await approveAll(await toApproval('repA', { amount: '200000.00' }));
    await backdate([c.id]);
    c = (
      await ok<{ signContract: Contract }>('managerA', SIGN, {
        id: c.id,
        in: { signedOn: `${year}-02-01`, signatories: SIGNATORIES },
      })
    ).signContract;
    const AMEND = `mutation($id: ID!, $in: AmendContractInput!) { amendContract(id: $id, input: $in) { ${CONTRACT} } }`;
    const amended = (
      await ok<{ amendContract: Contract }>('repA', AMEND, {
        id: c.id,
        in: { amount: '250000', endsOn: '2028-06-30', reason: 'Scope extended' },
      })
    ).amendContract;
    expect(amended).toMatchObject({ amount: '200000.00', version: 1 });
    expect(amended.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'EFFECTIVE'],
      [2, 'PENDING'],
    ]);
    const second = await call('repA', AMEND, { id: c.id, in: { amount: '1', reason: 'again' } });
    expect(problem(second).code).toBe('CONFLICT');
    const requestId = amended.versions[1].approvalRequestId!;
    const req = await ok<{ approvalRequest: { subjectType: string; steps: { id: string }[] } }>(
      'managerA',
      `query($id: ID!) { approvalRequest(id: $id) { subjectType steps { id } } }`,
      { id: requestId },
    );
    expect(req.approvalRequest.subjectType).toBe('CONTRACT_AMENDMENT');
    await ok('managerA', APPROVE, { s: req.approvalRequest.steps[0].id });
    const after = (await get('repA', c.id))!;
    expect(after).toMatchObject({ amount: '250000.00', endsOn: '2028-06-30', version: 2, state: 'SIGNED' });
    // Signed without its original: checked on the 3rd of the next month; the new end of term moved the reminder.
    const due = await f.owner.query(
      'SELECT expiry_reminder_days AS d, next_expiry_reminder_at AS t, original_check_at AS o FROM contracts WHERE id = $1',
      [c.id],
    );
    expect(due.rows[0]).toEqual({
      d: 90,
      t: new Date('2028-03-31T16:00:00Z'),
      o: new Date(`${year}-03-02T16:00:00Z`),
    });
    const DIFF = `query($id: ID!, $a: Int!, $b: Int!) { contractVersionDiff(id: $id, from: $a, to: $b) { field from to } }`;
    expect(
      (await ok<{ contractVersionDiff: unknown[] }>('financeA', DIFF, { id: c.id, a: 1, b: 2 })).contractVersionDiff,
    ).toEqual([
      { field: 'amount', from: '200000.00', to: '250000.00' },
      { field: 'endsOn', from: '2027-12-31', to: '2028-06-30' },
    ]);
    expect(problem(await call('repA', DIFF, { id: c.id, a: 1, b: 9 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['to'],
    });
    // A rejected amendment is kept as a version; the contract does not change.
    const third = (
      await ok<{ amendContract: Contract }>('repA', AMEND, {
        id: c.id,
        in: { specialTerms: 'Free maintenance', reason: 'Customer asks' },
      })
    ).amendContract;
    const r3 = await ok<{ approvalRequest: { steps: { id: string }[] } }>(
      'managerA',
      `query($id: ID!) { approvalRequest(id: $id) { steps { id } } }`,
      { id: third.versions[2].approvalRequestId },
    );
    await ok('managerA', `mutation($s: ID!) { rejectStep(stepId: $s, reason: "No") { id } }`, {
      s: r3.approvalRequest.steps[0].id,
    });
    const final = (await get('repA', c.id))!;
    expect(final.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'EFFECTIVE'],
      [2, 'EFFECTIVE'],
      [3, 'REJECTED'],
    ]);
    expect(final).toMatchObject({ specialTerms: null, version: 2 });
    // Terminated while an amendment waits: approving it is refused, rejecting it still works.
    const late = (
      await ok<{ amendContract: Contract }>('repA', AMEND, { id: c.id, in: { amount: '1000', reason: 'Late' } })
    ).amendContract;
    await ok('managerA', `mutation($id: ID!) { terminateContract(id: $id, reason: "Customer insolvent") { id } }`, {
      id: c.id,
    });
    const r4 = await ok<{ approvalRequest: { steps: { id: string }[] } }>(
      'managerA',
      `query($id: ID!) { approvalRequest(id: $id) { steps { id } } }`,
      { id: late.versions[3].approvalRequestId },
    );
    const refusedLate = problem(await call('managerA', APPROVE, { s: r4.approvalRequest.steps[0].id }));
    expect(refusedLate.code).toBe('INVALID_STATE');
    expect(refusedLate.message).toContain('TERMINATED');
    await ok('managerA', `mutation($s: ID!) { rejectStep(stepId: $s, reason: "Terminated") { id } }`, {
      s: r4.approvalRequest.steps[0].id,
    });
    expect((await get('repA', c.id))!).toMatchObject({
      state: 'TERMINATED',
      terminationReason: 'Customer insolvent',
      amount: '250000.00',
      versions: expect.arrayContaining([expect.objectContaining({ version: 4, status: 'REJECTED' })]),
    });
    expect(
      problem(await call('repA', AMEND, { id: (await create('repA')).id, in: { amount: '5', reason: 'x' } })).code,
    ).toBe('INVALID_STATE');
  });

  it('renewal creates a linked successor in DRAFT copying the terms, once', async () => {
    let c = await toNegotiation('repA', { specialTerms: 'Net 45' });
    await decide('managerA', (await step('repA', 'submitSpecialTermsForApproval', c.id)).specialTermsApproval);
    c = await approveAll(await step('repA', 'submitContractForApproval', c.id));
    await backdate([c.id]);
    c = (
      await ok<{ signContract: Contract }>('managerA', SIGN, {
        id: c.id,
        in: { signedOn: `${year}-03-01`, signatories: SIGNATORIES },
      })
    ).signContract;
    const RENEW = `mutation($id: ID!) { renewContract(id: $id) { ${CONTRACT} } }`;
    const next = (await ok<{ renewContract: Contract }>('repA', RENEW, { id: c.id })).renewContract;
    expect(next).toMatchObject({
      state: 'DRAFT',
      renewedFromId: c.id,
      customerId: c.customerId,
      amount: c.amount,
      specialTerms: 'Net 45',
      startsOn: '2028-01-01',
      endsOn: '2028-12-31',
      ownerId: f.u.repA.id,
      number: null,
    });
    expect(problem(await call('repA', RENEW, { id: c.id })).code).toBe('CONFLICT');
    expect(problem(await call('repA', RENEW, { id: next.id })).code).toBe('INVALID_STATE');
  });

  it('a manager hands an open contract to another person of its branch; the timeline records it, the new owner is told', async () => {
    const REASSIGN = `mutation($id: ID!, $o: ID!) { reassignContract(id: $id, ownerId: $o) { ${CONTRACT} } }`;
    const c = await create('repA');
    const snapshot = async () =>
      (
        await f.owner.query<{ x: string }>(
          `SELECT to_jsonb(t)::text AS x FROM (
             SELECT 'c' AS k, to_jsonb(c) AS r FROM contracts c WHERE id = $1::uuid
             UNION ALL SELECT 'e', to_jsonb(e) FROM contract_events e WHERE contract_id = $1::uuid
             UNION ALL SELECT 'o', to_jsonb(o) FROM outbox o WHERE payload->>'contractId' = $1::text) t ORDER BY 1`,
          [c.id],
        )
      ).rows.map((r) => r.x);
    const before = await snapshot();
    const refusals: [string, Record<string, unknown>, string, string[]][] = [
      ['repA', { id: c.id, o: f.u.rep2A.id }, 'FORBIDDEN', []],
      ['managerB', { id: c.id, o: f.u.repB.id }, 'NOT_FOUND', []],
      ['managerA', { id: randomUUID(), o: f.u.rep2A.id }, 'NOT_FOUND', []],
      ['managerA', { id: c.id, o: f.u.repA.id }, 'BAD_USER_INPUT', ['ownerId']],
      ['managerA', { id: c.id, o: f.u.repB.id }, 'BAD_USER_INPUT', ['ownerId']],
      ['managerA', { id: c.id, o: randomUUID() }, 'BAD_USER_INPUT', ['ownerId']],
      ['managerA', { id: c.id, o: f.u.legalA.id }, 'BAD_USER_INPUT', ['ownerId']],
      ['managerA', { id: c.id, o: 'nobody' }, 'BAD_USER_INPUT', ['ownerId']],
    ];
    for (const [who, vars, code, fields] of refusals) {
      const p = problem(await call(who, REASSIGN, vars));
      expect({ who, vars, code: p.code, fields: p.fields }).toEqual({ who, vars, code, fields });
    }
    expect(await snapshot()).toEqual(before);

    const moved = (await ok<{ reassignContract: Contract }>('managerA', REASSIGN, { id: c.id, o: f.u.rep2A.id }))
      .reassignContract;
    expect(moved.ownerId).toBe(f.u.rep2A.id);
    // The old owner (a sales rep) no longer sees it; the new one does.
    expect(await get('repA', c.id)).toBeNull();
    expect((await get('rep2A', c.id))!.ownerId).toBe(f.u.rep2A.id);
    const events = await f.owner.query(
      `SELECT action, actor_id, note FROM contract_events WHERE contract_id = $1 AND action = 'REASSIGNED'`,
      [c.id],
    );
    expect(events.rows).toEqual([
      { action: 'REASSIGNED', actor_id: f.u.managerA.id, note: `${f.u.repA.id} -> ${f.u.rep2A.id}` },
    ]);
    const jobs = await f.owner.query(`SELECT job_name, payload FROM outbox WHERE payload->>'contractId' = $1`, [c.id]);
    expect(jobs.rows).toEqual([
      {
        job_name: 'contracts.reassigned',
        payload: { branchId: f.org.a.id, contractId: c.id, ownerId: f.u.rep2A.id, changeId: expect.any(String) },
      },
    ]);
    // Head office may do it too; a closed contract keeps its f.owner.
    await ok('admin', REASSIGN, { id: c.id, o: f.u.clerkA.id });
    await f.owner.query(`UPDATE contracts SET state = 'TERMINATED', termination_reason = 'x' WHERE id = $1`, [c.id]);
    expect(problem(await call('managerA', REASSIGN, { id: c.id, o: f.u.repA.id })).code).toBe('INVALID_STATE');
  });

  it('bad input is refused with the field named, and nothing changes', async () => {
    const count = async () =>
      (
        await f.owner.query(
          `SELECT (SELECT count(*) FROM contracts)::int + (SELECT count(*) FROM contract_events)::int AS n`,
        )
      ).rows[0].n as number;
    const before = await count();
    const base = {
      customerId: customerA,
      title: 'Bad',
      amount: '100.00',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    };
    const bad: [Record<string, unknown>, string, string[]][] = [
      [{ amount: '-5.00' }, 'BAD_USER_INPUT', ['amount']],
      [{ amount: '0' }, 'BAD_USER_INPUT', ['amount']],
      [{ amount: '99999999999999.00' }, 'BAD_USER_INPUT', ['amount']],
      [{ amount: '10.001' }, 'BAD_USER_INPUT', ['amount']],
      [{ amount: 'lots' }, 'BAD_USER_INPUT', []],
      [{ currency: 'USD' }, 'BAD_USER_INPUT', ['currency']],
      [{ endsOn: '2026-12-31' }, 'BAD_USER_INPUT', ['endsOn']],
      [{ startsOn: '2027-02-30' }, 'BAD_USER_INPUT', []],
      [{ title: '   ' }, 'BAD_USER_INPUT', ['title']],
      [{ customerId: randomUUID() }, 'NOT_FOUND', []],
      [{ customerId: customerB }, 'NOT_FOUND', []],
      [{ ownerId: f.u.repB.id }, 'BAD_USER_INPUT', ['ownerId']],
    ];
    for (const [change, code, fields] of bad) {
      const r = await call('managerA', CREATE, { in: { ...base, ...change } });
      const p = problem(r);
      expect({ change, code: p.code }).toEqual({ change, code });
      if (fields.length) expect({ change, fields: p.fields }).toEqual({ change, fields });
    }
    // A sales rep and a colleague's customer: the same as a customer that does not exist.
    expect(problem(await call('repA', CREATE, { in: { ...base, customerId: customerA2 } })).code).toBe('NOT_FOUND');
    expect(problem(await call('repA', CREATE, { in: { ...base, ownerId: f.u.rep2A.id } })).code).toBe('FORBIDDEN');
    expect(problem(await call('financeA', CREATE, { in: base })).code).toBe('FORBIDDEN');
    expect(problem(await call('legalA', CREATE, { in: base })).code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('lists: keyset pages with totalCount, filters, and the own-only wall for sales reps', async () => {
    const mine = await create('repA', { title: 'Listing one', endsOn: '2027-03-31' });
    const theirs = await create('rep2A', { customerId: customerA2, title: 'Listing two' });
    // Enough rows for several pages, with end dates that tie (the id breaks ties).
    for (let i = 0; i < 8; i++)
      await create('repA', { title: `Listing filler ${i}`, endsOn: `2027-0${5 + (i % 4)}-15` });
    expect(await get('repA', theirs.id)).toBeNull();
    expect(await get('legalA', theirs.id)).toMatchObject({ id: theirs.id });
    const LIST = `query($f: ContractFilter, $after: String, $first: Int) { contracts(first: $first, after: $after, filter: $f) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id ownerId customer { id } owner { id }
      versions { version } negotiationRounds { round } timeline { action } } } } }`;
    type Page = {
      contracts: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string; ownerId: string } }[];
      };
    };
    const repPage = (await ok<Page>('repA', LIST, { first: 100 })).contracts;
    expect(repPage.edges.every((e) => e.node.ownerId === f.u.repA.id)).toBe(true);
    expect(repPage.edges.map((e) => e.node.id)).toContain(mine.id);
    const all = (await ok<Page>('managerA', LIST, { first: 100 })).contracts;
    expect(all.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    // Keyset paging walks every row exactly once.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const p = (await ok<Page>('managerA', LIST, { first: 7, after })).contracts;
      expect(p.totalCount).toBe(all.totalCount);
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen.length).toBe(all.totalCount);
    expect(seen.length).toBeGreaterThan(7);
    expect(new Set(seen).size).toBe(seen.length);
    // By end date, both ways, in pages of 3: PostgreSQL's order (ties broken by id), every row once.
    const BY_END = `query($after: String, $dir: OrderDirection!) {
      contracts(first: 3, after: $after, orderBy: { field: ENDS_ON, direction: $dir }) {
        pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    for (const dir of ['ASC', 'DESC'] as const) {
      const walked: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const p = (await ok<Page>('managerA', BY_END, { dir, after: cursor })).contracts;
        walked.push(...p.edges.map((e) => e.node.id));
        if (!p.pageInfo.hasNextPage) break;
        cursor = p.pageInfo.endCursor;
      }
      const expected = await f.owner.query<{ id: string }>(
        `SELECT id FROM contracts WHERE branch_id = $1 ORDER BY ends_on ${dir}, id ${dir}`,
        [f.org.a.id],
      );
      expect(walked).toEqual(expected.rows.map((r) => r.id));
    }
    const filtered = (
      await ok<Page>('managerA', LIST, {
        f: { customerId: customerA2, ownerId: f.u.rep2A.id, state: 'DRAFT', expiringBefore: '2028-01-01' },
      })
    ).contracts;
    expect(filtered.edges.map((e) => e.node.id)).toEqual([theirs.id]);
    const expiring = (await ok<Page>('managerA', LIST, { f: { expiringBefore: '2027-04-01' } })).contracts;
    expect(expiring.edges.map((e) => e.node.id)).toEqual([mine.id]);
    // Relations come from loaders: a bigger page costs no more statements.
    const statements = async (first: number) =>
      Number((await call('managerA', LIST, { first })).headers.get('x-sql-statements'));
    expect(await statements(20)).toBe(await statements(2));
  });

  it('a branch sets its own numbering rule; later signings follow it and the sequence continues', async () => {
    const SET = `mutation($r: String!) { updateContractSettings(input: { numberRule: $r }) { numberRule nextNumberExample } }`;
    const GET_SETTINGS = `{ contractSettings { numberRule nextNumberExample } }`;
    expect((await ok<{ contractSettings: unknown }>('repA', GET_SETTINGS)).contractSettings).toEqual({
      numberRule: '{BRANCH}-HT-{YYYY}-{NNNN}',
      nextNumberExample: `AA-HT-${year}-0001`,
    });
    expect(problem(await call('managerA', SET, { r: '{BRANCH}-{NNNN}' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['numberRule'],
    });
    expect(problem(await call('repA', SET, { r: 'HT/{YYYY}/{NNNNNN}' })).code).toBe('FORBIDDEN');
    expect(
      (await ok<{ updateContractSettings: unknown }>('managerA', SET, { r: 'HT/{YYYY}/{NNNNNN}' }))
        .updateContractSettings,
    ).toEqual({
      numberRule: 'HT/{YYYY}/{NNNNNN}',
      nextNumberExample: `HT/${year}/000001`,
    });
    const before = await f.owner.query<{ last: number }>(
      'SELECT last FROM contract_number_counters WHERE branch_id = $1 AND year = $2',
      [f.org.a.id, Number(year)],
    );
    const c = await approveAll(await toApproval('repA'));
    await backdate([c.id]);
    const signed = (
      await ok<{ signContract: Contract }>('managerA', SIGN, {
        id: c.id,
        in: { signedOn: `${year}-04-01`, signatories: SIGNATORIES },
      })
    ).signContract;
    expect(signed.number).toBe(`HT/${year}/${String(before.rows[0].last + 1).padStart(6, '0')}`);
    // The branch's rule back as it was: the other tests number with the default.
    await ok('managerA', SET, { r: '{BRANCH}-HT-{YYYY}-{NNNN}' });
  });
});
