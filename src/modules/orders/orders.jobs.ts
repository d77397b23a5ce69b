import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { orderJobs } from './order.job-catalogue.js';
import { OrderState } from './order-state.js';
import { Orders, type Order } from './order.entity.js';

/** The complaints scan's figures: batches of 100, two lanes side by side. */
const SCAN_BATCH = 100;
const SCAN_LANES = 2;

interface Claimed {
  branch_id: string;
  id: string;
}

/**
 * The one-working-day rule's breach scan: orders whose `ship_breach_check_at` (= shipBy) has come are claimed
 * across branches by a SECURITY DEFINER function with FOR UPDATE SKIP LOCKED and handled in the claiming
 * transaction. A breach sets `ship_breach_notified_at` (under the row lock, only while null) and notifies with
 * dedupe keys, so a breach is told once whatever retries and replicas do.
 */
@Injectable()
export class OrdersJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(orderJobs.shipBreachScan)
  async scanDue(): Promise<{ breaches: number }> {
    const total = { breaches: 0 };
    await Promise.all(Array.from({ length: SCAN_LANES }, () => this.scanLane(total)));
    return total;
  }

  private async scanLane(total: { breaches: number }): Promise<void> {
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) => tx.query<Claimed>('SELECT branch_id, id FROM claim_due_ship_breaches($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        for (const k of keys) total.breaches += await this.check(ctx, tx, k);
      },
    });
  }

  /** 1 when this run found and told a new breach, 0 otherwise; the order's check is cleared either way. */
  private async check(ctx: RequestContext, tx: Tx, key: Claimed): Promise<number> {
    const o = await Orders.find(tx, { branchId: key.branch_id, id: key.id });
    if (!o || !o.shipBreachCheckAt) return 0;
    if (!o.shippingBreached || o.shipBreachNotifiedAt) {
      // Shipped in time, cancelled, or told already; a deadline moved later (not reached yet) is checked then.
      const later = !o.firstShippedAt && o.shipBy && o.shipBy > new Date() && live(o) ? o.shipBy : null;
      await Orders.update(tx, Orders.keyOf(o), { shipBreachCheckAt: later });
      return 0;
    }
    // The claim holds the row lock: no other scan reads it until this transaction ends.
    await Orders.change(ctx, o, { shipBreachCheckAt: null, shipBreachNotifiedAt: new Date() }, 'shipping_breach');
    const managers = await tx.query<{ user_id: string }>(
      'SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1 AND role = $2 ORDER BY 1',
      [o.branchId, Role.BRANCH_MANAGER],
    );
    const users = [...new Set([o.ownerId, ...managers.map((m) => m.user_id)])];
    const shipBy = o.shipBy!.toISOString();
    const what = o.firstShippedAt
      ? `its first shipment left at ${o.firstShippedAt.toISOString()}`
      : 'nothing has shipped yet';
    await this.notifications.notifyMany(
      ctx,
      users.map((userId) => ({
        branchId: o.branchId,
        userId,
        kind: 'ORDER_SHIPPING_BREACH',
        title: `Order ${o.reference ?? o.id} missed the one-working-day shipping rule`.slice(0, 300),
        body: `Signed at ${o.signedAt!.toISOString()}, due to ship by ${shipBy}; ${what}.`.slice(0, 2000),
        subjectType: 'order',
        subjectId: o.id,
        dedupeKey: `order-ship-breach:${o.id}:${userId}`,
      })),
    );
    return 1;
  }
}

const live = (o: Order) => o.state !== OrderState.CANCELLED && o.state !== OrderState.REJECTED;
