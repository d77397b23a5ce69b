import { refFieldsResolver } from '../branches/ref-fields.js';
import { BranchProductPrice } from './catalogue.entity.js';
import { BranchStockValue } from './fulfillment.types.js';
import { PurchaseOrder } from './purchase-order.entity.js';
import { Rma } from './rma.entity.js';
import { OpenRmaAge } from './rma.types.js';
import { Shipment, ShipmentEvent } from './shipment.entity.js';
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
  refFieldsResolver(
    () => Shipment,
    [
      { name: 'branch', kind: 'branch', description: 'The branch shipping' },
      { name: 'createdBy', kind: 'person', id: (s) => s.createdById, description: 'Who recorded the shipment' },
    ],
  ),
  refFieldsResolver(
    () => ShipmentEvent,
    [{ name: 'actor', kind: 'person', id: (e) => e.actorId, description: 'Who recorded the status change' }],
  ),
  refFieldsResolver(
    () => PurchaseOrder,
    [
      { name: 'branch', kind: 'branch', description: 'The branch buying' },
      { name: 'owner', kind: 'person', id: (p) => p.ownerId, description: 'The sales order’s owner' },
      { name: 'createdBy', kind: 'person', id: (p) => p.createdById, description: 'Who drew it up' },
    ],
  ),
  refFieldsResolver(
    () => Rma,
    [
      { name: 'branch', kind: 'branch', description: 'The branch handling it' },
      { name: 'owner', kind: 'person', id: (r) => r.ownerId, description: 'Who answers for it' },
      { name: 'engineer', kind: 'person', id: (r) => r.engineerId, description: 'The engineer who confirmed it' },
    ],
  ),
  refFieldsResolver(() => OpenRmaAge, [{ name: 'branch', kind: 'branch', description: 'The branch (code and name)' }]),
];
