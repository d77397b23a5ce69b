import { registerEnumType } from '@nestjs/graphql';

export enum AppraisalCycleKind {
  MONTHLY = 'MONTHLY',
  ANNUAL = 'ANNUAL',
}

/** Where an appraisal stands (DOMAIN.md section 7): self-assessment → head → HR → leadership. */
export enum AppraisalState {
  SELF_ASSESSMENT = 'SELF_ASSESSMENT',
  HEAD_REVIEW = 'HEAD_REVIEW',
  HR_CHECK = 'HR_CHECK',
  LEADERSHIP = 'LEADERSHIP',
  APPROVED = 'APPROVED',
}

/** What an appraisal leads to. */
export enum AppraisalOutcome {
  NONE = 'NONE',
  REWARD = 'REWARD',
  RAISE = 'RAISE',
  PROMOTION = 'PROMOTION',
  WARNING = 'WARNING',
}

registerEnumType(AppraisalCycleKind, {
  name: 'AppraisalCycleKind',
  description: 'How often a cycle comes round',
  valuesMap: {
    MONTHLY: { description: 'Monthly (月度考核), opened on the first working day of the next month' },
    ANNUAL: { description: 'Annual (年度考核), opened on the first working day of the next year' },
  },
});
registerEnumType(AppraisalState, {
  name: 'AppraisalState',
  description: 'Where an appraisal stands',
  valuesMap: {
    SELF_ASSESSMENT: { description: 'Waiting for the person’s self-assessment' },
    HEAD_REVIEW: { description: "Waiting for the department head's scores and comments (head office for a manager)" },
    HR_CHECK: { description: 'Waiting for HR to check the total and record the outcome' },
    LEADERSHIP: { description: 'With leadership in the approval engine' },
    APPROVED: { description: 'Approved by leadership: final' },
  },
});
registerEnumType(AppraisalOutcome, {
  name: 'AppraisalOutcome',
  description: 'What the appraisal leads to',
  valuesMap: {
    NONE: { description: 'Nothing beyond the record' },
    REWARD: { description: 'A bonus or reward' },
    RAISE: { description: 'A raise' },
    PROMOTION: { description: 'A promotion' },
    WARNING: { description: 'A warning' },
  },
});
