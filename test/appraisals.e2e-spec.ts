import { describe, expect, it } from '@jest/globals';
import { useFixture } from '@app/testing';
import { AppraisalJobs } from '../src/modules/performance/appraisal.jobs.js';

/**
 * Appraisals end to end: the worker opens last month's and last year's cycles in every branch (once, with two
 * workers racing), one appraisal per person; self-assessment → the head's scores (head office for a branch
 * manager) → HR's check with the outcome → leadership's approval in the engine. Weights per branch, exact.
 * A person sees their own, the manager and HR the branch's, another branch nothing. Refusals change nothing.
 */

interface Row {
  id: string;
  personId: string;
  state: string;
  totalScore: string | null;
  outcome: string | null;
  approvalRequestId: string | null;
}

const FIELDS = 'id personId state totalScore outcome approvalRequestId';
const LIST = `query($f: AppraisalFilter) { appraisals(filter: $f) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { appraisal(id: $id) { ${FIELDS} } }`;
const SELF = `mutation($in: SelfAssessAppraisalInput!) { selfAssessAppraisal(input: $in) { ${FIELDS} } }`;
const SCORE = `mutation($in: ScoreAppraisalInput!) { scoreAppraisal(input: $in) { ${FIELDS} } }`;
const CHECK = `mutation($in: CheckAppraisalInput!) { checkAppraisal(input: $in) { ${FIELDS} } }`;
const SETTINGS = `mutation($in: UpdateAppraisalSettingsInput!) { updateAppraisalSettings(input: $in) {
  resultsWeight attitudeWeight teamworkWeight } }`;

describe('appraisals', () => {
  const f = useFixture({
    workers: { count: 2, firstScan: 'performance.appraisal-cycle-scan' },
    people: {
      leader: { branch: 'hq', role: 'LEADERSHIP', name: 'Leader' },
      hrA: { branch: 'a', role: 'HR', name: 'Hanna' },
      clerkA: { branch: 'a', role: 'CLERK', name: 'Clara' },
    },
  });
  const { ok, refused } = f;

  /** The person's appraisal in branch A's last monthly cycle (opened by the workers before the file). */
  const monthly = async (who: string): Promise<string> => {
    const r = await f.owner.query<{ id: string }>(
      `SELECT a.id FROM appraisals a JOIN appraisal_cycles c ON c.branch_id = a.branch_id AND c.id = a.cycle_id
       WHERE a.person_id = $1 AND c.kind = 'MONTHLY' ORDER BY c.period_start DESC LIMIT 1`,
      [f.u[who].id],
    );
    return r.rows[0].id;
  };
  const rowOf = async (id: string) =>
    (await f.owner.query(`SELECT state, total_score, outcome FROM appraisals WHERE id = $1`, [id])).rows[0];

  it('the workers open one monthly and one annual cycle per branch, an appraisal per person, also when racing', async () => {
    await f.owner.query(`UPDATE appraisal_due SET due_at = now() WHERE branch_id = ANY($1::uuid[])`, [
      [f.org.a.id, f.org.b.id],
    ]);
    const results = await Promise.all(f.workers.map((w) => w.get(AppraisalJobs).cycleScan()));
    expect(results.reduce((n, r) => n + r.opened, 0)).toBe(0);
    const cycles = await f.owner.query<{ branch_id: string; kind: string; n: number; people: number }>(
      `SELECT c.branch_id, c.kind, count(DISTINCT c.id)::int AS n, count(a.id)::int AS people
       FROM appraisal_cycles c LEFT JOIN appraisals a ON a.branch_id = c.branch_id AND a.cycle_id = c.id
       WHERE c.branch_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
      [[f.org.a.id, f.org.b.id, f.org.hq.id]],
    );
    const staff = await f.owner.query<{ branch_id: string; n: number }>(
      `SELECT branch_id, count(DISTINCT user_id)::int AS n FROM memberships WHERE branch_id = ANY($1::uuid[]) GROUP BY 1`,
      [[f.org.a.id, f.org.b.id]],
    );
    const people = new Map(staff.rows.map((r) => [r.branch_id, r.n]));
    expect(cycles.rows).toHaveLength(4); // A and B, monthly and annual; head office has none
    for (const c of cycles.rows) expect(c).toMatchObject({ n: 1, people: people.get(c.branch_id) });
    const seen = await ok<{ appraisalCycles: { kind: string; resultsWeight: string }[] }>(
      'repA',
      '{ appraisalCycles { kind period resultsWeight } }',
    );
    expect(seen.appraisalCycles.map((c) => c.kind).sort()).toEqual(['ANNUAL', 'MONTHLY']);
  });

  it('self-assessment, scores, HR check and leadership approval; the total is the exact weighted sum', async () => {
    const id = await monthly('repA');
    const early = await refused('managerA', SCORE, {
      in: { id, resultsScore: '80', attitudeScore: '90', teamworkScore: '70', comment: 'Good' },
    });
    expect(early.code).toBe('INVALID_STATE');
    expect(early.message).toMatch(/SELF_ASSESSMENT.*HR_CHECK/);
    expect((await refused('managerA', SELF, { in: { id, selfAssessment: 'Not mine' } })).code).toBe('FORBIDDEN');
    expect((await refused('rep2A', SELF, { in: { id, selfAssessment: 'Not mine' } })).code).toBe('NOT_FOUND');
    expect((await rowOf(id)).state).toBe('SELF_ASSESSMENT');

    const self = await ok<{ selfAssessAppraisal: Row }>('repA', SELF, { in: { id, selfAssessment: 'Ten visits' } });
    expect(self.selfAssessAppraisal.state).toBe('HEAD_REVIEW');
    const bad = await refused('managerA', SCORE, {
      in: { id, resultsScore: '100.5', attitudeScore: '90', teamworkScore: '70', comment: 'Good' },
    });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['resultsScore'] });
    expect(
      (
        await refused('hrA', SCORE, {
          in: { id, resultsScore: '1', attitudeScore: '1', teamworkScore: '1', comment: 'x' },
        })
      ).code,
    ).toBe('FORBIDDEN');
    const scored = await ok<{ scoreAppraisal: Row }>('managerA', SCORE, {
      in: { id, resultsScore: '80.25', attitudeScore: '90', teamworkScore: '70.5', comment: 'Solid month' },
    });
    // 60% of 80.25 + 20% of 90 + 20% of 70.5 = 48.15 + 18 + 14.1
    expect(scored.scoreAppraisal).toMatchObject({ state: 'HR_CHECK', totalScore: '80.250000' });

    expect((await refused('managerA', CHECK, { in: { id, outcome: 'RAISE' } })).code).toBe('FORBIDDEN');
    const checked = await ok<{ checkAppraisal: Row }>('hrA', CHECK, { in: { id, outcome: 'RAISE', note: 'Top rep' } });
    expect(checked.checkAppraisal).toMatchObject({ state: 'LEADERSHIP', outcome: 'RAISE' });
    const again = await refused('hrA', CHECK, { in: { id, outcome: 'REWARD' } });
    expect(again.message).toMatch(/LEADERSHIP/);

    const step = (
      await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
        checked.checkAppraisal.approvalRequestId,
      ])
    ).rows[0].id as string;
    await ok('leader', `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, { s: step });
    const done = await ok<{ appraisal: Row }>('repA', ONE, { id });
    expect(done.appraisal).toMatchObject({ state: 'APPROVED', outcome: 'RAISE', totalScore: '80.250000' });
  });

  it("head office scores a department head's appraisal; nobody scores their own", async () => {
    const id = await monthly('managerA');
    await ok('managerA', SELF, { in: { id, selfAssessment: 'Branch grew' } });
    const input = { id, resultsScore: '70', attitudeScore: '70', teamworkScore: '70', comment: 'Steady' };
    expect((await refused('managerA', SCORE, { in: input })).code).toBe('FORBIDDEN');
    expect((await rowOf(id)).state).toBe('HEAD_REVIEW');
    const r = await ok<{ scoreAppraisal: Row }>('admin', SCORE, { in: input });
    expect(r.scoreAppraisal).toMatchObject({ state: 'HR_CHECK', totalScore: '70.000000' });
  });

  it('a person sees their own; the manager and HR the branch; another branch and a colleague nothing', async () => {
    const mine = await monthly('clerkA');
    const rep = await monthly('rep2A');
    const own = await ok<{ appraisals: Row[] }>('clerkA', LIST, {});
    expect(new Set(own.appraisals.map((a) => a.personId))).toEqual(new Set([f.u.clerkA.id]));
    expect(own.appraisals.map((a) => a.id)).toContain(mine);
    expect((await refused('clerkA', ONE, { id: rep })).code).toBe('NOT_FOUND');
    expect((await refused('repA', ONE, { id: rep })).code).toBe('NOT_FOUND');
    expect((await refused('managerB', ONE, { id: rep })).code).toBe('NOT_FOUND');
    for (const who of ['managerA', 'hrA', 'admin']) {
      const all = await ok<{ appraisals: Row[] }>(who, LIST, { f: { personId: f.org.users.rep2A.id } });
      expect(all.appraisals.map((a) => a.id)).toContain(rep);
    }
  });

  it('weights are per branch, exact, summing to 100; a bad set changes nothing', async () => {
    const r = await refused('managerB', SETTINGS, {
      in: { resultsWeight: '50', attitudeWeight: '25', teamworkWeight: '25.01' },
    });
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['resultsWeight'] });
    expect(
      (await refused('repB', SETTINGS, { in: { resultsWeight: '50', attitudeWeight: '25', teamworkWeight: '25' } }))
        .code,
    ).toBe('FORBIDDEN');
    const set = await ok<{ updateAppraisalSettings: Record<string, string> }>('managerB', SETTINGS, {
      in: { resultsWeight: '33.33', attitudeWeight: '33.33', teamworkWeight: '33.34' },
    });
    expect(set.updateAppraisalSettings).toEqual({
      resultsWeight: '33.33',
      attitudeWeight: '33.33',
      teamworkWeight: '33.34',
    });
    const read = await ok<{ appraisalSettings: Record<string, string> }>(
      'managerA',
      '{ appraisalSettings { resultsWeight attitudeWeight teamworkWeight } }',
    );
    expect(read.appraisalSettings.resultsWeight).toBe('60.00');
  });
});
