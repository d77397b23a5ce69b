import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, NotFoundError, todayIn, writeAudit, type RequestContext, type Tx } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type {
  CompetitorProfileInput,
  CreateCompetitorInput,
  RecordObservationInput,
  UpdateCompetitorInput,
} from './dto/competitor.input.js';
import {
  COMPETITOR_COLUMNS,
  OBSERVATION_COLUMNS,
  toCompetitor,
  toObservation,
  type CompetitorRow,
  type ObservationRow,
} from './competitor-rows.js';
import type { Competitor, CompetitorComparison, CompetitorFilter, CompetitorObservation } from './competitor.types.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);
const PROFILE = ['website', 'product', 'price', 'channel', 'promotion', 'strengths', 'weaknesses', 'response'] as const;

/** Competitor analysis (竞争对手分析): profiles on the four Ps, dated observations, a side-by-side comparison. */
@Injectable()
export class CompetitorsService {
  constructor(private readonly branches: BranchesService) {}

  async findOne(ctx: RequestContext, id: string): Promise<Competitor | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<CompetitorRow>(
      `SELECT ${COMPETITOR_COLUMNS} FROM competitors WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toCompetitor(rows[0]) : null;
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
      columns: COMPETITOR_COLUMNS,
      from: 'competitors',
      filter,
      order: { column: 'name', cast: 'text', value: (c: Competitor) => c.name },
      map: toCompetitor,
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
    const rows = await tx.query<CompetitorRow>(
      `SELECT ${COMPETITOR_COLUMNS} FROM competitors WHERE branch_id = ANY($1::uuid[]) AND id = ANY($2::uuid[])`,
      [ctx.branchIds, wanted],
    );
    const byId = new Map(rows.map((r) => [r.id, toCompetitor(r)]));
    const missing = wanted.find((id) => !byId.has(id));
    if (missing) throw new NotFoundError('Competitor', missing);
    const latest = await tx.query<ObservationRow>(
      `SELECT DISTINCT ON (branch_id, competitor_id, aspect) ${OBSERVATION_COLUMNS}
       FROM competitor_observations
       WHERE (branch_id, competitor_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       ORDER BY branch_id, competitor_id, aspect, observed_on DESC, created_at DESC, id DESC`,
      [wanted.map((id) => byId.get(id)!.branchId), wanted],
    );
    return wanted.map((id) => {
      const mine = latest.filter((o) => o.competitor_id === id).map(toObservation);
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
    return ctx.loader(
      `research.observations:${limit}`,
      () =>
        new DataLoader<string, CompetitorObservation[]>(async (keys) => {
          const [branchIds, competitorIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<ObservationRow>(
            `SELECT o.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, competitor_id)
             CROSS JOIN LATERAL (
               SELECT ${OBSERVATION_COLUMNS} FROM competitor_observations x
               WHERE x.branch_id = k.branch_id AND x.competitor_id = k.competitor_id
               ORDER BY x.observed_on DESC, x.created_at DESC, x.id DESC LIMIT $3
             ) o`,
            [branchIds, competitorIds, limit],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.competitor_id}`, toObservation);
        }),
    );
  }

  async create(ctx: RequestContext, input: CreateCompetitorInput): Promise<Competitor> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const id = randomUUID();
    const rows = await tx.query<CompetitorRow>(
      `INSERT INTO competitors (branch_id, id, name, ${PROFILE.join(', ')}, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COMPETITOR_COLUMNS}`,
      [branchId, id, input.name.trim(), ...PROFILE.map((k) => clean(input[k])), actor.userId],
    );
    const after = toCompetitor(rows[0]);
    await writeAudit(ctx, { branchId, entity: 'competitor', entityId: id, action: 'create', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateCompetitorInput): Promise<Competitor> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    const value = (k: keyof CompetitorProfileInput) => (input[k] !== undefined ? clean(input[k]) : before[k]);
    const rows = await tx.query<CompetitorRow>(
      `UPDATE competitors SET name = $3, ${PROFILE.map((k, i) => `${k} = $${i + 4}`).join(', ')}, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${COMPETITOR_COLUMNS}`,
      [before.branchId, id, input.name?.trim() ?? before.name, ...PROFILE.map(value)],
    );
    const after = toCompetitor(rows[0]);
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
    const competitor = await this.lock(ctx, tx, input.competitorId.toLowerCase(), 'FOR SHARE');
    const branch = await this.branches.branchLoader(ctx).load(competitor.branchId);
    if (!branch) throw new NotFoundError('Branch', competitor.branchId);
    if (input.observedOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('observedOn', 'must not be in the future (the branch’s today)');
    }
    const rows = await tx.query<ObservationRow>(
      `INSERT INTO competitor_observations (branch_id, id, competitor_id, observed_on, aspect, note, source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${OBSERVATION_COLUMNS}`,
      [
        competitor.branchId,
        randomUUID(),
        competitor.id,
        input.observedOn,
        input.aspect,
        input.note.trim(),
        clean(input.source),
        actor.userId,
      ],
    );
    const after = toObservation(rows[0]);
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'competitor_observation',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  /** Locks a competitor in scope, or NOT_FOUND (the same for another branch's). */
  private async lock(ctx: RequestContext, tx: Tx, id: string, mode = 'FOR UPDATE'): Promise<Competitor> {
    const rows = await tx.query<CompetitorRow>(
      `SELECT ${COMPETITOR_COLUMNS} FROM competitors WHERE branch_id = ANY($1::uuid[]) AND id = $2 ${mode}`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Competitor', id);
    return toCompetitor(rows[0]);
  }
}
