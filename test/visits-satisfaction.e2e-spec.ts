import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { insertCustomer, useFixture, type GqlResponse, type TestOrg } from '@app/testing';

/**
 * Satisfaction scores per customer and quarter: one per customer and quarter (a second is a CONFLICT),
 * corrections, the own-only wall, bad input that changes nothing, and averages per branch and quarter
 * exact in SQL numeric, across branches for head office in one statement.
 */

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const today = () => shanghaiDay(Date.now());
const quarterOf = (d: string) => `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
const quarterStart = (q: string) => `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`;
const previousQuarter = (q: string) => quarterOf(shanghaiDay(Date.parse(`${quarterStart(q)}T12:00:00Z`) - 20 * DAY));
const nextQuarter = (q: string) => quarterOf(shanghaiDay(Date.parse(`${quarterStart(q)}T12:00:00Z`) + 100 * DAY));

interface Survey {
  id: string;
  branchId: string;
  customerId: string;
  period: string;
  score: number;
  method: string;
  comment: string | null;
  surveyedOn: string;
  customer: { id: string } | null;
}

interface Avg {
  branchId: string;
  period: string;
  responses: number;
  average: string;
  lowest: number;
  highest: number;
}

describe('satisfaction', () => {
  const f = useFixture();
  const { call, ok } = f;
  let owner: pg.Client;
  let org: TestOrg;
  const customersA: string[] = [];
  let customerR2: string;
  let customerB: string;
  const quarter = quarterOf(today());
  const lastQuarter = previousQuarter(quarter);

  const problem = (r: GqlResponse) => ({
    code: r.body.errors?.[0]?.extensions?.code,
    fields: r.body.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [],
    message: r.body.errors?.[0]?.message ?? '',
  });

  const SURVEY = 'id branchId customerId period score method comment surveyedOn customer { id }';
  const RECORD = `mutation($in: RecordSatisfactionInput!) { recordSatisfaction(input: $in) { ${SURVEY} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateSatisfactionInput!) { updateSatisfaction(id: $id, input: $in) { ${SURVEY} } }`;
  const LIST = `query($f: SatisfactionFilter) { satisfactionSurveys(first: 100, filter: $f) { totalCount edges { node { id } } } }`;
  const AVG = `query($f: SatisfactionAverageFilter!) { satisfactionAverages(filter: $f) {
    branchId period responses average lowest highest } }`;

  const record = async (who: string, input: Record<string, unknown>) =>
    (await ok<{ recordSatisfaction: Survey }>(who, RECORD, { in: { period: quarter, method: 'SURVEY', ...input } }))
      .recordSatisfaction;

  async function digest(): Promise<string> {
    const r = await owner.query<{ x: string }>(
      `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM satisfaction_surveys s),
         (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  beforeAll(async () => {
    owner = f.owner;
    org = f.org;
    for (let i = 0; i < 4; i++) {
      customersA.push(await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, name: `A${i}` }));
    }
    customerR2 = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.rep2A.id, name: 'R2' });
    customerB = await insertCustomer(owner, { branchId: org.b.id, ownerId: org.users.repB.id, name: 'B0' });
  });

  it('one score per customer and quarter; corrections; a rep sees the scores of their own customers', async () => {
    const s = await record('repA', { customerId: customersA[0], score: 8, comment: 'Happy with delivery' });
    expect(s).toMatchObject({
      branchId: org.a.id,
      period: quarter,
      score: 8,
      method: 'SURVEY',
      surveyedOn: today(),
      customer: { id: customersA[0] },
    });
    const before = await digest();
    const dup = problem(
      await call('repA', RECORD, {
        in: { customerId: customersA[0], period: quarter, score: 3, method: 'RETURN_VISIT' },
      }),
    );
    expect(dup).toMatchObject({ code: 'CONFLICT' });
    expect(dup.message).toMatch(/already has a satisfaction score for that quarter/);
    expect(await digest()).toBe(before);
    // The previous quarter is another period: allowed.
    await record('repA', {
      customerId: customersA[0],
      period: lastQuarter,
      score: 6,
      method: 'RETURN_VISIT',
      surveyedOn: quarterStart(quarter),
    });
    const fixed = (await ok<{ updateSatisfaction: Survey }>('repA', UPDATE, { id: s.id, in: { score: 9 } }))
      .updateSatisfaction;
    expect(fixed).toMatchObject({ score: 9, comment: 'Happy with delivery' });

    const mine = await record('rep2A', { customerId: customerR2, score: 4 });
    const seen = async (who: string, f: Record<string, unknown> = {}) =>
      (
        await ok<{ satisfactionSurveys: { edges: { node: { id: string } }[] } }>(who, LIST, { f })
      ).satisfactionSurveys.edges.map((e) => e.node.id);
    expect(await seen('repA')).toContain(s.id);
    expect(await seen('repA')).not.toContain(mine.id);
    expect(await seen('managerA')).toEqual(expect.arrayContaining([s.id, mine.id]));
    expect(await seen('managerB')).toEqual([]);
    expect(await seen('admin', { branchId: org.a.id, period: quarter })).toEqual(
      expect.arrayContaining([s.id, mine.id]),
    );
    const probe = await digest();
    expect(problem(await call('repA', UPDATE, { id: mine.id, in: { score: 1 } })).code).toBe('NOT_FOUND');
    expect(problem(await call('managerB', UPDATE, { id: mine.id, in: { score: 1 } })).code).toBe('NOT_FOUND');
    expect(
      problem(
        await call('repA', RECORD, { in: { customerId: customerR2, period: quarter, score: 5, method: 'SURVEY' } }),
      ).code,
    ).toBe('NOT_FOUND');
    expect(await digest()).toBe(probe);
  });

  it('bad input is refused with a typed error naming the field, and changes nothing', async () => {
    const before = await digest();
    const base = { customerId: customersA[1], period: quarter, score: 7, method: 'SURVEY' };
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['score 0', { ...base, score: 0 }, 'BAD_USER_INPUT', ['input.score']],
      ['score 11', { ...base, score: 11 }, 'BAD_USER_INPUT', ['input.score']],
      ['period format', { ...base, period: 'Q4-2026' }, 'BAD_USER_INPUT', ['input.period']],
      ['future quarter', { ...base, period: nextQuarter(quarter) }, 'BAD_USER_INPUT', ['period']],
      ['future day', { ...base, surveyedOn: shanghaiDay(Date.now() + 2 * DAY) }, 'BAD_USER_INPUT', ['surveyedOn']],
      [
        'before the quarter',
        { ...base, surveyedOn: shanghaiDay(Date.parse(`${quarterStart(quarter)}T12:00:00Z`) - 2 * DAY) },
        'BAD_USER_INPUT',
        ['surveyedOn'],
      ],
      ['blank comment', { ...base, comment: '  ' }, 'BAD_USER_INPUT', ['input.comment']],
      ['random customer', { ...base, customerId: randomUUID() }, 'NOT_FOUND', []],
      ['branch B customer', { ...base, customerId: customerB }, 'NOT_FOUND', []],
    ];
    for (const [label, input, code, fields] of cases) {
      const p = problem(await call('repA', RECORD, { in: input }));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(problem(await call('financeA', RECORD, { in: base })).code).toBe('FORBIDDEN');
    expect(problem(await call('admin', RECORD, { in: base })).fields).toEqual(['branchId']);
    expect(problem(await call('repA', UPDATE, { id: randomUUID(), in: {} })).fields).toEqual(['input']);
    expect(problem(await call('managerA', AVG, { f: { from: quarter, to: lastQuarter } })).fields).toEqual([
      'filter.to',
    ]);
    expect(await digest()).toBe(before);
  });

  it('averages per branch and quarter, exact, head office across branches in one statement', async () => {
    // Branch A this quarter: 9 (from above), 7, 8, 4 (rep2A's) -> 28 / 4 = 7.00; add 5 -> 33 / 5 = 6.60;
    // branch B: 10 and (a second customer) 7 -> 8.50. Last quarter in A: 6.
    await record('repA', { customerId: customersA[1], score: 7 });
    await record('repA', { customerId: customersA[2], score: 8, method: 'RETURN_VISIT' });
    await record('managerA', { customerId: customersA[3], score: 5 });
    const customerB2 = await insertCustomer(owner, { branchId: org.b.id, ownerId: org.users.repB.id, name: 'B2' });
    await record('repB', { customerId: customerB, score: 10 });
    await record('repB', { customerId: customerB2, score: 7 });
    const avg = async (who: string, f: Record<string, unknown>) => {
      const r = await call<{ satisfactionAverages: Avg[] }>(who, AVG, { f });
      expect(r.body.errors).toBeUndefined();
      return { rows: r.body.data!.satisfactionAverages, statements: Number(r.headers.get('x-sql-statements')) };
    };
    const hq = await avg('admin', { from: lastQuarter, to: quarter });
    expect(hq.rows).toEqual([
      { branchId: org.a.id, period: lastQuarter, responses: 1, average: '6.00', lowest: 6, highest: 6 },
      ...[
        { branchId: org.a.id, period: quarter, responses: 5, average: '6.60', lowest: 4, highest: 9 },
        { branchId: org.b.id, period: quarter, responses: 2, average: '8.50', lowest: 7, highest: 10 },
      ].sort((x, y) => x.branchId.localeCompare(y.branchId)),
    ]);
    // 1/3 repeats: exact to 2 decimals in numeric, never a float.
    await record('repA', {
      customerId: customersA[1],
      period: lastQuarter,
      score: 7,
      surveyedOn: quarterStart(quarter),
    });
    await record('repA', {
      customerId: customersA[2],
      period: lastQuarter,
      score: 7,
      surveyedOn: quarterStart(quarter),
    });
    const thirds = await avg('managerA', { from: lastQuarter });
    expect(thirds.rows).toEqual([
      { branchId: org.a.id, period: lastQuarter, responses: 3, average: '6.67', lowest: 6, highest: 7 },
    ]);
    expect((await avg('managerB', { from: quarter })).rows.map((r) => r.branchId)).toEqual([org.b.id]);
    expect((await avg('admin', { from: quarter, branchId: org.b.id })).rows).toHaveLength(1);
    expect(problem(await call('repA', AVG, { f: { from: quarter } })).code).toBe('FORBIDDEN');
    // One statement for the averages, however many branches and quarters: the same count for one branch.
    const one = await avg('managerA', { from: quarter });
    expect(hq.statements).toBe(one.statements);
    expect(hq.statements).toBeLessThanOrEqual(3);
  });
});
