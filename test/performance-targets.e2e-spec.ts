import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addPerson, useFixture, type TestUser } from '@app/testing';

/**
 * KPI targets end to end: head office sets a branch's target per KPI and period, the branch manager splits it over
 * people and can never split more than the target (also when splits race), attainment = actual from the rollups /
 * target as an exact decimal, ranked, per branch and per person, with who sees what and the statement count.
 */

interface Line {
  rank: number;
  branchId: string;
  personId: string | null;
  actual: string;
  target: string | null;
  allocated: string | null;
  attainment: string | null;
  currency: string | null;
}

const SET = `mutation($in: SetKpiTargetInput!) { setKpiTarget(input: $in) {
  id branchId kpi measure periodKind periodStart target setBy branch { id } } }`;
const SPLIT = `mutation($in: SplitKpiTargetInput!) { splitKpiTarget(input: $in) {
  id branchId targetId personId target person { id } } }`;
const ATTAIN = `query($in: KpiAttainmentInput!) { kpiAttainment(input: $in) {
  rank branchId personId name kpi measure period periodKind actual target allocated attainment currency
  branch { id } person { id } } }`;

describe('KPI targets and attainment', () => {
  const f = useFixture();
  const { ok, call, refused } = f;
  const extra: TestUser[] = [];

  const snapshot = async () =>
    (
      await f.owner.query<{ t: string }>(
        `SELECT coalesce(string_agg(x, ';' ORDER BY x), '') AS t FROM (
           SELECT to_jsonb(t)::text AS x FROM kpi_targets t UNION ALL SELECT to_jsonb(s)::text FROM kpi_target_splits s
           UNION ALL SELECT to_jsonb(a)::text FROM audit_log a WHERE a.entity LIKE 'kpiTarget%') z`,
      )
    ).rows[0].t;
  const setTarget = (input: Record<string, unknown>, who = 'admin') =>
    ok<{ setKpiTarget: { id: string; target: string } }>(who, SET, { in: { kpi: 'CONTRACTS_SIGNED', ...input } });
  const split = (input: Record<string, unknown>, who = 'managerA') =>
    call<{ splitKpiTarget: { target: string } }>(who, SPLIT, { in: { kpi: 'CONTRACTS_SIGNED', ...input } });
  const attainment = async (who: string, input: Record<string, unknown>) =>
    (await ok<{ kpiAttainment: Line[] }>(who, ATTAIN, { in: { kpi: 'CONTRACTS_SIGNED', ...input } })).kpiAttainment;
  const rollup = (branch: string, person: string, periodStart: string, count: number, amount: string) =>
    f.owner.query(
      `INSERT INTO kpi_rollups (branch_id, kpi, period_kind, period_start, person_id, count, amount)
       VALUES ($1, 'CONTRACTS_SIGNED', 'MONTH', $3, $2, $4, $5)`,
      [branch, person, periodStart, count, amount],
    );

  beforeAll(async () => {
    for (let i = 0; i < 6; i++) extra.push(await addPerson(f.owner, f.org, `Target Rep ${i}`, f.org.a, 'SALES_REP'));
  });

  it('head office sets a branch target, changes it (audited); others may not; bad input is refused naming the field', async () => {
    const { a } = f.org;
    const set = await setTarget({ branchId: a.id, period: '2026-10', target: '10000.50' });
    expect(set.setKpiTarget).toMatchObject({ target: '10000.50' });
    const again = await setTarget({ branchId: a.id, period: '2026-10', target: '12000' });
    expect(again.setKpiTarget).toMatchObject({ id: set.setKpiTarget.id, target: '12000.00' });
    const audit = await f.owner.query(
      `SELECT action, before->>'target' AS b, after->>'target' AS a FROM audit_log
       WHERE entity = 'kpiTarget' AND entity_id = $1 ORDER BY created_at, action`,
      [set.setKpiTarget.id],
    );
    expect(audit.rows).toEqual([
      { action: 'created', b: null, a: '10000.50' },
      { action: 'updated', b: '10000.50', a: '12000.00' },
    ]);
    const counts = await setTarget({ branchId: a.id, kpi: 'NEW_CUSTOMERS', period: '2026-Q4', target: '30' });
    expect(counts.setKpiTarget).toMatchObject({ target: '30.00' });

    const before = await snapshot();
    const base = { kpi: 'CONTRACTS_SIGNED', branchId: a.id, period: '2026-10', target: '1.00' };
    for (const who of ['managerA', 'repA', 'financeA']) {
      expect({ who, code: (await refused(who, SET, { in: base })).code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    const bad: [Record<string, unknown>, string][] = [
      [{ period: '2026-12-07' }, 'period'],
      [{ period: '2026-W49' }, 'period'],
      [{ period: '2026-13' }, 'period'],
      [{ target: '0' }, 'target'],
      [{ target: '-5' }, 'target'],
      [{ target: '1.234' }, 'target'],
      [{ target: '1e5' }, 'target'],
      [{ kpi: 'NEW_CUSTOMERS', target: '2.5' }, 'target'],
      [{ kpi: 'NEW_CUSTOMERS', measure: 'AMOUNT' }, 'measure'],
      [{ branchId: undefined }, 'branchId'],
    ];
    for (const [patch, field] of bad) {
      const p = await refused('admin', SET, { in: { ...base, ...patch } });
      expect({ patch, p: { code: p.code, fields: p.fields } }).toEqual({
        patch,
        p: { code: 'BAD_USER_INPUT', fields: [field] },
      });
    }
    expect(await snapshot()).toBe(before);
  });

  it('the manager splits the target over people; never beyond it, nor to a stranger, nor a target never set', async () => {
    const { a, b } = f.org;
    const { repA, rep2A, repB } = f.org.users;
    await setTarget({ branchId: a.id, period: '2026-09', target: '1000' });
    const first = await split({ period: '2026-09', personId: repA.id, target: '600' });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.splitKpiTarget).toMatchObject({ target: '600.00' });
    expect((await split({ period: '2026-09', personId: rep2A.id, target: '400' })).body.errors).toBeUndefined();
    const before = await snapshot();
    const over = await refused('managerA', SPLIT, {
      in: { kpi: 'CONTRACTS_SIGNED', period: '2026-09', personId: extra[0].id, target: '0.01' },
    });
    expect(over).toMatchObject({ code: 'CONFLICT' });
    expect(over.message).toContain('0.00 is left');
    // Head office cannot lower the target below what is split.
    const lower = await refused('admin', SET, {
      in: { kpi: 'CONTRACTS_SIGNED', branchId: a.id, period: '2026-09', target: '999.99' },
    });
    expect(lower.code).toBe('CONFLICT');
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['managerA', { period: '2026-09', personId: repB.id, target: '1' }, 'BAD_USER_INPUT', ['personId']],
      ['managerA', { period: '2026-09', personId: randomUUID(), target: '1' }, 'BAD_USER_INPUT', ['personId']],
      ['managerA', { period: '2026-08', personId: repA.id, target: '1' }, 'NOT_FOUND', []],
      ['managerA', { period: '2026-09', personId: repA.id, target: '-1' }, 'BAD_USER_INPUT', ['target']],
      ['managerA', { period: '2026-09', branchId: b.id, personId: repB.id, target: '1' }, 'FORBIDDEN', []],
      ['managerB', { period: '2026-09', personId: repA.id, target: '1' }, 'BAD_USER_INPUT', ['personId']],
      ['repA', { period: '2026-09', personId: repA.id, target: '1' }, 'FORBIDDEN', []],
      ['admin', { period: '2026-09', personId: repA.id, target: '1' }, 'BAD_USER_INPUT', ['branchId']],
    ];
    for (const [who, input, code, fields] of cases) {
      const p = await refused(who, SPLIT, { in: { kpi: 'CONTRACTS_SIGNED', ...input } });
      expect({ who, input, code: p.code, fields: p.fields }).toEqual({ who, input, code, fields });
    }
    expect(await snapshot()).toBe(before);
    // Moving a share: lower one person's, then another's fits; head office acts for the branch by naming it.
    expect((await split({ period: '2026-09', personId: repA.id, target: '500' })).body.errors).toBeUndefined();
    const moved = await split({ period: '2026-09', branchId: a.id, personId: extra[0].id, target: '100' }, 'admin');
    expect(moved.body.errors).toBeUndefined();
    const rows = await f.owner.query(
      `SELECT action FROM audit_log WHERE entity = 'kpiTargetSplit' AND branch_id = $1 ORDER BY created_at`,
      [a.id],
    );
    expect(rows.rows.map((r) => r.action)).toEqual(['created', 'created', 'updated', 'created']);
  });

  it('concurrent splits of one target never exceed it: the target row is locked', async () => {
    const { a } = f.org;
    await setTarget({ branchId: a.id, period: '2026-07', target: '100' });
    const results = await Promise.all(extra.map((p) => split({ period: '2026-07', personId: p.id, target: '30' })));
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK', 'OK', 'OK']);
    const sum = await f.owner.query(
      `SELECT sum(s.target)::text AS total FROM kpi_target_splits s JOIN kpi_targets t
         ON t.branch_id = s.branch_id AND t.id = s.target_id WHERE t.branch_id = $1 AND t.period_start = '2026-07-01'`,
      [a.id],
    );
    expect(sum.rows[0].total).toBe('90.00');
  });

  it('property: any sequence of shares, one by one or racing, keeps their sum within the target', async () => {
    const { a } = f.org;
    let run = 0;
    const share = fc.record({ person: fc.nat({ max: extra.length - 1 }), cents: fc.integer({ min: 0, max: 60_000 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(share, { minLength: 1, maxLength: 8 }),
        fc.array(share, { minLength: 2, maxLength: 6 }),
        async (targetCents, sequential, racing) => {
          // A fresh year per run: 2101, 2102, ... (no rows of an earlier run).
          const period = String(2100 + ++run);
          const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
          await setTarget({ branchId: a.id, period, target: money(targetCents) });
          const model = new Map<number, number>();
          for (const s of sequential) {
            const others = [...model].filter(([p]) => p !== s.person).reduce((t, [, c]) => t + c, 0);
            const fits = others + s.cents <= targetCents;
            const r = await split({ period, personId: extra[s.person].id, target: money(s.cents) });
            expect({ s, code: r.body.errors?.[0]?.extensions?.code ?? 'OK' }).toEqual({
              s,
              code: fits ? 'OK' : 'CONFLICT',
            });
            if (fits) model.set(s.person, s.cents);
          }
          const totalOf = async () =>
            (
              await f.owner.query<{ total: string }>(
                `SELECT coalesce(sum(s.target), 0)::numeric(18, 2)::text AS total FROM kpi_target_splits s JOIN kpi_targets t
                   ON t.branch_id = s.branch_id AND t.id = s.target_id
                 WHERE t.branch_id = $1 AND t.period_kind = 'YEAR' AND t.period_start = $2`,
                [a.id, `${period}-01-01`],
              )
            ).rows[0].total;
          expect(await totalOf()).toBe(money([...model.values()].reduce((t, c) => t + c, 0)));
          const raced = await Promise.all(
            racing.map((s) => split({ period, personId: extra[s.person].id, target: money(s.cents) })),
          );
          for (const r of raced) expect(['OK', 'CONFLICT']).toContain(r.body.errors?.[0]?.extensions?.code ?? 'OK');
          const total = await totalOf();
          expect(Math.round(Number(total) * 100)).toBeLessThanOrEqual(targetCents);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('attainment per branch and per person, exact and ranked; null without a target; who sees what', async () => {
    const { a, b } = f.org;
    const { repA, rep2A, repB } = f.org.users;
    const start = '2026-06-01';
    await setTarget({ branchId: a.id, period: '2026-06', target: '2000' });
    await split({ period: '2026-06', personId: repA.id, target: '1200' });
    await split({ period: '2026-06', personId: rep2A.id, target: '300' });
    await rollup(a.id, repA.id, start, 2, '1000.00');
    await rollup(a.id, rep2A.id, start, 1, '333.33');
    await rollup(b.id, repB.id, start, 5, '9999.00');

    const branches = await attainment('admin', { period: '2026-06' });
    expect(
      branches.map((l) => [l.branchId, l.rank, l.actual, l.target, l.allocated, l.attainment, l.currency]),
    ).toEqual([
      [a.id, 1, '1333.33', '2000.00', '1500.00', '0.6667', 'CNY'],
      [b.id, 2, '9999.00', null, null, null, 'CNY'],
    ]);
    // A target for B puts it first.
    await setTarget({ branchId: b.id, period: '2026-06', target: '9000' });
    expect((await attainment('admin', { period: '2026-06' })).map((l) => [l.branchId, l.attainment])).toEqual([
      [b.id, '1.1110'],
      [a.id, '0.6667'],
    ]);
    const people = await attainment('managerA', { period: '2026-06', by: 'PERSON' });
    const byPerson = new Map(people.map((l) => [l.personId, l]));
    expect(byPerson.get(rep2A.id)).toMatchObject({ rank: 1, actual: '333.33', target: '300.00', attainment: '1.1111' });
    expect(byPerson.get(repA.id)).toMatchObject({
      rank: 2,
      actual: '1000.00',
      target: '1200.00',
      attainment: '0.8333',
    });
    expect(byPerson.get(extra[0].id)).toMatchObject({ target: null, attainment: null, actual: '0.00' });
    expect(people.every((l) => l.branchId === a.id)).toBe(true);
    // The people's actuals add up to the branch's.
    const cents = people.reduce((t, l) => t + Math.round(Number(l.actual) * 100), 0);
    expect(cents).toBe(133333);

    const own = await attainment('repA', { period: '2026-06', by: 'PERSON' });
    expect(own.map((l) => [l.personId, l.target, l.attainment])).toEqual([[repA.id, '1200.00', '0.8333']]);
    expect((await refused('repA', ATTAIN, { in: { kpi: 'CONTRACTS_SIGNED', period: '2026-06' } })).code).toBe(
      'FORBIDDEN',
    );
    expect((await attainment('managerA', { period: '2026-06' })).map((l) => l.branchId)).toEqual([a.id]);
    expect(await attainment('managerA', { period: '2026-06', branchId: b.id })).toEqual([]);
    // Counts are whole numbers and carry no currency.
    const counts = await attainment('admin', { period: '2026-06', measure: 'COUNT', branchId: a.id });
    expect(counts).toEqual([expect.objectContaining({ actual: '3', target: null, currency: null })]);
    const bad = await refused('admin', ATTAIN, { in: { kpi: 'CONTRACTS_SIGNED', period: '2026-W20' } });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['period'] });
  });

  it('answers in the same number of statements for one branch or all, and for 2 or 8 people', async () => {
    const statements = async (input: Record<string, unknown>) => {
      const r = await call('admin', ATTAIN, { in: { kpi: 'CONTRACTS_SIGNED', period: '2026-05', ...input } });
      expect(r.body.errors).toBeUndefined();
      return Number(r.headers.get('x-sql-statements'));
    };
    await setTarget({ branchId: f.org.a.id, period: '2026-05', target: '500' });
    const one = await statements({ branchId: f.org.a.id });
    expect(await statements({})).toBe(one);
    const people = await statements({ by: 'PERSON' });
    for (const p of extra) await rollup(f.org.a.id, p.id, '2026-05-01', 1, '10.00');
    for (const p of extra.slice(0, 3)) await split({ period: '2026-05', personId: p.id, target: '50' });
    expect(await statements({ by: 'PERSON' })).toBe(people);
  });
});
