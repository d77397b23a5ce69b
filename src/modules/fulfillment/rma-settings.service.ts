import { Injectable } from '@nestjs/common';
import { NotFoundError, addWorkingHours, requireChange, writeAudit, type RequestContext, type Tx } from '@app/core';
import { ApprovalSettingsService } from '../approvals/approval-settings.service.js';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type { UpdateRmaSettingsInput } from './dto/rma.input.js';
import { RmaSettingsTable, type RmaSettings } from './rma.entity.js';
import { RmaState } from './rma.enums.js';

type Limits = Omit<RmaSettings, 'branchId' | 'updatedAt'>;

/** The time limits when a branch has not set its own, in working hours of the branch calendar. */
export const DEFAULT_RMA_LIMITS: Limits = {
  requestedHours: 8,
  engineerConfirmedHours: 16,
  checkedHours: 16,
  atMakerHours: 160,
  returnedHours: 40,
  escalationHours: 8,
};

const LIMIT_OF: Partial<Record<RmaState, keyof Limits>> = {
  REQUESTED: 'requestedHours',
  ENGINEER_CONFIRMED: 'engineerConfirmedHours',
  CHECKED: 'checkedHours',
  AT_MAKER: 'atMakerHours',
  RETURNED: 'returnedHours',
};

const KEYS = Object.keys(DEFAULT_RMA_LIMITS) as (keyof Limits)[];

/**
 * Per-branch RMA time limits: one per open step and the interval from the owner's reminder to the branch manager's
 * escalation, counted in the working hours of the branch calendar the approval engine keeps (same arithmetic).
 */
@Injectable()
export class RmaSettingsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly calendars: ApprovalSettingsService,
  ) {}

  /** A branch's settings; the defaults (updatedAt null) where it has not set its own. */
  async read(tx: Tx, branchId: string): Promise<RmaSettings> {
    return (await RmaSettingsTable.find(tx, { branchId })) ?? { branchId, ...DEFAULT_RMA_LIMITS, updatedAt: null };
  }

  /** The deadline of a step entered at `from`; null for a final state. */
  async dueAt(ctx: RequestContext, branchId: string, state: RmaState, from: Date): Promise<Date | null> {
    const key = LIMIT_OF[state];
    if (!key) return null;
    const s = await this.read(await ctx.tx(), branchId);
    return addWorkingHours(from, s[key], await this.calendars.calendar(ctx, branchId));
  }

  /** When a reminded late step goes to the branch manager. */
  async escalationAt(ctx: RequestContext, branchId: string, from: Date): Promise<Date> {
    const s = await this.read(await ctx.tx(), branchId);
    return addWorkingHours(from, s.escalationHours, await this.calendars.calendar(ctx, branchId));
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<RmaSettings> {
    const branch = actingBranch(ctx, branchId);
    await this.requireBranch(ctx, branch);
    return this.read(await ctx.tx(), branch);
  }

  /** New limits apply to steps entered from now on; running deadlines keep the limit they started under. */
  async update(ctx: RequestContext, input: UpdateRmaSettingsInput): Promise<RmaSettings> {
    requireChange(input, 'setting', { ignore: ['branchId'] });
    const branchId = actingBranch(ctx, input.branchId);
    await this.requireBranch(ctx, branchId);
    const tx = await ctx.tx();
    const before = await this.read(tx, branchId);
    const next = Object.fromEntries(KEYS.map((k) => [k, input[k] ?? before[k]])) as unknown as Limits;
    const after = await RmaSettingsTable.upsert(tx, { branchId, ...next, updatedAt: new Date() });
    await writeAudit(ctx, { branchId, entity: 'rma_settings', entityId: branchId, action: 'update', before, after });
    return after;
  }

  private async requireBranch(ctx: RequestContext, branchId: string): Promise<void> {
    if (!(await this.branches.branchLoader(ctx).load(branchId))) throw new NotFoundError('Branch', branchId);
  }
}
