import { Injectable } from '@nestjs/common';
import { writeAudit, type RequestContext, type Tx } from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { ChannelSettingsTable, type ChannelSettings } from './channel.entity.js';
import type { UpdateChannelSettingsInput } from './evaluation.types.js';
import { DEFAULT_SCORING, checkScoring, type ScoringRules } from './evaluation-rules.js';

/** The settings as GraphQL answers them (updatedAt is the table's own bookkeeping). */
type Settings = Omit<ChannelSettings, 'updatedAt'>;

const RULES = Object.keys(DEFAULT_SCORING) as (keyof ScoringRules)[];

/** The scoring rules of a settings row, without its key and bookkeeping. */
const rulesOf = (row: ScoringRules): ScoringRules =>
  Object.fromEntries(RULES.map((k) => [k, row[k]])) as unknown as ScoringRules;

/** Per-branch scoring of partners: the weights, the sales target and the tier cut-offs (defaults when unset). */
@Injectable()
export class ChannelSettingsService {
  /** The rules in force for a branch, read in the caller's transaction; numbers as PostgreSQL writes them. */
  async rules(tx: Tx, branchId: string): Promise<ScoringRules & { customized: boolean }> {
    const row = await ChannelSettingsTable.find(tx, { branchId });
    return row ? { ...rulesOf(row), customized: true } : { ...DEFAULT_SCORING, customized: false };
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<Settings> {
    const branch = actingBranch(ctx, branchId);
    return { branchId: branch, ...(await this.rules(await ctx.tx(), branch)) };
  }

  async update(ctx: RequestContext, input: UpdateChannelSettingsInput): Promise<Settings> {
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const { customized, ...old } = await this.rules(tx, branchId);
    const next: ScoringRules = { ...old };
    for (const k of RULES) {
      if (input[k] != null) next[k] = input[k]!.trim();
    }
    checkScoring(next);
    const row = await ChannelSettingsTable.upsert(tx, { branchId, ...next });
    const after: Settings = { branchId, ...rulesOf(row), customized: true };
    await writeAudit(ctx, {
      branchId,
      entity: 'channel_settings',
      entityId: branchId,
      action: 'update',
      before: { branchId, ...old, customized },
      after,
    });
    return after;
  }
}
