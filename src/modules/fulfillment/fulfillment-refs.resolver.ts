import { refFieldsResolver } from '../branches/ref-fields.js';
import { BranchProductPrice } from './catalogue.entity.js';
import { BranchStockValue } from './fulfillment.types.js';
import { StockLevel, StockMovement, WarehouseLocation } from './stock.entity.js';

/** Branches and people of the branch-level fulfillment types as objects (one batched loader each). */
export const FULFILLMENT_REF_RESOLVERS = [
  refFieldsResolver(
    () => BranchProductPrice,
    [
      { name: 'branch', kind: 'branch', description: 'The branch whose price this is' },
      { name: 'updatedBy', kind: 'person', id: (p) => p.updatedById, description: 'Who set the price' },
    ],
  ),
  refFieldsResolver(
    () => WarehouseLocation,
    [{ name: 'branch', kind: 'branch', description: 'The branch the location belongs to' }],
  ),
  refFieldsResolver(
    () => StockLevel,
    [{ name: 'branch', kind: 'branch', description: 'The branch holding the stock' }],
  ),
  refFieldsResolver(
    () => StockMovement,
    [
      { name: 'branch', kind: 'branch', description: 'The branch where the stock moved' },
      { name: 'actor', kind: 'person', id: (m) => m.actorId, description: 'Who recorded it; null for the worker' },
    ],
  ),
  refFieldsResolver(
    () => BranchStockValue,
    [{ name: 'branch', kind: 'branch', description: 'The branch valued (code and name to show)' }],
  ),
];
