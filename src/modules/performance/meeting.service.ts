import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  addDays,
  clean,
  requireChange,
  startOfLocalDay,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { MeetingActionItems, Meetings, type Meeting, type MeetingActionItem } from './meeting.entity.js';
import { ActionItemState, MeetingKind } from './meeting.enums.js';
import type {
  ActionItemFilter,
  AddActionItemInput,
  CompleteActionItemInput,
  CreateMeetingInput,
  MeetingFilter,
  UpdateMeetingInput,
} from './meeting.types.js';

/** Monday of the ISO week holding `day`. */
export const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** The first reminder of an action item: the start of the day before it is due, in the branch's time zone. */
export const firstNoticeAt = (dueOn: string, timeZone: string) => startOfLocalDay(addDays(dueOn, -1), timeZone);

/**
 * Meetings (会议): the weekly department meeting (last week's report, this week's plan, issues, minutes) and project
 * meetings, with action items tracked to done. Everyone of the branch reads them; the department head and the back
 * office record them; an item's owner (or they) marks it done.
 */
@Injectable()
export class MeetingService {
  constructor(private readonly branches: BranchesService) {}

  async create(ctx: RequestContext, input: CreateMeetingInput): Promise<Meeting> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const weekStart = mondayOf(input.heldOn);
    const tx = await ctx.tx();
    if (input.kind === MeetingKind.WEEKLY) {
      const [taken] = await tx.query(
        `SELECT 1 FROM meetings m WHERE m.branch_id = $1 AND m.week_start = $2 AND m.kind = 'WEEKLY'`,
        [branchId, weekStart],
      );
      if (taken) throw new ConflictError(`heldOn: the branch has its weekly meeting of the week of ${weekStart}`);
    }
    const row = await Meetings.insert(tx, {
      branchId,
      id: randomUUID(),
      kind: input.kind,
      title: input.title.trim(),
      heldOn: input.heldOn,
      weekStart,
      lastWeekReport: clean(input.lastWeekReport) ?? null,
      thisWeekPlan: clean(input.thisWeekPlan) ?? null,
      issues: clean(input.issues) ?? null,
      minutes: clean(input.minutes) ?? null,
      chairId: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'meeting', entityId: row.id, action: 'created', after: row });
    return row;
  }

  async update(ctx: RequestContext, input: UpdateMeetingInput): Promise<Meeting> {
    // An explicit null changes nothing (the title cannot be cleared; the texts are replaced, not removed).
    requireChange(input, 'field', { ignore: ['id'], nullMeansUnset: true });
    const before = await Meetings.lock(ctx, input.id.toLowerCase());
    const text = (v: string | null | undefined) => clean(v ?? undefined);
    return Meetings.change(
      ctx,
      before,
      {
        title: text(input.title),
        lastWeekReport: text(input.lastWeekReport),
        thisWeekPlan: text(input.thisWeekPlan),
        issues: text(input.issues),
        minutes: text(input.minutes),
      },
      'updated',
    );
  }

  async get(ctx: RequestContext, id: string): Promise<Meeting> {
    const row = await Meetings.findInScope(ctx, id.toLowerCase());
    if (!row) throw new NotFoundError('Meeting', id);
    return row;
  }

  async list(ctx: RequestContext, filter: MeetingFilter = {}): Promise<Meeting[]> {
    const branches = filter.branchId
      ? ctx.branchIds.filter((b) => b === filter.branchId!.toLowerCase())
      : [...ctx.branchIds];
    const rows = await (
      await ctx.tx()
    ).query(
      `SELECT ${Meetings.cols('m')} FROM meetings m WHERE m.branch_id = ANY($1::uuid[])
       ORDER BY m.held_on DESC, m.id DESC LIMIT $2`,
      [branches, filter.first ?? 20],
    );
    return rows.map(Meetings.map);
  }

  async addActionItem(ctx: RequestContext, input: AddActionItemInput): Promise<MeetingActionItem> {
    const meeting = await Meetings.lock(ctx, input.meetingId.toLowerCase());
    const ownerId = input.ownerId.toLowerCase();
    if (!(await this.branches.memberRole(ctx, meeting.branchId, ownerId))) {
      throw BadUserInputError.field('ownerId', 'must be a person of the branch');
    }
    if (input.dueOn < meeting.heldOn) throw BadUserInputError.field('dueOn', 'must not be before the meeting');
    const branch = (await this.branches.branch(ctx, meeting.branchId))!;
    const tx = await ctx.tx();
    const row = await MeetingActionItems.insert(tx, {
      branchId: meeting.branchId,
      id: randomUUID(),
      meetingId: meeting.id,
      title: input.title.trim(),
      ownerId,
      dueOn: input.dueOn,
      nextNoticeAt: firstNoticeAt(input.dueOn, branch.timeZone),
    });
    await writeAudit(ctx, {
      branchId: row.branchId,
      entity: 'meetingActionItem',
      entityId: row.id,
      action: 'created',
      after: row,
    });
    return row;
  }

  /** Done by its owner, or by those who record the meetings; no more reminders. */
  async complete(ctx: RequestContext, input: CompleteActionItemInput): Promise<MeetingActionItem> {
    const actor = ctx.requireActor();
    const before = await MeetingActionItems.lock(ctx, input.id.toLowerCase());
    if (before.ownerId !== actor.userId && !can(actor.role, 'meetings:write')) {
      throw new ForbiddenError('Only the owner, or whoever keeps the minutes, marks an action item done');
    }
    if (before.state !== ActionItemState.OPEN) {
      throw new InvalidStateError(`An action item cannot move from ${before.state} to DONE (only an OPEN one)`);
    }
    return MeetingActionItems.change(
      ctx,
      before,
      { state: ActionItemState.DONE, doneAt: new Date(), doneNote: clean(input.note) ?? null, nextNoticeAt: null },
      'done',
    );
  }

  /** A meeting's action items, batched: one statement for every meeting of the request (a DataLoader). */
  itemsOf(ctx: RequestContext, m: Meeting): Promise<MeetingActionItem[]> {
    return ctx
      .loader(
        'meetings.items',
        () =>
          new DataLoader<string, MeetingActionItem[]>(async (keys) => {
            const pairs = keys.map((k) => k.split(':'));
            const rows = await (
              await ctx.tx()
            ).query(
              `SELECT ${MeetingActionItems.cols('i')} FROM meeting_action_items i
               JOIN unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id) ON i.branch_id = k.branch_id AND i.meeting_id = k.id
               ORDER BY i.due_on, i.id`,
              [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
            );
            const by = new Map<string, MeetingActionItem[]>(keys.map((k) => [k, []]));
            for (const r of rows.map(MeetingActionItems.map)) by.get(`${r.branchId}:${r.meetingId}`)?.push(r);
            return keys.map((k) => by.get(k)!);
          }),
      )
      .load(`${m.branchId}:${m.id}`);
  }

  /** The caller's own action items across their branches, soonest due first. */
  async mine(ctx: RequestContext, filter: ActionItemFilter = {}): Promise<MeetingActionItem[]> {
    const actor = ctx.requireActor();
    const rows = await (
      await ctx.tx()
    ).query(
      `SELECT ${MeetingActionItems.cols('i')} FROM meeting_action_items i
       WHERE i.branch_id = ANY($1::uuid[]) AND i.owner_id = $2 AND ($3::text IS NULL OR i.state = $3)
       ORDER BY i.due_on, i.id LIMIT $4`,
      [ctx.branchIds, actor.userId, filter.state ?? null, filter.first ?? 50],
    );
    return rows.map(MeetingActionItems.map);
  }
}
