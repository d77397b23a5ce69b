import type { Competitor, CompetitorObservation, ObservationAspect } from './competitor.types.js';

export const COMPETITOR_COLUMNS = `branch_id, id, name, website, product, price, channel, promotion, strengths,
  weaknesses, response, created_at, updated_at`;

export interface CompetitorRow {
  branch_id: string;
  id: string;
  name: string;
  website: string | null;
  product: string | null;
  price: string | null;
  channel: string | null;
  promotion: string | null;
  strengths: string | null;
  weaknesses: string | null;
  response: string | null;
  created_at: Date;
  updated_at: Date;
}

export const toCompetitor = (r: CompetitorRow): Competitor => ({
  id: r.id,
  branchId: r.branch_id,
  name: r.name,
  website: r.website,
  product: r.product,
  price: r.price,
  channel: r.channel,
  promotion: r.promotion,
  strengths: r.strengths,
  weaknesses: r.weaknesses,
  response: r.response,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const OBSERVATION_COLUMNS = `branch_id, id, competitor_id, observed_on::text AS observed_on, aspect, note, source,
  recorded_by, created_at`;

export interface ObservationRow {
  branch_id: string;
  id: string;
  competitor_id: string;
  observed_on: string;
  aspect: ObservationAspect;
  note: string;
  source: string | null;
  recorded_by: string;
  created_at: Date;
}

export const toObservation = (r: ObservationRow): CompetitorObservation => ({
  id: r.id,
  branchId: r.branch_id,
  competitorId: r.competitor_id,
  observedOn: r.observed_on,
  aspect: r.aspect,
  note: r.note,
  source: r.source,
  recordedById: r.recorded_by,
  createdAt: r.created_at,
});

/** A column list with a table alias, for joins. */
export const aliased = (columns: string, t: string) =>
  columns
    .replace(/\s+/g, ' ')
    .split(', ')
    .map((c) => `${t}.${c}`)
    .join(', ');
