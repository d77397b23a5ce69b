import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, NotFoundError, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import type { UpdateResearchSettingsInput } from './dto/research.input.js';
import {
  DEFAULT_RESEARCH_SETTINGS,
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
    const before = await this.read(ctx, branchId);
    const tx = await ctx.tx();
    await tx.query(
      `INSERT INTO research_settings (branch_id, digest_top_items, digest_hour) VALUES ($1, $2, $3)
       ON CONFLICT (branch_id) DO UPDATE SET digest_top_items = $2, digest_hour = $3, updated_at = now()`,
      [branchId, input.digestTopItems ?? before.digestTopItems, input.digestHour ?? before.digestHour],
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
    const tx = await ctx.tx();
    const rows = await tx.query<{ t: number; h: number }>(
      'SELECT digest_top_items AS t, digest_hour AS h FROM research_settings WHERE branch_id = $1',
      [branchId],
    );
    if (!ctx.branchIds.includes(branchId)) throw new NotFoundError('Branch', branchId);
    return {
      branchId,
      digestTopItems: rows[0]?.t ?? DEFAULT_RESEARCH_SETTINGS.digestTopItems,
      digestHour: rows[0]?.h ?? DEFAULT_RESEARCH_SETTINGS.digestHour,
    };
  }
}
