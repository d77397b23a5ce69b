import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import { Role } from '../branches/roles.js';
import {
  DEFAULT_POLICY,
  SUBJECT_DEFAULT_POLICIES,
  checkPolicy,
  defaultPolicyFor,
  rank,
  requesterSuperior,
  selectSteps,
  superiorOf,
  type PolicyDefinition,
  type PolicyStep,
} from './approval-policy.js';

/** The code and the offending fields of what `fn` throws. */
function failure(fn: () => unknown): { code: string; fields: string[] } | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, fields: (e.fields ?? []).map((f) => f.field) };
  }
}

const names = (steps: PolicyStep[]) => steps.map((s) => s.name);

describe('selectSteps with the default policy (above 500,000 leadership, above 5,000,000 head office)', () => {
  it.each<[string | null, string[]]>([
    [null, ['Branch manager']],
    ['0', ['Branch manager']],
    ['0.01', ['Branch manager']],
    ['499999.99', ['Branch manager']],
    ['500000', ['Branch manager']],
    ['500000.00', ['Branch manager']],
    ['500000.01', ['Branch manager', 'Leadership']],
    ['500001', ['Branch manager', 'Leadership']],
    ['5000000', ['Branch manager', 'Leadership']],
    ['5000000.00', ['Branch manager', 'Leadership']],
    ['5000000.01', ['Branch manager', 'Leadership', 'Head office']],
    ['50000000', ['Branch manager', 'Leadership', 'Head office']],
    ['9999999999999999.99', ['Branch manager', 'Leadership', 'Head office']],
  ])('amount %s → %j', (amount, expected) => {
    expect(names(selectSteps(DEFAULT_POLICY, amount))).toEqual(expected);
  });

  it('keeps the order of the policy and the steps themselves', () => {
    const steps = selectSteps(DEFAULT_POLICY, '6000000');
    expect(steps).toEqual(DEFAULT_POLICY.steps);
  });
});

describe('selectSteps with bands that add and skip steps', () => {
  const policy: PolicyDefinition = {
    steps: [
      { name: 'Always', approver: { kind: 'REQUESTER_MANAGER' }, slaHours: 4 },
      { name: 'Small only', approver: { kind: 'BRANCH_ROLE', role: Role.FINANCE }, upToAmount: '1000', slaHours: 2 },
      {
        name: 'Middle band',
        approver: { kind: 'HQ_ROLE', role: Role.HQ_STAFF },
        aboveAmount: '1000',
        upToAmount: '100000',
        slaHours: 8,
      },
      { name: 'Large', approver: { kind: 'HQ_ROLE', role: Role.HQ_ADMIN }, aboveAmount: '100000', slaHours: 8 },
    ],
    reminderPercents: [50, 90],
    maxEscalationLevel: 2,
  };
  it.each<[string | null, string[]]>([
    [null, ['Always', 'Small only']],
    ['0', ['Always', 'Small only']],
    ['1000', ['Always', 'Small only']],
    ['1000.01', ['Always', 'Middle band']],
    ['100000', ['Always', 'Middle band']],
    ['100000.01', ['Always', 'Large']],
  ])('amount %s → %j', (amount, expected) => {
    expect(names(selectSteps(policy, amount))).toEqual(expected);
  });

  it('a policy whose every step has a band gives no step to an amount below all bands', () => {
    const banded: PolicyDefinition = { ...policy, steps: [policy.steps[3]] };
    expect(selectSteps(banded, '5')).toEqual([]);
    expect(selectSteps(banded, null)).toEqual([]);
  });
});

describe('checkPolicy', () => {
  const good = (): PolicyDefinition => ({
    steps: [
      { name: ' Manager ', approver: { kind: 'REQUESTER_MANAGER' }, slaHours: 8 },
      { name: 'Finance', approver: { kind: 'BRANCH_ROLE', role: Role.FINANCE }, slaHours: 1.1 },
      {
        name: 'Named',
        approver: { kind: 'USER', userId: '7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b' },
        aboveAmount: '1000',
        upToAmount: '1000.01',
        slaHours: 0.29,
      },
      { name: 'Leadership', approver: { kind: 'HQ_ROLE', role: Role.LEADERSHIP }, aboveAmount: '500000', slaHours: 16 },
    ],
    reminderPercents: [90, 50, 50],
    maxEscalationLevel: 2,
  });

  it('accepts a good policy: names trimmed, reminder percents sorted and unique, amounts normalized', () => {
    const p = checkPolicy(good());
    expect(p.steps.map((s) => s.name)).toEqual(['Manager', 'Finance', 'Named', 'Leadership']);
    expect(p.reminderPercents).toEqual([50, 90]);
    expect(p.steps[2]).toMatchObject({ aboveAmount: '1000', upToAmount: '1000.01', slaHours: 0.29 });
    expect(p.steps[0]).toMatchObject({ aboveAmount: null, upToAmount: null });
    expect(p.maxEscalationLevel).toBe(2);
  });

  it.each<[number]>([[0.01], [0.29], [0.57], [1.1], [1.13], [2.35], [8], [999.99], [1000]])(
    'accepts slaHours %d (any value with at most 2 decimals)',
    (slaHours) => {
      const p = good();
      p.steps[0].slaHours = slaHours;
      expect(checkPolicy(p).steps[0].slaHours).toBe(slaHours);
    },
  );

  type Breaker = [string, string, (p: PolicyDefinition) => void];
  it.each<Breaker>([
    ['no steps', 'steps', (p) => (p.steps = [])],
    ['eleven steps', 'steps', (p) => (p.steps = Array.from({ length: 11 }, () => ({ ...p.steps[0] })))],
    ['blank name', 'steps[1].name', (p) => (p.steps[1].name = '   ')],
    ['name of 101 characters', 'steps[0].name', (p) => (p.steps[0].name = 'x'.repeat(101))],
    ['slaHours 0', 'steps[1].slaHours', (p) => (p.steps[1].slaHours = 0)],
    ['slaHours negative', 'steps[1].slaHours', (p) => (p.steps[1].slaHours = -1)],
    ['slaHours 1000.01', 'steps[1].slaHours', (p) => (p.steps[1].slaHours = 1000.01)],
    ['slaHours with 3 decimals', 'steps[1].slaHours', (p) => (p.steps[1].slaHours = 1.005)],
    ['slaHours NaN', 'steps[1].slaHours', (p) => (p.steps[1].slaHours = Number.NaN)],
    ['slaHours Infinity', 'steps[1].slaHours', (p) => (p.steps[1].slaHours = Number.POSITIVE_INFINITY)],
    [
      'a role that does not exist',
      'steps[1].approver.role',
      (p) => (p.steps[1].approver = { kind: 'BRANCH_ROLE', role: 'CEO' as Role }),
    ],
    [
      'a head-office role as a branch role',
      'steps[1].approver.role',
      (p) => (p.steps[1].approver = { kind: 'BRANCH_ROLE', role: Role.HQ_ADMIN }),
    ],
    [
      'a branch role as a head-office role',
      'steps[3].approver.role',
      (p) => (p.steps[3].approver = { kind: 'HQ_ROLE', role: Role.SALES_REP }),
    ],
    [
      'a user id that is not a uuid',
      'steps[2].approver.userId',
      (p) => (p.steps[2].approver = { kind: 'USER', userId: 'bob' }),
    ],
    ['a negative aboveAmount', 'steps[3].aboveAmount', (p) => (p.steps[3].aboveAmount = '-1')],
    ['an absurd aboveAmount', 'steps[3].aboveAmount', (p) => (p.steps[3].aboveAmount = '1e30')],
    ['an upToAmount with 3 decimals', 'steps[2].upToAmount', (p) => (p.steps[2].upToAmount = '1000.001')],
    ['upToAmount equal to aboveAmount', 'steps[2].upToAmount', (p) => (p.steps[2].upToAmount = '1000.00')],
    ['upToAmount below aboveAmount', 'steps[2].upToAmount', (p) => (p.steps[2].upToAmount = '999')],
    ['reminder percent 0', 'reminderPercents', (p) => (p.reminderPercents = [0, 50])],
    ['reminder percent 100', 'reminderPercents', (p) => (p.reminderPercents = [100])],
    ['reminder percent 50.5', 'reminderPercents', (p) => (p.reminderPercents = [50.5])],
    ['six reminder percents', 'reminderPercents', (p) => (p.reminderPercents = [10, 20, 30, 40, 50, 60])],
    ['maxEscalationLevel -1', 'maxEscalationLevel', (p) => (p.maxEscalationLevel = -1)],
    ['maxEscalationLevel 6', 'maxEscalationLevel', (p) => (p.maxEscalationLevel = 6)],
    ['maxEscalationLevel 1.5', 'maxEscalationLevel', (p) => (p.maxEscalationLevel = 1.5)],
  ])('refuses %s, naming %s', (_what, field, breakIt) => {
    const p = good();
    breakIt(p);
    expect(failure(() => checkPolicy(p))).toEqual({ code: 'BAD_USER_INPUT', fields: [field] });
  });

  it('accepts the default policy as written', () => {
    expect(names(checkPolicy(DEFAULT_POLICY).steps)).toEqual(['Branch manager', 'Leadership', 'Head office']);
  });
});

describe('superiorOf and rank: who an overdue step escalates to', () => {
  type RoleRule = { kind: 'BRANCH_ROLE' | 'HQ_ROLE'; role: Role };
  it.each<[RoleRule, RoleRule | null, number]>([
    [{ kind: 'BRANCH_ROLE', role: Role.SALES_REP }, { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }, 1],
    [{ kind: 'BRANCH_ROLE', role: Role.FINANCE }, { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }, 1],
    [{ kind: 'BRANCH_ROLE', role: Role.CLERK }, { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }, 1],
    [{ kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }, { kind: 'HQ_ROLE', role: Role.LEADERSHIP }, 2],
    [{ kind: 'HQ_ROLE', role: Role.HQ_STAFF }, { kind: 'HQ_ROLE', role: Role.HQ_ADMIN }, 3],
    [{ kind: 'HQ_ROLE', role: Role.LEADERSHIP }, { kind: 'HQ_ROLE', role: Role.HQ_ADMIN }, 3],
    [{ kind: 'HQ_ROLE', role: Role.HQ_ADMIN }, null, 4],
  ])('%j → %j (rank %d)', (rule, superior, r) => {
    expect(superiorOf(rule)).toEqual(superior);
    expect(rank(rule)).toBe(r);
  });

  it('the superior always ranks higher, and following superiors ends at the head-office administrator', () => {
    for (const role of Object.values(Role)) {
      for (const kind of ['BRANCH_ROLE', 'HQ_ROLE'] as const) {
        let rule: RoleRule | null = { kind, role };
        const seen: RoleRule[] = [];
        while (rule) {
          seen.push(rule);
          const up = superiorOf(rule) as RoleRule | null;
          if (up) expect(rank(up)).toBeGreaterThan(rank(rule));
          rule = up;
        }
        expect(seen[seen.length - 1]).toEqual({ kind: 'HQ_ROLE', role: Role.HQ_ADMIN });
        expect(seen.length).toBeLessThanOrEqual(4);
      }
    }
  });
});

describe("requesterSuperior: whom REQUESTER_MANAGER means (the same rule as escalation's superiorOf)", () => {
  it.each<[Role, unknown]>([
    [Role.SALES_REP, { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }],
    [Role.CLERK, { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }],
    [Role.LEGAL, { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }],
    [Role.BRANCH_MANAGER, { kind: 'HQ_ROLE', role: Role.LEADERSHIP }],
    [Role.HQ_STAFF, { kind: 'HQ_ROLE', role: Role.HQ_ADMIN }],
    [Role.LEADERSHIP, { kind: 'HQ_ROLE', role: Role.HQ_ADMIN }],
    [Role.HQ_ADMIN, { kind: 'HQ_ROLE', role: Role.HQ_ADMIN }],
  ])('%s → %j', (role, superior) => {
    expect(requesterSuperior(role)).toEqual(superior);
  });
});

describe('built-in defaults per subject type', () => {
  it('an order without a contract needs leadership whatever the amount (and with no amount)', () => {
    const p = defaultPolicyFor('ORDER_WITHOUT_CONTRACT');
    expect(p).toBe(SUBJECT_DEFAULT_POLICIES.ORDER_WITHOUT_CONTRACT);
    for (const amount of [null, '0', '0.01', '499999.99', '500000', '5000000']) {
      expect({ amount, steps: names(selectSteps(p, amount)) }).toEqual({
        amount,
        steps: ['Branch manager', 'Leadership'],
      });
    }
    expect(names(selectSteps(p, '5000000.01'))).toEqual(['Branch manager', 'Leadership', 'Head office']);
    const leadership = selectSteps(p, '1').find((s) => s.name === 'Leadership');
    expect(leadership?.approver).toEqual({ kind: 'HQ_ROLE', role: Role.LEADERSHIP });
  });

  it('the built-in order default is itself a valid policy', () => {
    expect(checkPolicy(SUBJECT_DEFAULT_POLICIES.ORDER_WITHOUT_CONTRACT).steps).toHaveLength(3);
  });

  it('legal review waits for the branch legal reviewer alone, whatever the amount, and never escalates to a manager', () => {
    const p = defaultPolicyFor('LEGAL_REVIEW');
    for (const amount of [null, '1', '500000.01', '99999999']) {
      expect({ amount, steps: selectSteps(p, amount).map((s) => s.approver) }).toEqual({
        amount,
        steps: [{ kind: 'BRANCH_ROLE', role: Role.LEGAL }],
      });
    }
    expect(p.maxEscalationLevel).toBe(0);
    expect(checkPolicy(p).steps).toHaveLength(1);
  });

  it('special terms: the branch manager, and leadership above 500,000 (no head-office step)', () => {
    const p = defaultPolicyFor('SPECIAL_TERMS');
    expect(names(selectSteps(p, '500000'))).toEqual(['Branch manager']);
    expect(names(selectSteps(p, '500000.01'))).toEqual(['Branch manager', 'Leadership']);
    expect(names(selectSteps(p, '9000000'))).toEqual(['Branch manager', 'Leadership']);
    expect(checkPolicy(p).steps).toHaveLength(2);
  });

  it('a purchase contract: finance whatever the amount, and the branch manager above 50,000', () => {
    const p = defaultPolicyFor('PURCHASE_CONTRACT');
    expect(names(selectSteps(p, '0'))).toEqual(['Finance review']);
    expect(names(selectSteps(p, '50000'))).toEqual(['Finance review']);
    expect(names(selectSteps(p, '50000.01'))).toEqual(['Finance review', 'Branch manager']);
    expect(checkPolicy(p).steps).toHaveLength(2);
  });

  it('any other subject type keeps the general default (leadership only above 500,000)', () => {
    for (const t of ['CONTRACT', 'QUOTE', 'SOMETHING_NEW']) expect(defaultPolicyFor(t)).toBe(DEFAULT_POLICY);
    expect(names(selectSteps(defaultPolicyFor('CONTRACT'), null))).toEqual(['Branch manager']);
  });
});
