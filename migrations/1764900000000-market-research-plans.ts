import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CUSTOMER_VISIBLE, tenantTable } from './tenancy.js';

const CAMPAIGN_TYPES = `'DISCOUNT', 'SPEND_AND_SAVE', 'GIFT', 'LUCKY_DRAW', 'TRADE_SHOW', 'LAUNCH_EVENT', 'BUSINESS_DINNER'`;

/**
 * Market research, third part: events attended with takeaways; demand surveys (plan, responses,
 * findings report); marketing plans with dated milestones; campaigns with budget, spend, period and
 * the leads and customers attributed to them (counts entered, customers linked).
 */
export class MarketResearchPlans1764900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE research_events (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CONFERENCE', 'FORUM', 'TRADE_SHOW', 'OTHER')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        location text CHECK (length(location) BETWEEN 1 AND 200),
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on >= starts_on),
        attendee_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(attendee_ids) <= 50),
        takeaways text CHECK (length(takeaways) <= 8000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id)
      );
      CREATE INDEX research_events_branch_starts ON research_events (branch_id, starts_on DESC, id DESC);
      CREATE INDEX research_events_starts ON research_events (starts_on DESC, id DESC, branch_id);
      ${tenantTable('research_events')}

      CREATE TABLE demand_surveys (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        goal text NOT NULL CHECK (length(goal) BETWEEN 1 AND 4000),
        method text NOT NULL CHECK (method IN ('QUESTIONNAIRE', 'PHONE_INTERVIEW', 'FIELD_VISIT', 'ONLINE')),
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on >= starts_on),
        potential_demand text CHECK (length(potential_demand) BETWEEN 1 AND 8000),
        preferences text CHECK (length(preferences) BETWEEN 1 AND 8000),
        pain_points text CHECK (length(pain_points) BETWEEN 1 AND 8000),
        reported_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        -- The findings report is filed whole: all three parts, when it is reported.
        CHECK ((reported_at IS NULL) = (potential_demand IS NULL) AND (reported_at IS NULL) = (preferences IS NULL)
          AND (reported_at IS NULL) = (pain_points IS NULL))
      );
      CREATE INDEX demand_surveys_branch_starts ON demand_surveys (branch_id, starts_on DESC, id DESC);
      CREATE INDEX demand_surveys_starts ON demand_surveys (starts_on DESC, id DESC, branch_id);
      ${tenantTable('demand_surveys')}

      CREATE TABLE survey_responses (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        survey_id uuid NOT NULL,
        respondent text NOT NULL CHECK (length(respondent) BETWEEN 1 AND 200),
        organization text CHECK (length(organization) BETWEEN 1 AND 200),
        responded_on date NOT NULL,
        answers text NOT NULL CHECK (length(answers) BETWEEN 1 AND 8000),
        recorded_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT survey_responses_survey_fk FOREIGN KEY (branch_id, survey_id) REFERENCES demand_surveys (branch_id, id)
      );
      CREATE INDEX survey_responses_survey ON survey_responses (branch_id, survey_id, responded_on DESC, id DESC);
      ${tenantTable('survey_responses')}

      CREATE TABLE marketing_plans (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ANNUAL', 'QUARTERLY', 'MONTHLY')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        product_strategy text CHECK (length(product_strategy) <= 8000),
        price_strategy text CHECK (length(price_strategy) <= 8000),
        channel_strategy text CHECK (length(channel_strategy) <= 8000),
        promotion_strategy text CHECK (length(promotion_strategy) <= 8000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT marketing_plans_period_key UNIQUE (branch_id, kind, period_start)
      );
      CREATE INDEX marketing_plans_branch_period ON marketing_plans (branch_id, period_start DESC, id DESC);
      CREATE INDEX marketing_plans_period ON marketing_plans (period_start DESC, id DESC, branch_id);
      ${tenantTable('marketing_plans')}

      CREATE TABLE plan_milestones (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        plan_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        due_on date NOT NULL,
        done boolean NOT NULL DEFAULT false,
        done_on date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT plan_milestones_plan_fk FOREIGN KEY (branch_id, plan_id) REFERENCES marketing_plans (branch_id, id),
        CHECK (done = (done_on IS NOT NULL))
      );
      CREATE INDEX plan_milestones_plan ON plan_milestones (branch_id, plan_id, due_on, id);
      ${tenantTable('plan_milestones')}

      CREATE TABLE campaigns (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        plan_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        type text NOT NULL CHECK (type IN (${CAMPAIGN_TYPES})),
        budget numeric(18, 2) NOT NULL CHECK (budget >= 0),
        spend numeric(18, 2) NOT NULL DEFAULT 0 CHECK (spend >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on >= starts_on),
        leads_count integer NOT NULL DEFAULT 0 CHECK (leads_count BETWEEN 0 AND 10000000),
        customers_count integer NOT NULL DEFAULT 0 CHECK (customers_count BETWEEN 0 AND 10000000),
        lessons text CHECK (length(lessons) <= 8000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT campaigns_plan_fk FOREIGN KEY (branch_id, plan_id) REFERENCES marketing_plans (branch_id, id)
      );
      CREATE INDEX campaigns_branch_starts ON campaigns (branch_id, starts_on DESC, id DESC);
      CREATE INDEX campaigns_starts ON campaigns (starts_on DESC, id DESC, branch_id);
      ${tenantTable('campaigns')}

      -- Customers won by a campaign; a sales rep sees the links of the customers they may see.
      CREATE TABLE campaign_customers (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        linked_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT campaign_customers_campaign_fk FOREIGN KEY (branch_id, campaign_id) REFERENCES campaigns (branch_id, id),
        CONSTRAINT campaign_customers_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT campaign_customers_key UNIQUE (branch_id, campaign_id, customer_id)
      );
      CREATE INDEX campaign_customers_customer ON campaign_customers (branch_id, customer_id);
      ${tenantTable('campaign_customers', CUSTOMER_VISIBLE('campaign_customers'))}

      GRANT SELECT, INSERT, UPDATE ON research_events, demand_surveys, marketing_plans, plan_milestones, campaigns
        TO app_runtime;
      GRANT SELECT, INSERT ON survey_responses, campaign_customers TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE campaign_customers, campaigns, plan_milestones, marketing_plans, survey_responses, demand_surveys,
        research_events;
    `);
  }
}
