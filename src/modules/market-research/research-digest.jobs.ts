import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { researchJobs } from './research.job-catalogue.js';
import { ResearchDigests, ResearchItems, type ResearchDigest, type ResearchItem } from './research.entity.js';

/** Digests built per claiming transaction: each costs a handful of set-based statements for the whole batch. */
const BATCH = 20;

/** Who receives a branch's digest: its department head, and leadership at its organization's head office. */
export const DIGEST_READERS = { branchRole: 'BRANCH_MANAGER', headOfficeRole: 'LEADERSHIP' } as const;

interface Claimed {
  branch_id: string;
  id: string;
  head_office_id: string;
}

/** A digest as built, with its branch's code (the notice names it). */
type Built = ResearchDigest & { code: string; itemCount: number };

/** One of a digest's top items, with its rank. */
type TopItem = ResearchItem & { digestId: string; rank: number };

export interface DigestScanResult {
  scheduled: number;
  built: number;
  notified: number;
}

/**
 * The weekly research digest (DOMAIN.md section 1): once a branch's ISO week has closed (its time zone,
 * from its digest hour on Monday), a PENDING digest row is created (unique per branch and week), then
 * claimed with SKIP LOCKED and built in the claiming transaction: top items by relevance, counts per tag
 * and kind, and one notification per reader with a dedupe key per branch, week and person. Every step
 * works on the whole claimed batch in one statement, whatever the number of branches or items.
 */
@Injectable()
export class ResearchDigestJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(researchJobs.digestScan)
  async scanDigests(): Promise<DigestScanResult> {
    const total: DigestScanResult = { scheduled: 0, built: 0, notified: 0 };
    total.scheduled = await this.db.run(
      { branchIds: [] },
      async (tx) => (await tx.query<{ n: number }>('SELECT schedule_research_digests() AS n'))[0].n,
      'system',
    );
    await scanDue(this.db, {
      batch: BATCH,
      claim: (tx, batch) =>
        tx.query<Claimed>('SELECT branch_id, id, head_office_id FROM claim_pending_research_digests($1)', [batch]),
      // The readers at head office are read in its branch.
      branches: (keys) => keys.flatMap((k) => [k.branch_id, k.head_office_id]).filter(Boolean),
      handle: async (ctx, tx, keys) => {
        total.notified += await this.build(ctx, tx, keys);
        total.built += keys.length;
      },
    });
    return total;
  }

  /** Builds the claimed digests; returns how many notifications were new. */
  private async build(ctx: RequestContext, tx: Tx, keys: Claimed[]): Promise<number> {
    const branchIds = keys.map((k) => k.branch_id);
    const ids = keys.map((k) => k.id);
    const readers = await tx.query<{ branch_id: string; user_id: string }>(
      `SELECT DISTINCT k.branch_id, bd.user_id
       FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, head_office_id)
       JOIN branch_directory bd ON (bd.branch_id = k.branch_id AND bd.role = $3)
         OR (bd.branch_id = k.head_office_id AND bd.role = $4)
       ORDER BY 1, 2`,
      [branchIds, keys.map((k) => k.head_office_id), DIGEST_READERS.branchRole, DIGEST_READERS.headOfficeRole],
    );
    const readersOf = new Map<string, string[]>();
    for (const r of readers) readersOf.set(r.branch_id, [...(readersOf.get(r.branch_id) ?? []), r.user_id]);
    // One pass over the weeks' items of the whole batch (a covering index range per digest): the top
    // items by relevance (then the latest), as many as the branch's setting says, and the counts.
    const built = (
      await tx.query<Built>(
        `WITH k AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS k(branch_id, id, readers)),
       d AS (
         SELECT d.branch_id, d.id, d.week_start, k.readers,
           coalesce((SELECT s.digest_top_items FROM research_settings s WHERE s.branch_id = d.branch_id), 10) AS top_n
         FROM research_digests d JOIN k ON k.branch_id = d.branch_id AND k.id = d.id
         WHERE d.state = 'PENDING'
       ),
       w AS MATERIALIZED (
         SELECT d.branch_id, d.id AS digest_id, d.top_n, x.id, x.kind, x.tags,
           row_number() OVER (PARTITION BY d.branch_id, d.id
                              ORDER BY x.relevance DESC, x.published_on DESC, x.id) AS rank
         FROM d JOIN research_items x
           ON x.branch_id = d.branch_id AND x.published_on BETWEEN d.week_start AND d.week_start + 6
       ),
       top AS (
         INSERT INTO research_digest_items (branch_id, id, digest_id, item_id, rank)
         SELECT branch_id, gen_random_uuid(), digest_id, id, rank FROM w WHERE rank <= top_n
         ON CONFLICT (branch_id, digest_id, rank) DO NOTHING
         RETURNING 1
       ),
       n AS (SELECT branch_id, digest_id, count(*)::int AS n FROM w GROUP BY 1, 2),
       tags AS (
         SELECT branch_id, digest_id, jsonb_agg(jsonb_build_object('tag', tag, 'count', c) ORDER BY c DESC, tag) AS j
         FROM (SELECT branch_id, digest_id, tag, count(*)::int AS c FROM w CROSS JOIN unnest(w.tags) AS tag
               GROUP BY 1, 2, 3) t
         GROUP BY 1, 2
       ),
       kinds AS (
         SELECT branch_id, digest_id, jsonb_agg(jsonb_build_object('kind', kind, 'count', c) ORDER BY kind) AS j
         FROM (SELECT branch_id, digest_id, kind, count(*)::int AS c FROM w GROUP BY 1, 2, 3) t
         GROUP BY 1, 2
       )
       UPDATE research_digests rd SET state = 'BUILT', built_at = now(), item_count = coalesce(n.n, 0),
         tag_counts = coalesce(tags.j, '[]'), kind_counts = coalesce(kinds.j, '[]'),
         recipients = CASE WHEN coalesce(n.n, 0) > 0 THEN d.readers ELSE 0 END
       FROM d JOIN scope_branches sb ON sb.id = d.branch_id
         LEFT JOIN n ON n.branch_id = d.branch_id AND n.digest_id = d.id
         LEFT JOIN tags ON tags.branch_id = d.branch_id AND tags.digest_id = d.id
         LEFT JOIN kinds ON kinds.branch_id = d.branch_id AND kinds.digest_id = d.id
       WHERE rd.branch_id = d.branch_id AND rd.id = d.id
       RETURNING ${ResearchDigests.cols('rd')}, sb.code`,
        [branchIds, ids, branchIds.map((b) => readersOf.get(b)?.length ?? 0)],
      )
    ).map((b) => ResearchDigests.map(b) as Built);
    // An empty week is recorded (so it is not built again) but bothers nobody.
    const sent = built.filter((b) => b.itemCount > 0);
    if (sent.length === 0) return 0;
    const top = await tx.query<TopItem>(
      `SELECT di.digest_id AS "digestId", di.rank, ${ResearchItems.cols('i')}
       FROM research_digest_items di JOIN research_items i ON i.branch_id = di.branch_id AND i.id = di.item_id
       WHERE (di.branch_id, di.digest_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       ORDER BY di.branch_id, di.digest_id, di.rank`,
      [sent.map((b) => b.branchId), sent.map((b) => b.id)],
    );
    const notes: NewNotification[] = [];
    for (const d of sent) {
      const body = digestBody(
        d,
        top.filter((t) => t.digestId === d.id),
      );
      for (const userId of readersOf.get(d.branchId) ?? []) {
        notes.push({
          branchId: d.branchId,
          userId,
          kind: 'RESEARCH_DIGEST',
          title: `Research digest ${d.week} (${d.code}): ${d.itemCount} item${d.itemCount === 1 ? '' : 's'}`,
          body,
          subjectType: 'research_digest',
          subjectId: d.id,
          dedupeKey: `research-digest:${d.week}:${userId}`,
        });
      }
    }
    return this.notifications.notifyMany(ctx, notes);
  }
}

/** The notification text: the ranked items, then the counts per tag and kind. */
export function digestBody(d: Pick<ResearchDigest, 'tagCounts' | 'kindCounts'>, items: TopItem[]): string {
  const lines = items.map(
    (t) => `${t.rank}. [${t.relevance}/5] ${t.kind} · ${t.title} (${t.source}, ${t.publishedOn})`,
  );
  const tags = d.tagCounts.map((t) => `${t.tag} ${t.count}`).join(', ');
  const kinds = d.kindCounts.map((k) => `${k.kind} ${k.count}`).join(', ');
  return [`Top items:`, ...lines, `By tag: ${tags || 'none'}`, `By kind: ${kinds}`].join('\n');
}
