import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { NotFoundError, clean, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import type {
  AddPersonaInput,
  CreateSegmentInput,
  UpdatePersonaInput,
  UpdateSegmentInput,
} from './dto/segment.input.js';
import {
  MarketSegments,
  SEGMENT_SCORE,
  SegmentPersonas,
  type MarketSegment,
  type SegmentPersona,
} from './segment.entity.js';
import type { MarketSegmentFilter } from './segment.types.js';

/** The segments with their score in numeric, to filter and order the list by (the entity's score is its text). */
const SCORED = `(SELECT s.*, (${SEGMENT_SCORE('s')}) AS score_n FROM market_segments s) seg`;

/** Target markets (目标市场): segments scored with per-branch weights, the focus flag, personas (客户画像). */
@Injectable()
export class SegmentsService {
  findOne(ctx: RequestContext, id: string): Promise<MarketSegment | null> {
    return MarketSegments.findInScope(ctx, id);
  }

  /** Best score first; head office without a branch filter gets every branch in one statement. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: MarketSegmentFilter },
  ): Promise<ConnectionShape<MarketSegment>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter().branches(ctx, f.branchId).eq('focus', f.focus).eq('size', f.size);
    if (f.region) filter.where((p) => `lower(region) = lower(${p(f.region!.trim())})`);
    if (f.industry) filter.where((p) => `lower(industry) = lower(${p(f.industry!.trim())})`);
    return keysetPage(ctx, args, {
      columns: `${MarketSegments.cols('seg')}`,
      from: SCORED,
      filter,
      order: { column: 'score_n', cast: 'numeric', desc: true, value: (s: MarketSegment) => s.score },
      map: MarketSegments.map,
    });
  }

  /** The personas of many segments ("branchId:segmentId" keys), in one statement. */
  personasLoader(ctx: RequestContext): DataLoader<string, SegmentPersona[]> {
    return SegmentPersonas.childLoader(ctx, 'segmentId', 'x.created_at, x.name');
  }

  async create(ctx: RequestContext, input: CreateSegmentInput): Promise<MarketSegment> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const after = await MarketSegments.insert(await ctx.tx(), {
      branchId,
      id: randomUUID(),
      name: input.name.trim(),
      region: input.region.trim(),
      industry: input.industry.trim(),
      size: input.size,
      marketSizeScore: input.marketSizeScore,
      growthScore: input.growthScore,
      competitionScore: input.competitionScore,
      focus: input.focus ?? false,
      notes: clean(input.notes) ?? null,
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'market_segment', entityId: after.id, action: 'create', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateSegmentInput): Promise<MarketSegment> {
    const before = await MarketSegments.lock(ctx, id);
    const after = await MarketSegments.update(await ctx.tx(), MarketSegments.keyOf(before), {
      name: input.name?.trim() ?? before.name,
      region: input.region?.trim() ?? before.region,
      industry: input.industry?.trim() ?? before.industry,
      size: input.size ?? before.size,
      marketSizeScore: input.marketSizeScore ?? before.marketSizeScore,
      growthScore: input.growthScore ?? before.growthScore,
      competitionScore: input.competitionScore ?? before.competitionScore,
      focus: input.focus ?? before.focus,
      notes: input.notes !== undefined ? clean(input.notes) : before.notes,
    });
    const action =
      input.focus !== undefined && input.focus !== before.focus ? (input.focus ? 'focus' : 'unfocus') : 'update';
    await writeAudit(ctx, { branchId: after.branchId, entity: 'market_segment', entityId: id, action, before, after });
    return after;
  }

  async addPersona(ctx: RequestContext, input: AddPersonaInput): Promise<SegmentPersona> {
    const segment = await MarketSegments.lock(ctx, input.segmentId.toLowerCase());
    const after = await SegmentPersonas.insert(await ctx.tx(), {
      branchId: segment.branchId,
      id: randomUUID(),
      segmentId: segment.id,
      name: input.name.trim(),
      profile: input.profile.trim(),
      needs: clean(input.needs) ?? null,
      decisionProcess: clean(input.decisionProcess) ?? null,
      purchasingPreferences: clean(input.purchasingPreferences) ?? null,
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'segment_persona',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  async updatePersona(ctx: RequestContext, id: string, input: UpdatePersonaInput): Promise<SegmentPersona> {
    const before = await SegmentPersonas.findInScope(ctx, id, { lock: true });
    if (!before) throw new NotFoundError('Persona', id);
    const keep = (v: string | undefined, old: string | null) => (v !== undefined ? clean(v) : old);
    const after = await SegmentPersonas.update(await ctx.tx(), SegmentPersonas.keyOf(before), {
      name: input.name?.trim() ?? before.name,
      profile: input.profile?.trim() ?? before.profile,
      needs: keep(input.needs, before.needs),
      decisionProcess: keep(input.decisionProcess, before.decisionProcess),
      purchasingPreferences: keep(input.purchasingPreferences, before.purchasingPreferences),
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'segment_persona',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }
}
