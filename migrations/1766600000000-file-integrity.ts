import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

/**
 * File integrity (issue 14): the worker re-reads the files of issued and archived documents on a schedule and
 * compares their SHA-256 with the one recorded at upload; a mismatch or a missing object opens a problem that the
 * archivist and head office hear of, and that stays open until someone records how it was resolved.
 *
 * `file_checks` holds each checked file's next due time and last result. It doubles as the lease of the scan: the
 * claim moves `due_at` a lease ahead in a short transaction, the bytes are hashed outside any transaction (a file
 * may take minutes to read), and the result is written in a second one. A worker killed in between leaves the
 * file to be claimed again when the lease runs out.
 */
export class FileIntegrity1766600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_checks (
        branch_id uuid NOT NULL,
        file_id uuid NOT NULL,
        due_at timestamptz(3) NOT NULL,
        checked_at timestamptz(3),
        result text CHECK (result IN ('OK', 'MISMATCH', 'MISSING')),
        found_sha256 text CHECK (found_sha256 ~ '^[0-9a-f]{64}$'),
        PRIMARY KEY (branch_id, file_id),
        FOREIGN KEY (branch_id, file_id) REFERENCES files (branch_id, id),
        CHECK ((checked_at IS NULL) = (result IS NULL))
      );
      CREATE INDEX file_checks_due ON file_checks (due_at);
      ${tenantTable('file_checks')}

      CREATE TABLE file_integrity_problems (
        branch_id uuid NOT NULL,
        id uuid NOT NULL,
        file_id uuid NOT NULL,
        problem text NOT NULL CHECK (problem IN ('MISMATCH', 'MISSING')),
        expected_sha256 text NOT NULL CHECK (expected_sha256 ~ '^[0-9a-f]{64}$'),
        found_sha256 text CHECK (found_sha256 ~ '^[0-9a-f]{64}$'),
        found_at timestamptz(3) NOT NULL DEFAULT now(),
        resolved_at timestamptz(3),
        resolved_by uuid,
        resolution text CHECK (length(resolution) BETWEEN 1 AND 2000),
        PRIMARY KEY (branch_id, id),
        FOREIGN KEY (branch_id, file_id) REFERENCES files (branch_id, id),
        CHECK ((problem = 'MISSING') = (found_sha256 IS NULL)),
        CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution IS NULL))
      );
      -- One open problem per file: a file found wrong on every scan is reported once, until resolved.
      CREATE UNIQUE INDEX file_integrity_problems_open ON file_integrity_problems (branch_id, file_id)
        WHERE resolved_at IS NULL;
      CREATE INDEX file_integrity_problems_found ON file_integrity_problems (branch_id, found_at DESC, id DESC);
      ${tenantTable('file_integrity_problems')}

      GRANT SELECT ON file_checks TO app_runtime;
      GRANT UPDATE (due_at) ON file_checks TO app_runtime;
      GRANT SELECT, UPDATE ON file_integrity_problems TO app_runtime;
      GRANT INSERT, UPDATE ON file_checks TO app_worker;
      GRANT INSERT ON file_integrity_problems TO app_worker;

      -- The files due for a check: every version's file of an issued or archived document, never checked or due.
      -- Claimed by moving due_at a lease ahead; two workers racing for one file: the second's upsert waits for the
      -- first's commit, then finds the row no longer due and takes nothing.
      CREATE FUNCTION claim_file_checks(batch integer, lease_seconds integer)
        RETURNS TABLE (branch_id uuid, file_id uuid, storage_key text, sha256 text, head_office_id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          WITH due AS (
            SELECT f.branch_id, f.id
            FROM files f
            LEFT JOIN file_checks c ON c.branch_id = f.branch_id AND c.file_id = f.id
            WHERE (c.due_at IS NULL OR c.due_at <= now())
              AND EXISTS (
                SELECT 1 FROM document_versions v
                JOIN documents d ON d.branch_id = v.branch_id AND d.id = v.document_id
                WHERE v.branch_id = f.branch_id AND v.file_id = f.id AND d.state IN ('ISSUED', 'ARCHIVED'))
            ORDER BY c.due_at NULLS FIRST, f.uploaded_at
            LIMIT batch
          ), claimed AS (
            INSERT INTO file_checks AS fc (branch_id, file_id, due_at)
            SELECT due.branch_id, due.id, now() + make_interval(secs => lease_seconds) FROM due
            ON CONFLICT (branch_id, file_id) DO UPDATE SET due_at = excluded.due_at WHERE fc.due_at <= now()
            RETURNING fc.branch_id, fc.file_id
          )
          SELECT f.branch_id, f.id, f.storage_key, f.sha256,
            (SELECT h.id FROM branches b JOIN branches h ON h.organization_id = b.organization_id AND h.kind = 'HEAD_OFFICE'
             WHERE b.id = f.branch_id)
          FROM claimed JOIN files f ON f.branch_id = claimed.branch_id AND f.id = claimed.file_id
        $$;
      REVOKE ALL ON FUNCTION claim_file_checks(integer, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_file_checks(integer, integer) TO app_worker;

      -- The orphan sweep: which of these object keys (<branch_id>/<file_id>, checked by the caller) no file row names,
      -- in any branch (the sweep has no branch in scope).
      CREATE FUNCTION unrecorded_storage_keys(keys text[])
        RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT k FROM unnest(keys) AS k
          WHERE NOT EXISTS (
            SELECT 1 FROM files f WHERE f.branch_id = split_part(k, '/', 1)::uuid AND f.id = split_part(k, '/', 2)::uuid)
        $$;
      REVOKE ALL ON FUNCTION unrecorded_storage_keys(text[]) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION unrecorded_storage_keys(text[]) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION unrecorded_storage_keys(text[]);
      DROP FUNCTION claim_file_checks(integer, integer);
      DROP TABLE file_integrity_problems, file_checks;
    `);
  }
}
