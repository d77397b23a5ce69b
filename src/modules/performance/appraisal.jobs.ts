import { Injectable } from '@nestjs/common';
import { Database, addDays, startOfLocalDay, todayIn } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { ApprovalSettingsService } from '../approvals/approval-settings.service.js';
import { openDueCycles } from './appraisal-cycles.js';
import { AppraisalsDue } from './appraisal.entity.js';
import { appraisalJobs } from './appraisal.job-catalogue.js';

/** Branches per claim of the cycle scan. */
const BATCH = 20;

/** The worker opens each branch's appraisal cycles on their first working day, then looks again tomorrow. */
@Injectable()
export class AppraisalJobs {
  constructor(
    private readonly db: Database,
    private readonly calendars: ApprovalSettingsService,
  ) {}

  @ProcessJob(appraisalJobs.cycleScan)
  async cycleScan(): Promise<{ branches: number; opened: number }> {
    let opened = 0;
    const branches = await scanDue(this.db, {
      batch: BATCH,
      claim: (tx, batch) =>
        tx.query<{ branch_id: string }>('SELECT branch_id FROM claim_appraisal_openings($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        const cals = await this.calendars.calendars(
          ctx,
          keys.map((k) => k.branch_id),
        );
        for (const k of keys) {
          const cal = cals.get(k.branch_id)!;
          const today = todayIn(cal.timeZone);
          opened += await openDueCycles(tx, k.branch_id, today, cal);
          await AppraisalsDue.update(
            tx,
            { branchId: k.branch_id },
            { dueAt: startOfLocalDay(addDays(today, 1), cal.timeZone) },
          );
        }
      },
    });
    return { branches, opened };
  }
}
