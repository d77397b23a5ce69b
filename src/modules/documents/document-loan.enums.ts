import { registerEnumType } from '@nestjs/graphql';

export enum LoanMedium {
  PHYSICAL = 'PHYSICAL',
  ELECTRONIC = 'ELECTRONIC',
}

registerEnumType(LoanMedium, {
  name: 'LoanMedium',
  description: 'What is lent: the paper original (one person at a time) or an electronic copy',
  valuesMap: {
    PHYSICAL: { description: 'The paper original from the archive (纸质原件)' },
    ELECTRONIC: { description: 'An electronic copy (电子借阅)' },
  },
});

export enum LoanState {
  REQUESTED = 'REQUESTED',
  LENT = 'LENT',
  RETURNED = 'RETURNED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(LoanState, {
  name: 'LoanState',
  description: 'Where a document loan is (借阅状态)',
  valuesMap: {
    REQUESTED: { description: 'Waiting for approval (approval engine, subject DOCUMENT_LOAN)' },
    LENT: { description: 'Approved and out with the borrower until its due day' },
    RETURNED: { description: 'Back with the archivist, its condition checked' },
    REJECTED: { description: 'Refused (or sent back) by the approver' },
    CANCELLED: { description: 'Withdrawn by the borrower before approval' },
  },
});

export enum ReturnCondition {
  INTACT = 'INTACT',
  DAMAGED = 'DAMAGED',
  INCOMPLETE = 'INCOMPLETE',
  LOST = 'LOST',
}

registerEnumType(ReturnCondition, {
  name: 'ReturnCondition',
  description: 'What the archivist found when the loan came back',
  valuesMap: {
    INTACT: { description: 'Complete and undamaged' },
    DAMAGED: { description: 'Damaged (say how)' },
    INCOMPLETE: { description: 'Pages or parts missing (say which)' },
    LOST: { description: 'Not returned: reported lost (say what happened)' },
  },
});
