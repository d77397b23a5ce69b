import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  NotFoundError,
  formatNumber,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { DEFAULT_EXPIRY_REMINDER_DAYS, refreshExpiryReminders } from './contract-due-dates.js';
import { DEFAULT_NUMBER_RULE, numberRuleProblem, yearOf } from './contract-number.js';
import { ContractSettingsTable, type ContractSettings } from './contract.entity.js';
import { isPercent } from './quote-lines.js';
import { DEFAULT_QUOTE_DISCOUNT_LIMIT, DEFAULT_QUOTE_REMINDER_DAYS } from './quote.entity.js';

/** The settings as GraphQL answers them (updatedAt is the table's own bookkeeping). */
export type Settings = Omit<ContractSettings, 'updatedAt'> & { updatedAt?: Date };

/** The rules of a branch that has not set its own. */
export const DEFAULT_CONTRACT_SETTINGS: Omit<ContractSettings, 'branchId' | 'updatedAt'> = {
  numberRule: DEFAULT_NUMBER_RULE,
  expiryReminderDays: DEFAULT_EXPIRY_REMINDER_DAYS,
  quoteDiscountLimitPercent: DEFAULT_QUOTE_DISCOUNT_LIMIT,
  quoteExpiryReminderDays: DEFAULT_QUOTE_REMINDER_DAYS,
};

/** Per-branch rules of the contracts module: the numbering rule, end-of-term reminders and the quote rules. */
@Injectable()
export class ContractSettingsService {
  constructor(private readonly branches: BranchesService) {}

  /** A branch's settings (its own, or the defaults with no updatedAt), read in the caller's transaction. */
  async read(tx: Tx, branchId: string): Promise<Settings> {
    return (await ContractSettingsTable.find(tx, { branchId })) ?? { branchId, ...DEFAULT_CONTRACT_SETTINGS };
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<Settings> {
    const branch = actingBranch(ctx, branchId);
    await this.requireBranch(ctx, branch);
    return this.read(await ctx.tx(), branch);
  }

  async update(
    ctx: RequestContext,
    input: {
      branchId?: string;
      numberRule?: string;
      expiryReminderDays?: number[];
      quoteDiscountLimitPercent?: string;
      quoteExpiryReminderDays?: number;
    },
  ): Promise<Settings> {
    const branchId = actingBranch(ctx, input.branchId);
    const rule = input.numberRule?.trim();
    const problem = rule === undefined ? null : numberRuleProblem(rule);
    if (problem) throw BadUserInputError.field('numberRule', problem);
    const limit = input.quoteDiscountLimitPercent?.trim();
    if (limit !== undefined && !isPercent(limit)) {
      throw BadUserInputError.field(
        'quoteDiscountLimitPercent',
        'must be a percentage from 0 to 100 with at most 2 decimals',
      );
    }
    const days = input.expiryReminderDays ? [...new Set(input.expiryReminderDays)].sort((a, b) => b - a) : undefined;
    await this.requireBranch(ctx, branchId);
    const tx = await ctx.tx();
    const before = await this.read(tx, branchId);
    const after = await ContractSettingsTable.upsert(tx, {
      branchId,
      numberRule: rule ?? before.numberRule,
      expiryReminderDays: days ?? before.expiryReminderDays,
      quoteDiscountLimitPercent: limit ?? before.quoteDiscountLimitPercent,
      quoteExpiryReminderDays: input.quoteExpiryReminderDays ?? before.quoteExpiryReminderDays,
    });
    // New reminder days move every live contract's next end-of-term reminder (one statement).
    if (days && days.join() !== before.expiryReminderDays.join()) await refreshExpiryReminders(tx, branchId, null);
    await writeAudit(ctx, {
      branchId,
      entity: 'contract_settings',
      entityId: branchId,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  /** What the numbering rule gives for the first contract of this year in the branch. */
  async nextNumberExample(ctx: RequestContext, s: Settings): Promise<string> {
    const branch = await this.requireBranch(ctx, s.branchId);
    const year = yearOf(todayIn(branch.timeZone));
    return formatNumber(s.numberRule, { branchCode: branch.code, year, sequence: 1 });
  }

  private async requireBranch(ctx: RequestContext, branchId: string) {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    return branch;
  }
}
