import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CONTRACT, SIGNATORIES, useContractFixture, type Contract, type Who } from './contract-fixture.js';

/**
 * The risk register before signing (DOMAIN.md section 4): risks identified per contract, scored on
 * probability and impact, prioritised (risk-priority.ts), each with a response; signing waits while a
 * HIGH risk has none. Visibility follows the contract's, across two branches and head office.
 */
describe('contract risk register', () => {
  const f = useContractFixture();

  const RISK = `id contractId description category probability impact score priority mitigation responseOwnerId
    responseDueOn answered createdById responseOwner { id }`;
  interface Risk {
    id: string;
    contractId: string;
    description: string;
    category: string;
    probability: number;
    impact: number;
    score: number;
    priority: string;
    mitigation: string | null;
    responseOwnerId: string | null;
    responseDueOn: string | null;
    answered: boolean;
    createdById: string;
    responseOwner: { id: string } | null;
  }
  const ADD = `mutation($in: AddContractRiskInput!) { addContractRisk(input: $in) { ${RISK} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateContractRiskInput!) { updateContractRisk(id: $id, input: $in) { ${RISK} } }`;
  const REMOVE = `mutation($id: ID!) { removeContractRisk(id: $id) { id } }`;
  const LIST = `query($id: ID!) { contractRisks(contractId: $id) { ${RISK} } }`;
  const SIGN = `mutation($id: ID!, $in: SignContractInput!) { signContract(id: $id, input: $in) { ${CONTRACT} } }`;

  const add = async (who: Who, contractId: string, input: Record<string, unknown>) =>
    (
      await f.ok<{ addContractRisk: Risk }>(who, ADD, {
        in: { contractId, description: 'Late delivery', category: 'DELIVERY', probability: 2, impact: 2, ...input },
      })
    ).addContractRisk;
  const list = async (who: Who, id: string) => (await f.ok<{ contractRisks: Risk[] }>(who, LIST, { id })).contractRisks;

  it('risks are scored and listed by priority; signing waits while a HIGH risk has no response', async () => {
    const c = await f.toApproved('repA');
    const response = { mitigation: 'Second supplier on standby', ownerId: f.u.repA.id, dueOn: '2027-01-15' };
    const low = await add('repA', c.id, {
      description: 'Minor spec change',
      category: 'TECHNICAL',
      probability: 1,
      impact: 2,
    });
    const severe = await add('repA', c.id, {
      description: 'Customer insolvency',
      category: 'FINANCIAL',
      probability: 1,
      impact: 5,
      response: { ...response, mitigation: 'Letter of credit' },
    });
    const medium = await add('legalA', c.id, {
      description: 'Jurisdiction clause',
      category: 'LEGAL',
      probability: 3,
      impact: 3,
    });
    const high = await add('repA', c.id, {
      description: 'Port strike',
      category: 'DELIVERY',
      probability: 5,
      impact: 4,
    });
    expect([low, severe, medium, high].map((r) => [r.score, r.priority, r.answered])).toEqual([
      [2, 'LOW', false],
      [5, 'HIGH', true],
      [9, 'MEDIUM', false],
      [20, 'HIGH', false],
    ]);
    expect(severe).toMatchObject({
      mitigation: 'Letter of credit',
      responseOwner: { id: f.u.repA.id },
      responseDueOn: '2027-01-15',
    });
    expect((await list('managerA', c.id)).map((r) => r.description)).toEqual([
      'Port strike',
      'Customer insolvency',
      'Jurisdiction clause',
      'Minor spec change',
    ]);

    const counters = async () =>
      (await f.owner.query('SELECT year, last FROM contract_number_counters ORDER BY 1')).rows;
    const before = await counters();
    const sign = () => f.call('managerA', SIGN, { id: c.id, in: { signedOn: f.today, signatories: SIGNATORIES } });
    const refused = f.problem(await sign());
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.message).toContain('1 HIGH risk has no response ("Port strike")');
    // Rescoring the LOW one to impact 5 makes it HIGH too.
    await f.ok('repA', UPDATE, { id: low.id, in: { impact: 5 } });
    expect(f.problem(await sign()).message).toContain('2 HIGH risks have no response');
    expect(await counters()).toEqual(before);
    expect((await f.get('managerA', c.id))!).toMatchObject({ state: 'APPROVED', number: null });

    const answered = (
      await f.ok<{ updateContractRisk: Risk }>('repA', UPDATE, {
        id: high.id,
        in: { response: { ...response, ownerId: f.u.clerkA.id } },
      })
    ).updateContractRisk;
    expect(answered).toMatchObject({ answered: true, responseOwnerId: f.u.clerkA.id, priority: 'HIGH' });
    await f.ok('managerA', UPDATE, { id: low.id, in: { probability: 1, impact: 1 } });
    const signed = (
      await f.ok<{ signContract: Contract }>('managerA', SIGN, {
        id: c.id,
        in: { signedOn: f.today, signatories: SIGNATORIES },
      })
    ).signContract;
    expect(signed.state).toBe('SIGNED');
    // Each change is on the contract's timeline and in the audit log.
    expect(
      signed.timeline.filter((e) => e.action.startsWith('RISK_')).map((e) => [e.action, e.actorId, e.note]),
    ).toEqual([
      ['RISK_IDENTIFIED', f.u.repA.id, 'LOW (2): Minor spec change'],
      ['RISK_IDENTIFIED', f.u.repA.id, 'HIGH (5): Customer insolvency'],
      ['RISK_IDENTIFIED', f.u.legalA.id, 'MEDIUM (9): Jurisdiction clause'],
      ['RISK_IDENTIFIED', f.u.repA.id, 'HIGH (20): Port strike'],
      ['RISK_UPDATED', f.u.repA.id, 'HIGH (5): Minor spec change'],
      ['RISK_ANSWERED', f.u.repA.id, 'HIGH (20): Port strike'],
      ['RISK_UPDATED', f.u.managerA.id, 'LOW (1): Minor spec change'],
    ]);
    const audit = await f.owner.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE entity = 'contract_risk' AND entity_id = ANY($1::uuid[])
       GROUP BY action ORDER BY action`,
      [[low.id, severe.id, medium.id, high.id]],
    );
    expect(audit.rows).toEqual([
      { action: 'risk_answered', n: 1 },
      { action: 'risk_identified', n: 4 },
      { action: 'risk_updated', n: 2 },
    ]);
  });

  it('bad input is refused naming the field, and changes nothing', async () => {
    const c = await f.create('repA');
    const r = await add('repA', c.id, {});
    const count = async () =>
      (
        await f.owner.query(
          `SELECT (SELECT count(*) FROM contract_risks)::int + (SELECT count(*) FROM contract_events)::int
             + (SELECT count(*) FROM audit_log)::int AS n, (SELECT jsonb_agg(r ORDER BY id) FROM contract_risks r)::text AS rows`,
        )
      ).rows[0];
    const before = await count();
    const base = { contractId: c.id, description: 'Risk', category: 'OTHER', probability: 2, impact: 2 };
    const bad: [Record<string, unknown>, string, string[]][] = [
      [{ probability: 0 }, 'BAD_USER_INPUT', ['probability']],
      [{ probability: 6 }, 'BAD_USER_INPUT', ['probability']],
      [{ impact: -1 }, 'BAD_USER_INPUT', ['impact']],
      [{ description: '   ' }, 'BAD_USER_INPUT', ['description']],
      [{ description: 'x'.repeat(2001) }, 'BAD_USER_INPUT', ['description']],
      [
        { response: { mitigation: 'm', ownerId: f.u.repB.id, dueOn: '2027-01-01' } },
        'BAD_USER_INPUT',
        ['response.ownerId'],
      ],
      [
        { response: { mitigation: 'm', ownerId: randomUUID(), dueOn: '2027-01-01' } },
        'BAD_USER_INPUT',
        ['response.ownerId'],
      ],
      [
        { response: { mitigation: ' ', ownerId: f.u.repA.id, dueOn: '2027-01-01' } },
        'BAD_USER_INPUT',
        ['response.mitigation'],
      ],
      [{ contractId: randomUUID() }, 'NOT_FOUND', []],
    ];
    for (const [change, code, fields] of bad) {
      const p = f.problem(await f.call('repA', ADD, { in: { ...base, ...change } }));
      expect({ change: Object.keys(change), code: p.code, fields: p.fields }).toEqual({
        change: Object.keys(change),
        code,
        fields,
      });
    }
    const badUpdate: [Record<string, unknown>, string[]][] = [
      [{}, ['input']],
      [{ impact: 9 }, ['impact']],
      [{ response: { mitigation: 'm', ownerId: f.u.managerB.id, dueOn: '2027-01-01' } }, ['response.ownerId']],
    ];
    for (const [change, fields] of badUpdate) {
      const p = f.problem(await f.call('repA', UPDATE, { id: r.id, in: change }));
      expect({ change, code: p.code, fields: p.fields }).toEqual({ change, code: 'BAD_USER_INPUT', fields });
    }
    expect(await count()).toEqual(before);
    // A closed contract's register no longer changes.
    await f.owner.query(`UPDATE contracts SET state = 'TERMINATED' WHERE id = $1`, [c.id]);
    expect(f.problem(await f.call('repA', ADD, { in: base })).code).toBe('INVALID_STATE');
    expect(f.problem(await f.call('repA', UPDATE, { id: r.id, in: { impact: 3 } })).code).toBe('INVALID_STATE');
    expect(f.problem(await f.call('repA', REMOVE, { id: r.id })).code).toBe('INVALID_STATE');
    expect(await count()).toEqual(before);
  });

  it('who sees and changes a register: the rep their own, the branch its own, head office every branch', async () => {
    const a = await f.create('repA');
    const b = await f.create('repB');
    const ra = await add('repA', a.id, { description: 'A risk' });
    const rb = await add('repB', b.id, { description: 'B risk' });
    const snapshot = async () =>
      (await f.owner.query(`SELECT jsonb_agg(r ORDER BY id)::text AS x FROM contract_risks r`)).rows[0].x as string;
    const before = await snapshot();
    // Reading: NOT_FOUND for a contract one may not see, exactly as for a random id.
    const reads: [Who, string, string[] | 'NOT_FOUND'][] = [
      ['repA', a.id, ['A risk']],
      ['rep2A', a.id, 'NOT_FOUND'],
      ['managerA', a.id, ['A risk']],
      ['legalA', a.id, ['A risk']],
      ['financeA', a.id, ['A risk']],
      ['managerB', a.id, 'NOT_FOUND'],
      ['legalB', a.id, 'NOT_FOUND'],
      ['repB', b.id, ['B risk']],
      ['managerA', b.id, 'NOT_FOUND'],
      ['admin', a.id, ['A risk']],
      ['admin', b.id, ['B risk']],
      ['leader', b.id, ['B risk']],
      ['repA', randomUUID(), 'NOT_FOUND'],
    ];
    for (const [who, id, want] of reads) {
      const r = await f.call<{ contractRisks: Risk[] }>(who, LIST, { id });
      const got = r.body.errors ? f.problem(r).code : r.body.data!.contractRisks.map((x) => x.description);
      expect({ who, id, got }).toEqual({ who, id, got: want });
    }
    // Writing: the same wall; finance reads but does not write; legal may record risks.
    const writes: [Who, string, string][] = [
      ['rep2A', ra.id, 'NOT_FOUND'],
      ['managerB', ra.id, 'NOT_FOUND'],
      ['repB', ra.id, 'NOT_FOUND'],
      ['managerA', rb.id, 'NOT_FOUND'],
      ['repA', randomUUID(), 'NOT_FOUND'],
      ['financeA', ra.id, 'FORBIDDEN'],
    ];
    for (const [who, id, code] of writes) {
      for (const [doc, vars] of [
        [UPDATE, { id, in: { impact: 4 } }],
        [REMOVE, { id }],
      ] as const) {
        const p = f.problem(await f.call(who, doc, vars));
        expect({ who, doc: doc.slice(0, 30), code: p.code }).toEqual({ who, doc: doc.slice(0, 30), code });
      }
    }
    for (const [who, contractId, code] of [
      ['rep2A', a.id, 'NOT_FOUND'],
      ['managerB', a.id, 'NOT_FOUND'],
      ['financeA', a.id, 'FORBIDDEN'],
    ] as const) {
      const p = f.problem(
        await f.call(who, ADD, { in: { contractId, description: 'x', category: 'OTHER', probability: 1, impact: 1 } }),
      );
      expect({ who, code: p.code }).toEqual({ who, code });
    }
    expect(await snapshot()).toBe(before);
    // The branch manager, legal and head office change what they see; removing leaves a timeline entry.
    await f.ok('managerA', UPDATE, { id: ra.id, in: { probability: 4 } });
    await f.ok('legalA', UPDATE, { id: ra.id, in: { category: 'LEGAL' } });
    await f.ok('admin', UPDATE, { id: rb.id, in: { impact: 3 } });
    expect(await list('repA', a.id)).toMatchObject([{ probability: 4, category: 'LEGAL', priority: 'MEDIUM' }]);
    await f.ok('repB', REMOVE, { id: rb.id });
    expect(await list('admin', b.id)).toEqual([]);
    expect((await f.get('repB', b.id))!.timeline.at(-1)).toMatchObject({
      action: 'RISK_REMOVED',
      actorId: f.u.repB.id,
    });
  });
});
