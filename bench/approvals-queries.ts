import type pg from 'pg';

/**
 * The head-office approval dashboard: the three queries that exist for it, each as the GraphQL operation the
 * dashboard sends and as the equivalent hand-written statement (the floor).
 */
export interface HqQuery {
  key: string;
  label: string;
  graphql: string;
  raw: string;
  /** The raw statement's parameters: the user's branch set (and the user). */
  params: (branchIds: string[], userId: string) => unknown[];
  /** Ids (and the total) from each side, in order, to prove both read the same rows. */
  fromGraphql: (data: unknown) => string[];
  fromRaw: (rows: Record<string, unknown>[]) => string[];
}

interface Conn<N> {
  totalCount: number;
  edges: { node: N }[];
}

export const HQ_QUERIES: HqQuery[] = [
  {
    key: 'overview',
    label: 'approvalOverview (pending, stalled, oldest per branch)',
    graphql: `query BenchApprovalOverview {
  approvalOverview { pending stalled oldestPendingHours branch { id code name } }
}`,
    raw: `SELECT b.id, b.code, b.name, count(r.id)::int AS pending, count(r.stalled_at)::int AS stalled,
    round((extract(epoch FROM now() - min(r.submitted_at)) / 3600)::numeric, 1) AS oldest_hours
  FROM branches b LEFT JOIN approval_requests r ON r.branch_id = b.id AND r.status = 'PENDING'
  WHERE b.id = ANY($1::uuid[]) AND b.kind = 'BRANCH'
  GROUP BY b.id ORDER BY b.id`,
    params: (branchIds) => [branchIds],
    fromGraphql: (d) =>
      (d as { approvalOverview: { pending: number; stalled: number; branch: { id: string } }[] }).approvalOverview.map(
        (x) => `${x.branch.id}:${x.pending}:${x.stalled}`,
      ),
    fromRaw: (rows) => rows.map((r) => `${String(r.id)}:${String(r.pending)}:${String(r.stalled)}`),
  },
  {
    key: 'pending',
    label: 'myPendingApprovals(first: 20) of the HQ admin, with totalCount',
    graphql: `query BenchPendingApprovals {
  myPendingApprovals(first: 20) {
    totalCount
    edges {
      cursor
      node {
        step { id name dueAt escalationLevel }
        request { id title amount currency submittedAt stalledAt branch { code name } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    // What the HQ admin may decide: steps whose approvers hold the HQ_ADMIN role at head office or name the admin,
    // on requests the admin did not submit; earliest deadline first, 20 + 1 (hasNextPage), and the total.
    raw: `WITH m AS (
    SELECT s.branch_id, s.id, s.name, s.due_at, s.escalation_level, r.id AS request_id, r.title, r.amount, r.currency,
      r.submitted_at, r.stalled_at
    FROM approval_steps s JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
    WHERE s.branch_id = ANY($1::uuid[]) AND s.status = 'PENDING' AND r.requester_id <> $2
      AND EXISTS (SELECT 1 FROM approval_step_approvers a WHERE a.branch_id = s.branch_id AND a.step_id = s.id
        AND ((a.kind = 'USER' AND a.user_id = $2) OR (a.kind = 'HQ_ROLE' AND a.role = 'HQ_ADMIN'))))
  SELECT p.*, b.code, b.name AS branch_name, (SELECT count(*) FROM m)::int AS total
  FROM (SELECT * FROM m ORDER BY due_at, id LIMIT 21) p JOIN branches b ON b.id = p.branch_id
  ORDER BY p.due_at, p.id`,
    params: (branchIds, userId) => [branchIds, userId],
    fromGraphql: (d) => {
      const c = (d as { myPendingApprovals: Conn<{ step: { id: string } }> }).myPendingApprovals;
      return [String(c.totalCount), ...c.edges.map((e) => e.node.step.id)];
    },
    fromRaw: (rows) => [String(rows[0]?.total ?? 0), ...rows.slice(0, 20).map((r) => String(r.id))],
  },
  {
    key: 'stalled',
    label: 'stalledApprovals(first: 20) across the branches, with totalCount',
    graphql: `query BenchStalledApprovals {
  stalledApprovals(first: 20) {
    totalCount
    edges { cursor node { id title amount currency submittedAt stalledAt currentPosition branch { code name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    raw: `WITH m AS (
    SELECT branch_id, id, title, amount, currency, submitted_at, stalled_at, current_position FROM approval_requests
    WHERE branch_id = ANY($1::uuid[]) AND status = 'PENDING' AND stalled_at IS NOT NULL)
  SELECT p.*, b.code, b.name AS branch_name, (SELECT count(*) FROM m)::int AS total
  FROM (SELECT * FROM m ORDER BY submitted_at, id LIMIT 21) p JOIN branches b ON b.id = p.branch_id
  ORDER BY p.submitted_at, p.id`,
    params: (branchIds) => [branchIds],
    fromGraphql: (d) => {
      const c = (d as { stalledApprovals: Conn<{ id: string }> }).stalledApprovals;
      return [String(c.totalCount), ...c.edges.map((e) => e.node.id)];
    },
    fromRaw: (rows) => [String(rows[0]?.total ?? 0), ...rows.slice(0, 20).map((r) => String(r.id))],
  },
];

/** One pool.query per request. */
export function rawHqRequester(pool: pg.Pool, q: HqQuery, params: unknown[]): () => Promise<number> {
  return async () => {
    const r = await pool.query(q.raw, params);
    if (r.rows.length === 0) throw new Error(`raw ${q.key} returned no rows`);
    return 1;
  };
}
