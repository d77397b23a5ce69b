import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CONTRACT, useContractFixture, type Contract, type Request, type Who } from './contract-fixture.js';

/**
 * Legal review (DOMAIN.md section 4) as a real step: the rep sends the application, the branch's legal
 * reviewer approves it (with a comment) or returns it (with a reason); nobody else moves it out of
 * LEGAL_REVIEW, internal approval needs a legal approval of the current terms, and a material change
 * after it sends the contract back. Recorded on the timeline and the audit log.
 */
describe('legal review of contracts', () => {
  const f = useContractFixture();

  const snapshot = async (id: string) =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT to_jsonb(t)::text AS x FROM (
           SELECT 'c' AS k, to_jsonb(c) AS r FROM contracts c WHERE id = $1::uuid
           UNION ALL SELECT 'e', to_jsonb(e) FROM contract_events e WHERE contract_id = $1::uuid
           UNION ALL SELECT 'r', to_jsonb(r) FROM approval_requests r WHERE subject_id = $1::uuid
           UNION ALL SELECT 's', to_jsonb(s) FROM approval_steps s JOIN approval_requests r2
             ON r2.branch_id = s.branch_id AND r2.id = s.request_id WHERE r2.subject_id = $1::uuid
           UNION ALL SELECT 'a', to_jsonb(a) FROM audit_log a WHERE entity_id = $1::uuid) t ORDER BY 1`,
        [id],
      )
    ).rows.map((r) => r.x);

  it('the rep sends it; the branch legal reviewer approves with a comment: NEGOTIATION, with who, when and what on the timeline', async () => {
    const c = await f.create('repA');
    const sent = await f.step('repA', 'moveContractToLegalReview', c.id);
    expect(sent).toMatchObject({
      state: 'LEGAL_REVIEW',
      legalReviewRequestId: sent.legalReview?.id,
      legalReview: {
        status: 'PENDING',
        subjectType: 'LEGAL_REVIEW',
        requesterId: f.u.repA.id,
        steps: [{ position: 1, status: 'PENDING', name: 'Legal review' }],
      },
    });
    // It waits in the legal reviewer's inbox, not in the manager's or another branch's reviewer's.
    const PENDING = `{ myPendingApprovals { edges { node { request { id subjectType } } } } }`;
    type Inbox = { myPendingApprovals: { edges: { node: { request: { id: string; subjectType: string } } }[] } };
    const inbox = async (who: 'legalA' | 'legalB' | 'managerA') =>
      (await f.ok<Inbox>(who, PENDING)).myPendingApprovals.edges.map((e) => e.node.request.id);
    expect(await inbox('legalA')).toContain(sent.legalReview!.id);
    expect(await inbox('legalB')).not.toContain(sent.legalReview!.id);
    expect(await inbox('managerA')).not.toContain(sent.legalReview!.id);

    const r = await f.decide('legalA', sent.legalReview, 'approve', 'Liability cap and clause 7 checked');
    expect(r.body.errors).toBeUndefined();
    const after = (await f.get('repA', c.id))!;
    expect(after.state).toBe('NEGOTIATION');
    expect(after.legalReview).toMatchObject({ id: sent.legalReview!.id, status: 'APPROVED' });
    expect(after.timeline.map((e) => [e.action, e.fromState, e.toState, e.actorId, e.note])).toEqual([
      ['CREATED', null, 'DRAFT', f.u.repA.id, null],
      ['SEND_TO_LEGAL', 'DRAFT', 'LEGAL_REVIEW', f.u.repA.id, null],
      [
        'LEGAL_APPROVED',
        'LEGAL_REVIEW',
        'NEGOTIATION',
        f.u.legalA.id,
        'Legal review approved: Liability cap and clause 7 checked',
      ],
    ]);
    expect(Date.parse(after.timeline[2].at)).toBeGreaterThan(Date.now() - 60_000);
    const audit = await f.owner.query(
      `SELECT action, actor_id FROM audit_log WHERE entity = 'contract' AND entity_id = $1`,
      [c.id],
    );
    expect(audit.rows.map((x) => x.action).sort()).toEqual(['created', 'legal_approved', 'send_to_legal']);
    expect(audit.rows.find((x) => x.action === 'legal_approved')?.actor_id).toBe(f.u.legalA.id);
    // Then the ordinary path: internal approval, signing.
    const submitted = await f.step('repA', 'submitContractForApproval', c.id);
    expect(submitted.state).toBe('APPROVAL');
  });

  it('nobody but the branch legal reviewer moves it out of LEGAL_REVIEW; the rep cannot skip it', async () => {
    const c = await f.create('repA');
    const sent = await f.step('repA', 'moveContractToLegalReview', c.id);
    const before = await snapshot(c.id);
    // The old shortcut is gone from the schema.
    const skip = await f.call('repA', `mutation($id: ID!) { startNegotiation(id: $id) { id } }`, { id: c.id });
    expect(skip.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Internal approval needs legal first: INVALID_STATE naming the states.
    const early = f.problem(
      await f.call('repA', `mutation($id: ID!) { submitContractForApproval(id: $id) { id } }`, { id: c.id }),
    );
    expect(early).toMatchObject({ code: 'INVALID_STATE' });
    expect(early.message).toContain('from LEGAL_REVIEW to APPROVAL');
    // The rep (their own request), the branch manager and head office are no approvers of the legal step.
    for (const who of ['repA', 'managerA', 'admin', 'leader', 'financeA'] as const) {
      const p = f.problem(await f.decide(who, sent.legalReview, 'approve', 'ok'));
      expect({ who, code: p.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    // Another branch's legal reviewer: as if the step did not exist.
    expect(f.problem(await f.decide('legalB', sent.legalReview, 'approve')).code).toBe('NOT_FOUND');
    // A legal reviewer edits no contract.
    const edit = await f.call(
      'legalA',
      `mutation($id: ID!) { updateContract(id: $id, input: { title: "X" }) { id } }`,
      {
        id: c.id,
      },
    );
    expect(f.problem(edit).code).toBe('FORBIDDEN');
    expect(await snapshot(c.id)).toEqual(before);
    expect((await f.get('repA', c.id))!.state).toBe('LEGAL_REVIEW');
  });

  it('returning needs a reason; returned, rejected or withdrawn, the application goes back to DRAFT for changes', async () => {
    const c = await f.create('repA');
    const sent = await f.step('repA', 'moveContractToLegalReview', c.id);
    const before = await snapshot(c.id);
    for (const blank of ['', '   ']) {
      const p = f.problem(await f.decide('legalA', sent.legalReview, 'return', blank));
      expect({ blank, code: p.code, fields: p.fields }).toEqual({ blank, code: 'BAD_USER_INPUT', fields: ['comment'] });
    }
    expect(await snapshot(c.id)).toEqual(before);
    expect(
      (await f.decide('legalA', sent.legalReview, 'return', 'Clause 9 conflicts with our warranty')).body.errors,
    ).toBeUndefined();
    const returned = (await f.get('repA', c.id))!;
    expect(returned).toMatchObject({ state: 'DRAFT', legalReview: { status: 'RETURNED' } });
    expect(returned.timeline.at(-1)).toMatchObject({
      action: 'LEGAL_RETURNED',
      fromState: 'LEGAL_REVIEW',
      toState: 'DRAFT',
      actorId: f.u.legalA.id,
      note: 'Legal review returned: Clause 9 conflicts with our warranty',
    });
    // The rep changes it and sends it again: a new request.
    await f.ok(
      'repA',
      `mutation($id: ID!) { updateContract(id: $id, input: { specialTerms: "" , title: "Pumps v2" }) { id } }`,
      {
        id: c.id,
      },
    );
    const again = await f.step('repA', 'moveContractToLegalReview', c.id);
    expect(again.legalReview!.id).not.toBe(sent.legalReview!.id);
    expect(
      (await f.decide('legalA', again.legalReview, 'reject', 'Customer is on the sanctions list')).body.errors,
    ).toBeUndefined();
    expect((await f.get('repA', c.id))!).toMatchObject({ state: 'DRAFT', legalReview: { status: 'REJECTED' } });
    // The requester may withdraw: back to DRAFT as well.
    const third = await f.step('repA', 'moveContractToLegalReview', c.id);
    await f.ok('repA', `mutation($r: ID!) { withdrawApproval(requestId: $r) { id } }`, { r: third.legalReview!.id });
    expect((await f.get('repA', c.id))!).toMatchObject({ state: 'DRAFT', legalReview: { status: 'WITHDRAWN' } });
  });

  it('internal approval needs a legal approval of the current terms: a material edit after it sends the contract back', async () => {
    const c = await f.toNegotiation('repA');
    const UPDATE = `mutation($id: ID!, $in: UpdateContractInput!) { updateContract(id: $id, input: $in) { ${CONTRACT} } }`;
    // A title is no material change: the legal approval stands.
    const renamed = (
      await f.ok<{ updateContract: Contract }>('repA', UPDATE, { id: c.id, in: { title: 'Pumps, 2027' } })
    ).updateContract;
    expect(renamed).toMatchObject({ state: 'NEGOTIATION', legalReviewRequestId: c.legalReviewRequestId });
    for (const [i, change] of [
      { amount: '125000' },
      { endsOn: '2028-06-30' },
      { specialFees: [{ description: 'Rush', amount: '500' }] },
    ].entries()) {
      const cur = i === 0 ? c : await f.toNegotiation('repA');
      const changed = (await f.ok<{ updateContract: Contract }>('repA', UPDATE, { id: cur.id, in: change }))
        .updateContract;
      expect({ change, state: changed.state, legal: changed.legalReviewRequestId }).toEqual({
        change,
        state: 'DRAFT',
        legal: null,
      });
      expect(changed.timeline.at(-1)).toMatchObject({
        action: 'TERMS_CHANGED',
        fromState: 'NEGOTIATION',
        toState: 'DRAFT',
      });
      expect(changed.timeline.at(-1)!.note).toContain('send the contract to legal review again');
    }
    // Forced into NEGOTIATION behind the service's back (as the owner), without a legal approval: still refused.
    const forced = await f.create('repA');
    await f.owner.query(`UPDATE contracts SET state = 'NEGOTIATION' WHERE id = $1`, [forced.id]);
    const refused = f.problem(
      await f.call('repA', `mutation($id: ID!) { submitContractForApproval(id: $id) { id } }`, { id: forced.id }),
    );
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.message).toContain('Legal review has not approved');
    expect(await f.owner.query(`SELECT 1 FROM approval_requests WHERE subject_id = $1`, [forced.id])).toMatchObject({
      rowCount: 0,
    });
    // With a legal review that was returned (not approved), likewise.
    const returned = await f.create('repA');
    const sent = await f.step('repA', 'moveContractToLegalReview', returned.id);
    await f.decide('legalA', sent.legalReview, 'return', 'No');
    await f.owner.query(`UPDATE contracts SET state = 'NEGOTIATION' WHERE id = $1`, [returned.id]);
    expect(
      f.problem(
        await f.call('repA', `mutation($id: ID!) { submitContractForApproval(id: $id) { id } }`, { id: returned.id }),
      ).code,
    ).toBe('INVALID_STATE');
  });

  it('who sees a legal review: the rep their own, the manager and legal their branch, head office every branch', async () => {
    const a = await f.create('repA');
    const sentA = await f.step('repA', 'moveContractToLegalReview', a.id);
    const b = await f.create('repB');
    const sentB = await f.step('repB', 'moveContractToLegalReview', b.id);
    const LEGAL = `query($id: ID!) { contract(id: $id) { id legalReview { id status } } }`;
    const sees = async (who: Who, id: string) =>
      ((await f.ok<{ contract: { legalReview: Request | null } | null }>(who, LEGAL, { id })).contract?.legalReview
        ?.id ?? null) as string | null;
    const expected: [Who, string | null, string | null][] = [
      ['repA', sentA.legalReview!.id, null],
      ['rep2A', null, null],
      ['managerA', sentA.legalReview!.id, null],
      ['legalA', sentA.legalReview!.id, null],
      ['repB', null, sentB.legalReview!.id],
      ['managerB', null, sentB.legalReview!.id],
      ['legalB', null, sentB.legalReview!.id],
      ['admin', sentA.legalReview!.id, sentB.legalReview!.id],
      ['leader', sentA.legalReview!.id, sentB.legalReview!.id],
    ];
    for (const [who, ofA, ofB] of expected) {
      expect({ who, a: await sees(who, a.id), b: await sees(who, b.id) }).toEqual({ who, a: ofA, b: ofB });
    }
    // A colleague's or another branch's contract cannot be sent: the same answer as a random id.
    for (const [who, id] of [
      ['rep2A', a.id],
      ['managerB', a.id],
      ['repA', randomUUID()],
    ] as const) {
      const p = f.problem(
        await f.call(who, `mutation($id: ID!) { moveContractToLegalReview(id: $id) { id } }`, { id }),
      );
      expect({ who, code: p.code }).toEqual({ who, code: 'NOT_FOUND' });
    }
    // Branch B's reviewer decides branch B's review.
    expect((await f.decide('legalB', sentB.legalReview, 'approve')).body.errors).toBeUndefined();
    expect((await f.get('repB', b.id))!.state).toBe('NEGOTIATION');
  });
});
