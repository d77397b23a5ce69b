import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

const ASPECTS = `'PRODUCT', 'PRICE', 'CHANNEL', 'PROMOTION', 'REVIEW', 'OTHER'`;

/**
 * Market research, second part: competitors profiled on the four Ps with strengths, weaknesses and a
 * recommended response, their dated observations; target segments (region, industry, size) scored on
 * market size, growth and competition with per-branch weights, the focus flag, and personas per segment.
 */
export class MarketResearchCompetitors1764896400000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE competitors (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        website text CHECK (length(website) BETWEEN 1 AND 2000),
        product text CHECK (length(product) <= 4000),
        price text CHECK (length(price) <= 4000),
        channel text CHECK (length(channel) <= 4000),
        promotion text CHECK (length(promotion) <= 4000),
        strengths text CHECK (length(strengths) <= 4000),
        weaknesses text CHECK (length(weaknesses) <= 4000),
        response text CHECK (length(response) <= 4000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT competitors_name_key UNIQUE (branch_id, name)
      );
      CREATE INDEX competitors_name ON competitors (name, id, branch_id);
      CREATE INDEX competitors_branch_name ON competitors (branch_id, name, id);
      ${tenantTable('competitors')}

      CREATE TABLE competitor_observations (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        competitor_id uuid NOT NULL,
        observed_on date NOT NULL,
        aspect text NOT NULL CHECK (aspect IN (${ASPECTS})),
        note text NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
        source text CHECK (length(source) BETWEEN 1 AND 200),
        recorded_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT competitor_observations_competitor_fk FOREIGN KEY (branch_id, competitor_id)
          REFERENCES competitors (branch_id, id)
      );
      -- The latest observations of a competitor (per aspect for the comparison).
      CREATE INDEX competitor_observations_latest
        ON competitor_observations (branch_id, competitor_id, aspect, observed_on DESC, created_at DESC, id DESC);
      CREATE INDEX competitor_observations_recent
        ON competitor_observations (branch_id, competitor_id, observed_on DESC, created_at DESC, id DESC);
      ${tenantTable('competitor_observations')}

      CREATE TABLE market_segments (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        region text NOT NULL CHECK (length(region) BETWEEN 1 AND 100),
        industry text NOT NULL CHECK (length(industry) BETWEEN 1 AND 100),
        size text NOT NULL CHECK (size IN ('SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE')),
        -- Scores 0-100; competition is its intensity (more competition scores the segment lower).
        market_size_score smallint NOT NULL CHECK (market_size_score BETWEEN 0 AND 100),
        growth_score smallint NOT NULL CHECK (growth_score BETWEEN 0 AND 100),
        competition_score smallint NOT NULL CHECK (competition_score BETWEEN 0 AND 100),
        focus boolean NOT NULL DEFAULT false,
        notes text CHECK (length(notes) <= 4000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT market_segments_name_key UNIQUE (branch_id, name)
      );
      CREATE INDEX market_segments_branch_created ON market_segments (branch_id, created_at DESC, id DESC);
      CREATE INDEX market_segments_created ON market_segments (created_at DESC, id DESC, branch_id);
      ${tenantTable('market_segments')}

      CREATE TABLE segment_personas (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        segment_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        profile text NOT NULL CHECK (length(profile) BETWEEN 1 AND 4000),
        needs text CHECK (length(needs) <= 4000),
        decision_process text CHECK (length(decision_process) <= 4000),
        purchasing_preferences text CHECK (length(purchasing_preferences) <= 4000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT segment_personas_segment_fk FOREIGN KEY (branch_id, segment_id) REFERENCES market_segments (branch_id, id),
        CONSTRAINT segment_personas_name_key UNIQUE (branch_id, segment_id, name)
      );
      ${tenantTable('segment_personas')}

      -- Segment score weights (relative; defaults 40 / 35 / 25, documented in the README).
      ALTER TABLE research_settings
        ADD COLUMN weight_market_size numeric(5, 2) NOT NULL DEFAULT 40 CHECK (weight_market_size BETWEEN 0 AND 100),
        ADD COLUMN weight_growth numeric(5, 2) NOT NULL DEFAULT 35 CHECK (weight_growth BETWEEN 0 AND 100),
        ADD COLUMN weight_competition numeric(5, 2) NOT NULL DEFAULT 25 CHECK (weight_competition BETWEEN 0 AND 100),
        ADD CONSTRAINT research_settings_weights_positive CHECK (weight_market_size + weight_growth + weight_competition > 0);

      GRANT SELECT, INSERT, UPDATE ON competitors, market_segments, segment_personas TO app_runtime;
      GRANT SELECT, INSERT ON competitor_observations TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE research_settings DROP CONSTRAINT research_settings_weights_positive,
        DROP COLUMN weight_market_size, DROP COLUMN weight_growth, DROP COLUMN weight_competition;
      DROP TABLE segment_personas, market_segments, competitor_observations, competitors;
    `);
  }
}
