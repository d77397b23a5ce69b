import { registerEnumType } from '@nestjs/graphql';

export enum MeetingKind {
  WEEKLY = 'WEEKLY',
  PROJECT = 'PROJECT',
}

export enum ActionItemState {
  OPEN = 'OPEN',
  DONE = 'DONE',
}

registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  description: 'Which meeting',
  valuesMap: {
    WEEKLY: { description: 'The weekly department meeting (部门周例会): one per branch and ISO week' },
    PROJECT: { description: 'A project meeting, as needed' },
  },
});
registerEnumType(ActionItemState, {
  name: 'ActionItemState',
  description: 'Where an action item stands',
  valuesMap: {
    OPEN: { description: 'To do; its owner is reminded the day before it is due and once when overdue' },
    DONE: { description: 'Done' },
  },
});
