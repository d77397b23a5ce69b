import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type { CreateResearchItemInput, UpdateResearchItemInput } from './dto/research.input.js';
import { ITEM_COLUMNS, normaliseTags, toItem, type ItemRow } from './research-rows.js';
import type { ResearchItem, ResearchItemFilter } from './research.types.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

/**
 * Industry news, policy and regulation items (行业动态): logged by anyone in the department, read by the
 * whole branch (knowledge is shared), changed by the branch manager or the person who logged them.
 */
@Injectable()
export class ResearchItemsService {
  constructor(private readonly branches: BranchesService) {}

  async findOne(ctx: RequestContext, id: string): Promise<ResearchItem | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM research_items WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toItem(rows[0]) : null;
  }

  /** Newest publication first; head office without a branch filter gets every branch in one statement. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ResearchItemFilter },
  ): Promise<ConnectionShape<ResearchItem>> {
    const f = args.filter ?? {};
    if (f.from && f.to && f.from > f.to) throw BadUserInputError.field('filter.to', 'must not be before filter.from');
    const filter = new SqlFilter().branches(ctx, f.branchId).eq('kind', f.kind);
    if (f.tag) filter.where((p) => `tags @> ARRAY[${p(f.tag!.trim().toLowerCase())}]::text[]`);
    if (f.from) filter.where((p) => `published_on >= ${p(f.from, 'date')}`);
    if (f.to) filter.where((p) => `published_on <= ${p(f.to, 'date')}`);
    if (f.minRelevance) filter.where((p) => `relevance >= ${p(f.minRelevance, 'int')}`);
    return keysetPage(ctx, args, {
      columns: ITEM_COLUMNS,
      from: 'research_items',
      filter,
      order: { column: 'published_on', cast: 'date', desc: true, value: (i: ResearchItem) => i.publishedOn },
      map: toItem,
    });
  }

  /** Items by "branchId:itemId" keys, in one statement (the digests' items). */
  byKeyLoader(ctx: RequestContext): DataLoader<string, ResearchItem | null> {
    return ctx.loader(
      'research.items',
      () =>
        new DataLoader<string, ResearchItem | null>(async (keys) => {
          const tx = await ctx.tx();
          const rows = await tx.query<ItemRow>(
            `SELECT ${ITEM_COLUMNS} FROM research_items
             WHERE (branch_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
            [keys.map((k) => k.split(':')[0]), keys.map((k) => k.split(':')[1])],
          );
          const byKey = new Map(rows.map((r) => [`${r.branch_id}:${r.id}`, toItem(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  async create(ctx: RequestContext, input: CreateResearchItemInput): Promise<ResearchItem> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    await this.checkPublished(ctx, branchId, input.publishedOn);
    const tags = normaliseTags(input.tags ?? []);
    const tx = await ctx.tx();
    const id = randomUUID();
    const rows = await tx.query<ItemRow>(
      `INSERT INTO research_items (branch_id, id, kind, title, source, url, published_on, tags, summary, relevance,
         created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${ITEM_COLUMNS}`,
      [
        branchId,
        id,
        input.kind,
        input.title.trim(),
        input.source.trim(),
        clean(input.url),
        input.publishedOn,
        tags,
        input.summary.trim(),
        input.relevance,
        actor.userId,
      ],
    );
    const after = toItem(rows[0]);
    await writeAudit(ctx, { branchId, entity: 'research_item', entityId: id, action: 'create', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateResearchItemInput): Promise<ResearchItem> {
    const tags = input.tags ? normaliseTags(input.tags) : undefined;
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    if (ctx.ownOnly && before.createdById !== ctx.requireActor().userId) {
      throw new ForbiddenError('A sales representative changes only the items they logged; ask the branch manager');
    }
    if (input.publishedOn) await this.checkPublished(ctx, before.branchId, input.publishedOn);
    const rows = await tx.query<ItemRow>(
      `UPDATE research_items SET kind = $3, title = $4, source = $5, url = $6, published_on = $7, tags = $8,
         summary = $9, relevance = $10, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${ITEM_COLUMNS}`,
      [
        before.branchId,
        id,
        input.kind ?? before.kind,
        input.title?.trim() ?? before.title,
        input.source?.trim() ?? before.source,
        input.url !== undefined ? clean(input.url) : before.url,
        input.publishedOn ?? before.publishedOn,
        tags ?? before.tags,
        input.summary?.trim() ?? before.summary,
        input.relevance ?? before.relevance,
      ],
    );
    const after = toItem(rows[0]);
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'research_item',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  private async checkPublished(ctx: RequestContext, branchId: string, day: string): Promise<void> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    if (day > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('publishedOn', 'must not be in the future (the branch’s today)');
    }
  }

  /** Locks an item in scope, or NOT_FOUND (the same for another branch's). */
  private async lock(ctx: RequestContext, tx: Tx, id: string): Promise<ResearchItem> {
    const rows = await tx.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM research_items WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Research item', id);
    return toItem(rows[0]);
  }
}
