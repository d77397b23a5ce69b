import { registerEnumType } from '@nestjs/graphql';

/** Where the refund of a cancelled purchase contract's deposit is. */
export enum DepositRefundState {
  DUE = 'DUE',
  RECEIVED = 'RECEIVED',
}

registerEnumType(DepositRefundState, {
  name: 'DepositRefundState',
  description: 'Where the refund of a cancelled purchase contract’s deposit is',
  valuesMap: {
    DUE: {
      description: 'The contract was cancelled after its deposit was paid: finance collects it from the supplier',
    },
    RECEIVED: { description: 'Finance recorded the supplier’s refund: closed' },
  },
});
