import { Injectable } from '@nestjs/common';
import { writeAudit, type RequestContext, type Tx } from '@app/core';
import { enqueue } from '@app/jobs';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { cadenceDays, DEFAULT_CADENCE, dueOnOf, nextContactDue, type CadenceSettings } from './cadence.js';
import { customerJobs } from './customer.job-catalogue.js';
import { BranchSettingsTable, type BranchSettings, type Customer } from './customer.entity.js';
import { CustomerStatusEnum } from './customer.enums.js';
import type { UpdateBranchSettingsInput } from './dto/customer.input.js';

/** A branch's settings as the API shows them (the defaults while it has no row). */
export type BranchCadence = Pick<BranchSettings, 'branchId'> & CadenceSettings;

/**
 * The contact cadence: each branch's days between contacts per tier (branch_settings), the next contact due
 * date it gives a customer, and the reminder a change that leaves a customer overdue schedules at once.
 */
@Injectable()
export class ContactCadenceService {
  constructor(private readonly branches: BranchesService) {}

  async settings(ctx: RequestContext, branchId?: string): Promise<BranchCadence> {
    const branch = actingBranch(ctx, branchId);
    const tx = await ctx.tx();
    return { branchId: branch, ...(await this.cadence(tx, branch)) };
  }

  async updateSettings(ctx: RequestContext, input: UpdateBranchSettingsInput): Promise<BranchCadence> {
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const before = await this.cadence(tx, branchId);
    const after: CadenceSettings = {
      contactCadenceHighDays: input.contactCadenceHighDays ?? before.contactCadenceHighDays,
      contactCadenceMediumDays: input.contactCadenceMediumDays ?? before.contactCadenceMediumDays,
      contactCadenceLowDays: input.contactCadenceLowDays ?? before.contactCadenceLowDays,
    };
    await BranchSettingsTable.upsert(tx, { branchId, ...after });
    await writeAudit(ctx, { branchId, entity: 'branch_settings', entityId: branchId, action: 'update', before, after });
    return { branchId, ...after };
  }

  /** The branch's cadence, or the defaults while it has not set one. */
  async cadence(tx: Tx, branchId: string): Promise<CadenceSettings> {
    const r = await BranchSettingsTable.find(tx, { branchId });
    return r
      ? {
          contactCadenceHighDays: r.contactCadenceHighDays,
          contactCadenceMediumDays: r.contactCadenceMediumDays,
          contactCadenceLowDays: r.contactCadenceLowDays,
        }
      : DEFAULT_CADENCE;
  }

  /** When a customer of this tier, last contacted at `from`, is next due (end of the business day, branch time zone). */
  async due(ctx: RequestContext, tx: Tx, branchId: string, tier: Customer['tier'], from: Date): Promise<Date> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    const settings = await this.cadence(tx, branchId);
    return nextContactDue(from, cadenceDays(tier, settings), branch?.timeZone ?? 'UTC').dueAt;
  }

  /** The due business day of a customer in its branch, once the branch is at hand. */
  dueOnIn(c: Customer, branch: { timeZone: string } | null): string {
    return dueOnOf(c.nextContactDueAt, branch?.timeZone ?? 'UTC');
  }

  /** A change that leaves the customer already overdue gets its reminder through the outbox at once. */
  async scheduleIfDue(ctx: RequestContext, c: Customer, now: Date): Promise<void> {
    if (c.status === CustomerStatusEnum.ACTIVE && c.nextContactDueAt.getTime() <= now.getTime()) {
      await enqueue(ctx, customerJobs.contactDueCheck, { branchId: c.branchId, customerId: c.id });
    }
  }
}
