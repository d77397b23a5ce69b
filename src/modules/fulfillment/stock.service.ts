import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, InvalidStateError, NotFoundError, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { Products, type Product } from './catalogue.entity.js';
import type {
  AdjustStockInput,
  CreateWarehouseLocationInput,
  IssueStockInput,
  ReceiveStockInput,
} from './dto/stock.input.js';
import { StockCause } from './fulfillment.enums.js';
import { InsufficientStockError, checkQuantity, checkText } from './fulfillment-rules.js';
import type { BranchStockValue, StockLevelFilter, StockMovementFilter } from './fulfillment.types.js';
import { findOrganizationRow } from './organization-rows.js';
import {
  StockLevels,
  StockMovements,
  WarehouseLocations,
  type StockLevel,
  type WarehouseLocation,
} from './stock.entity.js';

/** A movement as the service records it: where, what, how much (signed), why. */
interface Movement {
  location: WarehouseLocation;
  product: Product;
  cause: StockCause;
  /** Signed: positive in, negative out. */
  quantity: string;
  onHandAfter: string;
  reference: string | null;
  note: string | null;
}

/**
 * The warehouse: locations per branch, stock per product and location, and every movement in or out with its
 * cause. Stock never goes negative: an issue is one guarded UPDATE (`on_hand >= quantity`), which under
 * concurrent issues waits for the row and re-checks the condition, so exactly what is on hand leaves and every
 * other issue gets InsufficientStockError and changes nothing. Shipments and returns (later slices) call
 * `receive` / `issue` here.
 */
@Injectable()
export class StockService {
  // ---------- locations ----------

  async createLocation(ctx: RequestContext, input: CreateWarehouseLocationInput): Promise<WarehouseLocation> {
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const after = await WarehouseLocations.insert(tx, {
      branchId,
      id: randomUUID(),
      code: checkText('code', input.code, 40, true)!,
      name: checkText('name', input.name, 200, true)!,
      createdById: ctx.requireActor().userId,
    });
    await writeAudit(ctx, { branchId, entity: 'warehouseLocation', entityId: after.id, action: 'create', after });
    return after;
  }

  locations(
    ctx: RequestContext,
    args: { first?: number; after?: string; branchId?: string },
  ): Promise<ConnectionShape<WarehouseLocation>> {
    return keysetPage(ctx, args, {
      columns: WarehouseLocations.cols(),
      from: 'warehouse_locations',
      filter: new SqlFilter().branches(ctx, args.branchId),
      order: { column: 'code', cast: 'text', value: (l: WarehouseLocation) => l.code },
      map: WarehouseLocations.map,
    });
  }

  locationLoader(ctx: RequestContext): DataLoader<string, WarehouseLocation | null> {
    return WarehouseLocations.loader(ctx);
  }

  // ---------- stock ----------

  levels(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: StockLevelFilter },
  ): Promise<ConnectionShape<StockLevel>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('product_id', f.productId?.toLowerCase(), 'uuid')
      .eq('location_id', f.locationId?.toLowerCase(), 'uuid');
    if (f.inStock != null) filter.where(f.inStock ? 'on_hand > 0' : 'on_hand = 0');
    return keysetPage(ctx, args, {
      columns: StockLevels.cols(),
      from: 'stock_levels',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', value: (l: StockLevel) => l.createdAt },
      map: StockLevels.map,
    });
  }

  /** The movements of one product, newest first (stock_movements_product_at). */
  movements(
    ctx: RequestContext,
    productId: string,
    args: { first?: number; after?: string; filter?: StockMovementFilter },
  ) {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('product_id', productId.toLowerCase(), 'uuid')
      .eq('location_id', f.locationId?.toLowerCase(), 'uuid');
    return keysetPage(ctx, args, {
      columns: StockMovements.cols(),
      from: 'stock_movements',
      filter,
      order: { column: 'at', cast: 'timestamptz', desc: true, value: (m: { at: Date }) => m.at },
      map: StockMovements.map,
    });
  }

  /** Stock valued at cost price per branch and currency, for every branch in scope: one statement. */
  async values(ctx: RequestContext, branchId?: string): Promise<BranchStockValue[]> {
    const filter = new SqlFilter().branches(ctx, branchId, 'l.branch_id');
    const tx = await ctx.tx();
    return tx.query<BranchStockValue>(
      `SELECT l.branch_id AS "branchId", p.currency, round(sum(l.on_hand * p.cost_price), 2)::text AS value,
              sum(l.on_hand)::text AS quantity
       FROM stock_levels l JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id
       WHERE ${filter.sql} GROUP BY l.branch_id, p.currency ORDER BY l.branch_id, p.currency`,
      filter.params,
    );
  }

  // ---------- movements ----------

  /** Goods in: a purchase receipt or a customer return. */
  receive(ctx: RequestContext, input: ReceiveStockInput): Promise<StockLevel> {
    return this.putIn(ctx, input, StockCause[input.cause]);
  }

  /** The goods of a shipment cancelled before it left, back where they were issued from (SHIPMENT_CANCELLED). */
  restore(ctx: RequestContext, input: IssueStockInput): Promise<StockLevel> {
    return this.putIn(ctx, input, StockCause.SHIPMENT_CANCELLED);
  }

  private async putIn(ctx: RequestContext, input: IssueStockInput, cause: StockCause): Promise<StockLevel> {
    const quantity = checkQuantity('quantity', input.quantity);
    const { location, product, reference, note } = await this.place(ctx, input);
    const tx = await ctx.tx();
    const [level] = await tx.query<StockLevel>(
      `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (branch_id, product_id, location_id)
         DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now()
       RETURNING ${StockLevels.cols()}`,
      [location.branchId, randomUUID(), product.organizationId, product.id, location.id, quantity],
    );
    const after = StockLevels.map(level);
    await this.record(ctx, {
      location,
      product,
      cause,
      quantity,
      onHandAfter: after.onHand,
      reference,
      note,
    });
    return after;
  }

  /** Goods out for a shipment: refused with InsufficientStockError, changing nothing, when not enough is on hand. */
  async issue(ctx: RequestContext, input: IssueStockInput): Promise<StockLevel> {
    const quantity = checkQuantity('quantity', input.quantity);
    const { location, product, reference, note } = await this.place(ctx, input);
    const tx = await ctx.tx();
    const [level] = await tx.query<StockLevel>(
      `UPDATE stock_levels SET on_hand = on_hand - $4::numeric, updated_at = now()
       WHERE branch_id = $1 AND product_id = $2 AND location_id = $3 AND on_hand >= $4::numeric
       RETURNING ${StockLevels.cols()}`,
      [location.branchId, product.id, location.id, quantity],
    );
    if (!level) {
      const [current] = await tx.query<{ onHand: string }>(
        `SELECT on_hand::text AS "onHand" FROM stock_levels WHERE branch_id = $1 AND product_id = $2 AND location_id = $3`,
        [location.branchId, product.id, location.id],
      );
      throw new InsufficientStockError(
        product.id,
        product.code,
        location.id,
        location.code,
        current?.onHand ?? '0.000',
        quantity,
      );
    }
    const after = StockLevels.map(level);
    await this.record(ctx, {
      location,
      product,
      cause: StockCause.SHIPMENT,
      quantity: `-${quantity}`,
      onHandAfter: after.onHand,
      reference,
      note,
    });
    return after;
  }

  /** A stock count: the counted quantity replaces the recorded one; the difference is a COUNT_ADJUSTMENT. */
  async adjust(ctx: RequestContext, input: AdjustStockInput): Promise<StockLevel> {
    const counted = checkQuantity('countedQuantity', input.countedQuantity, true);
    if (!input.note?.trim()) throw BadUserInputError.field('note', 'explain the difference the count found');
    const { location, product, reference, note } = await this.place(ctx, input);
    const tx = await ctx.tx();
    await tx.query(
      `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
       VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT (branch_id, product_id, location_id) DO NOTHING`,
      [location.branchId, randomUUID(), product.organizationId, product.id, location.id],
    );
    // The difference is computed by PostgreSQL in numeric, from the row locked in the same statement.
    const [row] = await tx.query<{ delta: string; level: unknown }>(
      `WITH old AS (SELECT id, on_hand FROM stock_levels
                    WHERE branch_id = $1 AND product_id = $2 AND location_id = $3 FOR UPDATE)
       UPDATE stock_levels s SET on_hand = $4::numeric, updated_at = now() FROM old
       WHERE s.branch_id = $1 AND s.id = old.id
       RETURNING (s.on_hand - old.on_hand)::text AS delta`,
      [location.branchId, product.id, location.id, counted],
    );
    const after = (await StockLevels.find(tx, {
      branchId: location.branchId,
      productId: product.id,
      locationId: location.id,
    }))!;
    if (Number(row.delta) !== 0) {
      await this.record(ctx, {
        location,
        product,
        cause: StockCause.COUNT_ADJUSTMENT,
        quantity: row.delta,
        onHandAfter: after.onHand,
        reference,
        note,
      });
    }
    return after;
  }

  /**
   * A stock count's variance (signed, non-zero) on top of what is on hand now, as a COUNT_ADJUSTMENT: one guarded
   * UPDATE, so it never takes the stock below zero (InsufficientStockError, changing nothing, when it would).
   */
  async adjustBy(
    ctx: RequestContext,
    input: { productId: string; locationId: string; delta: string; reference: string; note: string },
  ): Promise<StockLevel> {
    const { location, product, reference, note } = await this.place(ctx, input);
    const tx = await ctx.tx();
    await tx.query(
      `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
       VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT (branch_id, product_id, location_id) DO NOTHING`,
      [location.branchId, randomUUID(), product.organizationId, product.id, location.id],
    );
    const [level] = await tx.query<StockLevel>(
      `UPDATE stock_levels SET on_hand = on_hand + $4::numeric, updated_at = now()
       WHERE branch_id = $1 AND product_id = $2 AND location_id = $3 AND on_hand + $4::numeric >= 0
       RETURNING ${StockLevels.cols()}`,
      [location.branchId, product.id, location.id, input.delta],
    );
    if (!level) {
      const [current] = await tx.query<{ onHand: string }>(
        `SELECT on_hand::text AS "onHand" FROM stock_levels WHERE branch_id = $1 AND product_id = $2 AND location_id = $3`,
        [location.branchId, product.id, location.id],
      );
      const out = input.delta.replace(/^-/, '');
      throw new InsufficientStockError(product.id, product.code, location.id, location.code, current.onHand, out);
    }
    const after = StockLevels.map(level);
    const movement = { location, product, quantity: input.delta, onHandAfter: after.onHand, reference, note };
    await this.record(ctx, { ...movement, cause: StockCause.COUNT_ADJUSTMENT });
    return after;
  }

  /** The location (in scope, active) and the product (the caller's organization, active) of a movement. */
  private async place(
    ctx: RequestContext,
    input: { productId: string; locationId: string; reference?: string; note?: string },
  ): Promise<{ location: WarehouseLocation; product: Product; reference: string | null; note: string | null }> {
    const reference = checkText('reference', input.reference, 200);
    const note = checkText('note', input.note, 4000);
    const location = await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase());
    if (!location) throw new NotFoundError('WarehouseLocation', input.locationId);
    const product = await findOrganizationRow(ctx, Products, input.productId.toLowerCase());
    if (!location.active) throw new InvalidStateError(`Location ${location.code} is closed: move stock elsewhere`);
    return { location, product, reference, note };
  }

  private async record(ctx: RequestContext, m: Movement): Promise<void> {
    const tx = await ctx.tx();
    const after = await StockMovements.insert(tx, {
      branchId: m.location.branchId,
      id: randomUUID(),
      organizationId: m.product.organizationId,
      productId: m.product.id,
      locationId: m.location.id,
      cause: m.cause,
      quantity: m.quantity,
      onHandAfter: m.onHandAfter,
      reference: m.reference,
      note: m.note,
      actorId: ctx.actor?.userId ?? null,
    });
    await writeAudit(ctx, {
      branchId: m.location.branchId,
      entity: 'stockMovement',
      entityId: after.id,
      action: m.cause.toLowerCase(),
      after,
    });
  }
}
