import { BadUserInputError } from '@app/core';
import {
  ResearchDigestState,
  type ResearchDigest,
  type ResearchItem,
  type ResearchItemKind,
  type ResearchKindCount,
  type ResearchTagCount,
} from './research.types.js';

export const ITEM_COLUMNS = `branch_id, id, kind, title, source, url, published_on::text AS published_on, tags, summary,
  relevance, created_by, created_at, updated_at`;

export interface ItemRow {
  branch_id: string;
  id: string;
  kind: ResearchItemKind;
  title: string;
  source: string;
  url: string | null;
  published_on: string;
  tags: string[];
  summary: string;
  relevance: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const toItem = (r: ItemRow): ResearchItem => ({
  id: r.id,
  branchId: r.branch_id,
  kind: r.kind,
  title: r.title,
  source: r.source,
  url: r.url,
  publishedOn: r.published_on,
  tags: r.tags,
  summary: r.summary,
  relevance: r.relevance,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const DIGEST_COLUMNS = `branch_id, id, to_char(week_start, 'IYYY-"W"IW') AS week, week_start::text AS week_start,
  state, item_count, tag_counts, kind_counts, recipients, built_at`;

export interface DigestRow {
  branch_id: string;
  id: string;
  week: string;
  week_start: string;
  state: ResearchDigestState;
  item_count: number | null;
  tag_counts: ResearchTagCount[] | null;
  kind_counts: ResearchKindCount[] | null;
  recipients: number | null;
  built_at: Date | null;
}

export const toDigest = (r: DigestRow): ResearchDigest => ({
  id: r.id,
  branchId: r.branch_id,
  week: r.week,
  weekStart: r.week_start,
  state: r.state,
  itemCount: r.item_count,
  tagCounts: r.tag_counts ?? [],
  kindCounts: r.kind_counts ?? [],
  recipients: r.recipients,
  builtAt: r.built_at,
});

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} &+./_-]{0,39}$/u;

/** Tags as stored: trimmed, lower-case, each once, 1 to 40 letters, digits and a few separators. */
export function normaliseTags(tags: string[]): string[] {
  const out: string[] = [];
  tags.forEach((raw, i) => {
    const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!TAG.test(t)) {
      throw BadUserInputError.field(
        `tags[${i}]`,
        'must be 1 to 40 letters, digits, spaces or & + . / _ - and start with a letter or digit',
      );
    }
    if (!out.includes(t)) out.push(t);
  });
  return out;
}

export const DEFAULT_RESEARCH_SETTINGS = { digestTopItems: 10, digestHour: 8 };

/** Segment score weights without a settings row (relative: market size 40, growth 35, competition 25). */
export const DEFAULT_SEGMENT_WEIGHTS = { marketSize: '40.00', growth: '35.00', competition: '25.00' };
