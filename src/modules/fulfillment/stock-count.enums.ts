import { registerEnumType } from '@nestjs/graphql';

/** OPEN (counting) -> CLOSED, through PENDING_APPROVAL when the count found differences (subject STOCK_COUNT). */
export enum StockCountStatus {
  OPEN = 'OPEN',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  CLOSED = 'CLOSED',
}

registerEnumType(StockCountStatus, {
  name: 'StockCountStatus',
  description: 'OPEN -> (PENDING_APPROVAL when it found differences) -> CLOSED; a count closes once',
  valuesMap: {
    OPEN: { description: 'Being counted; counted quantities may be recorded and corrected' },
    PENDING_APPROVAL: { description: 'Differences wait for the branch manager (approval subject STOCK_COUNT)' },
    CLOSED: { description: 'Variances posted as COUNT_ADJUSTMENT movements; final' },
  },
});
