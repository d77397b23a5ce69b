import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import { refreshTaskReminders } from './visit-task-reminders.js';
import { VisitTasks, type Visit, type VisitTask } from './visit.entity.js';
import type { VisitTaskFilter } from './visit.types.js';
import type { CommitmentInput, UpdateVisitTaskInput } from './dto/visit.input.js';

export interface CheckedCommitment {
  description: string;
  dueOn: string;
  assigneeId: string;
}

/** Follow-up tasks: the commitments made in a visit, with reminders before, on and after their due day. */
@Injectable()
export class VisitTasksService {
  constructor(private readonly branches: BranchesService) {}

  /** By due day, soonest first; head office sees every branch in one statement (visit_tasks_due). */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: VisitTaskFilter },
  ): Promise<ConnectionShape<VisitTask>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId, 't.branch_id')
      .eq('t.assignee_id', f.assigneeId?.toLowerCase(), 'uuid')
      .eq('t.visit_id', f.visitId?.toLowerCase(), 'uuid');
    if (f.open !== undefined && f.open !== null) filter.where(f.open ? 't.done_at IS NULL' : 't.done_at IS NOT NULL');
    // A sales rep: the tasks given to them and those of their own visits (as the row policy says).
    if (ctx.ownOnly) {
      filter.where((p) => {
        const me = p(ctx.actor!.userId, 'uuid');
        return `(t.assignee_id = ${me} OR EXISTS (SELECT 1 FROM visits v WHERE v.branch_id = t.branch_id
          AND v.id = t.visit_id AND v.owner_id = ${me}))`;
      });
    }
    return keysetPage(ctx, args, {
      columns: VisitTasks.cols('t'),
      from: 'visit_tasks t',
      filter,
      order: { column: 't.due_on', cast: 'date', value: (t: VisitTask) => t.dueOn, idColumn: 't.id' },
      map: VisitTasks.map,
    });
  }

  /** The tasks of many visits ("branchId:visitId" keys) in one statement. */
  byVisitLoader(ctx: RequestContext): DataLoader<string, VisitTask[]> {
    return VisitTasks.childLoader(ctx, 'visitId', 'x.due_on, x.id');
  }

  /** Validates the commitments of a report before anything is written: due today or later, assignees of the branch. */
  async checkCommitments(
    ctx: RequestContext,
    visit: Visit,
    list: CommitmentInput[],
    today: string,
  ): Promise<CheckedCommitment[]> {
    const out: CheckedCommitment[] = [];
    for (const [i, c] of list.entries()) {
      const description = c.description.trim();
      if (c.dueOn < today)
        throw BadUserInputError.field(`commitments[${i}].dueOn`, `must be today (${today}) or later`);
      const assigneeId = (c.assigneeId ?? visit.ownerId).toLowerCase();
      if (!(await this.branches.memberRole(ctx, visit.branchId, assigneeId))) {
        throw BadUserInputError.field(`commitments[${i}].assigneeId`, 'must be a person of the visit’s branch');
      }
      out.push({ description, dueOn: c.dueOn, assigneeId });
    }
    return out;
  }

  async createFromCommitments(ctx: RequestContext, visit: Visit, list: CheckedCommitment[]): Promise<void> {
    if (!list.length) return;
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO visit_tasks (branch_id, id, visit_id, description, assignee_id, due_on, created_by)
       SELECT $1, gen_random_uuid(), $2, d, a, due, $3
       FROM unnest($4::text[], $5::uuid[], $6::date[]) WITH ORDINALITY AS x(d, a, due, n) ORDER BY n
       RETURNING id`,
      [
        visit.branchId,
        visit.id,
        actor.userId,
        list.map((c) => c.description),
        list.map((c) => c.assigneeId),
        list.map((c) => c.dueOn),
      ],
    );
    await refreshTaskReminders(
      tx,
      visit.branchId,
      rows.map((r) => r.id),
    );
    await writeAudit(ctx, {
      branchId: visit.branchId,
      entity: 'visit',
      entityId: visit.id,
      action: 'tasks_created',
      after: { tasks: rows.map((r, i) => ({ id: r.id, ...list[i] })) },
    });
  }

  async complete(ctx: RequestContext, id: string): Promise<VisitTask> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const { task: before } = await this.lock(ctx, tx, id);
    if (before.done) throw new InvalidStateError('This task is already done');
    return this.change(ctx, tx, before, 'complete', {
      doneAt: new Date(),
      doneById: actor.userId,
      reminderDays: null,
      nextReminderAt: null,
    });
  }

  /** A new due day (today or later) moves the reminders; a new assignee must be of the branch. */
  async update(ctx: RequestContext, id: string, input: UpdateVisitTaskInput): Promise<VisitTask> {
    const actor = ctx.requireActor();
    const description = input.description?.trim();
    const tx = await ctx.tx();
    const { task: before, visitOwnerId } = await this.lock(ctx, tx, id);
    if (before.done) throw new InvalidStateError('A done task is not changed');
    if (input.dueOn !== undefined) {
      const branch = await this.branches.branchLoader(ctx).load(before.branchId);
      const today = todayIn(branch!.timeZone);
      if (input.dueOn < today) throw BadUserInputError.field('dueOn', `must be today (${today}) or later`);
    }
    const assignee = input.assigneeId?.toLowerCase();
    if (assignee && assignee !== before.assigneeId) {
      if (ctx.ownOnly && visitOwnerId !== actor.userId) {
        throw new ForbiddenError('Only the visit’s owner or a manager hands its tasks to someone else');
      }
      if (!(await this.branches.memberRole(ctx, before.branchId, assignee))) {
        throw BadUserInputError.field('assigneeId', 'must be a person of the task’s branch');
      }
    }
    const after = await this.change(ctx, tx, before, 'update', {
      description: description ?? before.description,
      dueOn: input.dueOn ?? before.dueOn,
      assigneeId: assignee ?? before.assigneeId,
    });
    if (after.dueOn === before.dueOn) return after;
    await refreshTaskReminders(tx, after.branchId, [after.id]);
    return (await VisitTasks.find(tx, VisitTasks.keyOf(after)))!;
  }

  // ---------- helpers ----------

  /** Locks a task in scope (NOT_FOUND for another branch's, or a rep's colleague's), with its visit's owner when visible. */
  private async lock(
    ctx: RequestContext,
    tx: Tx,
    id: string,
  ): Promise<{ task: VisitTask; visitOwnerId: string | null }> {
    const rows = await tx.query<VisitTask & { visitOwnerId: string | null }>(
      `SELECT ${VisitTasks.cols('t')}, v.owner_id AS "visitOwnerId" FROM visit_tasks t
       LEFT JOIN visits v ON v.branch_id = t.branch_id AND v.id = t.visit_id
       WHERE t.branch_id = ANY($1::uuid[]) AND t.id = $2 FOR UPDATE OF t`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Visit task', id);
    const { visitOwnerId, ...task } = rows[0];
    return { task: VisitTasks.map(task), visitOwnerId };
  }

  /** Sets some of a task's columns and writes the audit row (the entity named as before the port: visit_task). */
  private async change(
    ctx: RequestContext,
    tx: Tx,
    before: VisitTask,
    action: string,
    set: Values<VisitTask>,
  ): Promise<VisitTask> {
    const after = await VisitTasks.update(tx, VisitTasks.keyOf(before), set);
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'visit_task',
      entityId: after.id,
      action,
      before,
      after,
    });
    return after;
  }
}
