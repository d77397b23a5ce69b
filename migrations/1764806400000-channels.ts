import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const KINDS = `'DISTRIBUTOR', 'AGENT', 'ECOMMERCE_PLATFORM', 'DIRECT_STORE'`;
const PARTNER_STATES = `'CANDIDATE', 'NEGOTIATING', 'ACTIVE', 'SUSPENDED', 'ENDED'`;
const TIERS = `'A', 'B', 'C', 'D'`;

/** A partner's children are visible to a sales rep only when the partner is (its policy applies inside). */
const PARTNER_VISIBLE = (t: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM partners p WHERE p.branch_id = ${t}.branch_id AND p.id = ${t}.partner_id)`;

/** A child row of a partner: key, partner link and its RLS (visible with the partner). */
const child = (t: string, cols: string, extra = '') => `
  CREATE TABLE ${t} (
    branch_id uuid NOT NULL REFERENCES branches (id),
    id uuid NOT NULL,
    partner_id uuid NOT NULL,
    ${cols},
    PRIMARY KEY (branch_id, id),
    CONSTRAINT ${t}_partner_fk FOREIGN KEY (branch_id, partner_id) REFERENCES partners (branch_id, id)${extra}
  );
  ${tenantTable(t, PARTNER_VISIBLE(t))}`;

/**
 * Channels (DOMAIN.md section 3): partners (distributors, agents, e-commerce platforms, direct
 * stores) with contacts and agreements whose end the worker watches (reminders 60/30/7 days before,
 * EXPIRED the day after, branch time zone); quarterly evaluations weighted into a score and a tier
 * by per-branch settings; disputes, training and support given, and the partners' end users.
 */
export class Channels1764806400000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        region text NOT NULL CHECK (length(region) BETWEEN 1 AND 100),
        status text NOT NULL DEFAULT 'CANDIDATE' CHECK (status IN (${PARTNER_STATES})),
        owner_id uuid NOT NULL,
        notes text CHECK (length(notes) <= 4000),
        -- The tier of the latest evaluated period (kept here so head office counts by tier in one scan).
        tier text CHECK (tier IN (${TIERS})),
        tier_period text CHECK (tier_period ~ '^[0-9]{4}-Q[1-4]$'),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT partners_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CHECK ((tier IS NULL) = (tier_period IS NULL))
      );
      CREATE UNIQUE INDEX partners_name_key ON partners (branch_id, lower(name));
      CREATE INDEX partners_branch_name ON partners (branch_id, name, id);
      CREATE INDEX partners_branch_owner_name ON partners (branch_id, owner_id, name, id);
      -- Head office's list across branches by name: one index range walk in the page's order.
      CREATE INDEX partners_name ON partners (name, id, branch_id);
      ${tenantTable('partners', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      ${child(
        'partner_contacts',
        `name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         title text CHECK (length(title) BETWEEN 1 AND 100),
         phone text CHECK (length(phone) BETWEEN 3 AND 50),
         email text CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
         is_primary boolean NOT NULL DEFAULT false,
         created_at timestamptz(3) NOT NULL DEFAULT now()`,
      )}
      CREATE INDEX partner_contacts_partner ON partner_contacts (branch_id, partner_id, name, id);
      CREATE UNIQUE INDEX partner_contacts_primary ON partner_contacts (branch_id, partner_id) WHERE is_primary;

      ${child(
        'partner_agreements',
        `starts_on date NOT NULL,
         ends_on date NOT NULL,
         territory text NOT NULL CHECK (length(territory) BETWEEN 1 AND 500),
         terms text NOT NULL CHECK (length(terms) BETWEEN 1 AND 4000),
         status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'EXPIRED', 'TERMINATED')),
         termination_reason text CHECK (length(termination_reason) BETWEEN 1 AND 2000),
         -- The worker's next step: a reminder (days before the end) or, with reminder_days NULL, the expiry.
         reminder_days smallint CHECK (reminder_days BETWEEN 1 AND 366),
         next_action_at timestamptz(3),
         created_by uuid NOT NULL,
         created_at timestamptz(3) NOT NULL DEFAULT now(),
         updated_at timestamptz(3) NOT NULL DEFAULT now(),
         CHECK (ends_on >= starts_on),
         CHECK ((status = 'TERMINATED') = (termination_reason IS NOT NULL)),
         CHECK (status = 'ACTIVE' OR next_action_at IS NULL),
         CHECK (reminder_days IS NULL OR next_action_at IS NOT NULL)`,
      )}
      CREATE INDEX partner_agreements_partner ON partner_agreements (branch_id, partner_id, ends_on DESC, id);
      CREATE INDEX partner_agreements_due ON partner_agreements (next_action_at) WHERE next_action_at IS NOT NULL;

      CREATE TABLE channel_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        weight_sales numeric(4, 3) NOT NULL CHECK (weight_sales BETWEEN 0 AND 1),
        weight_coverage numeric(4, 3) NOT NULL CHECK (weight_coverage BETWEEN 0 AND 1),
        weight_feedback numeric(4, 3) NOT NULL CHECK (weight_feedback BETWEEN 0 AND 1),
        sales_target numeric(18, 2) NOT NULL CHECK (sales_target > 0),
        tier_a_min numeric(5, 2) NOT NULL,
        tier_b_min numeric(5, 2) NOT NULL,
        tier_c_min numeric(5, 2) NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id),
        CONSTRAINT channel_settings_weights_sum CHECK (weight_sales + weight_coverage + weight_feedback = 1),
        CONSTRAINT channel_settings_cutoffs CHECK (tier_a_min <= 100 AND tier_a_min > tier_b_min
          AND tier_b_min > tier_c_min AND tier_c_min > 0)
      );
      ${tenantTable('channel_settings')}

      ${child(
        'partner_evaluations',
        `period text NOT NULL CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
         sales_amount numeric(18, 2) NOT NULL CHECK (sales_amount >= 0),
         currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
         market_coverage numeric(5, 2) NOT NULL CHECK (market_coverage BETWEEN 0 AND 100),
         customer_feedback numeric(5, 2) NOT NULL CHECK (customer_feedback BETWEEN 0 AND 100),
         -- What the score was computed with (the branch's settings at the time), so it can be explained later.
         sales_target numeric(18, 2) NOT NULL CHECK (sales_target > 0),
         weight_sales numeric(4, 3) NOT NULL,
         weight_coverage numeric(4, 3) NOT NULL,
         weight_feedback numeric(4, 3) NOT NULL,
         sales_score numeric(5, 2) NOT NULL CHECK (sales_score BETWEEN 0 AND 100),
         score numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
         tier text NOT NULL CHECK (tier IN (${TIERS})),
         notes text CHECK (length(notes) <= 2000),
         evaluated_by uuid NOT NULL,
         created_at timestamptz(3) NOT NULL DEFAULT now()`,
        `,
    CONSTRAINT partner_evaluations_period_key UNIQUE (branch_id, partner_id, period)`,
      )}
      CREATE INDEX partner_evaluations_branch_score ON partner_evaluations (branch_id, score DESC, id DESC);
      CREATE INDEX partner_evaluations_branch_period_score ON partner_evaluations (branch_id, period, score DESC, id DESC);
      -- Head office's scorecards across branches, best first (with or without a period).
      CREATE INDEX partner_evaluations_score ON partner_evaluations (score DESC, id DESC, branch_id);
      CREATE INDEX partner_evaluations_period_score ON partner_evaluations (period, score DESC, id DESC, branch_id);

      ${child(
        'partner_disputes',
        `subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
         description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
         state text NOT NULL DEFAULT 'OPENED' CHECK (state IN ('OPENED', 'HANDLING', 'CLOSED')),
         handler_id uuid,
         handling_notes text CHECK (length(handling_notes) BETWEEN 1 AND 4000),
         resolution text CHECK (length(resolution) BETWEEN 1 AND 4000),
         opened_at timestamptz(3) NOT NULL DEFAULT now(),
         closed_at timestamptz(3),
         created_by uuid NOT NULL,
         updated_at timestamptz(3) NOT NULL DEFAULT now(),
         CHECK ((state = 'CLOSED') = (resolution IS NOT NULL AND closed_at IS NOT NULL)),
         CHECK (state = 'OPENED' OR handler_id IS NOT NULL)`,
        `,
    CONSTRAINT partner_disputes_handler_fk FOREIGN KEY (branch_id, handler_id) REFERENCES memberships (branch_id, user_id)`,
      )}
      CREATE INDEX partner_disputes_branch_opened ON partner_disputes (branch_id, opened_at DESC, id DESC);
      CREATE INDEX partner_disputes_partner ON partner_disputes (branch_id, partner_id, opened_at DESC, id DESC);
      CREATE INDEX partner_disputes_opened ON partner_disputes (opened_at DESC, id DESC, branch_id);

      ${child(
        'partner_support_records',
        `kind text NOT NULL CHECK (kind IN ('TRAINING', 'TECHNICAL_SUPPORT', 'MARKETING_SUPPORT', 'RESOURCES')),
         given_on date NOT NULL,
         topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
         details text CHECK (length(details) <= 4000),
         attendees integer CHECK (attendees BETWEEN 1 AND 100000),
         recorded_by uuid NOT NULL,
         created_at timestamptz(3) NOT NULL DEFAULT now()`,
      )}
      CREATE INDEX partner_support_partner ON partner_support_records (branch_id, partner_id, given_on DESC, id DESC);
      CREATE INDEX partner_support_branch_given ON partner_support_records (branch_id, given_on DESC, id DESC);
      CREATE INDEX partner_support_given ON partner_support_records (given_on DESC, id DESC, branch_id);

      ${child(
        'partner_end_users',
        `name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         industry text CHECK (length(industry) BETWEEN 1 AND 100),
         region text CHECK (length(region) BETWEEN 1 AND 100),
         purchased text NOT NULL CHECK (length(purchased) BETWEEN 1 AND 1000),
         purchased_on date,
         recorded_by uuid NOT NULL,
         created_at timestamptz(3) NOT NULL DEFAULT now()`,
      )}
      CREATE INDEX partner_end_users_partner ON partner_end_users (branch_id, partner_id, created_at DESC, id DESC);
      CREATE INDEX partner_end_users_branch_created ON partner_end_users (branch_id, created_at DESC, id DESC);
      CREATE INDEX partner_end_users_created ON partner_end_users (created_at DESC, id DESC, branch_id);

      GRANT SELECT, INSERT, UPDATE ON partners, partner_contacts, partner_agreements, channel_settings,
        partner_disputes TO app_runtime;
      GRANT SELECT, INSERT ON partner_evaluations, partner_support_records, partner_end_users TO app_runtime;

      -- The worker's cross-branch step: due agreement reminders and expiries, locked for the claiming
      -- transaction (SKIP LOCKED: replicas split the work; a crash rolls the batch back for the next run).
      CREATE FUNCTION claim_due_partner_agreements(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT a.branch_id, a.id FROM partner_agreements a
          WHERE a.next_action_at <= now()
          ORDER BY a.next_action_at
          LIMIT batch FOR UPDATE SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_partner_agreements(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_partner_agreements(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_partner_agreements(integer);
      DROP TABLE partner_end_users, partner_support_records, partner_disputes, partner_evaluations, channel_settings,
        partner_agreements, partner_contacts, partners;
    `);
  }
}
