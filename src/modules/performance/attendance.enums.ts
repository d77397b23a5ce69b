import { registerEnumType } from '@nestjs/graphql';

export enum PunchKind {
  IN = 'IN',
  OUT = 'OUT',
}

export enum PunchSource {
  DEVICE = 'DEVICE',
  APP = 'APP',
  MANUAL = 'MANUAL',
}

export enum PunchState {
  COUNTED = 'COUNTED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
}

registerEnumType(PunchKind, {
  name: 'PunchKind',
  description: 'Clock-in or clock-out',
  valuesMap: { IN: { description: 'Clock-in (上班打卡)' }, OUT: { description: 'Clock-out (下班打卡)' } },
});
registerEnumType(PunchSource, {
  name: 'PunchSource',
  description: 'Where a punch came from',
  valuesMap: {
    DEVICE: { description: 'An attendance terminal' },
    APP: { description: 'The mobile or web app' },
    MANUAL: { description: 'A correction, counted once the manager approved it' },
  },
});
registerEnumType(PunchState, {
  name: 'PunchState',
  description: 'Whether a punch counts',
  valuesMap: {
    COUNTED: { description: 'Counts in the statement' },
    PENDING: { description: 'A correction waiting for approval' },
    REJECTED: { description: 'A correction the approver refused: never counts' },
  },
});
