import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, todayIn, writeAudit, type RequestContext, type Tx } from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { DEFAULT_EXPIRY_REMINDER_DAYS, refreshExpiryReminders } from './contract-due-dates.js';
import { DEFAULT_NUMBER_RULE, formatContractNumber, numberRuleProblem, yearOf } from './contract-number.js';
import type { ContractSettings } from './contract.types.js';
import { isPercent } from './quote-lines.js';
import { DEFAULT_QUOTE_REMINDER_DAYS } from './quote.entity.js';

/** Per-branch rules of the contracts module: the numbering rule, end-of-term reminders and the quote rules. */
@Injectable()
export class ContractSettingsService {
  constructor(private readonly branches: BranchesService) {}

  /** The rule in force for a branch (its own, or the default), read in the caller's transaction. */
  async numberRule(tx: Tx, branchId: string): Promise<string> {
    const rows = await tx.query<{ number_rule: string }>(
      'SELECT number_rule FROM contract_settings WHERE branch_id = $1',
      [branchId],
    );
    return rows[0]?.number_rule ?? DEFAULT_NUMBER_RULE;
  }

  /** The end-of-term reminder days of a branch (its own, or the default). */
  async expiryDays(tx: Tx, branchId: string): Promise<number[]> {
    const rows = await tx.query<{ d: number[] }>(
      'SELECT expiry_reminder_days AS d FROM contract_settings WHERE branch_id = $1',
      [branchId],
    );
    return rows[0]?.d ?? DEFAULT_EXPIRY_REMINDER_DAYS;
  }

  /** The quote rules of a branch (its own, or the defaults): discount limit (percent, as text) and reminder days. */
  async quoteRules(tx: Tx, branchId: string): Promise<{ limit: string; reminderDays: number }> {
    const rows = await tx.query<{ l: string; d: number }>(
      `SELECT quote_discount_limit_percent::text AS l, quote_expiry_reminder_days AS d
       FROM contract_settings WHERE branch_id = $1`,
      [branchId],
    );
    return { limit: rows[0]?.l ?? '10.00', reminderDays: rows[0]?.d ?? DEFAULT_QUOTE_REMINDER_DAYS };
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<ContractSettings> {
    const branch = actingBranch(ctx, branchId);
    const tx = await ctx.tx();
    return this.view(ctx, branch, {
      numberRule: await this.numberRule(tx, branch),
      expiryReminderDays: await this.expiryDays(tx, branch),
      quote: await this.quoteRules(tx, branch),
    });
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
  ): Promise<ContractSettings> {
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
    const tx = await ctx.tx();
    const oldDays = await this.expiryDays(tx, branchId);
    const oldRule = await this.numberRule(tx, branchId);
    const oldQuote = await this.quoteRules(tx, branchId);
    const before = await this.view(ctx, branchId, {
      numberRule: oldRule,
      expiryReminderDays: oldDays,
      quote: oldQuote,
    });
    const [saved] = await tx.query<{ l: string; d: number }>(
      `INSERT INTO contract_settings (branch_id, number_rule, expiry_reminder_days, quote_discount_limit_percent,
         quote_expiry_reminder_days)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (branch_id) DO UPDATE SET number_rule = $2, expiry_reminder_days = $3,
         quote_discount_limit_percent = $4, quote_expiry_reminder_days = $5, updated_at = now()
       RETURNING quote_discount_limit_percent::text AS l, quote_expiry_reminder_days AS d`,
      [
        branchId,
        rule ?? oldRule,
        days ?? oldDays,
        limit ?? oldQuote.limit,
        input.quoteExpiryReminderDays ?? oldQuote.reminderDays,
      ],
    );
    // New reminder days move every live contract's next end-of-term reminder (one statement).
    if (days && days.join() !== oldDays.join()) await refreshExpiryReminders(tx, branchId, null);
    const after = await this.view(ctx, branchId, {
      numberRule: rule ?? oldRule,
      expiryReminderDays: days ?? oldDays,
      quote: { limit: saved.l, reminderDays: saved.d },
    });
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

  private async view(
    ctx: RequestContext,
    branchId: string,
    v: { numberRule: string; expiryReminderDays: number[]; quote: { limit: string; reminderDays: number } },
  ): Promise<ContractSettings> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    const year = yearOf(todayIn(branch.timeZone));
    return {
      branchId,
      numberRule: v.numberRule,
      nextNumberExample: formatContractNumber(v.numberRule, { branchCode: branch.code, year, sequence: 1 }),
      expiryReminderDays: v.expiryReminderDays,
      quoteDiscountLimitPercent: v.quote.limit,
      quoteExpiryReminderDays: v.quote.reminderDays,
    };
  }
}
