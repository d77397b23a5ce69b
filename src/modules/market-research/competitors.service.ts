import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, NotFoundError, clean, todayIn, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type { CreateCompetitorInput, RecordObservationInput, UpdateCompetitorInput } from './dto/competitor.input.js';
import {
  CompetitorObservations,
  Competitors,
  type Competitor,
  type CompetitorObservation,
} from './competitor.entity.js';
import type { CompetitorComparison, CompetitorFilter } from './competitor.types.js';
const PROFILE = ['website', 'product', 'price', 'channel', 'promotion', 'strengths', 'weaknesses', 'response'] as const;

/** Competitor analysis (竞争对手分析): profiles on the four Ps, dated observations, a side-by-side comparison. */
@Injectable()
export class CompetitorsService {
  constructor(private readonly branches: BranchesService) {}

  findOne(ctx: RequestContext, id: string): Promise<Competitor | null> {
    return Competitors.findInScope(ctx, id);
  }

  /** By name; head office without a branch filter gets every branch in one statement. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: CompetitorFilter },
  ): Promise<ConnectionShape<Competitor>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter().branches(ctx, f.branchId);
    const search = f.search?.trim();
    if (search) filter.where((p) => `name ILIKE ${p(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    return keysetPage(ctx, args, {
      columns: Competitors.cols(),
      from: 'competitors',
      filter,
      order: { column: 'name', cast: 'text', value: (c: Competitor) => c.name },
      map: Competitors.map,
    });
  }

  /**
   * Several competitors side by side, in the order asked: the profile and the latest observation per P
   * (and of any aspect). Two statements whatever the number; an id not visible is NOT_FOUND.
   */
  async compare(ctx: RequestContext, ids: string[]): Promise<CompetitorComparison[]> {
    const wanted = [...new Set(ids.map((i) => i.toLowerCase()))];
    if (wanted.length < 2 || wanted.length > 10) {
      throw BadUserInputError.field('ids', 'name 2 to 10 different competitors');
    }
    const tx = await ctx.tx();
    const rows = await tx.query<Competitor>(
      `SELECT ${Competitors.cols()} FROM competitors WHERE branch_id = ANY($1::uuid[]) AND id = ANY($2::uuid[])`,
      [ctx.branchIds, wanted],
    );
    const byId = new Map(rows.map((r) => [r.id, Competitors.map(r)]));
    const missing = wanted.find((id) => !byId.has(id));
    if (missing) throw new NotFoundError('Competitor', missing);
    const latest = await tx.query<CompetitorObservation>(
      `SELECT DISTINCT ON (branch_id, competitor_id, aspect) ${CompetitorObservations.cols()}
       FROM competitor_observations
       WHERE (branch_id, competitor_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       ORDER BY branch_id, competitor_id, aspect, observed_on DESC, created_at DESC, id DESC`,
      [wanted.map((id) => byId.get(id)!.branchId), wanted],
    );
    return wanted.map((id) => {
      const mine = latest.filter((o) => o.competitorId === id).map(CompetitorObservations.map);
      const of = (aspect: string) => mine.find((o) => o.aspect === aspect) ?? null;
      const newest = [...mine].sort((a, b) =>
        a.observedOn !== b.observedOn
          ? b.observedOn.localeCompare(a.observedOn)
          : b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
      )[0];
      return {
        competitor: byId.get(id)!,
        latestProduct: of('PRODUCT'),
        latestPrice: of('PRICE'),
        latestChannel: of('CHANNEL'),
        latestPromotion: of('PROMOTION'),
        latest: newest ?? null,
      };
    });
  }

  /** The latest `limit` observations of many competitors ("branchId:competitorId" keys), in one statement. */
  observationsLoader(ctx: RequestContext, limit: number): DataLoader<string, CompetitorObservation[]> {
    return CompetitorObservations.childLoader(ctx, 'competitorId', 'x.observed_on DESC, x.created_at DESC, x.id DESC', {
      limit: limit,
    });
  }

  async create(ctx: RequestContext, input: CreateCompetitorInput): Promise<Competitor> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const after = await Competitors.insert(tx, {
      branchId,
      id: randomUUID(),
      name: input.name.trim(),
      ...profile((k) => clean(input[k]) ?? null),
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'competitor', entityId: after.id, action: 'create', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateCompetitorInput): Promise<Competitor> {
    const before = await Competitors.lock(ctx, id);
    const after = await Competitors.update(await ctx.tx(), Competitors.keyOf(before), {
      name: input.name?.trim() ?? before.name,
      ...profile((k) => (input[k] !== undefined ? clean(input[k]) : before[k])),
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'competitor',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  async recordObservation(ctx: RequestContext, input: RecordObservationInput): Promise<CompetitorObservation> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const competitor = await this.lockShared(ctx, input.competitorId.toLowerCase());
    const branch = await this.branches.branchLoader(ctx).load(competitor.branchId);
    if (!branch) throw new NotFoundError('Branch', competitor.branchId);
    if (input.observedOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('observedOn', 'must not be in the future (the branch’s today)');
    }
    const after = await CompetitorObservations.insert(tx, {
      branchId: competitor.branchId,
      id: randomUUID(),
      competitorId: competitor.id,
      observedOn: input.observedOn,
      aspect: input.aspect,
      note: input.note.trim(),
      source: clean(input.source) ?? null,
      recordedById: actor.userId,
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'competitor_observation',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  /** A competitor in scope, locked FOR SHARE (observations may be recorded side by side), or NOT_FOUND. */
  private async lockShared(ctx: RequestContext, id: string): Promise<Competitor> {
    const tx = await ctx.tx();
    const rows = await tx.query<Competitor>(
      `SELECT ${Competitors.cols()} FROM competitors WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR SHARE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Competitor', id);
    return Competitors.map(rows[0]);
  }
}

/** The profile fields (the four Ps and our view of them), each from `value`. */
function profile(value: (k: (typeof PROFILE)[number]) => string | null): Pick<Competitor, (typeof PROFILE)[number]> {
  return Object.fromEntries(PROFILE.map((k) => [k, value(k)])) as Pick<Competitor, (typeof PROFILE)[number]>;
}
