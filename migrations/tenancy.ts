/**
 * SQL fragments every tenant table's policies use. New migrations import these; a change here
 * changes only migrations written after it (applied migrations are history).
 *
 * The casts sit inside the scalar subqueries, so PostgreSQL evaluates the setting and parses the
 * array once per statement (an initPlan). With the cast outside, `(SELECT ...)::uuid[]`, the text
 * is parsed again for every row the policy checks: 16x slower on a 51-branch head-office page.
 */
export const BRANCHES = `(SELECT NULLIF(current_setting('app.branch_ids', true), '')::uuid[])::uuid[]`;
export const USER_ID = `(SELECT NULLIF(current_setting('app.user_id', true), '')::uuid)`;
export const OWN_ONLY = `(SELECT current_setting('app.own_only', true)) IS DISTINCT FROM 'on'`;

/** The branch-set policy, with an optional extra condition (both USING and WITH CHECK). */
export function tenantPolicy(table: string, extraUsing = ''): string {
  const using = `branch_id = ANY (${BRANCHES})${extraUsing ? ` AND (${extraUsing})` : ''}`;
  return `CREATE POLICY tenant_isolation ON ${table} USING (${using}) WITH CHECK (${using});`;
}

/** ENABLE + FORCE row-level security and the branch-set policy: what every new tenant table carries. */
export function tenantTable(table: string, extraUsing = ''): string {
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    ${tenantPolicy(table, extraUsing)}`;
}

/** A customer's children are visible to a rep only when the customer is (the customers policy applies inside). */
export const CUSTOMER_VISIBLE = (t: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM customers c WHERE c.branch_id = ${t}.branch_id AND c.id = ${t}.customer_id)`;

/**
 * The organizations of the branches in scope (one for any real scope), read through scope_branches so the runtime
 * role needs no grant on the platform tables. No setting of its own: the organization follows the branch set that
 * libs/core already sets, so jobs and people get it alike, and an empty or reset branch set sees nothing.
 * An initPlan, evaluated once per statement.
 */
export const ORGANIZATIONS = `(SELECT array_agg(DISTINCT sb.organization_id) FROM scope_branches sb)::uuid[]`;

/** The organization policy: rows of the organizations in scope only (both USING and WITH CHECK). */
export function organizationPolicy(table: string): string {
  const using = `organization_id = ANY (${ORGANIZATIONS})`;
  return `CREATE POLICY organization_wall ON ${table} USING (${using}) WITH CHECK (${using});`;
}

/**
 * ENABLE + FORCE row-level security and the organization policy: what every organization-level table carries
 * (rows head office keeps for all its branches, e.g. the product catalogue). Primary key (organization_id, id).
 */
export function organizationTable(table: string): string {
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    ${organizationPolicy(table)}`;
}

/** For a branch row that points at organization rows: its organization must be in scope as well. */
export const ORGANIZATION_IN_SCOPE = `organization_id = ANY (${ORGANIZATIONS})`;
