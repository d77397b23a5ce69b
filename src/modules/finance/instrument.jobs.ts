import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { InstrumentBreachNotices } from './instrument.entity.js';
import { Receipts } from './receipt.entity.js';
import { reconciliationJobs } from './reconciliation.job-catalogue.js';
import { peopleWithRoles } from './reconciliation.jobs.js';

interface Key {
  branch_id: string;
  id: string;
}

/**
 * Instruments not handed to finance by the close of their receiving day: each breach claimed once (SKIP LOCKED,
 * then its breach row, which the claim excludes) and told to the branch's finance people and managers once.
 */
@Injectable()
export class InstrumentJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(reconciliationJobs.instrumentScan)
  async scanBreaches(): Promise<{ breaches: number }> {
    const total = { breaches: 0 };
    await scanDue(this.db, {
      batch: 200,
      claim: (tx, batch) => tx.query<Key>('SELECT branch_id, id FROM claim_due_instrument_breaches($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        for (const k of keys) total.breaches += await this.tell(ctx, tx, k);
      },
    });
    return total;
  }

  private async tell(ctx: RequestContext, tx: Tx, key: Key): Promise<number> {
    const r = await Receipts.find(tx, { branchId: key.branch_id, id: key.id });
    if (!r) return 0;
    await InstrumentBreachNotices.insert(tx, { branchId: r.branchId, id: r.id });
    const users = await peopleWithRoles(tx, r.branchId, [Role.FINANCE, Role.BRANCH_MANAGER]);
    await this.notifications.notifyMany(
      ctx,
      users.map((userId) => ({
        branchId: r.branchId,
        userId,
        kind: 'INSTRUMENT_NOT_HANDED_OVER',
        title: `${r.kind} ${r.reference} received ${r.receivedOn} was not handed to finance that day`.slice(0, 300),
        body: `Amount ${r.amount} ${r.currency}; record its hand-over once finance has it.`,
        subjectType: 'receipt',
        subjectId: r.id,
        dedupeKey: `instrument-breach:${r.id}:${userId}`,
      })),
    );
    return 1;
  }
}
