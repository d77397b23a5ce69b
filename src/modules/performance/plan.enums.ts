import { registerEnumType } from '@nestjs/graphql';
import { KpiPeriodKind } from './kpi.enums.js';

export enum WorkPlanKind {
  YEARLY = 'YEARLY',
  MONTHLY = 'MONTHLY',
  WEEKLY = 'WEEKLY',
  DAILY = 'DAILY',
}

/** The period each kind of plan covers. */
export const PLAN_PERIOD: Readonly<Record<WorkPlanKind, KpiPeriodKind>> = {
  YEARLY: KpiPeriodKind.YEAR,
  MONTHLY: KpiPeriodKind.MONTH,
  WEEKLY: KpiPeriodKind.WEEK,
  DAILY: KpiPeriodKind.DAY,
};

export enum WorkPlanState {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
}

export enum WorkPlanChangeState {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(WorkPlanKind, {
  name: 'WorkPlanKind',
  description: 'The span of a work plan',
  valuesMap: {
    YEARLY: { description: 'A year (2026)' },
    MONTHLY: { description: 'A month (2026-12)' },
    WEEKLY: { description: 'An ISO week (2026-W49)' },
    DAILY: { description: 'A day (2026-12-07)' },
  },
});
registerEnumType(WorkPlanState, {
  name: 'WorkPlanState',
  description: 'Where a work plan stands',
  valuesMap: {
    DRAFT: { description: 'Its owner edits it' },
    APPROVED: { description: 'Approved by the manager; changes go to leadership' },
  },
});
registerEnumType(WorkPlanChangeState, {
  name: 'WorkPlanChangeState',
  description: 'Where a proposed change stands',
  valuesMap: {
    PENDING: { description: 'With leadership in the approval engine' },
    APPROVED: { description: 'Approved: the plan now reads as the change' },
    REJECTED: { description: 'Refused, returned or withdrawn: the plan is unchanged' },
  },
});
