import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const STATES = `'DRAFT', 'LEGAL_REVIEW', 'NEGOTIATION', 'APPROVAL', 'APPROVED', 'SIGNED', 'ACTIVE', 'COMPLETED', 'TERMINATED'`;

/** A contract's children are visible to a sales rep only when the contract is (its policy applies inside). */
const CONTRACT_VISIBLE = (t: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM contracts k WHERE k.branch_id = ${t}.branch_id AND k.id = ${t}.contract_id)`;

/**
 * Contracts: the lifecycle from application to completion, negotiation rounds, the timeline, the
 * versions kept for every signed or amended state, and the per-branch, per-year number counters
 * (locked FOR UPDATE by the signing transaction, so numbers have no gaps and no duplicates).
 */
export class Contracts1764288000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        owner_id uuid NOT NULL,
        special_terms text CHECK (length(special_terms) <= 10000),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${STATES})),
        number text,
        signed_on date,
        signatories jsonb,
        original_received boolean NOT NULL DEFAULT false,
        termination_reason text CHECK (length(termination_reason) <= 2000),
        version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
        approval_request_id uuid,
        renewed_from_id uuid,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contracts_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT contracts_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT contracts_renewed_from_fk FOREIGN KEY (branch_id, renewed_from_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT contracts_approval_request_fk FOREIGN KEY (branch_id, approval_request_id)
          REFERENCES approval_requests (branch_id, id),
        CHECK (ends_on >= starts_on),
        CHECK ((number IS NULL) = (signed_on IS NULL))
      );
      CREATE UNIQUE INDEX contracts_branch_number_key ON contracts (branch_id, number);
      CREATE INDEX contracts_branch_created ON contracts (branch_id, created_at DESC, id DESC);
      CREATE INDEX contracts_branch_owner_created ON contracts (branch_id, owner_id, created_at DESC, id DESC);
      CREATE INDEX contracts_branch_customer ON contracts (branch_id, customer_id, created_at DESC, id DESC);
      CREATE INDEX contracts_branch_ends ON contracts (branch_id, ends_on, id);
      -- Head-office lists across many branches walk this one, sorted as the page is (as customers_created).
      CREATE INDEX contracts_created ON contracts (created_at DESC, id DESC, branch_id);
      CREATE INDEX contracts_branch_renewed_from ON contracts (branch_id, renewed_from_id) WHERE renewed_from_id IS NOT NULL;
      ${tenantTable('contracts', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE TABLE contract_negotiation_rounds (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        round integer NOT NULL CHECK (round >= 1),
        held_on date NOT NULL,
        counterpart text NOT NULL CHECK (length(counterpart) BETWEEN 1 AND 200),
        points text NOT NULL CHECK (length(points) BETWEEN 1 AND 4000),
        outcome text NOT NULL CHECK (length(outcome) BETWEEN 1 AND 2000),
        recorded_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contract_negotiation_rounds_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT contract_negotiation_rounds_round_key UNIQUE (branch_id, contract_id, round)
      );
      ${tenantTable('contract_negotiation_rounds', CONTRACT_VISIBLE('contract_negotiation_rounds'))}

      -- Every signed state and every proposed amendment, kept forever.
      CREATE TABLE contract_versions (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('PENDING', 'EFFECTIVE', 'REJECTED', 'RETURNED', 'WITHDRAWN')),
        snapshot jsonb NOT NULL CHECK (jsonb_typeof(snapshot) = 'object'),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        approval_request_id uuid,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contract_versions_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT contract_versions_approval_request_fk FOREIGN KEY (branch_id, approval_request_id)
          REFERENCES approval_requests (branch_id, id),
        CONSTRAINT contract_versions_version_key UNIQUE (branch_id, contract_id, version)
      );
      -- At most one amendment waits for approval per contract.
      CREATE UNIQUE INDEX contract_versions_one_pending ON contract_versions (branch_id, contract_id) WHERE status = 'PENDING';
      ${tenantTable('contract_versions', CONTRACT_VISIBLE('contract_versions'))}

      CREATE TABLE contract_events (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        action text NOT NULL CHECK (action ~ '^[A-Z][A-Z_]{1,39}$'),
        from_state text CHECK (from_state IN (${STATES})),
        to_state text CHECK (to_state IN (${STATES})),
        actor_id uuid,
        note text CHECK (length(note) <= 2000),
        at timestamptz(3) NOT NULL DEFAULT now(),
        -- Entries of one transaction share \`at\`: seq keeps their order.
        seq bigint GENERATED BY DEFAULT AS IDENTITY,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contract_events_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id)
      );
      CREATE INDEX contract_events_contract ON contract_events (branch_id, contract_id, at, seq);
      ${tenantTable('contract_events', CONTRACT_VISIBLE('contract_events'))}

      -- The last number given per branch and signing year; the signing transaction locks its row.
      CREATE TABLE contract_number_counters (
        branch_id uuid NOT NULL REFERENCES branches (id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        last integer NOT NULL CHECK (last BETWEEN 0 AND 999999),
        PRIMARY KEY (branch_id, year)
      );
      ${tenantTable('contract_number_counters')}

      -- The numbering rule of a branch; without a row the default applies ({BRANCH}-HT-{YYYY}-{NNNN}).
      CREATE TABLE contract_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        number_rule text NOT NULL CHECK (length(number_rule) <= 60 AND number_rule LIKE '%{YYYY}%' AND number_rule ~ '[{]N{3,8}[}]'),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('contract_settings')}

      GRANT SELECT, INSERT, UPDATE ON contracts, contract_number_counters, contract_settings TO app_runtime;
      GRANT SELECT, INSERT ON contract_negotiation_rounds, contract_events TO app_runtime;
      GRANT SELECT, INSERT, UPDATE ON contract_versions TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE contract_settings, contract_number_counters, contract_events, contract_versions, contract_negotiation_rounds, contracts;
    `);
  }
}
