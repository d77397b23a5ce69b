import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CONTRACT, SIGNATORIES, useContractFixture, type Contract, type Who } from './contract-fixture.js';

/**
 * Special terms, non-standard prices and special fees need their own prior approval (DOMAIN.md
 * section 4): a SPECIAL_TERMS request through the approval engine, APPROVED on the current content,
 * before the contract is signed; changing that content voids it.
 */
describe('special terms of contracts', () => {
  const f = useContractFixture();

  const SIGN = `mutation($id: ID!, $in: SignContractInput!) { signContract(id: $id, input: $in) { ${CONTRACT} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateContractInput!) { updateContract(id: $id, input: $in) { ${CONTRACT} } }`;
  const SUBMIT = 'submitSpecialTermsForApproval';
  const sign = (id: string) => f.call('managerA', SIGN, { id, in: { signedOn: f.today, signatories: SIGNATORIES } });
  const counters = async () =>
    (await f.owner.query('SELECT year, last FROM contract_number_counters ORDER BY branch_id, year')).rows;

  it('carrying any, a contract is signed only after its SPECIAL_TERMS approval; the refusal says what is missing and changes nothing', async () => {
    const c = await f.toApproved('repA', {
      nonStandardPrice: '12 % below list, volume commitment',
      specialFees: [{ description: 'Rush delivery', amount: '1500.5' }],
    });
    expect(c).toMatchObject({
      carriesSpecialTerms: true,
      nonStandardPrice: '12 % below list, volume commitment',
      specialFees: [{ description: 'Rush delivery', amount: '1500.50' }],
      specialTermsApproval: null,
    });
    const before = await counters();
    const none = f.problem(await sign(c.id));
    expect(none.code).toBe('INVALID_STATE');
    expect(none.message).toContain('non-standard price and 1 special fee have no SPECIAL_TERMS approval');
    expect(none.message).toContain('submitSpecialTermsForApproval');

    const submitted = await f.step('repA', SUBMIT, c.id);
    expect(submitted.specialTermsApproval).toMatchObject({
      status: 'PENDING',
      subjectType: 'SPECIAL_TERMS',
      steps: [{ name: 'Branch manager', status: 'PENDING' }],
    });
    expect(f.problem(await f.call('repA', `mutation($id: ID!) { ${SUBMIT}(id: $id) { id } }`, { id: c.id })).code).toBe(
      'CONFLICT',
    );
    const pending = f.problem(await sign(c.id));
    expect(pending).toMatchObject({ code: 'INVALID_STATE' });
    expect(pending.message).toContain('still waiting for SPECIAL_TERMS approval');

    expect(
      (await f.decide('managerA', submitted.specialTermsApproval, 'return', 'Fee too high')).body.errors,
    ).toBeUndefined();
    const returned = f.problem(await sign(c.id));
    expect(returned.message).toContain('(the last request was returned)');
    expect(await counters()).toEqual(before);
    expect((await f.get('managerA', c.id))!).toMatchObject({ state: 'APPROVED', number: null });

    const again = await f.step('repA', SUBMIT, c.id);
    expect(again.specialTermsApproval!.id).not.toBe(submitted.specialTermsApproval!.id);
    expect(
      (await f.decide('managerA', again.specialTermsApproval, 'approve', 'Volume justifies it')).body.errors,
    ).toBeUndefined();
    const signed = (
      await f.ok<{ signContract: Contract }>('managerA', SIGN, {
        id: c.id,
        in: { signedOn: f.today, signatories: SIGNATORIES },
      })
    ).signContract;
    expect(signed).toMatchObject({ state: 'SIGNED', signedOn: f.today });
    expect(
      signed.timeline.map((e) => [e.action, e.actorId, e.note]).filter(([a]) => String(a).startsWith('SPECIAL')),
    ).toEqual([
      ['SPECIAL_TERMS_SUBMITTED', f.u.repA.id, 'non-standard price and 1 special fee'],
      ['SPECIAL_TERMS_RETURNED', f.u.managerA.id, 'Special terms returned: Fee too high'],
      ['SPECIAL_TERMS_SUBMITTED', f.u.repA.id, 'non-standard price and 1 special fee'],
      ['SPECIAL_TERMS_APPROVED', f.u.managerA.id, 'Special terms approved: Volume justifies it'],
    ]);
    const audit = await f.owner.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'contract' AND entity_id = $1 AND action LIKE 'special_terms%'`,
      [c.id],
    );
    expect(audit.rows[0].n).toBe(4);
  });

  it('a contract without special content signs without it; there is nothing to submit', async () => {
    const c = await f.toApproved('repA');
    expect(c.carriesSpecialTerms).toBe(false);
    const p = f.problem(await f.call('repA', `mutation($id: ID!) { ${SUBMIT}(id: $id) { id } }`, { id: c.id }));
    expect(p.code).toBe('INVALID_STATE');
    expect(p.message).toContain('nothing to approve');
    expect((await sign(c.id)).body.errors).toBeUndefined();
    // Past signing, special terms are amendments: no separate request.
    await f.owner.query(`UPDATE contracts SET special_terms = 'Late clause' WHERE id = $1`, [c.id]);
    expect(f.problem(await f.call('repA', `mutation($id: ID!) { ${SUBMIT}(id: $id) { id } }`, { id: c.id })).code).toBe(
      'INVALID_STATE',
    );
  });

  it('changing the special content voids the approval; while it is pending the content is frozen', async () => {
    const c = await f.toNegotiation('repA', { specialTerms: 'Payment 60 days after delivery' });
    const sent = await f.step('repA', SUBMIT, c.id);
    const frozen = f.problem(await f.call('repA', UPDATE, { id: c.id, in: { specialTerms: 'Payment 90 days' } }));
    expect(frozen.code).toBe('INVALID_STATE');
    expect(frozen.message).toContain('withdraw that request');
    expect((await f.get('repA', c.id))!).toMatchObject({
      specialTerms: 'Payment 60 days after delivery',
      state: 'NEGOTIATION',
    });
    await f.decide('managerA', sent.specialTermsApproval, 'approve');
    // A title is not special content: the approval stands.
    const renamed = (
      await f.ok<{ updateContract: Contract }>('repA', UPDATE, { id: c.id, in: { title: 'Pumps 2027' } })
    ).updateContract;
    expect(renamed.specialTermsRequestId).toBe(sent.specialTermsApproval!.id);
    const changed = (
      await f.ok<{ updateContract: Contract }>('repA', UPDATE, {
        id: c.id,
        in: { specialFees: [{ description: 'Installation', amount: '800' }] },
      })
    ).updateContract;
    expect(changed).toMatchObject({ specialTermsRequestId: null, specialTermsApproval: null, state: 'DRAFT' });
    // Through legal and internal approval again: the old approval does not open signing.
    const sentAgain = await f.step('repA', 'moveContractToLegalReview', c.id);
    await f.decide('legalA', sentAgain.legalReview, 'approve');
    const submitted = await f.step('repA', 'submitContractForApproval', c.id);
    await f.decide('managerA', submitted.approvalRequest, 'approve');
    const p = f.problem(await sign(c.id));
    expect(p.code).toBe('INVALID_STATE');
    expect(p.message).toContain('special terms and 1 special fee have no SPECIAL_TERMS approval');
    // Removing all special content makes it a standard contract: signing no longer waits for it.
    const plain = await f.toNegotiation('repA', { specialTerms: 'x', nonStandardPrice: 'y' });
    const cleared = (
      await f.ok<{ updateContract: Contract }>('repA', UPDATE, {
        id: plain.id,
        in: { specialTerms: '', nonStandardPrice: '  ', specialFees: [] },
      })
    ).updateContract;
    expect(cleared).toMatchObject({
      carriesSpecialTerms: false,
      specialTerms: null,
      nonStandardPrice: null,
      specialFees: [],
    });
  });

  it('the built-in policy: the branch manager, and leadership above 500,000', async () => {
    const small = await f.toNegotiation('repA', { amount: '500000.00', specialTerms: 'Extended warranty' });
    expect((await f.step('repA', SUBMIT, small.id)).specialTermsApproval!.steps.map((s) => s.name)).toEqual([
      'Branch manager',
    ]);
    const large = await f.toNegotiation('repA', { amount: '800000.00', specialTerms: 'Extended warranty' });
    const req = (await f.step('repA', SUBMIT, large.id)).specialTermsApproval!;
    expect(req.steps.map((s) => [s.name, s.status])).toEqual([
      ['Branch manager', 'PENDING'],
      ['Leadership', 'WAITING'],
    ]);
    await f.decide('managerA', req, 'approve');
    const mid = (await f.get('repA', large.id))!.specialTermsApproval!;
    expect(mid.status).toBe('PENDING');
    await f.decide('leader', mid, 'approve');
    expect((await f.get('repA', large.id))!.specialTermsApproval!.status).toBe('APPROVED');
  });

  it('bad special fees are refused naming the field; who may submit, across two branches', async () => {
    const count = async () =>
      (
        await f.owner.query(
          `SELECT (SELECT count(*) FROM contracts)::int + (SELECT count(*) FROM approval_requests)::int AS n`,
        )
      ).rows[0].n as number;
    const before = await count();
    const CREATE = `mutation($in: CreateContractInput!) { createContract(input: $in) { id } }`;
    const base = {
      customerId: f.customers.repA,
      title: 'Bad',
      amount: '100.00',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    };
    const bad: [Record<string, unknown>, string[]][] = [
      [{ specialFees: [{ description: 'Fee', amount: '-5' }] }, ['specialFees[0].amount']],
      [{ specialFees: [{ description: 'Fee', amount: '0' }] }, ['specialFees[0].amount']],
      [{ specialFees: [{ description: 'Fee', amount: '1.001' }] }, ['specialFees[0].amount']],
      [
        {
          specialFees: [
            { description: 'Ok', amount: '1' },
            { description: 'Fee', amount: '-1' },
          ],
        },
        ['specialFees[1].amount'],
      ],
      [{ specialFees: [{ description: '   ', amount: '5' }] }, ['specialFees.0.description']],
      [{ specialFees: Array.from({ length: 21 }, () => ({ description: 'Fee', amount: '5' })) }, ['specialFees']],
      [{ nonStandardPrice: 'x'.repeat(2001) }, ['nonStandardPrice']],
    ];
    for (const [change, fields] of bad) {
      const p = f.problem(await f.call('repA', CREATE, { in: { ...base, ...change } }));
      expect({ change: Object.keys(change), code: p.code, fields: p.fields }).toEqual({
        change: Object.keys(change),
        code: 'BAD_USER_INPUT',
        fields,
      });
    }
    expect(await count()).toBe(before);

    const a = await f.create('repA', { specialTerms: 'Net 60' });
    const b = await f.create('repB', { specialTerms: 'Net 60' });
    const tries: [Who, string, string | undefined][] = [
      ['rep2A', a.id, 'NOT_FOUND'],
      ['managerB', a.id, 'NOT_FOUND'],
      ['repB', a.id, 'NOT_FOUND'],
      ['repA', randomUUID(), 'NOT_FOUND'],
      ['legalA', a.id, 'FORBIDDEN'],
      ['financeA', a.id, 'FORBIDDEN'],
    ];
    for (const [who, id, code] of tries) {
      const p = f.problem(await f.call(who, `mutation($id: ID!) { ${SUBMIT}(id: $id) { id } }`, { id }));
      expect({ who, code: p.code }).toEqual({ who, code });
    }
    expect(
      await f.owner.query('SELECT 1 FROM approval_requests WHERE subject_id = ANY($1::uuid[])', [[a.id, b.id]]),
    ).toMatchObject({
      rowCount: 0,
    });
    // The branch manager and head office may submit for the branch; each branch's manager decides its own.
    const byManager = await f.step('managerA', SUBMIT, a.id);
    const byHq = await f.step('admin', SUBMIT, b.id);
    expect(byHq.specialTermsApproval).toMatchObject({ status: 'PENDING', requesterId: f.u.admin.id });
    expect(f.problem(await f.decide('managerA', byHq.specialTermsApproval, 'approve')).code).toBe('NOT_FOUND');
    expect((await f.decide('managerB', byHq.specialTermsApproval, 'approve')).body.errors).toBeUndefined();
    // Who sees the request on the contract: the rep their own, the manager their branch, head office all.
    const SEE = `query($id: ID!) { contract(id: $id) { specialTermsApproval { id } } }`;
    type Seen = { contract: { specialTermsApproval: { id: string } | null } | null };
    const seen = async (who: Who, id: string) =>
      (await f.ok<Seen>(who, SEE, { id })).contract?.specialTermsApproval?.id ?? null;
    expect(await seen('managerA', a.id)).toBe(byManager.specialTermsApproval!.id);
    expect(await seen('rep2A', a.id)).toBeNull();
    expect(await seen('managerB', a.id)).toBeNull();
    expect(await seen('admin', a.id)).toBe(byManager.specialTermsApproval!.id);
    expect(await seen('admin', b.id)).toBe(byHq.specialTermsApproval!.id);
    // The engine shows a sales rep only the requests they submitted or decide: head office submitted this one.
    expect(await seen('repB', b.id)).toBeNull();
  });
});
