import type pg from 'pg';

/** The page the issue measures: 50 customers in the API's default order, each with its owner and contacts. */
export const GRAPHQL_PAGE = `query BenchCustomers {
  customers(first: 50) {
    edges {
      cursor
      node {
        id name tier status industry region email phone nextContactDueAt createdAt
        owner { id displayName email role }
        contacts { id name title phone email isPrimary }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The same page with owners only (no contacts): the list a screen without a contacts column asks for. */
export const GRAPHQL_PAGE_OWNERS = `query BenchCustomersOwners {
  customers(first: 50) {
    edges {
      cursor
      node {
        id name tier status industry region email phone nextContactDueAt createdAt
        owner { id displayName email role }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * The same page as one hand-written statement: the API's default filter (ACTIVE) and order
 * (created_at DESC, id DESC), `LIMIT 51` as the API reads one extra row to know hasNextPage, the owner from
 * memberships + users (what branch_directory shows) and the contacts in the API's order, aggregated to JSON.
 */
export function rawPageSql(branchPredicate: string, contacts = true): string {
  return `SELECT c.id, c.name, c.tier, c.status, c.industry, c.region, c.email, c.phone, c.next_contact_due_at,
    c.created_at,
    CASE WHEN u.id IS NULL THEN NULL
      ELSE json_build_object('id', u.id, 'displayName', u.display_name, 'email', u.email, 'role', m.role) END AS owner
    ${contacts ? `, COALESCE(ct.contacts, '[]'::json) AS contacts` : ''}
  FROM (
    SELECT * FROM customers WHERE ${branchPredicate} AND status = 'ACTIVE'
    ORDER BY created_at DESC, id DESC LIMIT 51
  ) c
  LEFT JOIN memberships m ON m.branch_id = c.branch_id AND m.user_id = c.owner_id
  LEFT JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
  ${
    contacts
      ? `LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('id', cc.id, 'name', cc.name, 'title', cc.title, 'phone', cc.phone,
      'email', cc.email, 'isPrimary', cc.is_primary) ORDER BY cc.is_primary DESC, cc.name, cc.id) AS contacts
    FROM customer_contacts cc WHERE cc.branch_id = c.branch_id AND cc.customer_id = c.id
  ) ct ON true`
      : ''
  }
  ORDER BY c.created_at DESC, c.id DESC`;
}

export const RAW_ONE_BRANCH = rawPageSql('branch_id = $1::uuid');
export const RAW_MANY_BRANCHES = rawPageSql('branch_id = ANY($1::uuid[])');
export const RAW_ONE_BRANCH_OWNERS = rawPageSql('branch_id = $1::uuid', false);

interface RawRow {
  id: string;
  owner: { id: string } | null;
  contacts: unknown[];
}

/** One pool.query per request: one statement, no transaction, no RLS context (the pool's user owns the tables). */
export function rawRequester(pool: pg.Pool, sql: string, param: unknown): () => Promise<number> {
  return async () => {
    const r = await pool.query<RawRow>(sql, [param]);
    if (r.rows.length < 50) throw new Error(`raw page returned ${r.rows.length} rows`);
    return 1;
  };
}

/** Checks one full answer of each kind before any load, so a wrong page cannot be measured fast. */
export function checkRawPage(rows: RawRow[], contacts = true): string | undefined {
  if (rows.length !== 51) return `expected 51 rows (50 + 1 for hasNextPage), got ${rows.length}`;
  if (rows.some((r) => !r.owner)) return 'a row has no owner';
  if (contacts && rows.some((r) => !Array.isArray(r.contacts) || r.contacts.length === 0))
    return 'a row has no contacts';
  if (!contacts && rows.some((r) => r.contacts !== undefined)) return 'the owners-only page has contacts';
  return undefined;
}

interface GraphqlPage {
  customers?: {
    edges: { node: { id: string; owner: unknown; contacts?: unknown[] } }[];
    pageInfo: { hasNextPage: boolean };
  };
}

export function checkGraphqlPage(body: { data?: unknown; errors?: unknown[] }, contacts = true): string | undefined {
  if (body.errors?.length) return `errors: ${JSON.stringify(body.errors).slice(0, 500)}`;
  const page = (body.data as GraphqlPage | undefined)?.customers;
  if (!page) return 'no customers field';
  if (page.edges.length !== 50) return `expected 50 edges, got ${page.edges.length}`;
  if (!page.pageInfo.hasNextPage) return 'expected hasNextPage';
  if (page.edges.some((e) => !e.node.owner)) return 'a customer has no owner';
  if (contacts && page.edges.some((e) => !e.node.contacts?.length)) return 'a customer has no contacts';
  if (!contacts && page.edges.some((e) => e.node.contacts !== undefined)) return 'the owners-only page has contacts';
  return undefined;
}

/** Ids of the first page as both sides return them, to prove raw and GraphQL read the same 50 customers. */
export function idsOfGraphql(body: { data?: unknown }): string[] {
  return ((body.data as GraphqlPage).customers?.edges ?? []).map((e) => e.node.id);
}

export function idsOfRaw(rows: RawRow[]): string[] {
  return rows.slice(0, 50).map((r) => r.id);
}
