import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, NotFoundError, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import type { UpdateResearchSettingsInput } from './dto/research.input.js';
import {
  DEFAULT_RESEARCH_SETTINGS,
  DEFAULT_SEGMENT_WEIGHTS,
  DIGEST_COLUMNS,
  ITEM_COLUMNS,
  toDigest,
  toItem,
  type DigestRow,
  type ItemRow,
} from './research-rows.js';
import type { ResearchDigest, ResearchDigestFilter, ResearchDigestItem, ResearchSettings } from './research.types.js';

/** The item columns with a table alias, for joins. */
const prefixed = (t: string) =>
  ITEM_COLUMNS.replace(/\s+/g, ' ')
    .split(', ')
    .map((c) => `${t}.${c}`)
    .join(', ');

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
      columns: DIGEST_COLUMNS,
      from: 'research_digests',
      filter,
      order: { column: 'week_start', cast: 'date', desc: true, value: (d: ResearchDigest) => d.weekStart },
      map: toDigest,
    });
  }

  async findOne(ctx: RequestContext, id: string): Promise<ResearchDigest | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<DigestRow>(
      `SELECT ${DIGEST_COLUMNS} FROM research_digests WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toDigest(rows[0]) : null;
  }

  /** The ranked items of many digests ("branchId:digestId" keys), in one statement. */
  itemsLoader(ctx: RequestContext): DataLoader<string, ResearchDigestItem[]> {
    return ctx.loader(
      'research.digestItems',
      () =>
        new DataLoader<string, ResearchDigestItem[]>(async (keys) => {
          const [branchIds, digestIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<ItemRow & { digest_id: string; rank: number }>(
            `SELECT di.digest_id, di.rank, ${prefixed('i')}
             FROM research_digest_items di
             JOIN research_items i ON i.branch_id = di.branch_id AND i.id = di.item_id
             WHERE (di.branch_id, di.digest_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
             ORDER BY di.branch_id, di.digest_id, di.rank`,
            [branchIds, digestIds],
          );
          return groupByKey(
            keys,
            rows,
            (r) => `${r.branch_id}:${r.digest_id}`,
            (r) => ({ rank: r.rank, item: toItem(r) }),
          );
        }),
    );
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<ResearchSettings> {
    const branch = actingBranch(ctx, branchId);
    return this.read(ctx, branch);
  }

  async updateSettings(ctx: RequestContext, input: UpdateResearchSettingsInput): Promise<ResearchSettings> {
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
    const tx = await ctx.tx();
    await tx.query(
      `INSERT INTO research_settings (branch_id, digest_top_items, digest_hour, weight_market_size, weight_growth,
         weight_competition)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (branch_id) DO UPDATE SET digest_top_items = $2, digest_hour = $3, weight_market_size = $4,
         weight_growth = $5, weight_competition = $6, updated_at = now()`,
      [
        branchId,
        input.digestTopItems ?? before.digestTopItems,
        input.digestHour ?? before.digestHour,
        w.weightMarketSize,
        w.weightGrowth,
        w.weightCompetition,
      ],
    );
    const after = await this.read(ctx, branchId);
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

  private async read(ctx: RequestContext, branchId: string): Promise<ResearchSettings> {
    if (!ctx.branchIds.includes(branchId)) throw new NotFoundError('Branch', branchId);
    const tx = await ctx.tx();
    const rows = await tx.query<{ t: number; h: number; ws: string; wg: string; wc: string }>(
      `SELECT digest_top_items AS t, digest_hour AS h, weight_market_size::text AS ws, weight_growth::text AS wg,
         weight_competition::text AS wc
       FROM research_settings WHERE branch_id = $1`,
      [branchId],
    );
    const r = rows[0];
    return {
      branchId,
      digestTopItems: r?.t ?? DEFAULT_RESEARCH_SETTINGS.digestTopItems,
      digestHour: r?.h ?? DEFAULT_RESEARCH_SETTINGS.digestHour,
      weightMarketSize: r?.ws ?? DEFAULT_SEGMENT_WEIGHTS.marketSize,
      weightGrowth: r?.wg ?? DEFAULT_SEGMENT_WEIGHTS.growth,
      weightCompetition: r?.wc ?? DEFAULT_SEGMENT_WEIGHTS.competition,
    };
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
