import type { Tx } from '@app/core';
import type { ApprovalRequest, ApprovalStep } from './approval.entity.js';

/** A step with its request and the head office of its branch (where head-office approvers are). */
export interface StepInScope {
  step: ApprovalStep;
  request: ApprovalRequest;
  hq: string;
}

/**
 * Everyone who may act on each step now, in one statement for many steps (step id to its people): named
 * people, the holders of its roles, and whoever stands in for them today (out-of-office delegation). Never
 * the requester, who cannot decide.
 */
export async function approverUsersOf(tx: Tx, list: StepInScope[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (list.length === 0) return out;
  const rows = await tx.query<{ step_id: string; user_id: string }>(
    `WITH k AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS k(branch_id, step_id, hq, requester)
     ), holders AS (
       SELECT DISTINCT k.branch_id, k.step_id, k.hq, k.requester, coalesce(a.user_id, d.user_id) AS user_id
       FROM k JOIN approval_step_approvers a ON a.branch_id = k.branch_id AND a.step_id = k.step_id
       LEFT JOIN branch_directory d ON a.kind <> 'USER' AND d.role = a.role
         AND d.branch_id = CASE a.kind WHEN 'HQ_ROLE' THEN k.hq ELSE a.branch_id END
       WHERE coalesce(a.user_id, d.user_id) IS NOT NULL
     )
     SELECT step_id, user_id FROM holders WHERE user_id <> requester
     UNION
     SELECT h.step_id, g.delegate_id FROM holders h
     JOIN approval_delegations g ON g.branch_id IN (h.branch_id, h.hq) AND g.user_id = h.user_id
     JOIN scope_branches b ON b.id = g.branch_id
     WHERE g.user_id <> h.requester AND g.delegate_id <> h.requester
       AND (now() AT TIME ZONE b.time_zone)::date BETWEEN g.starts_on AND g.ends_on
     ORDER BY 1, 2`,
    [
      list.map((w) => w.step.branchId),
      list.map((w) => w.step.id),
      list.map((w) => w.hq),
      list.map((w) => w.request.requesterId),
    ],
  );
  for (const r of rows) {
    const l = out.get(r.step_id);
    if (l) l.push(r.user_id);
    else out.set(r.step_id, [r.user_id]);
  }
  return out;
}

/** "Shanghai (SH)": the branch as approval notices name it. */
export async function branchLabel(tx: Tx, branchId: string): Promise<string> {
  const [b] = await tx.query<{ name: string; code: string }>('SELECT name, code FROM scope_branches WHERE id = $1', [
    branchId,
  ]);
  return b ? `${b.name} (${b.code})` : 'a branch';
}
