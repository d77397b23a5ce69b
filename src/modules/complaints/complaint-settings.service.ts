import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, writeAudit, type RequestContext, type Tx, addWorkingHours } from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { ApprovalSettingsService } from '../approvals/approval-settings.service.js';
import { ComplaintSettingsTable, type ComplaintSettings } from './complaint.entity.js';
import { ComplaintSeverity } from './complaint.enums.js';
import type { UpdateComplaintSettingsInput } from './dto/complaint.input.js';

const HOUR_MS = 3_600_000;

/** The settings as GraphQL answers them (updatedAt is the table's own bookkeeping). */
type Settings = Omit<ComplaintSettings, 'updatedAt'> & { updatedAt?: Date };

/** The response windows when a branch has not set its own (DOMAIN.md section 2: "answered within a set deadline"). */
export const DEFAULT_COMPLAINT_SETTINGS: Omit<ComplaintSettings, 'branchId' | 'updatedAt'> = {
  criticalHours: 4,
  highHours: 24,
  mediumHours: 72,
  lowHours: 120,
  workingTime: false,
};

const HOURS_OF: Record<ComplaintSeverity, keyof Omit<ComplaintSettings, 'branchId' | 'workingTime' | 'updatedAt'>> = {
  CRITICAL: 'criticalHours',
  HIGH: 'highHours',
  MEDIUM: 'mediumHours',
  LOW: 'lowHours',
};

/**
 * Per-branch complaint rules: the response window per severity, counted on the wall clock by default
 * (an angry customer's clock does not stop at 18:00) or, when the branch says so, in the working time
 * of the branch calendar the approval engine keeps (the same calendar, the same arithmetic).
 */
@Injectable()
export class ComplaintSettingsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly approvalSettings: ApprovalSettingsService,
  ) {}

  /** A branch's settings; the defaults (with no updatedAt) where it has not set its own. */
  async read(tx: Tx, branchId: string): Promise<Settings> {
    return (await ComplaintSettingsTable.find(tx, { branchId })) ?? { branchId, ...DEFAULT_COMPLAINT_SETTINGS };
  }

  /** The window a severity gets in a branch, and whether it counts working time. */
  async windowFor(
    tx: Tx,
    branchId: string,
    severity: ComplaintSeverity,
  ): Promise<{ hours: number; workingTime: boolean }> {
    const s = await this.read(tx, branchId);
    return { hours: s[HOURS_OF[severity]], workingTime: s.workingTime };
  }

  /** `hours` after `from`, on the wall clock or in the branch's working time. */
  async addHours(
    ctx: RequestContext,
    branchId: string,
    from: Date,
    hours: number,
    workingTime: boolean,
  ): Promise<Date> {
    if (!workingTime) return new Date(from.getTime() + hours * HOUR_MS);
    return addWorkingHours(from, hours, await this.approvalSettings.calendar(ctx, branchId));
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<Settings> {
    const branch = actingBranch(ctx, branchId);
    await this.requireBranch(ctx, branch);
    return this.read(await ctx.tx(), branch);
  }

  /** New windows apply to complaints received from now on; running deadlines keep the rule they started under. */
  async update(ctx: RequestContext, input: UpdateComplaintSettingsInput): Promise<Settings> {
    const branchId = actingBranch(ctx, input.branchId);
    await this.requireBranch(ctx, branchId);
    const tx = await ctx.tx();
    const before = await this.read(tx, branchId);
    const next = {
      criticalHours: input.criticalHours ?? before.criticalHours,
      highHours: input.highHours ?? before.highHours,
      mediumHours: input.mediumHours ?? before.mediumHours,
      lowHours: input.lowHours ?? before.lowHours,
      workingTime: input.workingTime ?? before.workingTime,
    };
    // A more severe complaint never waits longer for its answer than a milder one.
    const order: [keyof typeof next, keyof typeof next][] = [
      ['criticalHours', 'highHours'],
      ['highHours', 'mediumHours'],
      ['mediumHours', 'lowHours'],
    ];
    for (const [a, b] of order) {
      if (next[a] > next[b]) {
        throw BadUserInputError.field(a in input && input[a] != null ? a : b, `${a} must not exceed ${b}`);
      }
    }
    const after = await ComplaintSettingsTable.upsert(tx, { branchId, ...next });
    await writeAudit(ctx, {
      branchId,
      entity: 'complaint_settings',
      entityId: branchId,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  private async requireBranch(ctx: RequestContext, branchId: string): Promise<void> {
    if (!(await this.branches.branchLoader(ctx).load(branchId))) throw new NotFoundError('Branch', branchId);
  }
}
