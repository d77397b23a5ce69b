import { Injectable } from '@nestjs/common';
import { Database, enterBranches } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, type PayloadOf } from '@app/jobs';
import { Role } from '../../branches/roles.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { returnJobs } from './return.job-catalogue.js';
import { GoodsReturns } from './return.entity.js';

/**
 * Finance told to credit a processed return (DOMAIN.md section 5): one notice per finance person of the branch,
 * naming the return and the amount, from the outbox row written in the processing transaction, once.
 */
@Injectable()
export class ReturnsJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(returnJobs.processed)
  async processed(payload: PayloadOf<typeof returnJobs.processed>, job?: Job): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return 0;
        const ctx = await enterBranches(tx, [payload.branchId]);
        const r = await GoodsReturns.find(tx, { branchId: payload.branchId, id: payload.returnId });
        if (!r) return 0;
        const people = await tx.query<{ user_id: string }>(
          'SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1 AND role = $2 ORDER BY 1',
          [r.branchId, Role.FINANCE],
        );
        return this.notifications.notifyMany(
          ctx,
          people.map((p) => ({
            branchId: r.branchId,
            userId: p.user_id,
            kind: 'RETURN_TO_CREDIT',
            title: `Return ${r.id} processed: credit ${r.amount} ${r.currency}`,
            body:
              `A ${r.kind.toLowerCase()} (${r.reason}) of order ${r.orderId} was processed and its goods are back in ` +
              `stock: issue the credit note (red-letter invoice) of ${r.amount} ${r.currency} to the customer.`,
            subjectType: 'goods_return',
            subjectId: r.id,
            dedupeKey: `return-credit:${r.id}:${p.user_id}`,
          })),
        );
      },
      'system',
    );
    return { notified };
  }
}
