import { Injectable } from '@nestjs/common';
import { Database } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { ApprovalDueWork, type ClaimedStep, type ScanResult } from './approval-due-work.js';
import { approvalJobs } from './approval.job-catalogue.js';

const SCAN_BATCH = 200;
/** Transactions of one scan working side by side (each holds a pooled connection while it runs). */
const SCAN_LANES = 3;

/**
 * Reminders before a step's SLA expires and escalation after it, driven by the due timestamps on the steps:
 * claimed across branches with FOR UPDATE SKIP LOCKED and handled in the claiming transaction, with its rows
 * locked (`ApprovalDueWork`): a crash rolls the batch back for the next run.
 */
@Injectable()
export class ApprovalsJobs {
  constructor(
    private readonly db: Database,
    private readonly due: ApprovalDueWork,
  ) {}

  @ProcessJob(approvalJobs.dueScan)
  async scanDue(): Promise<ScanResult> {
    const total: ScanResult = { reminded: 0, escalated: 0, stalled: 0 };
    // Lanes claim disjoint batches (SKIP LOCKED), as replicas do: a burst of steps falling due at the same
    // instant (requests filed overnight all start when the day opens) is worked through in parallel.
    await Promise.all(Array.from({ length: SCAN_LANES }, () => this.scanLane(total)));
    return total;
  }

  private async scanLane(total: ScanResult): Promise<void> {
    // A full batch that moved nothing (every request busy) is left for the next run, not spun on.
    let stuck = false;
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: async (tx, batch) =>
        stuck
          ? []
          : tx.query<ClaimedStep>(
              'SELECT branch_id, id, head_office_id, now() AS now FROM claim_due_approval_steps($1)',
              [batch],
            ),
      // Head-office approvers are read in the head offices of the claimed steps' branches.
      branches: (keys) => keys.flatMap((k) => [k.branch_id, k.head_office_id]).filter(Boolean),
      handle: async (ctx, tx, keys) => {
        const { result, handled } = await this.due.handleBatch(ctx, tx, keys);
        total.reminded += result.reminded;
        total.escalated += result.escalated;
        total.stalled += result.stalled;
        stuck = handled === 0;
      },
    });
  }
}
