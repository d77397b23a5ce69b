import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { NotFoundError, writeAudit, type RequestContext, type Tx } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import type {
  AddPersonaInput,
  CreateSegmentInput,
  UpdatePersonaInput,
  UpdateSegmentInput,
} from './dto/segment.input.js';
import { DEFAULT_SEGMENT_WEIGHTS } from './research-rows.js';
import type { CustomerSize, MarketSegment, MarketSegmentFilter, SegmentPersona } from './segment.types.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

/**
 * The segments with their weighted score, computed in numeric by PostgreSQL with the branch's weights
 * (the defaults without a settings row): competition counts inversely, as 100 − its score.
 */
const SEGMENTS = `(SELECT s.*, round((s.market_size_score * w.ws + s.growth_score * w.wg
      + (100 - s.competition_score) * w.wc) / (w.ws + w.wg + w.wc), 2) AS score
    FROM market_segments s
    CROSS JOIN LATERAL (
      SELECT coalesce(max(rs.weight_market_size), ${DEFAULT_SEGMENT_WEIGHTS.marketSize}) AS ws,
             coalesce(max(rs.weight_growth), ${DEFAULT_SEGMENT_WEIGHTS.growth}) AS wg,
             coalesce(max(rs.weight_competition), ${DEFAULT_SEGMENT_WEIGHTS.competition}) AS wc
      FROM research_settings rs WHERE rs.branch_id = s.branch_id) w) seg`;

const SEGMENT_COLUMNS = `branch_id, id, name, region, industry, size, market_size_score, growth_score,
  competition_score, score::text AS score, focus, notes, created_at, updated_at`;

interface SegmentRow {
  branch_id: string;
  id: string;
  name: string;
  region: string;
  industry: string;
  size: CustomerSize;
  market_size_score: number;
  growth_score: number;
  competition_score: number;
  score: string;
  focus: boolean;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}

const toSegment = (r: SegmentRow): MarketSegment => ({
  id: r.id,
  branchId: r.branch_id,
  name: r.name,
  region: r.region,
  industry: r.industry,
  size: r.size,
  marketSizeScore: r.market_size_score,
  growthScore: r.growth_score,
  competitionScore: r.competition_score,
  score: r.score,
  focus: r.focus,
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const PERSONA_COLUMNS = `branch_id, id, segment_id, name, profile, needs, decision_process, purchasing_preferences`;

interface PersonaRow {
  branch_id: string;
  id: string;
  segment_id: string;
  name: string;
  profile: string;
  needs: string | null;
  decision_process: string | null;
  purchasing_preferences: string | null;
}

const toPersona = (r: PersonaRow): SegmentPersona => ({
  id: r.id,
  branchId: r.branch_id,
  segmentId: r.segment_id,
  name: r.name,
  profile: r.profile,
  needs: r.needs,
  decisionProcess: r.decision_process,
  purchasingPreferences: r.purchasing_preferences,
});

/** Target markets (目标市场): segments scored with per-branch weights, the focus flag, personas (客户画像). */
@Injectable()
export class SegmentsService {
  async findOne(ctx: RequestContext, id: string): Promise<MarketSegment | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<SegmentRow>(
      `SELECT ${SEGMENT_COLUMNS} FROM ${SEGMENTS} WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toSegment(rows[0]) : null;
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
      columns: SEGMENT_COLUMNS,
      from: SEGMENTS,
      filter,
      order: { column: 'score', cast: 'numeric', desc: true, value: (s: MarketSegment) => s.score },
      map: toSegment,
    });
  }

  /** The personas of many segments ("branchId:segmentId" keys), in one statement. */
  personasLoader(ctx: RequestContext): DataLoader<string, SegmentPersona[]> {
    return ctx.loader(
      'research.personas',
      () =>
        new DataLoader<string, SegmentPersona[]>(async (keys) => {
          const [branchIds, segmentIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<PersonaRow>(
            `SELECT ${PERSONA_COLUMNS} FROM segment_personas
             WHERE (branch_id, segment_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
             ORDER BY created_at, name`,
            [branchIds, segmentIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.segment_id}`, toPersona);
        }),
    );
  }

  async create(ctx: RequestContext, input: CreateSegmentInput): Promise<MarketSegment> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const id = randomUUID();
    await tx.query(
      `INSERT INTO market_segments (branch_id, id, name, region, industry, size, market_size_score, growth_score,
         competition_score, focus, notes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        branchId,
        id,
        input.name.trim(),
        input.region.trim(),
        input.industry.trim(),
        input.size,
        input.marketSizeScore,
        input.growthScore,
        input.competitionScore,
        input.focus ?? false,
        clean(input.notes),
        actor.userId,
      ],
    );
    const after = await this.read(tx, branchId, id);
    await writeAudit(ctx, { branchId, entity: 'market_segment', entityId: id, action: 'create', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateSegmentInput): Promise<MarketSegment> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    await tx.query(
      `UPDATE market_segments SET name = $3, region = $4, industry = $5, size = $6, market_size_score = $7,
         growth_score = $8, competition_score = $9, focus = $10, notes = $11, updated_at = now()
       WHERE branch_id = $1 AND id = $2`,
      [
        before.branchId,
        id,
        input.name?.trim() ?? before.name,
        input.region?.trim() ?? before.region,
        input.industry?.trim() ?? before.industry,
        input.size ?? before.size,
        input.marketSizeScore ?? before.marketSizeScore,
        input.growthScore ?? before.growthScore,
        input.competitionScore ?? before.competitionScore,
        input.focus ?? before.focus,
        input.notes !== undefined ? clean(input.notes) : before.notes,
      ],
    );
    const after = await this.read(tx, before.branchId, id);
    const action =
      input.focus !== undefined && input.focus !== before.focus ? (input.focus ? 'focus' : 'unfocus') : 'update';
    await writeAudit(ctx, { branchId: after.branchId, entity: 'market_segment', entityId: id, action, before, after });
    return after;
  }

  async addPersona(ctx: RequestContext, input: AddPersonaInput): Promise<SegmentPersona> {
    const tx = await ctx.tx();
    const segment = await this.lock(ctx, tx, input.segmentId.toLowerCase());
    const rows = await tx.query<PersonaRow>(
      `INSERT INTO segment_personas (branch_id, id, segment_id, name, profile, needs, decision_process,
         purchasing_preferences)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${PERSONA_COLUMNS}`,
      [
        segment.branchId,
        randomUUID(),
        segment.id,
        input.name.trim(),
        input.profile.trim(),
        clean(input.needs),
        clean(input.decisionProcess),
        clean(input.purchasingPreferences),
      ],
    );
    const after = toPersona(rows[0]);
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
    const tx = await ctx.tx();
    const found = await tx.query<PersonaRow>(
      `SELECT ${PERSONA_COLUMNS} FROM segment_personas WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!found[0]) throw new NotFoundError('Persona', id);
    const before = toPersona(found[0]);
    const keep = (v: string | undefined, old: string | null) => (v !== undefined ? clean(v) : old);
    const rows = await tx.query<PersonaRow>(
      `UPDATE segment_personas SET name = $3, profile = $4, needs = $5, decision_process = $6,
         purchasing_preferences = $7, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${PERSONA_COLUMNS}`,
      [
        before.branchId,
        id,
        input.name?.trim() ?? before.name,
        input.profile?.trim() ?? before.profile,
        keep(input.needs, before.needs),
        keep(input.decisionProcess, before.decisionProcess),
        keep(input.purchasingPreferences, before.purchasingPreferences),
      ],
    );
    const after = toPersona(rows[0]);
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

  private async read(tx: Tx, branchId: string, id: string): Promise<MarketSegment> {
    const rows = await tx.query<SegmentRow>(
      `SELECT ${SEGMENT_COLUMNS} FROM ${SEGMENTS} WHERE branch_id = $1 AND id = $2`,
      [branchId, id],
    );
    return toSegment(rows[0]);
  }

  /** Locks a segment in scope, or NOT_FOUND (the same for another branch's). */
  private async lock(ctx: RequestContext, tx: Tx, id: string): Promise<MarketSegment> {
    const keys = await tx.query<{ branch_id: string }>(
      `SELECT branch_id FROM market_segments WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!keys[0]) throw new NotFoundError('Market segment', id);
    return this.read(tx, keys[0].branch_id, id);
  }
}
