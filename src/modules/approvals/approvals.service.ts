import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import {
  checkFirst,
  decodeCursor,
  encodeCursor,
  toConnection,
  type ConnectionShape,
  groupByKey,
  splitKeys,
} from '@app/graphql';
import { enqueue } from '@app/jobs';
import { BranchesService } from '../branches/branches.service.js';
import { HEAD_OFFICE_ROLES, OWN_ONLY_ROLES, Role, can } from '../branches/roles.js';
import { checkAmount, selectSteps, type ApproverRule, type PolicyDefinition } from './approval-policy.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import { ApprovalSubjects, type ApprovalOutcome } from './approval-subjects.js';
import { approvalJobs } from './approval-jobs.js';
import {
  ApprovalAction,
  ApprovalStatus,
  ApprovalStepStatus,
  ApproverKind,
  type ApprovalApprover,
  type ApprovalDelegation,
  type ApprovalEvent,
  type ApprovalRequest,
  type ApprovalStep,
  type BranchApprovalSummary,
  type PendingApproval,
} from './approval.types.js';
import { addWorkingHours, isCalendarDate } from './working-time.js';

export interface RequestRow {
  branch_id: string;
  id: string;
  subject_type: string;
  subject_id: string;
  title: string;
  amount: string | null;
  currency: string | null;
  requester_id: string;
  policy_id: string;
  status: ApprovalStatus;
  current_position: number | null;
  stalled_at: Date | null;
  submitted_at: Date;
  decided_at: Date | null;
}

export interface StepRow {
  branch_id: string;
  id: string;
  request_id: string;
  position: number;
  name: string;
  sla_hours: string;
  status: ApprovalStepStatus;
  started_at: Date | null;
  due_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  escalation_level: number;
  next_escalation_at: Date | null;
  reminders_sent: number;
  next_reminder_at: Date | null;
}

interface ApproverRow {
  branch_id: string;
  step_id: string;
  kind: 'USER' | 'BRANCH_ROLE' | 'HQ_ROLE';
  user_id: string | null;
  role: Role | null;
  source: string;
  level: number;
}

export const toRequest = (r: RequestRow): ApprovalRequest => ({
  id: r.id,
  branchId: r.branch_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  title: r.title,
  amount: r.amount,
  currency: r.currency?.trim() ?? null,
  requesterId: r.requester_id,
  status: r.status,
  currentPosition: r.current_position,
  stalledAt: r.stalled_at,
  submittedAt: r.submitted_at,
  decidedAt: r.decided_at,
});

export const toStep = (r: StepRow): ApprovalStep => ({
  id: r.id,
  branchId: r.branch_id,
  requestId: r.request_id,
  position: r.position,
  name: r.name,
  status: r.status,
  slaHours: Number(r.sla_hours),
  startedAt: r.started_at,
  dueAt: r.due_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  escalationLevel: r.escalation_level,
  nextEscalationAt: r.next_escalation_at,
});

const REQUEST_COLUMNS = `branch_id, id, subject_type, subject_id, title, amount, currency, requester_id, policy_id, status,
  current_position, stalled_at, submitted_at, decided_at`;
const STEP_COLUMNS = `branch_id, id, request_id, position, name, sla_hours, status, started_at, due_at, decided_at, decided_by,
  escalation_level, next_escalation_at, reminders_sent, next_reminder_at`;

/**
 * What the actor acts as: themselves, and whoever has delegated to them today. Each identity keeps
 * its owner (the actor or the delegator), so a stand-in never decides the delegator's own request.
 */
interface Identities {
  owners: string[];
  kinds: ('USER' | 'BRANCH_ROLE' | 'HQ_ROLE')[];
  branches: (string | null)[];
  roles: (string | null)[];
  users: (string | null)[];
}

/** Positional parameters for one statement. */
class Params {
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
function mayAct(ids: Identities, p: Params, requester: string): string {
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

interface DelegationRow {
  branch_id: string;
  id: string;
  user_id: string;
  delegate_id: string;
  starts_on: string;
  ends_on: string;
  reason: string;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  created_at: Date;
  today: string;
}

const DELEGATION_COLUMNS = `d.branch_id, d.id, d.user_id, d.delegate_id, to_char(d.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(d.ends_on, 'YYYY-MM-DD') AS ends_on, d.reason, d.cancelled_at, d.cancelled_by, d.created_at,
  to_char((now() AT TIME ZONE b.time_zone)::date, 'YYYY-MM-DD') AS today`;

const toDelegation = (r: DelegationRow): ApprovalDelegation => ({
  id: r.id,
  branchId: r.branch_id,
  userId: r.user_id,
  delegateId: r.delegate_id,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  reason: r.reason,
  cancelledAt: r.cancelled_at,
  cancelledBy: r.cancelled_by,
  active: !r.cancelled_at && r.starts_on <= r.today && r.today <= r.ends_on,
  createdAt: r.created_at,
});

export interface SubmitInput {
  branchId: string;
  subjectType: string;
  subjectId: string;
  title: string;
  amount?: string | null;
  currency?: string | null;
}

@Injectable()
export class ApprovalsService {
  constructor(
    private readonly branches: BranchesService,
    readonly subjects: ApprovalSubjects,
    readonly settings: ApprovalSettingsService,
  ) {}

  // ---------- submit ----------

  /**
   * Opens a request for a subject, in the caller's transaction (subject modules call this as part of
   * their own mutation). The steps are chosen by amount now and kept: a later policy change does not
   * move a request that is already waiting.
   */
  async submit(ctx: RequestContext, input: SubmitInput): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const subject = this.subjects.get(input.subjectType);
    if (!subject) throw BadUserInputError.field('subjectType', `no module handles approvals of "${input.subjectType}"`);
    const title = input.title.trim();
    if (title.length < 1 || title.length > 200) throw BadUserInputError.field('title', 'must be 1 to 200 characters');
    const branch = await this.branches.branchLoader(ctx).load(input.branchId);
    if (!branch) throw new NotFoundError('Branch', input.branchId);
    let amount: string | null = null;
    let currency: string | null = null;
    if (input.amount != null) {
      amount = checkAmount('amount', input.amount);
      currency = (input.currency ?? branch.currency).toUpperCase();
      if (currency !== branch.currency) {
        throw BadUserInputError.field('currency', `approval amounts are in the branch currency, ${branch.currency}`);
      }
    } else if (input.currency != null) {
      throw BadUserInputError.field('currency', 'give an amount with a currency, or neither');
    }
    const tx = await ctx.tx();
    const policy = await this.settings.policyRow(tx, input.branchId, input.subjectType);
    const steps = selectSteps(policy.def, amount);
    const id = randomUUID();
    const rows = await tx.query<RequestRow>(
      `INSERT INTO approval_requests (branch_id, id, subject_type, subject_id, title, amount, currency, requester_id,
         policy_id, current_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)
       ON CONFLICT (branch_id, subject_type, subject_id) WHERE status = 'PENDING' DO NOTHING
       RETURNING ${REQUEST_COLUMNS}`,
      [input.branchId, id, input.subjectType, input.subjectId, title, amount, currency, actor.userId, policy.id],
    );
    if (!rows[0]) throw new ConflictError(`This ${subject.label.toLowerCase()} is already waiting for approval`);
    const now = new Date();
    const requesterRole = (await this.branches.memberRole(ctx, input.branchId, actor.userId)) ?? (actor.role as Role);
    for (const [i, s] of steps.entries()) {
      const stepId = randomUUID();
      await tx.query(
        `INSERT INTO approval_steps (branch_id, id, request_id, position, name, sla_hours, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'WAITING')`,
        [input.branchId, stepId, id, i + 1, s.name, s.slaHours],
      );
      await this.addApprover(tx, input.branchId, stepId, this.resolveRule(s.approver, requesterRole), 'POLICY', 0);
    }
    await this.event(tx, input.branchId, id, null, actor.userId, ApprovalAction.SUBMITTED, null, null);
    await this.startStep(ctx, tx, toRequest(rows[0]), 1, now, policy.def);
    // Reloaded: with no step for this amount the request is already approved.
    const request = await this.reload(tx, rows[0]);
    await writeAudit(ctx, {
      branchId: input.branchId,
      entity: 'approval_request',
      entityId: id,
      action: 'submit',
      after: request,
    });
    return request;
  }

  /** REQUESTER_MANAGER means the requester's superior in the branch (head office for a branch manager). */
  private resolveRule(rule: ApproverRule, requesterRole: Role): ApproverRule {
    if (rule.kind !== 'REQUESTER_MANAGER') return rule;
    if (requesterRole === Role.BRANCH_MANAGER) return { kind: 'HQ_ROLE', role: Role.LEADERSHIP };
    if (HEAD_OFFICE_ROLES.has(requesterRole)) return { kind: 'HQ_ROLE', role: Role.HQ_ADMIN };
    return { kind: 'BRANCH_ROLE', role: Role.BRANCH_MANAGER };
  }

  async addApprover(
    tx: Tx,
    branchId: string,
    stepId: string,
    rule: ApproverRule,
    source: 'POLICY' | 'DELEGATION' | 'ESCALATION',
    level: number,
  ): Promise<boolean> {
    const kind = rule.kind === 'REQUESTER_MANAGER' ? 'BRANCH_ROLE' : rule.kind;
    const n = await tx.execute(
      `INSERT INTO approval_step_approvers (branch_id, id, step_id, kind, user_id, role, source, level)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        branchId,
        randomUUID(),
        stepId,
        kind,
        rule.kind === 'USER' ? rule.userId : null,
        rule.kind === 'USER' || rule.kind === 'REQUESTER_MANAGER' ? null : rule.role,
        source,
        level,
      ],
    );
    return n === 1;
  }

  /** `addApprover` for many steps in one statement (the worker's escalation of a claimed batch). */
  async addApprovers(
    tx: Tx,
    list: {
      branchId: string;
      stepId: string;
      rule: ApproverRule;
      source: 'POLICY' | 'DELEGATION' | 'ESCALATION';
      level: number;
    }[],
  ): Promise<number> {
    if (list.length === 0) return 0;
    return tx.execute(
      `INSERT INTO approval_step_approvers (branch_id, id, step_id, kind, user_id, role, source, level)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::int[])
       ON CONFLICT DO NOTHING`,
      [
        list.map((a) => a.branchId),
        list.map(() => randomUUID()),
        list.map((a) => a.stepId),
        list.map((a) => (a.rule.kind === 'REQUESTER_MANAGER' ? 'BRANCH_ROLE' : a.rule.kind)),
        list.map((a) => (a.rule.kind === 'USER' ? a.rule.userId : null)),
        list.map((a) => (a.rule.kind === 'USER' || a.rule.kind === 'REQUESTER_MANAGER' ? null : a.rule.role)),
        list.map((a) => a.source),
        list.map((a) => a.level),
      ],
    );
  }

  /** Starts step `position` (or completes the request when there is none) at `at`. */
  private async startStep(
    ctx: RequestContext,
    tx: Tx,
    request: ApprovalRequest,
    position: number,
    at: Date,
    def?: PolicyDefinition,
  ): Promise<void> {
    const [step] = await tx.query<StepRow>(
      `SELECT ${STEP_COLUMNS} FROM approval_steps WHERE branch_id = $1 AND request_id = $2 AND position = $3`,
      [request.branchId, request.id, position],
    );
    if (!step) {
      await this.finish(ctx, tx, request, 'APPROVED', null);
      return;
    }
    const policy = def ?? (await this.settings.policyOf(tx, request));
    const cal = await this.settings.calendar(ctx, request.branchId);
    const sla = Number(step.sla_hours);
    const due = addWorkingHours(at, sla, cal);
    const firstReminder = policy.reminderPercents[0];
    const reminderAt = firstReminder !== undefined ? addWorkingHours(at, (sla * firstReminder) / 100, cal) : null;
    await tx.query(
      `UPDATE approval_steps SET status = 'PENDING', started_at = $3, due_at = $4, next_escalation_at = $4,
         next_reminder_at = $5, reminders_sent = 0
       WHERE branch_id = $1 AND id = $2`,
      [request.branchId, step.id, at, due, reminderAt],
    );
    // A new step has a new SLA: the request is no longer stalled.
    await tx.query(
      `UPDATE approval_requests SET current_position = $3, stalled_at = NULL WHERE branch_id = $1 AND id = $2`,
      [request.branchId, request.id, position],
    );
    // Approvers may sit at head office, outside this transaction's branch set: the worker tells them.
    await enqueue(ctx, approvalJobs.stepStarted, { branchId: request.branchId, stepId: step.id });
  }

  /** Records the final outcome and hands it to the subject module in the same transaction. */
  private async finish(
    ctx: RequestContext,
    tx: Tx,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
    actorId: string | null,
  ): Promise<ApprovalRequest> {
    const [row] = await tx.query<RequestRow>(
      `UPDATE approval_requests SET status = $3, decided_at = now(), current_position = NULL
       WHERE branch_id = $1 AND id = $2 RETURNING ${REQUEST_COLUMNS}`,
      [request.branchId, request.id, outcome],
    );
    await tx.query(
      `UPDATE approval_steps SET status = 'CANCELLED', next_escalation_at = NULL, next_reminder_at = NULL
       WHERE branch_id = $1 AND request_id = $2 AND status IN ('WAITING', 'PENDING')`,
      [request.branchId, request.id],
    );
    if (outcome === 'APPROVED') {
      await this.event(tx, request.branchId, request.id, null, actorId, ApprovalAction.COMPLETED, null, null);
    }
    const decided = toRequest(row);
    await this.subjects.get(request.subjectType)?.onDecided(ctx, decided, outcome);
    if (actorId !== request.requesterId) {
      await enqueue(ctx, approvalJobs.requestDecided, { branchId: request.branchId, requestId: request.id });
    }
    return decided;
  }

  private async event(
    tx: Tx,
    branchId: string,
    requestId: string,
    stepId: string | null,
    actorId: string | null,
    action: ApprovalAction,
    level: number | null,
    comment: string | null,
  ): Promise<boolean> {
    const n = await tx.execute(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, actor_id, action, level, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [branchId, randomUUID(), requestId, stepId, actorId, action, level, comment],
    );
    return n === 1;
  }

  // ---------- who may act ----------

  /** The actor, plus everyone who delegated their approvals to the actor for today (in each delegation's time zone). */
  private async identities(ctx: RequestContext): Promise<Identities> {
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

  /**
   * SQL: the actor may see request `r`. Sales reps see requests they submitted or may act on (now
   * or on an earlier step); everyone else sees the requests of their branches.
   */
  private visibleSql(ctx: RequestContext, ids: Identities, p: Params, r: string): string {
    const actor = ctx.requireActor();
    if (!OWN_ONLY_ROLES.has(actor.role as Role)) return 'true';
    return `(${r}.requester_id = ${p.add(actor.userId)} OR EXISTS (
      SELECT 1 FROM approval_steps s2 JOIN approval_step_approvers a ON a.branch_id = s2.branch_id AND a.step_id = s2.id
      WHERE s2.branch_id = ${r}.branch_id AND s2.request_id = ${r}.id AND ${mayAct(ids, p, `${r}.requester_id`)}))`;
  }

  private async mayAct(ctx: RequestContext, tx: Tx, step: StepRow, requesterId: string): Promise<boolean> {
    const ids = await this.identities(ctx);
    const p = new Params();
    const rows = await tx.query(
      `SELECT 1 FROM approval_step_approvers a WHERE a.branch_id = ${p.add(step.branch_id)} AND a.step_id = ${p.add(step.id)}
         AND ${mayAct(ids, p, `${p.add(requesterId)}::uuid`)} LIMIT 1`,
      p.values,
    );
    return rows.length > 0;
  }

  // ---------- actions ----------

  /**
   * Finds a request the actor may see and locks it for this transaction. The lookup and the
   * visibility check are one statement, so another branch's id, a colleague's request and a random
   * id cost the same and answer the same. NO KEY UPDATE: the worker's inserts referencing the
   * request (events, approvers) do not wait for it.
   */
  private async lockRequest(ctx: RequestContext, tx: Tx, requestId: string): Promise<RequestRow> {
    const ids = await this.identities(ctx);
    const p = new Params();
    const [r] = await tx.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM approval_requests r
       WHERE r.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[]) AND r.id = ${p.add(requestId)}
         AND ${this.visibleSql(ctx, ids, p, 'r')}
       FOR NO KEY UPDATE OF r`,
      p.values,
    );
    if (!r) throw new NotFoundError('Approval request', requestId);
    return r;
  }

  /**
   * Locks the step's request (so two approvers acting at once are serialized: the second sees the
   * first's decision and gets CONFLICT) and checks that the actor may act on the step now.
   */
  private async lockStepForAction(
    ctx: RequestContext,
    stepId: string,
  ): Promise<{ tx: Tx; request: RequestRow; step: StepRow }> {
    const actor = ctx.requireActor();
    const ids = await this.identities(ctx);
    const tx = await ctx.tx();
    const p = new Params();
    const [request] = await tx.query<RequestRow>(
      `SELECT ${prefixed('r', REQUEST_COLUMNS)} FROM approval_steps s
       JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
       WHERE s.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[]) AND s.id = ${p.add(stepId)}
         AND ${this.visibleSql(ctx, ids, p, 'r')}
       FOR NO KEY UPDATE OF r`,
      p.values,
    );
    if (!request) throw new NotFoundError('Approval step', stepId);
    // Read after the lock (a new statement sees what the approver who held it committed).
    const [step] = await tx.query<StepRow>(
      `SELECT ${STEP_COLUMNS} FROM approval_steps WHERE branch_id = $1 AND id = $2`,
      [request.branch_id, stepId],
    );
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
    if (request.requester_id === actor.userId) {
      throw new ForbiddenError('You cannot decide on a request you submitted');
    }
    if (!(await this.mayAct(ctx, tx, step, request.requester_id))) {
      throw new ForbiddenError(`You are not an approver of step "${step.name}"`);
    }
    return { tx, request, step };
  }

  async approve(ctx: RequestContext, stepId: string, comment?: string | null): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const note = optionalText('comment', comment);
    const { tx, request, step } = await this.lockStepForAction(ctx, stepId);
    await this.decideStep(tx, step, ApprovalStepStatus.APPROVED, actor.userId);
    await this.event(tx, step.branch_id, request.id, step.id, actor.userId, ApprovalAction.APPROVED, null, note);
    const before = toRequest(request);
    await this.startStep(ctx, tx, before, step.position + 1, new Date());
    const after = await this.reload(tx, request);
    await writeAudit(ctx, {
      branchId: request.branch_id,
      entity: 'approval_request',
      entityId: request.id,
      action: 'approve',
      before,
      after,
    });
    return after;
  }

  async reject(ctx: RequestContext, stepId: string, reason: string): Promise<ApprovalRequest> {
    return this.endWith(ctx, stepId, reason, ApprovalStepStatus.REJECTED, 'REJECTED', 'reason');
  }

  async returnForChanges(ctx: RequestContext, stepId: string, comment: string): Promise<ApprovalRequest> {
    return this.endWith(ctx, stepId, comment, ApprovalStepStatus.RETURNED, 'RETURNED', 'comment');
  }

  private async endWith(
    ctx: RequestContext,
    stepId: string,
    text: string,
    stepStatus: ApprovalStepStatus,
    outcome: 'REJECTED' | 'RETURNED',
    field: string,
  ): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const why = requiredText(
      field,
      text,
      outcome === 'REJECTED' ? 'say why the request is rejected' : 'say what to change',
    );
    const { tx, request, step } = await this.lockStepForAction(ctx, stepId);
    await this.decideStep(tx, step, stepStatus, actor.userId);
    await this.event(tx, step.branch_id, request.id, step.id, actor.userId, outcome as ApprovalAction, null, why);
    const before = toRequest(request);
    const after = await this.finish(ctx, tx, before, outcome, actor.userId);
    await writeAudit(ctx, {
      branchId: request.branch_id,
      entity: 'approval_request',
      entityId: request.id,
      action: outcome.toLowerCase(),
      before,
      after,
    });
    return after;
  }

  private async decideStep(tx: Tx, step: StepRow, status: ApprovalStepStatus, by: string): Promise<void> {
    await tx.query(
      `UPDATE approval_steps SET status = $3, decided_at = now(), decided_by = $4, next_escalation_at = NULL,
         next_reminder_at = NULL
       WHERE branch_id = $1 AND id = $2`,
      [step.branch_id, step.id, status, by],
    );
  }

  private async reload(tx: Tx, r: { branch_id: string; id: string }): Promise<ApprovalRequest> {
    const [row] = await tx.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE branch_id = $1 AND id = $2`,
      [r.branch_id, r.id],
    );
    return toRequest(row);
  }

  /** Hands the step to a named colleague as well (the approver keeps it too). */
  async delegate(
    ctx: RequestContext,
    stepId: string,
    toUserId: string,
    comment?: string | null,
  ): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const note = optionalText('comment', comment);
    const { tx, request, step } = await this.lockStepForAction(ctx, stepId);
    const to = toUserId.toLowerCase();
    if (to === actor.userId) throw BadUserInputError.field('toUserId', 'choose someone else');
    if (to === request.requester_id)
      throw BadUserInputError.field('toUserId', 'the requester cannot decide their own request');
    const role = await this.branches.memberRole(ctx, request.branch_id, to);
    const hq = role ? undefined : await this.headOfficeColleague(ctx, to);
    if (!role && !hq) throw BadUserInputError.field('toUserId', 'is not a colleague in this branch or at head office');
    await this.addApprover(
      tx,
      request.branch_id,
      step.id,
      { kind: 'USER', userId: to },
      'DELEGATION',
      step.escalation_level,
    );
    await this.event(
      tx,
      request.branch_id,
      request.id,
      step.id,
      actor.userId,
      ApprovalAction.DELEGATED,
      null,
      note ?? to,
    );
    await enqueue(ctx, approvalJobs.stepDelegated, { branchId: request.branch_id, stepId: step.id, userId: to });
    await writeAudit(ctx, {
      branchId: request.branch_id,
      entity: 'approval_step',
      entityId: step.id,
      action: 'delegate',
      after: { to },
    });
    return this.reload(tx, request);
  }

  private async headOfficeColleague(ctx: RequestContext, userId: string): Promise<boolean> {
    return ctx.requireActor().headOffice && this.settings.headOfficeMember(await ctx.tx(), userId);
  }

  async comment(ctx: RequestContext, requestId: string, text: string): Promise<ApprovalEvent> {
    const actor = ctx.requireActor();
    const comment = requiredText('comment', text, 'must not be blank');
    const tx = await ctx.tx();
    const request = await this.lockRequest(ctx, tx, requestId);
    const id = randomUUID();
    const [row] = await tx.query<EventRow>(
      `INSERT INTO approval_events (branch_id, id, request_id, actor_id, action, comment)
       VALUES ($1, $2, $3, $4, 'COMMENTED', $5) RETURNING *`,
      [request.branch_id, id, request.id, actor.userId, comment],
    );
    await writeAudit(ctx, {
      branchId: request.branch_id,
      entity: 'approval_request',
      entityId: request.id,
      action: 'comment',
      after: { comment },
    });
    return toEvent(row);
  }

  async withdraw(ctx: RequestContext, requestId: string, comment?: string | null): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const note = optionalText('comment', comment);
    const tx = await ctx.tx();
    const request = await this.lockRequest(ctx, tx, requestId);
    if (request.requester_id !== actor.userId) throw new ForbiddenError('Only the requester can withdraw a request');
    if (request.status !== ApprovalStatus.PENDING) {
      throw new InvalidStateError(
        `The request is already ${request.status.toLowerCase()}; only a pending request can be withdrawn`,
      );
    }
    await this.event(tx, request.branch_id, request.id, null, actor.userId, ApprovalAction.WITHDRAWN, null, note);
    const before = toRequest(request);
    const after = await this.finish(ctx, tx, before, 'WITHDRAWN', actor.userId);
    await writeAudit(ctx, {
      branchId: request.branch_id,
      entity: 'approval_request',
      entityId: request.id,
      action: 'withdraw',
      before,
      after,
    });
    return after;
  }

  // ---------- delegations ----------

  async setDelegation(
    ctx: RequestContext,
    input: { delegateId: string; startsOn: string; endsOn: string; reason?: string | null; branchId?: string },
  ): Promise<string> {
    const actor = ctx.requireActor();
    const branchId = input.branchId?.toLowerCase() ?? (await this.ownMembershipBranch(ctx));
    const delegate = input.delegateId.toLowerCase();
    if (!isCalendarDate(input.startsOn)) throw BadUserInputError.field('startsOn', 'is not a calendar date');
    if (!isCalendarDate(input.endsOn)) throw BadUserInputError.field('endsOn', 'is not a calendar date');
    if (delegate === actor.userId) throw BadUserInputError.field('delegateId', 'choose someone else');
    if (input.endsOn < input.startsOn) throw BadUserInputError.field('endsOn', 'must not be before startsOn');
    if (!(await this.branches.memberRole(ctx, branchId, delegate))) {
      throw BadUserInputError.field('delegateId', 'is not a colleague in your branch');
    }
    const tx = await ctx.tx();
    const id = randomUUID();
    await tx.query(
      `INSERT INTO approval_delegations (branch_id, id, user_id, delegate_id, starts_on, ends_on, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [branchId, id, actor.userId, delegate, input.startsOn, input.endsOn, clean(input.reason) ?? ''],
    );
    await writeAudit(ctx, { branchId, entity: 'approval_delegation', entityId: id, action: 'create', after: input });
    return id;
  }

  /**
   * Delegations given or received by the caller; managers and head office also see everyone else's in their
   * branches. Current and future ones unless `includePast` (then also ended and cancelled ones), newest first.
   */
  async delegations(
    ctx: RequestContext,
    opts: { branchId?: string | null; includePast?: boolean | null },
  ): Promise<ApprovalDelegation[]> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const everyone = can(actor.role, 'settings:manage') || actor.headOffice;
    const rows = await tx.query<DelegationRow>(
      `SELECT ${DELEGATION_COLUMNS} FROM approval_delegations d JOIN scope_branches b ON b.id = d.branch_id
       WHERE d.branch_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR d.branch_id = $2)
         AND ($3 OR d.user_id = $4 OR d.delegate_id = $4)
         AND ($5 OR (d.cancelled_at IS NULL AND d.ends_on >= (now() AT TIME ZONE b.time_zone)::date))
       ORDER BY d.starts_on DESC, d.created_at DESC, d.id LIMIT 500`,
      [ctx.branchIds, opts.branchId ?? null, everyone, actor.userId, opts.includePast ?? false],
    );
    return rows.map(toDelegation);
  }

  /** Ends a delegation now: the person who gave it, or a manager of its branch (head office included). */
  async cancelDelegation(ctx: RequestContext, id: string): Promise<ApprovalDelegation> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const [row] = await tx.query<DelegationRow>(
      `SELECT ${DELEGATION_COLUMNS} FROM approval_delegations d JOIN scope_branches b ON b.id = d.branch_id
       WHERE d.branch_id = ANY($1::uuid[]) AND d.id = $2 FOR UPDATE OF d`,
      [ctx.branchIds, id],
    );
    const mayManage = can(actor.role, 'settings:manage') || actor.headOffice;
    // A colleague who neither gave nor received it sees it as absent, like a random id.
    if (!row || (!mayManage && row.user_id !== actor.userId && row.delegate_id !== actor.userId)) {
      throw new NotFoundError('ApprovalDelegation', id);
    }
    if (!mayManage && row.user_id !== actor.userId) {
      throw new ForbiddenError('Only the person who gave this delegation, or a manager, may cancel it');
    }
    const before = toDelegation(row);
    if (row.cancelled_at) throw new InvalidStateError('This delegation is already cancelled');
    if (!before.active && row.ends_on < row.today) throw new InvalidStateError('This delegation has already ended');
    const [updated] = await tx.query<DelegationRow>(
      `UPDATE approval_delegations d SET cancelled_at = now(), cancelled_by = $3
       FROM scope_branches b WHERE b.id = d.branch_id AND d.branch_id = $1 AND d.id = $2
       RETURNING ${DELEGATION_COLUMNS}`,
      [row.branch_id, id, actor.userId],
    );
    ctx.loaders.delete('approvals.identities');
    const after = toDelegation(updated);
    await writeAudit(ctx, {
      branchId: row.branch_id,
      entity: 'approval_delegation',
      entityId: id,
      action: 'cancel',
      before,
      after,
    });
    return after;
  }

  private async ownMembershipBranch(ctx: RequestContext): Promise<string> {
    const actor = ctx.requireActor();
    for (const b of ctx.branchIds) {
      if (await this.branches.memberRole(ctx, b, actor.userId)) return b;
    }
    throw new ForbiddenError('You have no membership in the branches of this request');
  }

  // ---------- queries ----------

  async findRequest(ctx: RequestContext, id: string): Promise<ApprovalRequest | null> {
    return this.requestLoader(ctx).load(id);
  }

  /**
   * A request by its exact key, read now (no per-request cache, no requester filter): for subject modules
   * that gate their own moves on a decision, e.g. "signed only after the SPECIAL_TERMS request is APPROVED".
   */
  async requestByKey(ctx: RequestContext, branchId: string, id: string): Promise<ApprovalRequest | null> {
    const tx = await ctx.tx();
    const [row] = await tx.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE branch_id = $1 AND id = $2`,
      [branchId, id],
    );
    return row ? toRequest(row) : null;
  }

  /** Who gave the final decision of a request and what they wrote with it (for the subject's own timeline). */
  async finalDecision(
    ctx: RequestContext,
    request: ApprovalRequest,
  ): Promise<{ actorId: string | null; comment: string | null } | null> {
    const tx = await ctx.tx();
    const [row] = await tx.query<{ actor_id: string | null; comment: string | null }>(
      `SELECT actor_id, comment FROM approval_events
       WHERE branch_id = $1 AND request_id = $2 AND action IN ('APPROVED', 'RETURNED', 'REJECTED', 'WITHDRAWN')
       ORDER BY at DESC, seq DESC LIMIT 1`,
      [request.branchId, request.id],
    );
    return row ? { actorId: row.actor_id, comment: row.comment } : null;
  }

  /** Requests by id, as the caller may see them (null otherwise): one statement per batch, for subject modules. */
  requestLoader(ctx: RequestContext): DataLoader<string, ApprovalRequest | null> {
    return ctx.loader(
      'approvals.requestById',
      () =>
        new DataLoader<string, ApprovalRequest | null>(
          async (keys) => {
            const ids = await this.identities(ctx);
            const tx = await ctx.tx();
            const p = new Params();
            const rows = await tx.query<RequestRow>(
              `SELECT ${REQUEST_COLUMNS} FROM approval_requests r
             WHERE r.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[]) AND r.id = ANY(${p.add(keys)}::uuid[])
               AND ${this.visibleSql(ctx, ids, p, 'r')}`,
              p.values,
            );
            const byId = new Map(rows.map((r) => [r.id, toRequest(r)]));
            return keys.map((k) => byId.get(k) ?? null);
            // Batched, not cached: a mutation later in the same operation may move the request.
          },
          { cache: false },
        ),
    );
  }

  /** Steps waiting now that the actor (or someone who delegated to them) may decide, oldest deadline first. */
  async pendingForMe(
    ctx: RequestContext,
    args: { first?: number; after?: string },
  ): Promise<ConnectionShape<PendingApproval>> {
    const first = checkFirst(args.first);
    const ids = await this.identities(ctx);
    const p = new Params();
    const where = [
      `s.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[])`,
      `s.status = 'PENDING'`,
      `EXISTS (SELECT 1 FROM approval_step_approvers a WHERE a.branch_id = s.branch_id AND a.step_id = s.id
         AND ${mayAct(ids, p, 'r.requester_id')})`,
    ];
    const countWhere = [...where];
    const countParams = [...p.values];
    if (args.after) {
      const [value, id] = decodeCursor(args.after);
      where.push(`(s.due_at, s.id) > (${p.add(String(value))}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const limit = p.add(first + 1);
    const tx = await ctx.tx();
    const rows = await tx.query<StepRow & Record<string, unknown>>(
      `SELECT ${prefixed('s', STEP_COLUMNS)}, ${prefixed('r', REQUEST_COLUMNS, 'r_')}
       FROM approval_steps s JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
       WHERE ${where.join(' AND ')} ORDER BY s.due_at, s.id LIMIT ${limit}`,
      p.values,
    );
    const items = rows.map((row) => ({
      step: toStep(row),
      request: toRequest(unprefix(row, 'r_') as unknown as RequestRow),
    }));
    return toConnection(
      items,
      first,
      (x) => encodeCursor(x.step.dueAt!, x.step.id),
      async () => {
        const [c] = await tx.query<{ n: string }>(
          `SELECT count(*) AS n FROM approval_steps s JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
         WHERE ${countWhere.join(' AND ')}`,
          countParams,
        );
        return Number(c.n);
      },
    );
  }

  async submittedByMe(
    ctx: RequestContext,
    args: { first?: number; after?: string; status?: ApprovalStatus },
  ): Promise<ConnectionShape<ApprovalRequest>> {
    const actor = ctx.requireActor();
    return this.listRequests(ctx, args, [`requester_id = $2`], [actor.userId]);
  }

  /** Head office: stalled (or all pending) requests across its branches, oldest first. */
  async stalled(
    ctx: RequestContext,
    args: { first?: number; after?: string; branchId?: string },
  ): Promise<ConnectionShape<ApprovalRequest>> {
    const extra = [`stalled_at IS NOT NULL`];
    const params: unknown[] = [];
    if (args.branchId) {
      params.push(args.branchId.toLowerCase());
      extra.push(`branch_id = $${params.length + 1}`);
    }
    return this.listRequests(ctx, { ...args, status: ApprovalStatus.PENDING }, extra, params, 'ASC');
  }

  private async listRequests(
    ctx: RequestContext,
    args: { first?: number; after?: string; status?: ApprovalStatus },
    extra: string[],
    extraParams: unknown[],
    dir: 'ASC' | 'DESC' = 'DESC',
  ): Promise<ConnectionShape<ApprovalRequest>> {
    const first = checkFirst(args.first);
    const params: unknown[] = [ctx.branchIds, ...extraParams];
    const where = [`branch_id = ANY($1::uuid[])`, ...extra];
    if (args.status) {
      params.push(args.status);
      where.push(`status = $${params.length}`);
    }
    const countWhere = [...where];
    const countParams = [...params];
    if (args.after) {
      const [value, id] = decodeCursor(args.after);
      params.push(String(value), id);
      where.push(
        `(submitted_at, id) ${dir === 'DESC' ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const tx = await ctx.tx();
    const rows = await tx.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE ${where.join(' AND ')}
       ORDER BY submitted_at ${dir}, id ${dir} LIMIT $${params.length}`,
      params,
    );
    return toConnection(
      rows.map(toRequest),
      first,
      (r) => encodeCursor(r.submittedAt, r.id),
      async () => {
        const [c] = await tx.query<{ n: string }>(
          `SELECT count(*) AS n FROM approval_requests WHERE ${countWhere.join(' AND ')}`,
          countParams,
        );
        return Number(c.n);
      },
    );
  }

  /** Head office: per branch, pending and stalled requests and the age of the oldest, in one statement. */
  async overview(ctx: RequestContext): Promise<BranchApprovalSummary[]> {
    const tx = await ctx.tx();
    const rows = await tx.query<{ branch_id: string; pending: number; stalled: number; oldest_hours: string | null }>(
      `SELECT b.id AS branch_id,
         count(r.id)::int AS pending,
         count(r.stalled_at)::int AS stalled,
         round((extract(epoch FROM now() - min(r.submitted_at)) / 3600)::numeric, 1) AS oldest_hours
       FROM scope_branches b
       LEFT JOIN approval_requests r ON r.branch_id = b.id AND r.status = 'PENDING'
       WHERE b.kind = 'BRANCH'
       GROUP BY b.id ORDER BY b.id`,
    );
    return rows.map((r) => ({
      branchId: r.branch_id,
      branch: undefined as never,
      pending: r.pending,
      stalled: r.stalled,
      oldestPendingHours: r.oldest_hours === null ? null : Number(r.oldest_hours),
    }));
  }

  stepsLoader(ctx: RequestContext): DataLoader<string, ApprovalStep[]> {
    return ctx.loader(
      'approvals.steps',
      () =>
        new DataLoader<string, ApprovalStep[]>(async (keys) => {
          const tx = await ctx.tx();
          const [b, r] = splitKeys(keys);
          const rows = await tx.query<StepRow>(
            `SELECT s.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, request_id)
           JOIN approval_steps s ON s.branch_id = k.branch_id AND s.request_id = k.request_id ORDER BY s.position`,
            [b, r],
          );
          return groupByKey(keys, rows, (x) => `${x.branch_id}:${x.request_id}`, toStep);
        }),
    );
  }

  eventsLoader(ctx: RequestContext): DataLoader<string, ApprovalEvent[]> {
    return ctx.loader(
      'approvals.events',
      () =>
        new DataLoader<string, ApprovalEvent[]>(async (keys) => {
          const tx = await ctx.tx();
          const [b, r] = splitKeys(keys);
          const rows = await tx.query<EventRow>(
            `SELECT e.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, request_id)
           JOIN approval_events e ON e.branch_id = k.branch_id AND e.request_id = k.request_id ORDER BY e.at, e.seq`,
            [b, r],
          );
          return groupByKey(keys, rows, (x) => `${x.branch_id}:${x.request_id}`, toEvent);
        }),
    );
  }

  approversLoader(ctx: RequestContext): DataLoader<string, ApprovalApprover[]> {
    return ctx.loader(
      'approvals.approvers',
      () =>
        new DataLoader<string, ApprovalApprover[]>(async (keys) => {
          const tx = await ctx.tx();
          const [b, s] = splitKeys(keys);
          const rows = await tx.query<ApproverRow>(
            `SELECT a.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, step_id)
           JOIN approval_step_approvers a ON a.branch_id = k.branch_id AND a.step_id = k.step_id ORDER BY a.level, a.added_at`,
            [b, s],
          );
          return groupByKey(
            keys,
            rows,
            (x) => `${x.branch_id}:${x.step_id}`,
            (x) => ({
              branchId: x.branch_id,
              kind: x.kind as ApproverKind,
              userId: x.user_id,
              role: x.role,
              source: x.source,
              level: x.level,
            }),
          );
        }),
    );
  }
}

export interface EventRow {
  branch_id: string;
  id: string;
  request_id: string;
  step_id: string | null;
  actor_id: string | null;
  action: ApprovalAction;
  level: number | null;
  comment: string | null;
  at: Date;
}

export const toEvent = (r: EventRow): ApprovalEvent => ({
  id: r.id,
  branchId: r.branch_id,
  stepId: r.step_id,
  actorId: r.actor_id,
  action: r.action,
  level: r.level,
  comment: r.comment,
  at: r.at,
});

/** "a, b" → "s.a, s.b" (with an alias prefix: "s.a AS r_a"). */
function prefixed(table: string, columns: string, alias = ''): string {
  return columns
    .split(',')
    .map((c) => c.trim())
    .map((c) => (alias ? `${table}.${c} AS ${alias}${c}` : `${table}.${c}`))
    .join(', ');
}

function unprefix(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

function clean(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

/** Comments and reasons on the timeline (the column allows 2,000 characters). */
const MAX_COMMENT = 2000;

function optionalText(field: string, s: string | null | undefined): string | null {
  const t = clean(s);
  if (t && t.length > MAX_COMMENT) throw BadUserInputError.field(field, `must be at most ${MAX_COMMENT} characters`);
  return t;
}

function requiredText(field: string, s: string | null | undefined, blank: string): string {
  const t = optionalText(field, s);
  if (!t) throw BadUserInputError.field(field, blank);
  return t;
}
