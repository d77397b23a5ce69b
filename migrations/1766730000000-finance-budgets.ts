import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CUSTOMER_VISIBLE, tenantTable } from './tenancy.js';

/**
 * Finance, budgets (DOMAIN.md section 6, issue 12): the commercial department's expense budget per category and
 * period (the department is the branch: the product's branch is one 商务部), expenses recorded against it, business
 * trips applied for and approved before (BUSINESS_TRIP) and claimed with receipts after, customer receptions within
 * the branch's per-head standard and a budget set in advance. `spent` is the sum of the RECORDED expenses, kept in
 * the recording transaction under the budget's row lock; the CHECK is the database's own word that a budget is never
 * over without an approved overrun (EXPENSE_OVERRUN), also when expenses race.
 */
export class FinanceBudgets1766730000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        category text NOT NULL CHECK (category IN ('GENERAL', 'TRAVEL', 'RECEPTION', 'MARKETING')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        period_start date NOT NULL,
        period_end date NOT NULL,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        spent numeric(18, 2) NOT NULL DEFAULT 0 CHECK (spent >= 0),
        approved_overrun numeric(18, 2) NOT NULL DEFAULT 0 CHECK (approved_overrun >= 0),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT budgets_period CHECK (period_start <= period_end),
        CONSTRAINT budgets_within CHECK (spent <= amount + approved_overrun),
        CONSTRAINT budgets_once UNIQUE (branch_id, category, period_start)
      );
      CREATE INDEX budgets_period_start ON budgets (branch_id, period_start DESC, id DESC);
      ${tenantTable('budgets')}

      CREATE TABLE budget_expenses (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        budget_id uuid NOT NULL,
        source text NOT NULL CHECK (source IN ('MANUAL', 'TRIP', 'RECEPTION')),
        source_id uuid,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        spent_on date NOT NULL,
        state text NOT NULL CHECK (state IN ('RECORDED', 'PENDING', 'REJECTED')),
        over_reason text CHECK (length(over_reason) BETWEEN 1 AND 500),
        approval_request_id uuid,
        recorded_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT budget_expenses_budget_fk FOREIGN KEY (branch_id, budget_id) REFERENCES budgets (branch_id, id),
        CONSTRAINT budget_expenses_source UNIQUE (branch_id, source, source_id),
        CONSTRAINT budget_expenses_sourced CHECK ((source = 'MANUAL') = (source_id IS NULL))
      );
      CREATE INDEX budget_expenses_budget ON budget_expenses (branch_id, budget_id, created_at DESC, id DESC);
      ${tenantTable('budget_expenses')}

      CREATE TABLE business_trips (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        traveller_id uuid NOT NULL,
        budget_id uuid NOT NULL,
        destination text NOT NULL CHECK (length(destination) BETWEEN 1 AND 200),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        estimated_amount numeric(18, 2) NOT NULL CHECK (estimated_amount > 0),
        state text NOT NULL CHECK (state IN ('REQUESTED', 'APPROVED', 'REJECTED', 'CLAIMED')),
        approval_request_id uuid,
        claimed_amount numeric(18, 2) CHECK (claimed_amount > 0),
        expense_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT business_trips_budget_fk FOREIGN KEY (branch_id, budget_id) REFERENCES budgets (branch_id, id),
        CONSTRAINT business_trips_traveller_fk FOREIGN KEY (branch_id, traveller_id)
          REFERENCES memberships (branch_id, user_id),
        CONSTRAINT business_trips_expense_fk FOREIGN KEY (branch_id, expense_id)
          REFERENCES budget_expenses (branch_id, id),
        CONSTRAINT business_trips_days CHECK (starts_on <= ends_on),
        CONSTRAINT business_trips_claimed CHECK ((state = 'CLAIMED') = (claimed_amount IS NOT NULL AND expense_id IS NOT NULL))
      );
      CREATE INDEX business_trips_created ON business_trips (branch_id, created_at DESC, id DESC);
      ${tenantTable('business_trips')}

      CREATE TABLE trip_receipts (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        trip_id uuid NOT NULL,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
        reference text CHECK (length(reference) BETWEEN 1 AND 100),
        spent_on date NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT trip_receipts_trip_fk FOREIGN KEY (branch_id, trip_id) REFERENCES business_trips (branch_id, id),
        CONSTRAINT trip_receipts_position UNIQUE (branch_id, trip_id, position)
      );
      ${tenantTable('trip_receipts')}

      CREATE TABLE customer_receptions (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        host_id uuid NOT NULL,
        budget_id uuid NOT NULL,
        hosted_on date NOT NULL,
        guests integer NOT NULL CHECK (guests BETWEEN 1 AND 500),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
        per_head_ceiling numeric(18, 2) NOT NULL CHECK (per_head_ceiling > 0),
        planned_amount numeric(18, 2) NOT NULL CHECK (planned_amount > 0),
        state text NOT NULL CHECK (state IN ('PLANNED', 'HOSTED')),
        actual_amount numeric(18, 2) CHECK (actual_amount > 0),
        expense_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT customer_receptions_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT customer_receptions_budget_fk FOREIGN KEY (branch_id, budget_id) REFERENCES budgets (branch_id, id),
        CONSTRAINT customer_receptions_expense_fk FOREIGN KEY (branch_id, expense_id)
          REFERENCES budget_expenses (branch_id, id),
        CONSTRAINT customer_receptions_standard CHECK (planned_amount <= per_head_ceiling * guests),
        CONSTRAINT customer_receptions_hosted CHECK ((state = 'HOSTED') = (actual_amount IS NOT NULL AND expense_id IS NOT NULL))
      );
      CREATE INDEX customer_receptions_created ON customer_receptions (branch_id, created_at DESC, id DESC);
      ${tenantTable('customer_receptions', CUSTOMER_VISIBLE('customer_receptions'))}

      -- The reception standard (接待标准) per branch: the most a reception may cost per guest.
      CREATE TABLE reception_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        per_head_ceiling numeric(18, 2) NOT NULL DEFAULT 300 CHECK (per_head_ceiling > 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('reception_settings')}

      GRANT SELECT, INSERT, UPDATE ON budgets, budget_expenses, business_trips, trip_receipts, customer_receptions,
        reception_settings TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE reception_settings, customer_receptions, trip_receipts, business_trips, budget_expenses, budgets`,
    );
  }
}
