import {
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  type RequestContext,
  type Tx,
} from '@app/core';
import { OWN_ONLY_ROLES, Role } from '../branches/roles.js';
import { ApprovalRequests, ApprovalSteps, type ApprovalRequest, type ApprovalStep } from './approval.entity.js';
import { ApprovalStepStatus } from './approval.enums.js';

/**
 * Who may see and decide approvals. What the actor acts as: themselves, and whoever has delegated to them
 * today. Each identity keeps its owner (the actor or the delegator), so a stand-in never decides the
 * delegator's own request.
 */
export interface Identities {
  owners: string[];
  kinds: ('USER' | 'BRANCH_ROLE' | 'HQ_ROLE')[];
  branches: (string | null)[];
  roles: (string | null)[];
  users: (string | null)[];
}

/** Positional parameters for one statement. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** The identities as one set of unnest parameters, added once per statement. */
function identitySql(ids: Identities, p: Params): string {
  return `unnest(${p.add(ids.owners)}::uuid[], ${p.add(ids.kinds)}::text[], ${p.add(ids.branches)}::uuid[],
    ${p.add(ids.roles)}::text[], ${p.add(ids.users)}::uuid[]) AS i(owner, kind, branch, role, uid)`;
}

/** SQL: approver row `a` is held by one of the identities, none of them the requester's own. */
const MAY_ACT_ANY = (identities: string, requester: string) => `EXISTS (SELECT 1 FROM ${identities}
  WHERE i.owner <> ${requester} AND i.kind = a.kind AND CASE a.kind
    WHEN 'USER' THEN a.user_id = i.uid
    WHEN 'BRANCH_ROLE' THEN a.branch_id = i.branch AND a.role = i.role
    ELSE a.role = i.role END)`;

/**
 * SQL: approver row `a` may be acted on by the identities, never on the requester's own request. With no
 * delegation (one person, one role) it is a plain predicate the planner can index and hash, instead of a
 * set of identities probed per approver row (head office's pending list: 12x slower on 10,000 requests).
 */
export function mayActSql(ids: Identities, p: Params, requester: string): string {
  const owners = new Set(ids.owners);
  const branchRoles = new Set(ids.roles.filter((_, i) => ids.kinds[i] === 'BRANCH_ROLE'));
  if (owners.size !== 1 || branchRoles.size > 1) return MAY_ACT_ANY(identitySql(ids, p), requester);
  const pick = (kind: Identities['kinds'][number], from: (string | null)[]) =>
    from.filter((_, i) => ids.kinds[i] === kind) as string[];
  return `(${requester} <> ${p.add(ids.owners[0])}::uuid AND (
    (a.kind = 'USER' AND a.user_id = ANY(${p.add(pick('USER', ids.users))}::uuid[]))
    OR (a.kind = 'HQ_ROLE' AND a.role = ANY(${p.add(pick('HQ_ROLE', ids.roles))}::text[]))
    OR (a.kind = 'BRANCH_ROLE' AND a.role = ANY(${p.add([...branchRoles])}::text[])
        AND a.branch_id = ANY(${p.add(pick('BRANCH_ROLE', ids.branches))}::uuid[]))))`;
}

/** The actor, plus everyone who delegated their approvals to the actor for today (in each delegation's time zone). */
export async function identities(ctx: RequestContext): Promise<Identities> {
  return ctx.loader('approvals.identities', async () => {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const delegators = await tx.query<{ user_id: string; branch_id: string; role: Role; kind: string }>(
      `SELECT d.user_id, d.branch_id, dir.role, b.kind
       FROM approval_delegations d
       JOIN scope_branches b ON b.id = d.branch_id
       JOIN branch_directory dir ON dir.branch_id = d.branch_id AND dir.user_id = d.user_id
       WHERE d.branch_id = ANY($1::uuid[]) AND d.delegate_id = $2
         AND d.cancelled_at IS NULL AND (now() AT TIME ZONE b.time_zone)::date BETWEEN d.starts_on AND d.ends_on`,
      [ctx.branchIds, actor.userId],
    );
    const ids: Identities = { owners: [], kinds: [], branches: [], roles: [], users: [] };
    const push = (owner: string, kind: Identities['kinds'][number], branch: string | null, role: string | null) => {
      ids.owners.push(owner);
      ids.kinds.push(kind);
      ids.branches.push(branch);
      ids.roles.push(role);
      ids.users.push(kind === 'USER' ? owner : null);
    };
    const add = (owner: string, role: string, headOffice: boolean, branches: readonly string[]) => {
      push(owner, 'USER', null, null);
      if (headOffice) push(owner, 'HQ_ROLE', null, role);
      else for (const b of branches) push(owner, 'BRANCH_ROLE', b, role);
    };
    add(actor.userId, actor.role, actor.headOffice, ctx.branchIds);
    for (const d of delegators) add(d.user_id, d.role, d.kind === 'HEAD_OFFICE', [d.branch_id]);
    return ids;
  });
}

/** Forgets the identities read in this request (a delegation was just cancelled). */
export function forgetIdentities(ctx: RequestContext): void {
  ctx.loaders.delete('approvals.identities');
}

/**
 * SQL: the actor may see request `r`. Sales reps see requests they submitted or may act on (now
 * or on an earlier step); everyone else sees the requests of their branches.
 */
export function visibleSql(ctx: RequestContext, ids: Identities, p: Params, r: string): string {
  const actor = ctx.requireActor();
  if (!OWN_ONLY_ROLES.has(actor.role as Role)) return 'true';
  return `(${r}.requester_id = ${p.add(actor.userId)} OR EXISTS (
    SELECT 1 FROM approval_steps s2 JOIN approval_step_approvers a ON a.branch_id = s2.branch_id AND a.step_id = s2.id
    WHERE s2.branch_id = ${r}.branch_id AND s2.request_id = ${r}.id AND ${mayActSql(ids, p, `${r}.requester_id`)}))`;
}

/** Whether the actor (or someone who delegated to them) is an approver of the step, on another's request. */
async function mayActOn(ctx: RequestContext, tx: Tx, step: ApprovalStep, requesterId: string): Promise<boolean> {
  const ids = await identities(ctx);
  const p = new Params();
  const rows = await tx.query(
    `SELECT 1 FROM approval_step_approvers a WHERE a.branch_id = ${p.add(step.branchId)} AND a.step_id = ${p.add(step.id)}
       AND ${mayActSql(ids, p, `${p.add(requesterId)}::uuid`)} LIMIT 1`,
    p.values,
  );
  return rows.length > 0;
}

/**
 * Finds a request the actor may see and locks it for this transaction. The lookup and the
 * visibility check are one statement, so another branch's id, a colleague's request and a random
 * id cost the same and answer the same. NO KEY UPDATE: the worker's inserts referencing the
 * request (events, approvers) do not wait for it.
 */
export async function lockVisibleRequest(ctx: RequestContext, tx: Tx, requestId: string): Promise<ApprovalRequest> {
  const ids = await identities(ctx);
  const p = new Params();
  const [r] = await tx.query(
    `SELECT ${ApprovalRequests.cols('r')} FROM approval_requests r
     WHERE r.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[]) AND r.id = ${p.add(requestId)}
       AND ${visibleSql(ctx, ids, p, 'r')}
     FOR NO KEY UPDATE OF r`,
    p.values,
  );
  if (!r) throw new NotFoundError('Approval request', requestId);
  return ApprovalRequests.map(r);
}

/**
 * Locks the step's request (so two approvers acting at once are serialized: the second sees the
 * first's decision and gets CONFLICT) and checks that the actor may act on the step now.
 */
export async function lockStepForDecision(
  ctx: RequestContext,
  stepId: string,
): Promise<{ tx: Tx; request: ApprovalRequest; step: ApprovalStep }> {
  const actor = ctx.requireActor();
  const ids = await identities(ctx);
  const tx = await ctx.tx();
  const p = new Params();
  const [row] = await tx.query(
    `SELECT ${ApprovalRequests.cols('r')} FROM approval_steps s
     JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
     WHERE s.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[]) AND s.id = ${p.add(stepId)}
       AND ${visibleSql(ctx, ids, p, 'r')}
     FOR NO KEY UPDATE OF r`,
    p.values,
  );
  if (!row) throw new NotFoundError('Approval step', stepId);
  const request = ApprovalRequests.map(row);
  // Read after the lock (a new statement sees what the approver who held it committed).
  const step = (await ApprovalSteps.find(tx, { branchId: request.branchId, id: stepId }))!;
  if (step.status === ApprovalStepStatus.WAITING) {
    throw new InvalidStateError(`Step "${step.name}" has not started: an earlier step is still waiting`);
  }
  if (step.status === ApprovalStepStatus.CANCELLED) {
    throw new InvalidStateError(
      `The request is ${request.status.toLowerCase()}: step "${step.name}" no longer takes decisions`,
    );
  }
  if (step.status !== ApprovalStepStatus.PENDING) {
    throw new ConflictError(
      `Step "${step.name}" was already decided (${step.status.toLowerCase()}); reload the request to see who acted`,
    );
  }
  if (request.requesterId === actor.userId) {
    throw new ForbiddenError('You cannot decide on a request you submitted');
  }
  if (!(await mayActOn(ctx, tx, step, request.requesterId))) {
    throw new ForbiddenError(`You are not an approver of step "${step.name}"`);
  }
  return { tx, request, step };
}
