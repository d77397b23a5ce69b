import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BRANCHES, OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const SOURCES = `'RESEARCH', 'TRADE_SHOW', 'REFERRAL', 'WEB', 'PARTNER'`;
const ROLES = `'MANAGER', 'SUPERVISOR', 'STAFF_IN_CHARGE', 'OTHER'`;
const EVENTS = `'CREATED', 'UPDATED', 'SCREENED', 'REASSIGNED', 'NOTE', 'CONVERTED'`;

/** A direct contact: a mobile that is not just the switchboard again, a messaging account or an e-mail. */
const DIRECT = (r: string) => `((${r}.mobile_key IS NOT NULL AND ${r}.mobile_key IS DISTINCT FROM ${r}.switchboard_key)
  OR ${r}.messaging_account IS NOT NULL OR ${r}.email IS NOT NULL)`;
const RESPONSIBLE = (r: string) => `(${r}.contact_role IS NOT NULL AND ${r}.contact_role <> 'OTHER')`;

/**
 * Leads (DOMAIN.md section 2): where they came from, the person and contacts they name, screening,
 * the owner, and conversion into a customer that links back to the lead. Validity (a named
 * responsible person with a direct contact; a switchboard alone is not one) is kept in columns by
 * a trigger, so it is right after every change whoever writes, and weekly counts read an index. Duplicates are
 * found by the normalised phone (`mobile_key`, set by the service) and the lower-cased e-mail.
 */
export class LeadsTiering1764979200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leads (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        source text NOT NULL CHECK (source IN (${SOURCES})),
        company text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
        contact_name text CHECK (length(contact_name) BETWEEN 1 AND 100),
        contact_role text CHECK (contact_role IN (${ROLES})),
        mobile text CHECK (length(mobile) BETWEEN 5 AND 30),
        messaging_account text CHECK (length(messaging_account) BETWEEN 1 AND 100),
        email text CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
        switchboard text CHECK (length(switchboard) BETWEEN 5 AND 30),
        -- Digits with the country code (China when none is written): see src/modules/customers/phone-key.ts.
        mobile_key text CHECK (mobile_key ~ '^[0-9]{4,30}$'),
        switchboard_key text CHECK (switchboard_key ~ '^[0-9]{4,30}$'),
        -- Kept by the trigger below on every insert and update, whatever writes the row.
        valid boolean NOT NULL DEFAULT false,
        missing text[] NOT NULL DEFAULT '{}' CHECK (missing <@ ARRAY['CONTACT_NAME', 'RESPONSIBLE_ROLE', 'DIRECT_CONTACT']),
        screening text NOT NULL DEFAULT 'PENDING' CHECK (screening IN ('PENDING', 'FIT', 'UNFIT')),
        screening_note text CHECK (length(screening_note) BETWEEN 1 AND 2000),
        screened_at timestamptz(3),
        screened_by uuid,
        state text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'CONVERTED')),
        customer_id uuid,
        converted_at timestamptz(3),
        owner_id uuid NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT leads_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT leads_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT leads_unfit_has_note CHECK (screening <> 'UNFIT' OR screening_note IS NOT NULL),
        CONSTRAINT leads_screened CHECK ((screening = 'PENDING') = (screened_at IS NULL)),
        CONSTRAINT leads_converted CHECK ((state = 'CONVERTED') = (customer_id IS NOT NULL AND converted_at IS NOT NULL))
      );
      CREATE INDEX leads_branch_created ON leads (branch_id, created_at DESC, id DESC);
      CREATE INDEX leads_branch_owner_created ON leads (branch_id, owner_id, created_at DESC, id DESC);
      -- Head-office lists across many branches walk this one, sorted as the page is.
      CREATE INDEX leads_created ON leads (created_at DESC, id DESC, branch_id);
      CREATE INDEX leads_branch_mobile ON leads (branch_id, mobile_key) WHERE mobile_key IS NOT NULL;
      CREATE INDEX leads_branch_email ON leads (branch_id, email) WHERE email IS NOT NULL;
      -- Valid leads per rep and week (activity quotas): an index-only range per branch and owner.
      CREATE INDEX leads_branch_owner_valid ON leads (branch_id, owner_id, created_at) WHERE valid;
      ${tenantTable('leads', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE FUNCTION leads_validity() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.missing := array_remove(ARRAY[
            CASE WHEN NEW.contact_name IS NULL THEN 'CONTACT_NAME' END,
            CASE WHEN NOT ${RESPONSIBLE('NEW')} THEN 'RESPONSIBLE_ROLE' END,
            CASE WHEN NOT ${DIRECT('NEW')} THEN 'DIRECT_CONTACT' END], NULL);
          NEW.valid := cardinality(NEW.missing) = 0;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER leads_validity BEFORE INSERT OR UPDATE ON leads FOR EACH ROW EXECUTE FUNCTION leads_validity();

      CREATE TABLE lead_events (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        lead_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (${EVENTS})),
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        actor_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT lead_events_lead_fk FOREIGN KEY (branch_id, lead_id) REFERENCES leads (branch_id, id)
      );
      CREATE INDEX lead_events_lead ON lead_events (branch_id, lead_id, created_at, id);
      ${tenantTable(
        'lead_events',
        `${OWN_ONLY} OR EXISTS (SELECT 1 FROM leads l WHERE l.branch_id = lead_events.branch_id AND l.id = lead_events.lead_id)`,
      )}

      -- The customer a lead became: set once, by the conversion.
      ALTER TABLE customers ADD COLUMN lead_id uuid;
      ALTER TABLE customers ADD CONSTRAINT customers_lead_fk FOREIGN KEY (branch_id, lead_id) REFERENCES leads (branch_id, id);
      CREATE UNIQUE INDEX customers_branch_lead_key ON customers (branch_id, lead_id) WHERE lead_id IS NOT NULL;

      GRANT SELECT, INSERT, UPDATE ON leads TO app_runtime;
      GRANT SELECT, INSERT ON lead_events TO app_runtime;

      -- A sales rep sees only their own leads, yet must learn that a colleague already holds one with
      -- the same phone or e-mail. This answers only "which of these keys exist on a lead you cannot see,
      -- in a branch of your scope": no id, no owner, no data. Managers see every lead and get nothing here.
      CREATE FUNCTION lead_hidden_duplicates(p_branch uuid[], p_lead uuid[], p_mobile text[], p_email text[])
        RETURNS TABLE (branch_id uuid, lead_id uuid, matched_on text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          WITH k AS (
            SELECT * FROM unnest(p_branch, p_lead, p_mobile, p_email) AS k(b, l, mobile, email)
            WHERE k.b = ANY (${BRANCHES}) AND NOT (${OWN_ONLY}) AND ${USER_ID} IS NOT NULL
          )
          SELECT k.b, k.l, 'PHONE' FROM k WHERE k.mobile IS NOT NULL AND EXISTS (
            SELECT 1 FROM leads x WHERE x.branch_id = k.b AND x.mobile_key = k.mobile AND x.id <> k.l
              AND x.owner_id <> ${USER_ID})
          UNION ALL
          SELECT k.b, k.l, 'EMAIL' FROM k WHERE k.email IS NOT NULL AND EXISTS (
            SELECT 1 FROM leads x WHERE x.branch_id = k.b AND x.email = k.email AND x.id <> k.l
              AND x.owner_id <> ${USER_ID})
        $$;
      REVOKE ALL ON FUNCTION lead_hidden_duplicates(uuid[], uuid[], text[], text[]) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION lead_hidden_duplicates(uuid[], uuid[], text[], text[]) TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION lead_hidden_duplicates(uuid[], uuid[], text[], text[]);
      DROP INDEX customers_branch_lead_key;
      ALTER TABLE customers DROP CONSTRAINT customers_lead_fk;
      ALTER TABLE customers DROP COLUMN lead_id;
      DROP TABLE lead_events, leads;
      DROP FUNCTION leads_validity();
    `);
  }
}
