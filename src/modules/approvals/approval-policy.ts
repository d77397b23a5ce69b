import { BadUserInputError, parseMoney, compareMoney } from '@app/core';
import { HEAD_OFFICE_ROLES, Role } from '../branches/roles.js';

/** Who a step waits for. */
export type ApproverRule =
  | { kind: 'BRANCH_ROLE'; role: Role }
  | { kind: 'HQ_ROLE'; role: Role }
  | { kind: 'USER'; userId: string }
  | { kind: 'REQUESTER_MANAGER' };

/** One step of a policy: it applies when the amount is above `aboveAmount` (and not above `upToAmount`). */
export interface PolicyStep {
  name: string;
  approver: ApproverRule;
  /** Decimal string in the branch currency; the step applies only to amounts strictly above it. */
  aboveAmount?: string | null;
  /** Decimal string; the step is skipped for amounts above it. */
  upToAmount?: string | null;
  /** Working hours of the branch calendar before the step escalates. */
  slaHours: number;
}

export interface PolicyDefinition {
  steps: PolicyStep[];
  reminderPercents: number[];
  maxEscalationLevel: number;
}

/**
 * The policy a branch gets until it writes its own, from DOMAIN.md: the branch manager decides;
 * above 500,000 leadership adds a step; above 5,000,000 head office does.
 */
export const DEFAULT_POLICY: PolicyDefinition = {
  steps: [
    { name: 'Branch manager', approver: { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER }, slaHours: 8 },
    {
      name: 'Leadership',
      approver: { kind: 'HQ_ROLE', role: Role.LEADERSHIP },
      aboveAmount: '500000',
      slaHours: 16,
    },
    {
      name: 'Head office',
      approver: { kind: 'HQ_ROLE', role: Role.HQ_ADMIN },
      aboveAmount: '5000000',
      slaHours: 24,
    },
  ],
  reminderPercents: [50, 90],
  maxEscalationLevel: 2,
};

/** A policy of one step (reminded at half and nine tenths of its time), escalating up to `maxEscalationLevel`. */
const singleStep = (step: PolicyStep, maxEscalationLevel: number): PolicyDefinition => ({
  steps: [step],
  reminderPercents: [50, 90],
  maxEscalationLevel,
});

const BRANCH_MANAGER: ApproverRule = { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER };
const FINANCE: ApproverRule = { kind: 'BRANCH_ROLE', role: Role.FINANCE };
const LEADERSHIP: ApproverRule = { kind: 'HQ_ROLE', role: Role.LEADERSHIP };

/**
 * Built-in defaults of subject types that DOMAIN.md treats differently from DEFAULT_POLICY. An order
 * taken by phone or fax without a signed contract "must be approved by leadership first": the
 * leadership step applies whatever the amount (an order may carry no amount band at all).
 */
export const SUBJECT_DEFAULT_POLICIES: Readonly<Record<string, PolicyDefinition>> = {
  // Legal review (DOMAIN.md section 4) is the branch's legal reviewer's call, whatever the amount. No
  // escalation: an overdue review is reminded and then shows as stalled; it does not pass to a manager,
  // who is no legal reviewer (a branch that wants another path writes its own LEGAL_REVIEW policy).
  LEGAL_REVIEW: singleStep(
    { name: 'Legal review', approver: { kind: 'BRANCH_ROLE', role: Role.LEGAL }, slaHours: 16 },
    0,
  ),
  // Special terms, non-standard prices and special fees need prior approval: the branch manager, and
  // leadership when the contract is above 500,000 (the contract policy's band). No head-office step: the
  // contract's own approval already goes there above 5,000,000.
  SPECIAL_TERMS: {
    steps: [
      { name: 'Branch manager', approver: BRANCH_MANAGER, slaHours: 8 },
      {
        name: 'Leadership',
        approver: LEADERSHIP,
        aboveAmount: '500000',
        slaHours: 16,
      },
    ],
    reminderPercents: [50, 90],
    maxEscalationLevel: 2,
  },
  // Invoice requests (DOMAIN.md section 6) are finance's review, whatever the amount; an overdue one escalates to
  // the branch manager (the finance reviewer's superior).
  INVOICE_REQUEST: singleStep({ name: 'Finance review', approver: FINANCE, slaHours: 8 }, 1),
  // Finance reviews contract and purchase order before it is placed with the maker (DOMAIN.md section 5), whatever
  // the amount; an overdue review escalates to the branch manager (the finance reviewer's superior).
  PURCHASE_ORDER: singleStep({ name: 'Finance review', approver: FINANCE, slaHours: 8 }, 1),
  // A purchase contract with a supplier (DOMAIN.md section 5: procurement) is finance's review, whatever the amount,
  // and the branch manager's too above 50,000; an overdue step escalates one level.
  PURCHASE_CONTRACT: {
    steps: [
      { name: 'Finance review', approver: FINANCE, slaHours: 8 },
      { name: 'Branch manager', approver: BRANCH_MANAGER, aboveAmount: '50000', slaHours: 8 },
    ],
    reminderPercents: [50, 90],
    maxEscalationLevel: 1,
  },
  // An appraisal checked by HR, and a change to an approved work plan, are leadership's to approve (DOMAIN.md
  // section 7), whatever the branch; an overdue one escalates to head office's administrator.
  APPRAISAL: singleStep({ name: 'Leadership', approver: LEADERSHIP, slaHours: 16 }, 1),
  WORK_PLAN_CHANGE: singleStep({ name: 'Leadership', approver: LEADERSHIP, slaHours: 16 }, 1),
  // A red-letter return note (DOMAIN.md section 5) is leadership's approval, whatever the amount; an overdue one
  // escalates within head office.
  RETURN: singleStep({ name: 'Leadership', approver: LEADERSHIP, slaHours: 16 }, 1),
  // A business trip (DOMAIN.md section 6) is approved before it starts by the branch manager, whatever its cost; an
  // overdue one escalates to leadership. Overruns of budgets (EXPENSE_OVERRUN) take DEFAULT_POLICY's amount bands.
  BUSINESS_TRIP: singleStep({ name: 'Branch manager', approver: BRANCH_MANAGER, slaHours: 8 }, 1),
  // A stock count's differences (DOMAIN.md section 5: resolved through approval) go to the branch manager when their
  // value at cost is above 1,000; smaller ones need nobody (the request is approved at once and the count closes).
  // A branch sets its own threshold by writing its own STOCK_COUNT policy.
  STOCK_COUNT: singleStep({ name: 'Branch manager', approver: BRANCH_MANAGER, aboveAmount: '1000', slaHours: 8 }, 1),
  ORDER_WITHOUT_CONTRACT: {
    steps: [
      { name: 'Branch manager', approver: BRANCH_MANAGER, slaHours: 8 },
      { name: 'Leadership', approver: LEADERSHIP, slaHours: 16 },
      {
        name: 'Head office',
        approver: { kind: 'HQ_ROLE', role: Role.HQ_ADMIN },
        aboveAmount: '5000000',
        slaHours: 24,
      },
    ],
    reminderPercents: [50, 90],
    maxEscalationLevel: 2,
  },
};

/** The policy a branch gets for a subject type until it writes its own. */
export function defaultPolicyFor(subjectType: string): PolicyDefinition {
  return SUBJECT_DEFAULT_POLICIES[subjectType] ?? DEFAULT_POLICY;
}

/** The steps a request of this amount goes through, in order (no amount: only the steps without a band). */
export function selectSteps(policy: PolicyDefinition, amount: string | null): PolicyStep[] {
  return policy.steps.filter((s) => {
    if (s.aboveAmount != null && (amount === null || compareMoney(amount, s.aboveAmount) <= 0)) return false;
    if (s.upToAmount != null && amount !== null && compareMoney(amount, s.upToAmount) > 0) return false;
    return true;
  });
}

const ROLES = new Set<string>(Object.values(Role));

/** 0.29 * 100 is 28.999999999999996 in floating point: compare with a tolerance, not exactly. */
function hasAtMostTwoDecimals(x: number): boolean {
  return Number.isFinite(x) && Math.abs(Math.round(x * 100) - x * 100) < 1e-6;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates a policy written by an administrator; every problem names its field. */
export function checkPolicy(p: PolicyDefinition): PolicyDefinition {
  if (p.steps.length < 1 || p.steps.length > 10) throw BadUserInputError.field('steps', 'must have 1 to 10 steps');
  const steps = p.steps.map((s, i): PolicyStep => {
    const f = `steps[${i}]`;
    const name = s.name?.trim() ?? '';
    if (name.length < 1 || name.length > 100) throw BadUserInputError.field(`${f}.name`, 'must be 1 to 100 characters');
    if (!(s.slaHours > 0 && s.slaHours <= 1000) || !hasAtMostTwoDecimals(s.slaHours)) {
      throw BadUserInputError.field(`${f}.slaHours`, 'must be between 0.01 and 1000 working hours');
    }
    const a = s.approver;
    if ((a.kind === 'BRANCH_ROLE' || a.kind === 'HQ_ROLE') && !ROLES.has(a.role)) {
      throw BadUserInputError.field(`${f}.approver.role`, 'must be a role');
    }
    // A rule nobody can ever hold would leave the step waiting for escalation alone.
    if (a.kind === 'BRANCH_ROLE' && HEAD_OFFICE_ROLES.has(a.role)) {
      throw BadUserInputError.field(`${f}.approver.role`, `${a.role} is a head-office role: use HQ_ROLE`);
    }
    if (a.kind === 'HQ_ROLE' && !HEAD_OFFICE_ROLES.has(a.role)) {
      throw BadUserInputError.field(`${f}.approver.role`, `${a.role} is a branch role: use BRANCH_ROLE`);
    }
    if (a.kind === 'USER' && !UUID.test(a.userId ?? '')) {
      throw BadUserInputError.field(`${f}.approver.userId`, 'must be a user id');
    }
    const above = s.aboveAmount == null ? null : parseMoney(`${f}.aboveAmount`, s.aboveAmount);
    const upTo = s.upToAmount == null ? null : parseMoney(`${f}.upToAmount`, s.upToAmount);
    if (above !== null && upTo !== null && compareMoney(upTo, above) <= 0) {
      throw BadUserInputError.field(`${f}.upToAmount`, 'must be above aboveAmount');
    }
    return { name, approver: a, aboveAmount: above, upToAmount: upTo, slaHours: s.slaHours };
  });
  const percents = [...new Set(p.reminderPercents)].sort((x, y) => x - y);
  if (percents.some((x) => !Number.isInteger(x) || x < 1 || x > 99) || percents.length > 5) {
    throw BadUserInputError.field('reminderPercents', 'must be up to 5 whole percentages between 1 and 99');
  }
  if (!Number.isInteger(p.maxEscalationLevel) || p.maxEscalationLevel < 0 || p.maxEscalationLevel > 5) {
    throw BadUserInputError.field('maxEscalationLevel', 'must be 0 to 5');
  }
  return { steps, reminderPercents: percents, maxEscalationLevel: p.maxEscalationLevel };
}

/**
 * The person or role one level above an approver, for escalation: branch staff go to their branch
 * manager, the branch manager to head-office leadership, head-office staff and leadership to the
 * head-office administrator. The administrator has no superior: the request stalls instead.
 */
export function superiorOf(rule: { kind: 'BRANCH_ROLE' | 'HQ_ROLE'; role: Role }): ApproverRule | null {
  if (rule.kind === 'BRANCH_ROLE') {
    if (rule.role === Role.BRANCH_MANAGER) return { kind: 'HQ_ROLE', role: Role.LEADERSHIP };
    return { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER };
  }
  if (rule.role === Role.HQ_ADMIN) return null;
  return { kind: 'HQ_ROLE', role: Role.HQ_ADMIN };
}

/**
 * Who REQUESTER_MANAGER means for a requester of this role: the superior of their role as `superiorOf` has it
 * (a branch manager's is head-office leadership), and for the head-office administrator, who has none, the
 * other administrators (the requester never decides their own request).
 */
export function requesterSuperior(requesterRole: Role): ApproverRule {
  const kind = HEAD_OFFICE_ROLES.has(requesterRole) ? 'HQ_ROLE' : 'BRANCH_ROLE';
  return superiorOf({ kind, role: requesterRole }) ?? { kind: 'HQ_ROLE', role: Role.HQ_ADMIN };
}

/** Ranks approver roles for "the highest approver on the step" (escalation starts above it). */
export function rank(rule: { kind: 'BRANCH_ROLE' | 'HQ_ROLE'; role: Role }): number {
  if (rule.kind === 'BRANCH_ROLE') return rule.role === Role.BRANCH_MANAGER ? 2 : 1;
  return rule.role === Role.HQ_ADMIN ? 4 : 3;
}
