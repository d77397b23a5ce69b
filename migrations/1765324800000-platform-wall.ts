import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organization in scope of a platform transaction, parsed once per statement (see tenancy.ts). */
export const ORG_ID = `(SELECT NULLIF(current_setting('app.org_id', true), '')::uuid)`;

const MEMBERSHIP_IN_ORG = `EXISTS (SELECT 1 FROM users u WHERE u.id = memberships.user_id AND u.organization_id = ${ORG_ID})
  AND EXISTS (SELECT 1 FROM branches b WHERE b.id = memberships.branch_id AND b.organization_id = ${ORG_ID})`;
const TOKEN_IN_ORG = `EXISTS (SELECT 1 FROM users u WHERE u.id = refresh_tokens.user_id AND u.organization_id = ${ORG_ID})`;

/**
 * The platform tables behind a wall by organization, for the role that reads them (app_platform):
 * a policy on the organization in scope (`app.org_id`, transaction-local like `app.branch_ids`).
 * RLS is enabled, not forced: the tables' owner keeps reading them for the branch-scoped views
 * (branch_directory, scope_branches, which filter by the branch set themselves) and for the narrow
 * SECURITY DEFINER functions below, the only ways across organizations.
 *
 * E-mails are unique per organization: a global unique key told a manager that an address was taken
 * in another organization. The same address may now exist once in each organization.
 *
 * Access tokens carry the user's auth_version; every transaction opened for a signed-in person checks
 * it (session_check, in the statement that sets the tenant settings, so no extra round trip). Disabling
 * a person, or changing or removing a membership, bumps it: their tokens stop working at once.
 */
export class PlatformWall1765324800000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users DROP CONSTRAINT users_email_key;
      ALTER TABLE users ADD CONSTRAINT users_org_email_key UNIQUE (organization_id, email);
      CREATE INDEX users_email ON users (email);
      ALTER TABLE users ADD COLUMN auth_version integer NOT NULL DEFAULT 0;

      ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
      CREATE POLICY org_wall ON organizations USING (id = ${ORG_ID}) WITH CHECK (id = ${ORG_ID});
      ALTER TABLE branches ENABLE ROW LEVEL SECURITY;
      CREATE POLICY org_wall ON branches USING (organization_id = ${ORG_ID}) WITH CHECK (organization_id = ${ORG_ID});
      ALTER TABLE users ENABLE ROW LEVEL SECURITY;
      CREATE POLICY org_wall ON users USING (organization_id = ${ORG_ID}) WITH CHECK (organization_id = ${ORG_ID});
      ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
      CREATE POLICY org_wall ON memberships USING (${MEMBERSHIP_IN_ORG}) WITH CHECK (${MEMBERSHIP_IN_ORG});
      ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
      CREATE POLICY org_wall ON refresh_tokens USING (${TOKEN_IN_ORG}) WITH CHECK (${TOKEN_IN_ORG});

      -- A change that alters what a person may do invalidates their access tokens.
      CREATE FUNCTION users_bump_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.disabled_at IS DISTINCT FROM OLD.disabled_at OR NEW.organization_id <> OLD.organization_id
             OR NEW.password_hash <> OLD.password_hash THEN
            NEW.auth_version := OLD.auth_version + 1;
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER users_auth_version BEFORE UPDATE ON users
        FOR EACH ROW EXECUTE FUNCTION users_bump_auth_version();
      CREATE FUNCTION memberships_bump_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE users SET auth_version = auth_version + 1
          WHERE id = OLD.user_id OR (TG_OP = 'UPDATE' AND id = NEW.user_id);
          RETURN NULL;
        END $$;
      CREATE TRIGGER memberships_auth_version AFTER UPDATE OR DELETE ON memberships
        FOR EACH ROW EXECUTE FUNCTION memberships_bump_auth_version();

      -- Checked in the first statement of every transaction opened for a signed-in person.
      CREATE FUNCTION session_check(p_user uuid, p_org uuid, p_version integer, p_branches uuid[], p_member_of uuid[])
        RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
          u record;
        BEGIN
          SELECT organization_id, auth_version, disabled_at INTO u FROM users WHERE id = p_user;
          IF NOT FOUND OR u.organization_id <> p_org THEN
            RAISE EXCEPTION 'The access token names an account that does not exist: sign in again' USING ERRCODE = '28000';
          END IF;
          IF u.disabled_at IS NOT NULL THEN
            RAISE EXCEPTION 'This account is disabled: ask your branch manager or head office to enable it'
              USING ERRCODE = '28000';
          END IF;
          IF u.auth_version <> p_version THEN
            RAISE EXCEPTION 'Your roles or branches changed: get a new access token with refreshToken, or sign in again'
              USING ERRCODE = '28000';
          END IF;
          -- Only a forged token fails these (a changed membership fails the version first).
          IF EXISTS (SELECT 1 FROM unnest(p_branches) AS s(id)
                     WHERE NOT EXISTS (SELECT 1 FROM branches b WHERE b.id = s.id AND b.organization_id = p_org))
             OR EXISTS (SELECT 1 FROM unnest(p_member_of) AS s(id)
                        WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.branch_id = s.id AND m.user_id = p_user))
          THEN
            RAISE EXCEPTION 'The access token names a branch you do not work in: sign in again' USING ERRCODE = '28000';
          END IF;
          RETURN true;
        END $$;
      REVOKE ALL ON FUNCTION session_check(uuid, uuid, integer, uuid[], uuid[]) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION session_check(uuid, uuid, integer, uuid[], uuid[]) TO app_runtime, app_platform;

      -- Login knows only an e-mail, and a refresh only a token: the two ways across organizations.
      CREATE FUNCTION login_accounts(p_email text)
        RETURNS TABLE (id uuid, organization_id uuid, password_hash text, disabled boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT u.id, u.organization_id, u.password_hash, u.disabled_at IS NOT NULL FROM users u
          WHERE u.email = p_email ORDER BY u.created_at, u.id LIMIT 5
        $$;
      CREATE FUNCTION refresh_token_organization(p_hash text) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT u.organization_id FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = p_hash
        $$;
      REVOKE ALL ON FUNCTION login_accounts(text), refresh_token_organization(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION login_accounts(text), refresh_token_organization(text) TO app_platform;

      -- The audit log query: newest first per branch, and per actor.
      ALTER TABLE audit_log ALTER COLUMN created_at TYPE timestamptz(3);
      CREATE INDEX audit_log_branch_created ON audit_log (branch_id, created_at DESC, id DESC);
      CREATE INDEX audit_log_branch_actor_created ON audit_log (branch_id, actor_id, created_at DESC, id DESC);
      -- Head office's list over all its branches walks this one, sorted as the page is (as customers_created).
      CREATE INDEX audit_log_created ON audit_log (created_at DESC, id DESC, branch_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_log_created, audit_log_branch_actor_created, audit_log_branch_created;
      ALTER TABLE audit_log ALTER COLUMN created_at TYPE timestamptz;
      DROP FUNCTION refresh_token_organization(text), login_accounts(text);
      DROP FUNCTION session_check(uuid, uuid, integer, uuid[], uuid[]);
      DROP TRIGGER memberships_auth_version ON memberships;
      DROP FUNCTION memberships_bump_auth_version();
      DROP TRIGGER users_auth_version ON users;
      DROP FUNCTION users_bump_auth_version();
      DROP POLICY org_wall ON refresh_tokens; ALTER TABLE refresh_tokens DISABLE ROW LEVEL SECURITY;
      DROP POLICY org_wall ON memberships; ALTER TABLE memberships DISABLE ROW LEVEL SECURITY;
      DROP POLICY org_wall ON users; ALTER TABLE users DISABLE ROW LEVEL SECURITY;
      DROP POLICY org_wall ON branches; ALTER TABLE branches DISABLE ROW LEVEL SECURITY;
      DROP POLICY org_wall ON organizations; ALTER TABLE organizations DISABLE ROW LEVEL SECURITY;
      ALTER TABLE users DROP COLUMN auth_version;
      DROP INDEX users_email;
      ALTER TABLE users DROP CONSTRAINT users_org_email_key;
      ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
    `);
  }
}
