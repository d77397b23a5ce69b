import { refFieldsResolver } from '../branches/ref-fields.js';
import { PurchaseStatistic, PurchaseTotal } from './statistics.types.js';

/** The branch of every statistics row as { id code name } (one batched loader per request). */
export const STATISTICS_REF_RESOLVERS = [
  refFieldsResolver(() => PurchaseTotal, [{ name: 'branch', kind: 'branch', description: 'The branch summed up' }]),
  refFieldsResolver(
    () => PurchaseStatistic,
    [{ name: 'branch', kind: 'branch', description: 'The branch of the row' }],
  ),
];
