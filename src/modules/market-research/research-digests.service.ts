import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, NotFoundError, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import type { UpdateResearchSettingsInput } from './dto/research.input.js';
import { DEFAULT_RESEARCH_SETTINGS, DEFAULT_SEGMENT_WEIGHTS } from './research-rules.js';
import {
  ResearchDigests,
  ResearchItems,
  ResearchSettingsTable,
  type ResearchDigest,
  type ResearchDigestItem,
  type ResearchItem,
  type ResearchSettings,
} from './research.entity.js';
import type { ResearchDigestFilter } from './research.types.js';

/** The settings as GraphQL answers them (updatedAt is the table's own bookkeeping, absent for the defaults). */
type Settings = Omit<ResearchSettings, 'updatedAt'> & { updatedAt?: Date };

/** What a digest's item answers: its rank and the item itself. */
type RankedItem = Pick<ResearchDigestItem, 'rank' | 'item'>;

/** Past weekly digests (built by the worker, see research-digest.jobs.ts) and the branch's research settings. */
@Injectable()
export class ResearchDigestsService {
  /** Latest week first; head office without a branch filter gets every branch in one statement. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ResearchDigestFilter },
  ): Promise<ConnectionShape<ResearchDigest>> {
    const f = args.filter ?? {};
    if (f.from && f.to && f.from > f.to) throw BadUserInputError.field('filter.to', 'must not be before filter.from');
    const filter = new SqlFilter().branches(ctx, f.branchId);
    if (f.from) filter.where((p) => `week_start >= ${p(f.from, 'date')}`);
    if (f.to) filter.where((p) => `week_start <= ${p(f.to, 'date')}`);
    return keysetPage(ctx, args, {
      columns: ResearchDigests.cols(),
      from: 'research_digests',
      filter,
      order: { column: 'week_start', cast: 'date', desc: true, value: (d: ResearchDigest) => d.weekStart },
      map: ResearchDigests.map,
    });
  }

  findOne(ctx: RequestContext, id: string): Promise<ResearchDigest | null> {
    return ResearchDigests.findInScope(ctx, id);
  }

  /** The ranked items of many digests ("branchId:digestId" keys), in one statement. */
  itemsLoader(ctx: RequestContext): DataLoader<string, RankedItem[]> {
    return ctx.loader(
      'research.digestItems',
      () =>
        new DataLoader<string, RankedItem[]>(async (keys) => {
          const [branchIds, digestIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<ResearchItem & { digestId: string; rank: number }>(
            `SELECT di.digest_id AS "digestId", di.rank, ${ResearchItems.cols('i')}
             FROM research_digest_items di
             JOIN research_items i ON i.branch_id = di.branch_id AND i.id = di.item_id
             WHERE (di.branch_id, di.digest_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
             ORDER BY di.branch_id, di.digest_id, di.rank`,
            [branchIds, digestIds],
          );
          return groupByKey(
            keys,
            rows,
            (r) => `${r.branchId}:${r.digestId}`,
            ({ digestId: _, rank, ...item }) => ({ rank, item: ResearchItems.map(item) }),
          );
        }),
    );
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<Settings> {
    const branch = actingBranch(ctx, branchId);
    return this.read(ctx, branch);
  }

  async updateSettings(ctx: RequestContext, input: UpdateResearchSettingsInput): Promise<Settings> {
    const branchId = actingBranch(ctx, input.branchId);
    const weights = {
      weightMarketSize: checkWeight('weightMarketSize', input.weightMarketSize),
      weightGrowth: checkWeight('weightGrowth', input.weightGrowth),
      weightCompetition: checkWeight('weightCompetition', input.weightCompetition),
    };
    const before = await this.read(ctx, branchId);
    const w = {
      weightMarketSize: weights.weightMarketSize ?? before.weightMarketSize,
      weightGrowth: weights.weightGrowth ?? before.weightGrowth,
      weightCompetition: weights.weightCompetition ?? before.weightCompetition,
    };
    if ([w.weightMarketSize, w.weightGrowth, w.weightCompetition].every((v) => Number(v) === 0)) {
      throw BadUserInputError.field('weightMarketSize', 'at least one segment weight must be above 0');
    }
    const after = await ResearchSettingsTable.upsert(await ctx.tx(), {
      branchId,
      digestTopItems: input.digestTopItems ?? before.digestTopItems,
      digestHour: input.digestHour ?? before.digestHour,
      ...w,
    });
    await writeAudit(ctx, {
      branchId,
      entity: 'research_settings',
      entityId: branchId,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  private async read(ctx: RequestContext, branchId: string): Promise<Settings> {
    if (!ctx.branchIds.includes(branchId)) throw new NotFoundError('Branch', branchId);
    const row = await ResearchSettingsTable.find(await ctx.tx(), { branchId });
    return (
      row ?? {
        branchId,
        ...DEFAULT_RESEARCH_SETTINGS,
        weightMarketSize: DEFAULT_SEGMENT_WEIGHTS.marketSize,
        weightGrowth: DEFAULT_SEGMENT_WEIGHTS.growth,
        weightCompetition: DEFAULT_SEGMENT_WEIGHTS.competition,
      }
    );
  }
}

const WEIGHT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** A segment weight: 0 to 100 with at most 2 decimals (numeric(5,2)). */
function checkWeight(field: string, v: string | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (!WEIGHT.test(v.trim()))
    throw BadUserInputError.field(field, 'must be a number from 0 to 100, at most 2 decimals');
  return v.trim();
}
