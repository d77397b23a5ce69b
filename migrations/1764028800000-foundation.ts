import type { MigrationInterface, QueryRunner } from 'typeorm';

const BRANCHES = `(SELECT NULLIF(current_setting('app.branch_ids', true), ''))::uuid[]`;
const USER_ID = `(SELECT NULLIF(current_setting('app.user_id', true), ''))::uuid`;
const OWN_ONLY = `(SELECT current_setting('app.own_only', true)) IS DISTINCT FROM 'on'`;

/** ENABLE + FORCE row-level security and the branch-set policy every tenant table carries. */
function tenantTable(table: string, extraUsing = ''): string {
  const using = `branch_id = ANY (${BRANCHES})${extraUsing ? ` AND (${extraUsing})` : ''}`;
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ${table} USING (${using}) WITH CHECK (${using});`;
}

/** A customer's children are visible to a rep only when the customer is (the customers policy applies inside). */
const CUSTOMER_VISIBLE = (t: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM customers c WHERE c.branch_id = ${t}.branch_id AND c.id = ${t}.customer_id)`;

export class Foundation1764028800000 implements MigrationInterface {
  name = 'Foundation1764028800000';

  async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide: create them once, whatever database is migrated first.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_runtime') THEN
          CREATE ROLE app_runtime NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_worker') THEN
          CREATE ROLE app_worker NOLOGIN NOSUPERUSER NOBYPASSRLS INHERIT;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_platform') THEN
          CREATE ROLE app_platform NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
        END IF;
      END $$;
      GRANT app_runtime TO app_worker;
      GRANT app_runtime, app_worker, app_platform TO CURRENT_USER;
    `);
    await q.query(`GRANT USAGE ON SCHEMA public TO app_runtime, app_platform`);

    // Platform tables: not branch rows; only the branches module reads them, as app_platform.
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE branches (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id),
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('HEAD_OFFICE', 'BRANCH')),
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        currency char(3) NOT NULL DEFAULT 'CNY',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT branches_org_code_key UNIQUE (organization_id, code)
      );
      CREATE UNIQUE INDEX branches_one_head_office ON branches (organization_id) WHERE kind = 'HEAD_OFFICE';
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_lower CHECK (email = lower(email))
      );
      CREATE TABLE memberships (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        branch_id uuid NOT NULL REFERENCES branches (id),
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT memberships_branch_user_key UNIQUE (branch_id, user_id)
      );
      CREATE INDEX memberships_user ON memberships (user_id);
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refresh_tokens_hash_key UNIQUE (token_hash)
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      GRANT SELECT, INSERT, UPDATE ON organizations, branches, users, memberships, refresh_tokens TO app_platform;
    `);

    // Staff names for the branch set in force, without opening the users table to the runtime role.
    await q.query(`
      CREATE VIEW branch_directory WITH (security_barrier) AS
        SELECT m.branch_id, m.user_id, m.role, u.display_name, u.email
        FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.branch_id = ANY (${BRANCHES}) AND u.disabled_at IS NULL;
      CREATE VIEW scope_branches WITH (security_barrier) AS
        SELECT b.id, b.organization_id, b.code, b.name, b.kind, b.time_zone, b.currency
        FROM branches b WHERE b.id = ANY (${BRANCHES});
      GRANT SELECT ON branch_directory, scope_branches TO app_runtime;
    `);

    // Tenant tables: primary key (branch_id, id), composite foreign keys, RLS forced.
    await q.query(`
      CREATE TABLE branch_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        contact_cadence_high_days integer NOT NULL DEFAULT 7 CHECK (contact_cadence_high_days BETWEEN 1 AND 366),
        contact_cadence_medium_days integer NOT NULL DEFAULT 15 CHECK (contact_cadence_medium_days BETWEEN 1 AND 366),
        contact_cadence_low_days integer NOT NULL DEFAULT 30 CHECK (contact_cadence_low_days BETWEEN 1 AND 366),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('branch_settings')}

      CREATE TABLE customers (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        name text NOT NULL,
        tier text NOT NULL CHECK (tier IN ('HIGH', 'MEDIUM', 'LOW')),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED')),
        industry text,
        region text,
        email text,
        phone text,
        address text,
        notes text,
        owner_id uuid NOT NULL,
        last_contact_at timestamptz,
        next_contact_due_at timestamptz NOT NULL,
        contact_reminded_due_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT customers_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id)
      );
      CREATE UNIQUE INDEX customers_branch_name_key ON customers (branch_id, lower(name));
      CREATE INDEX customers_branch_created ON customers (branch_id, created_at DESC, id DESC);
      CREATE INDEX customers_branch_owner_created ON customers (branch_id, owner_id, created_at DESC, id DESC);
      CREATE INDEX customers_branch_name ON customers (branch_id, name, id);
      CREATE INDEX customers_branch_due ON customers (branch_id, next_contact_due_at, id);
      -- Head-office lists across many branches walk this one, sorted as the page is.
      CREATE INDEX customers_created ON customers (created_at DESC, id DESC, branch_id);
      -- The reminder scan reads only customers that are active and not yet reminded for their due date.
      CREATE INDEX customers_contact_due_pending ON customers (next_contact_due_at)
        WHERE status = 'ACTIVE' AND contact_reminded_due_at IS DISTINCT FROM next_contact_due_at;
      ${tenantTable('customers', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE TABLE customer_contacts (
        branch_id uuid NOT NULL,
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        name text NOT NULL,
        title text,
        phone text,
        email text,
        is_primary boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT customer_contacts_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id)
      );
      CREATE INDEX customer_contacts_customer ON customer_contacts (branch_id, customer_id);
      ${tenantTable('customer_contacts', CUSTOMER_VISIBLE('customer_contacts'))}

      CREATE TABLE contact_logs (
        branch_id uuid NOT NULL,
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        contact_id uuid,
        channel text NOT NULL CHECK (channel IN ('VISIT', 'PHONE', 'VIDEO', 'EMAIL', 'MESSAGE', 'OTHER')),
        summary text NOT NULL,
        occurred_at timestamptz NOT NULL,
        logged_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT contact_logs_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT contact_logs_contact_fk FOREIGN KEY (branch_id, contact_id) REFERENCES customer_contacts (branch_id, id)
      );
      CREATE INDEX contact_logs_customer ON contact_logs (branch_id, customer_id, occurred_at DESC, id DESC);
      ${tenantTable('contact_logs', CUSTOMER_VISIBLE('contact_logs'))}

      CREATE TABLE notifications (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        subject_type text,
        subject_id uuid,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT notifications_dedupe_key UNIQUE (branch_id, dedupe_key)
      );
      CREATE INDEX notifications_user ON notifications (branch_id, user_id, created_at DESC, id DESC);
      ${tenantTable('notifications')}
      -- A person reads and marks only their own; the worker (no user) writes for anyone in its branch set.
      CREATE POLICY own_rows_select ON notifications AS RESTRICTIVE FOR SELECT
        USING (${USER_ID} IS NULL OR user_id = ${USER_ID});
      CREATE POLICY own_rows_update ON notifications AS RESTRICTIVE FOR UPDATE
        USING (${USER_ID} IS NULL OR user_id = ${USER_ID});
      CREATE POLICY own_rows_delete ON notifications AS RESTRICTIVE FOR DELETE
        USING (${USER_ID} IS NULL OR user_id = ${USER_ID});

      CREATE TABLE audit_log (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        actor_id uuid,
        request_id text,
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id)
      );
      CREATE INDEX audit_log_entity ON audit_log (branch_id, entity, entity_id, created_at DESC);
      ${tenantTable('audit_log')}

      CREATE TABLE outbox (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        PRIMARY KEY (branch_id, id)
      );
      CREATE INDEX outbox_pending ON outbox (created_at) WHERE published_at IS NULL;
      ${tenantTable('outbox')}

      GRANT SELECT, INSERT, UPDATE, DELETE ON branch_settings, customers, customer_contacts, contact_logs, notifications TO app_runtime;
      GRANT SELECT, INSERT ON audit_log TO app_runtime;
      GRANT INSERT ON audit_log TO app_platform;
      GRANT INSERT ON outbox TO app_runtime;
    `);

    // Narrow cross-tenant steps of the worker. Each returns rows locked FOR UPDATE SKIP LOCKED
    // until the caller's transaction ends, so two workers never take the same row.
    await q.query(`
      CREATE FUNCTION outbox_claim(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid, job_name text, payload jsonb, created_at timestamptz)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT o.branch_id, o.id, o.job_name, o.payload, o.created_at FROM outbox o
          WHERE o.published_at IS NULL ORDER BY o.created_at LIMIT batch FOR UPDATE SKIP LOCKED
        $$;
      CREATE FUNCTION outbox_mark_published(ids uuid[]) RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          WITH u AS (UPDATE outbox SET published_at = now() WHERE id = ANY (ids) AND published_at IS NULL RETURNING 1)
          SELECT count(*)::integer FROM u
        $$;
      CREATE FUNCTION claim_due_contact_reminders(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT c.branch_id, c.id FROM customers c
          WHERE c.status = 'ACTIVE' AND c.contact_reminded_due_at IS DISTINCT FROM c.next_contact_due_at
            AND c.next_contact_due_at <= now()
          ORDER BY c.next_contact_due_at LIMIT batch FOR UPDATE SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION outbox_claim(integer), outbox_mark_published(uuid[]), claim_due_contact_reminders(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION outbox_claim(integer), outbox_mark_published(uuid[]), claim_due_contact_reminders(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_contact_reminders(integer);
      DROP FUNCTION outbox_mark_published(uuid[]);
      DROP FUNCTION outbox_claim(integer);
      DROP TABLE outbox, audit_log, notifications, contact_logs, customer_contacts, customers, branch_settings;
      DROP VIEW scope_branches, branch_directory;
      DROP TABLE refresh_tokens, memberships, users, branches, organizations;
    `);
  }
}
