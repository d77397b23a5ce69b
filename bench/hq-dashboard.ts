import type { HqQuery } from './approvals-queries.js';

/**
 * The head-office dashboard's figures (issue 15) against their raw-SQL floors: the same answer in one hand-written
 * statement as the superuser (no RLS, no GraphQL). The approvals part of `npm run bench` measures them with its own
 * head-office queries, on its seeded branches (its approval requests; pipeline and tiers read the customers part's
 * rows when they are there, and zero rows per branch otherwise: still one row per branch on both sides).
 */

/** This year to date: the period of the figures. */
const year = new Date().getUTCFullYear();
const FROM = `${year}-01-01`;
const TO = `${year}-12-31`;

export const DASHBOARD_QUERIES: HqQuery[] = [
  {
    key: 'pipeline',
    label: 'salesPipeline (leads, quotes, contracts, win rate per branch, this year)',
    graphql: `query BenchSalesPipeline {
  salesPipeline(input: { from: "${FROM}", to: "${TO}" }) {
    branchId leadsCreated leadsQualified quotesSent quotesWon quotesLost contractsSigned signedAmount winRate
    branch { code name }
  }
}`,
    raw: `SELECT b.id, b.code, b.name,
    (SELECT count(*) FROM leads l WHERE l.branch_id = b.id
       AND l.created_at >= $2::date::timestamp AT TIME ZONE b.time_zone
       AND l.created_at < ($3::date + 1)::timestamp AT TIME ZONE b.time_zone)::int AS leads,
    (SELECT count(*) FROM leads l WHERE l.branch_id = b.id AND l.screening = 'FIT' AND l.valid
       AND l.screened_at >= $2::date::timestamp AT TIME ZONE b.time_zone
       AND l.screened_at < ($3::date + 1)::timestamp AT TIME ZONE b.time_zone)::int AS qualified,
    q.sent, q.won, q.lost, c.signed, c.amount
  FROM branches b
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS sent, count(*) FILTER (WHERE k.signed_on IS NOT NULL)::int AS won,
      count(*) FILTER (WHERE x.state IN ('DECLINED', 'EXPIRED'))::int AS lost
    FROM quotes x LEFT JOIN contracts k ON k.branch_id = x.branch_id AND k.id = x.contract_id
    WHERE x.branch_id = b.id AND x.sent_at >= $2::date::timestamp AT TIME ZONE b.time_zone
      AND x.sent_at < ($3::date + 1)::timestamp AT TIME ZONE b.time_zone) q
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS signed, coalesce(sum(amount), 0) AS amount FROM contracts k
    WHERE k.branch_id = b.id AND k.signed_on BETWEEN $2::date AND $3::date) c
  WHERE b.id = ANY($1::uuid[]) AND b.kind = 'BRANCH'
  ORDER BY b.code, b.id`,
    params: (branchIds) => [branchIds, FROM, TO],
    fromGraphql: (d) =>
      (d as { salesPipeline: { branchId: string; leadsCreated: number; quotesSent: number }[] }).salesPipeline.map(
        (x) => `${x.branchId}:${x.leadsCreated}:${x.quotesSent}`,
      ),
    fromRaw: (rows) => rows.map((r) => `${String(r.id)}:${String(r.leads)}:${String(r.sent)}`),
  },
  {
    key: 'tiers',
    label: 'customerTierCounts (customers and overdue contacts per branch and tier)',
    graphql: `query BenchCustomerTiers {
  customerTierCounts { branchId tier customers overdueContacts branch { code name } }
}`,
    raw: `SELECT branch_id, tier, count(*)::int AS n, count(*) FILTER (WHERE next_contact_due_at <= now())::int AS overdue
  FROM customers WHERE branch_id = ANY($1::uuid[]) AND status = 'ACTIVE'
  GROUP BY branch_id, tier ORDER BY branch_id, array_position('{HIGH,MEDIUM,LOW}'::text[], tier)`,
    params: (branchIds) => [branchIds],
    fromGraphql: (d) =>
      (d as { customerTierCounts: { branchId: string; tier: string; customers: number }[] }).customerTierCounts.map(
        (x) => `${x.branchId}:${x.tier}:${x.customers}`,
      ),
    fromRaw: (rows) => rows.map((r) => `${String(r.branch_id)}:${String(r.tier)}:${String(r.n)}`),
  },
  {
    key: 'cycle-times',
    label: 'approvalCycleTimes (median and p90 hours per branch and subject, this year)',
    graphql: `query BenchApprovalCycleTimes {
  approvalCycleTimes(input: { from: "${FROM}", to: "${TO}" }) {
    branchId subjectType decided medianHours p90Hours branch { code name }
  }
}`,
    raw: `SELECT b.code, r.branch_id, r.subject_type, count(*)::int AS n,
    percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP
      (ORDER BY extract(epoch FROM r.decided_at - r.submitted_at) / 3600) AS p
  FROM branches b JOIN approval_requests r ON r.branch_id = b.id
    AND r.status IN ('APPROVED', 'REJECTED', 'RETURNED')
    AND r.decided_at >= $2::date::timestamp AT TIME ZONE b.time_zone
    AND r.decided_at < ($3::date + 1)::timestamp AT TIME ZONE b.time_zone
  WHERE b.id = ANY($1::uuid[])
  GROUP BY b.code, r.branch_id, r.subject_type ORDER BY b.code, r.branch_id, r.subject_type`,
    params: (branchIds) => [branchIds, FROM, TO],
    fromGraphql: (d) =>
      (
        d as { approvalCycleTimes: { branchId: string; subjectType: string; decided: number }[] }
      ).approvalCycleTimes.map((x) => `${x.branchId}:${x.subjectType}:${x.decided}`),
    fromRaw: (rows) => rows.map((r) => `${String(r.branch_id)}:${String(r.subject_type)}:${String(r.n)}`),
  },
  {
    key: 'pending-list',
    label: 'pendingApprovals(first: 20) across the branches, with totalCount',
    graphql: `query BenchPendingList {
  pendingApprovals(first: 20) {
    totalCount
    edges { cursor node { id title amount currency submittedAt branch { code name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    raw: `WITH m AS (
    SELECT branch_id, id, title, amount, currency, submitted_at FROM approval_requests
    WHERE branch_id = ANY($1::uuid[]) AND status = 'PENDING')
  SELECT p.*, b.code, b.name AS branch_name, (SELECT count(*) FROM m)::int AS total
  FROM (SELECT * FROM m ORDER BY submitted_at, id LIMIT 21) p JOIN branches b ON b.id = p.branch_id
  ORDER BY p.submitted_at, p.id`,
    params: (branchIds) => [branchIds],
    fromGraphql: (d) => {
      const c = (d as { pendingApprovals: { totalCount: number; edges: { node: { id: string } }[] } }).pendingApprovals;
      return [String(c.totalCount), ...c.edges.map((e) => e.node.id)];
    },
    fromRaw: (rows) => [String(rows[0]?.total ?? 0), ...rows.slice(0, 20).map((r) => String(r.id))],
  },
];
