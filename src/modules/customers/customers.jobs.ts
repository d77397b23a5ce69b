import { Injectable } from '@nestjs/common';
import { Database, RequestContext } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, scanDue, type PayloadOf } from '@app/jobs';
import { ContactRemindersService } from './contact-reminders.service.js';
import { customerJobs } from './customer.job-catalogue.js';

const SCAN_BATCH = 500;

@Injectable()
export class CustomersJobs {
  constructor(
    private readonly db: Database,
    private readonly reminders: ContactRemindersService,
  ) {}

  /**
   * Claims due customers in batches (FOR UPDATE SKIP LOCKED, so replicas split the work) and
   * reminds them in the same transaction: a crash rolls the batch back for the next run.
   */
  @ProcessJob(customerJobs.contactDueScan)
  async scanContactDue(): Promise<{ reminded: number }> {
    let reminded = 0;
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) =>
        tx.query<{ branch_id: string; id: string }>('SELECT branch_id, id FROM claim_due_contact_reminders($1)', [
          batch,
        ]),
      handle: async (ctx, _tx, keys) => {
        reminded += await this.reminders.remindDue(ctx, keys);
      },
    });
    return { reminded };
  }

  @ProcessJob(customerJobs.contactDueCheck)
  async checkContactDue(
    payload: PayloadOf<typeof customerJobs.contactDueCheck>,
    job?: Job,
  ): Promise<{ reminded: number }> {
    const scope = { branchIds: [payload.branchId] };
    // As the worker role (row-level security still applies): it alone may finish the outbox row.
    const reminded = await this.db.run(
      scope,
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return 0;
        return this.reminders.remindDue(RequestContext.forTransaction(tx, scope), [
          { branch_id: payload.branchId, id: payload.customerId },
        ]);
      },
      'system',
    );
    return { reminded };
  }
}
