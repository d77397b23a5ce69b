import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  clean,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type { CreateResearchItemInput, UpdateResearchItemInput } from './dto/research.input.js';
import { normaliseTags } from './research-rules.js';
import { ResearchItems, type ResearchItem } from './research.entity.js';
import type { ResearchItemFilter } from './research.types.js';

/**
 * Industry news, policy and regulation items (行业动态): logged by anyone in the department, read by the
 * whole branch (knowledge is shared), changed by the branch manager or the person who logged them.
 */
@Injectable()
export class ResearchItemsService {
  constructor(private readonly branches: BranchesService) {}

  findOne(ctx: RequestContext, id: string): Promise<ResearchItem | null> {
    return ResearchItems.findInScope(ctx, id);
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
      columns: ResearchItems.cols(),
      from: 'research_items',
      filter,
      order: { column: 'published_on', cast: 'date', desc: true, value: (i: ResearchItem) => i.publishedOn },
      map: ResearchItems.map,
    });
  }

  async create(ctx: RequestContext, input: CreateResearchItemInput): Promise<ResearchItem> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    await this.checkPublished(ctx, branchId, input.publishedOn);
    const tags = normaliseTags(input.tags ?? []);
    const tx = await ctx.tx();
    const after = await ResearchItems.insert(tx, {
      branchId,
      id: randomUUID(),
      kind: input.kind,
      title: input.title.trim(),
      source: input.source.trim(),
      url: clean(input.url) ?? null,
      publishedOn: input.publishedOn,
      tags,
      summary: input.summary.trim(),
      relevance: input.relevance,
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'research_item', entityId: after.id, action: 'create', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateResearchItemInput): Promise<ResearchItem> {
    const tags = input.tags ? normaliseTags(input.tags) : undefined;
    const tx = await ctx.tx();
    const before = await ResearchItems.lock(ctx, id);
    if (ctx.ownOnly && before.createdById !== ctx.requireActor().userId) {
      throw new ForbiddenError('A sales representative changes only the items they logged; ask the branch manager');
    }
    if (input.publishedOn) await this.checkPublished(ctx, before.branchId, input.publishedOn);
    const after = await ResearchItems.update(tx, ResearchItems.keyOf(before), {
      kind: input.kind ?? before.kind,
      title: input.title?.trim() ?? before.title,
      source: input.source?.trim() ?? before.source,
      url: input.url !== undefined ? clean(input.url) : before.url,
      publishedOn: input.publishedOn ?? before.publishedOn,
      tags: tags ?? before.tags,
      summary: input.summary?.trim() ?? before.summary,
      relevance: input.relevance ?? before.relevance,
    });
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
}
