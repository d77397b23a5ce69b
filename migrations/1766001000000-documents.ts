import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DOCUMENT_KINDS } from './1766000000000-document-files.js';
import { tenantTable } from './tenancy.js';

const STATES = `'DRAFT', 'IN_REVIEW', 'ISSUED', 'ARCHIVED'`;
const LEVELS = `'PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET'`;

/**
 * Documents (文档管理, DOMAIN.md section 8): numbered per branch, kind and year when issued (gap-free: the
 * counter row is taken in the issuing transaction), reviewed through the approval engine, every version kept,
 * confidentiality with explicit grants and an audit of every read of a CONFIDENTIAL or SECRET document.
 */
export class Documents1766001000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (${DOCUMENT_KINDS})),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        confidentiality text NOT NULL CHECK (confidentiality IN (${LEVELS})),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${STATES})),
        number text CHECK (length(number) BETWEEN 1 AND 80),
        number_year integer,
        number_seq integer CHECK (number_seq > 0),
        current_version integer NOT NULL DEFAULT 1 CHECK (current_version > 0),
        approval_request_id uuid,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        issued_at timestamptz(3),
        archived_at timestamptz(3),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT documents_number_unique UNIQUE (branch_id, number),
        CONSTRAINT documents_sequence_unique UNIQUE (branch_id, kind, number_year, number_seq),
        -- Numbered exactly when issued (a draft never uses a number up).
        CHECK ((state IN ('ISSUED', 'ARCHIVED')) = (number IS NOT NULL AND number_seq IS NOT NULL AND issued_at IS NOT NULL)),
        CHECK ((state = 'ARCHIVED') = (archived_at IS NOT NULL))
      );
      CREATE INDEX documents_branch_created ON documents (branch_id, created_at DESC, id DESC);
      -- Archiving in number order looks for an earlier issued document of the same kind and year.
      CREATE INDEX documents_branch_issued_seq ON documents (branch_id, kind, number_year, number_seq)
        WHERE state = 'ISSUED';
      ${tenantTable('documents')}

      CREATE TABLE document_versions (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        document_id uuid NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        file_id uuid NOT NULL,
        note text CHECK (length(note) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT document_versions_document_fk FOREIGN KEY (branch_id, document_id) REFERENCES documents (branch_id, id),
        CONSTRAINT document_versions_file_fk FOREIGN KEY (branch_id, file_id) REFERENCES files (branch_id, id),
        CONSTRAINT document_versions_once UNIQUE (branch_id, document_id, version)
      );
      CREATE INDEX document_versions_file ON document_versions (branch_id, file_id);
      ${tenantTable('document_versions')}

      -- The gap-free sequence per branch, kind and year (as contract_number_counters): the row is locked by the
      -- issuing transaction, so a second issue waits, and a rolled-back issue gives its number back.
      CREATE TABLE document_number_counters (
        branch_id uuid NOT NULL REFERENCES branches (id),
        kind text NOT NULL CHECK (kind IN (${DOCUMENT_KINDS})),
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        last integer NOT NULL CHECK (last > 0),
        PRIMARY KEY (branch_id, kind, year)
      );
      ${tenantTable('document_number_counters')}

      CREATE TABLE document_grants (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        document_id uuid NOT NULL,
        user_id uuid NOT NULL,
        granted_by uuid NOT NULL,
        granted_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT document_grants_document_fk FOREIGN KEY (branch_id, document_id) REFERENCES documents (branch_id, id),
        CONSTRAINT document_grants_user_fk FOREIGN KEY (branch_id, user_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT document_grants_once UNIQUE (branch_id, document_id, user_id)
      );
      ${tenantTable('document_grants')}

      -- Who read a CONFIDENTIAL or SECRET document, what and when: written in the reading request's transaction.
      CREATE TABLE document_reads (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        document_id uuid NOT NULL,
        reader_id uuid NOT NULL,
        what text NOT NULL CHECK (what IN ('METADATA', 'FILE', 'LINK')),
        file_id uuid,
        at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT document_reads_document_fk FOREIGN KEY (branch_id, document_id) REFERENCES documents (branch_id, id)
      );
      CREATE INDEX document_reads_document_at ON document_reads (branch_id, document_id, at DESC, id DESC);
      ${tenantTable('document_reads')}

      GRANT SELECT, INSERT, UPDATE ON documents, document_number_counters TO app_runtime;
      GRANT SELECT, INSERT ON document_versions, document_reads TO app_runtime;
      GRANT SELECT, INSERT, DELETE ON document_grants TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_reads, document_grants, document_number_counters, document_versions, documents`);
  }
}
