import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

export const DOCUMENT_KINDS = `'NOTICE', 'REPORT', 'PLAN', 'SUMMARY', 'CONTRACT', 'AGREEMENT', 'LETTER', 'CERTIFICATE',
  'QUALIFICATION'`;

/**
 * Stored files (issue 14): every file of the product. The bytes live in the object storage under
 * `<branch_id>/<id>` (never a name a person chose); the row is written only once the whole object is stored
 * (and scanned), in the same transaction as its audit row, so a row always has its object. Rows never change.
 */
export class DocumentFiles1766000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE files (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (${DOCUMENT_KINDS})),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 255),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL CHECK (storage_key = branch_id::text || '/' || id::text),
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id)
      );
      CREATE INDEX files_branch_uploaded ON files (branch_id, uploaded_at DESC, id DESC);
      ${tenantTable('files')}
      GRANT SELECT, INSERT ON files TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE files`);
  }
}
