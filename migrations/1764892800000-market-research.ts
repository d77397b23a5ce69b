import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

/**
 * Market research (DOMAIN.md section 1), first part: industry news, policy and regulation items with
 * tags and relevance, the per-branch research settings, and the weekly digests the worker builds once
 * per branch and ISO week (branch time zone), with the items each digest carried.
 */
export class MarketResearch1764892800000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE research_items (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('NEWS', 'POLICY', 'REGULATION')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        url text CHECK (length(url) BETWEEN 1 AND 2000),
        published_on date NOT NULL,
        -- Lower-case tags, at most 20 (the service normalises them); the digest counts items per tag.
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20 AND array_position(tags, NULL) IS NULL),
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
        relevance smallint NOT NULL CHECK (relevance BETWEEN 1 AND 5),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id)
      );
      -- Lists by publication day, newest first: per branch, per branch and kind, and across branches.
      CREATE INDEX research_items_branch_published ON research_items (branch_id, published_on DESC, id DESC);
      CREATE INDEX research_items_branch_kind_published
        ON research_items (branch_id, kind, published_on DESC, id DESC);
      CREATE INDEX research_items_published ON research_items (published_on DESC, id DESC, branch_id);
      CREATE INDEX research_items_tags ON research_items USING gin (tags);
      ${tenantTable('research_items')}

      -- A branch's research rules; without a row the defaults apply (10 items, Monday 08:00 local).
      CREATE TABLE research_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        digest_top_items smallint NOT NULL DEFAULT 10 CHECK (digest_top_items BETWEEN 1 AND 50),
        digest_hour smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('research_settings')}

      -- One digest per branch and ISO week (week_start is that week's Monday, branch time zone).
      CREATE TABLE research_digests (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'BUILT')),
        item_count integer CHECK (item_count >= 0),
        tag_counts jsonb,
        kind_counts jsonb,
        recipients integer CHECK (recipients >= 0),
        built_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT research_digests_week_key UNIQUE (branch_id, week_start),
        CHECK ((state = 'BUILT') = (built_at IS NOT NULL AND item_count IS NOT NULL AND tag_counts IS NOT NULL
          AND kind_counts IS NOT NULL AND recipients IS NOT NULL))
      );
      -- Past digests, latest week first, per branch (the unique key) and across branches for head office.
      CREATE INDEX research_digests_week ON research_digests (week_start DESC, id DESC, branch_id);
      CREATE INDEX research_digests_branch_week ON research_digests (branch_id, week_start DESC, id DESC);
      CREATE INDEX research_digests_pending ON research_digests (created_at) WHERE state = 'PENDING';
      ${tenantTable('research_digests')}

      -- The top items of a digest, ranked by relevance when it was built.
      CREATE TABLE research_digest_items (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        digest_id uuid NOT NULL,
        item_id uuid NOT NULL,
        rank smallint NOT NULL CHECK (rank BETWEEN 1 AND 50),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT research_digest_items_digest_fk FOREIGN KEY (branch_id, digest_id)
          REFERENCES research_digests (branch_id, id),
        CONSTRAINT research_digest_items_item_fk FOREIGN KEY (branch_id, item_id) REFERENCES research_items (branch_id, id),
        CONSTRAINT research_digest_items_rank_key UNIQUE (branch_id, digest_id, rank)
      );
      ${tenantTable('research_digest_items')}

      GRANT SELECT, INSERT, UPDATE ON research_items, research_settings, research_digests TO app_runtime;
      GRANT SELECT, INSERT ON research_digest_items TO app_runtime;

      -- The worker's cross-branch steps. First, a PENDING digest for every branch whose last ISO week
      -- (its time zone) has closed, once its send hour on Monday has come, for a branch that existed by
      -- the week's end; the unique key makes repeats and replicas no-ops.
      CREATE FUNCTION schedule_research_digests() RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          WITH due AS (
            SELECT b.id AS branch_id, w.week_start
            FROM branches b
            LEFT JOIN research_settings s ON s.branch_id = b.id
            CROSS JOIN LATERAL (SELECT (date_trunc('week', now() AT TIME ZONE b.time_zone))::date - 7 AS week_start,
                                       now() AT TIME ZONE b.time_zone AS local_now) w
            WHERE w.local_now >= (w.week_start + 7) + make_interval(hours => coalesce(s.digest_hour, 8))
              AND b.created_at < ((w.week_start + 7)::timestamp AT TIME ZONE b.time_zone)
          ), ins AS (
            INSERT INTO research_digests (branch_id, id, week_start)
            SELECT branch_id, gen_random_uuid(), week_start FROM due
            ON CONFLICT (branch_id, week_start) DO NOTHING
            RETURNING 1
          )
          SELECT count(*)::integer FROM ins
        $$;
      -- Then the pending digests, locked for the claiming transaction (SKIP LOCKED: replicas split them),
      -- with the head office of each branch (its leadership receives the digest too).
      CREATE FUNCTION claim_pending_research_digests(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid, head_office_id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT d.branch_id, d.id,
            (SELECT h.id FROM branches b JOIN branches h ON h.organization_id = b.organization_id AND h.kind = 'HEAD_OFFICE'
             WHERE b.id = d.branch_id)
          FROM research_digests d
          WHERE d.state = 'PENDING'
          ORDER BY d.created_at
          LIMIT batch FOR UPDATE OF d SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION schedule_research_digests(), claim_pending_research_digests(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION schedule_research_digests(), claim_pending_research_digests(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_pending_research_digests(integer), schedule_research_digests();
      DROP TABLE research_digest_items, research_digests, research_settings, research_items;
    `);
  }
}
