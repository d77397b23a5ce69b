import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { procurementJobs } from './procurement.job-catalogue.js';
import { FOLLOWED_UP } from './procurement-state.js';
import { PurchaseContracts } from './purchase-contract.entity.js';

const SCAN_BATCH = 100;

interface Claimed {
  branch_id: string;
  id: string;
}

/**
 * Late deliveries of purchase contracts: rows whose `late_check_at` has come (the start of the day after the
 * expected day, branch time) are claimed across branches by a SECURITY DEFINER function with FOR UPDATE SKIP LOCKED
 * and handled in the claiming transaction. A contract still waiting for goods reminds its buyer once per expected
 * day (`late_reminded_on`, and a dedupe key per contract and day, so retries and racing workers tell it once); the
 * look is then disarmed until a follow-up names a new day.
 */
@Injectable()
export class ProcurementJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(procurementJobs.lateDeliveryScan)
  async scanLate(): Promise<{ reminded: number }> {
    const total = { reminded: 0 };
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) =>
        tx.query<Claimed>('SELECT branch_id, id FROM claim_due_purchase_contract_late($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        for (const k of keys) total.reminded += await this.check(ctx, tx, k);
      },
    });
    return total;
  }

  private async check(ctx: RequestContext, tx: Tx, key: Claimed): Promise<number> {
    const c = await PurchaseContracts.find(tx, { branchId: key.branch_id, id: key.id });
    if (!c || !c.lateCheckAt) return 0;
    if (!FOLLOWED_UP.includes(c.state) || c.lateRemindedOn === c.expectedOn) {
      await PurchaseContracts.update(tx, PurchaseContracts.keyOf(c), { lateCheckAt: null });
      return 0;
    }
    await PurchaseContracts.change(ctx, c, { lateRemindedOn: c.expectedOn, lateCheckAt: null }, 'late_reminder');
    await this.notifications.notifyMany(ctx, [
      {
        branchId: c.branchId,
        userId: c.buyerId,
        kind: 'PURCHASE_DELIVERY_LATE',
        title: `Purchase contract ${c.number}: the delivery expected on ${c.expectedOn} is late`,
        body: `${c.state}: follow it up with the supplier and record the new day (followUpPurchaseContract)`,
        subjectType: 'purchaseContract',
        subjectId: c.id,
        dedupeKey: `purchase_delivery_late:${c.id}:${c.expectedOn}`,
      },
    ]);
    return 1;
  }
}
