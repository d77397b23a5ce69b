import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

/**
 * Sharing outside the company (issue 14): a document leaves only with a record. An NDA (保密协议) with a
 * counterparty is recorded with the scan of the signed agreement and its term; an external share of an issued or
 * archived document names the recipient, the purpose and the NDA it rests on (PUBLIC documents need none, SECRET
 * ones never leave), and gives one link with a random token (only its SHA-256 is kept), valid for a few days,
 * revocable at any time. Every download through it is recorded, with when and from where.
 */
export class DocumentShares1766602000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nda_records (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        counterparty text NOT NULL CHECK (length(counterparty) BETWEEN 1 AND 200),
        counterparty_contact text CHECK (length(counterparty_contact) BETWEEN 1 AND 200),
        signed_on date NOT NULL,
        expires_on date NOT NULL,
        file_id uuid NOT NULL,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT nda_records_file_fk FOREIGN KEY (branch_id, file_id) REFERENCES files (branch_id, id),
        CHECK (expires_on > signed_on)
      );
      CREATE INDEX nda_records_recorded ON nda_records (branch_id, recorded_at DESC, id DESC);
      ${tenantTable('nda_records')}

      CREATE TABLE document_shares (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        document_id uuid NOT NULL,
        nda_id uuid,
        recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        token_sha256 text NOT NULL CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz(3) NOT NULL,
        shared_by uuid NOT NULL,
        shared_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz(3),
        revoked_by uuid,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT document_shares_document_fk FOREIGN KEY (branch_id, document_id) REFERENCES documents (branch_id, id),
        CONSTRAINT document_shares_nda_fk FOREIGN KEY (branch_id, nda_id) REFERENCES nda_records (branch_id, id),
        CHECK (expires_at > shared_at),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      );
      CREATE INDEX document_shares_document ON document_shares (branch_id, document_id, shared_at DESC);
      CREATE INDEX document_shares_shared ON document_shares (branch_id, shared_at DESC, id DESC);
      ${tenantTable('document_shares')}

      CREATE TABLE document_share_downloads (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        share_id uuid NOT NULL,
        file_id uuid NOT NULL,
        at timestamptz(3) NOT NULL DEFAULT now(),
        client_ip text NOT NULL CHECK (length(client_ip) BETWEEN 1 AND 100),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT document_share_downloads_share_fk FOREIGN KEY (branch_id, share_id) REFERENCES document_shares (branch_id, id)
      );
      CREATE INDEX document_share_downloads_share ON document_share_downloads (branch_id, share_id, at);
      ${tenantTable('document_share_downloads')}

      GRANT SELECT, INSERT ON nda_records, document_share_downloads TO app_runtime;
      GRANT SELECT, INSERT ON document_shares TO app_runtime;
      GRANT UPDATE (revoked_at, revoked_by) ON document_shares TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_share_downloads, document_shares, nda_records`);
  }
}
