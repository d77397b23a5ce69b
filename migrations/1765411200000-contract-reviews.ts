import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, tenantTable } from './tenancy.js';

const CATEGORIES = `'COMMERCIAL', 'FINANCIAL', 'LEGAL', 'TECHNICAL', 'DELIVERY', 'COMPLIANCE', 'OTHER'`;

/**
 * The contract rules of DOMAIN.md section 4 that the first version left out: legal review as a real
 * approval step (the contract keeps the LEGAL_REVIEW request that covers its current terms), special
 * terms, non-standard prices and special fees with their own SPECIAL_TERMS approval, and the risk
 * register checked before signing.
 */
export class ContractReviews1765411200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contracts
        ADD COLUMN legal_review_request_id uuid,
        ADD COLUMN non_standard_price text CHECK (length(non_standard_price) BETWEEN 1 AND 2000),
        ADD COLUMN special_fees jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(special_fees) = 'array'),
        ADD COLUMN special_terms_request_id uuid,
        ADD CONSTRAINT contracts_legal_review_request_fk FOREIGN KEY (branch_id, legal_review_request_id)
          REFERENCES approval_requests (branch_id, id),
        ADD CONSTRAINT contracts_special_terms_request_fk FOREIGN KEY (branch_id, special_terms_request_id)
          REFERENCES approval_requests (branch_id, id);

      -- Risks identified before signing (DOMAIN.md section 4), scored 1..5 on probability and impact,
      -- each with a response (mitigation, owner, due date) given all together or not at all.
      CREATE TABLE contract_risks (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        category text NOT NULL CHECK (category IN (${CATEGORIES})),
        probability smallint NOT NULL CHECK (probability BETWEEN 1 AND 5),
        impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
        mitigation text CHECK (length(mitigation) BETWEEN 1 AND 4000),
        response_owner_id uuid,
        response_due_on date,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contract_risks_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT contract_risks_owner_fk FOREIGN KEY (branch_id, response_owner_id)
          REFERENCES memberships (branch_id, user_id),
        CONSTRAINT contract_risks_response_whole CHECK (
          (mitigation IS NULL) = (response_owner_id IS NULL) AND (mitigation IS NULL) = (response_due_on IS NULL))
      );
      CREATE INDEX contract_risks_branch_contract ON contract_risks (branch_id, contract_id, created_at, id);
      ${tenantTable(
        'contract_risks',
        `${OWN_ONLY} OR EXISTS (SELECT 1 FROM contracts k WHERE k.branch_id = contract_risks.branch_id AND k.id = contract_risks.contract_id)`,
      )}
      GRANT SELECT, INSERT, UPDATE, DELETE ON contract_risks TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE contract_risks;
      ALTER TABLE contracts DROP COLUMN legal_review_request_id, DROP COLUMN non_standard_price,
        DROP COLUMN special_fees, DROP COLUMN special_terms_request_id;
    `);
  }
}
