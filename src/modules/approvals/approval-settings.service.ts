import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  writeAudit,
  type RequestContext,
  type Tx,
  addWorkingHours,
  isCalendarDate,
  nextWorkingDayClose,
  workingHoursOf,
  addDays,
  type WorkCalendar,
} from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { checkPolicy, defaultPolicyFor, type PolicyDefinition } from './approval-policy.js';
import { ApprovalSubjects } from './approval-subjects.js';
import {
  ApprovalPolicies,
  ApprovalSteps,
  BranchCalendarDays,
  BranchCalendars,
  type ApprovalPolicy,
  type ApprovalStep,
  type BranchCalendar,
} from './approval.entity.js';
import type { SetBranchCalendarInput } from './dto/approval.input.js';

/**
 * The settings the engine reads: each branch's working calendar (the SLA clock) and its versioned
 * approval policies per subject type.
 */
@Injectable()
export class ApprovalSettingsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  // ---------- calendars ----------

  /** The branch's working calendar (defaults Mon–Fri 09:00–18:00 until the branch sets its own). */
  async calendar(ctx: RequestContext, branchId: string): Promise<WorkCalendar> {
    return ctx.loader(`approvals.calendar:${branchId}`, async () => {
      const tx = await ctx.tx();
      const branch = await this.branches.branchLoader(ctx).load(branchId);
      const cal = await BranchCalendars.find(tx, { branchId });
      const days = await this.days(tx, branchId);
      return {
        timeZone: branch?.timeZone ?? 'UTC',
        workDays: cal?.workDays ?? [1, 2, 3, 4, 5],
        dayStartMinute: cal?.dayStartMinute ?? 540,
        dayEndMinute: cal?.dayEndMinute ?? 1080,
        holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.day)),
        extraWorkDays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.day)),
      };
    });
  }

  /** The close of the branch's next working day after the local day of `at` (the one-working-day shipping rule). */
  async nextWorkingDayClose(ctx: RequestContext, branchId: string, at: Date): Promise<Date> {
    return nextWorkingDayClose(at, await this.calendar(ctx, branchId));
  }

  /**
   * The working days of a branch from `from` to `to` (local dates, `to` excluded) with their opening and closing
   * instants, by its calendar (attendance measures lateness and early leave against them).
   */
  async workingDays(
    ctx: RequestContext,
    branchId: string,
    from: string,
    to: string,
  ): Promise<{ day: string; start: Date; end: Date }[]> {
    const cal = await this.calendar(ctx, branchId);
    const out: { day: string; start: Date; end: Date }[] = [];
    for (let day = from; day < to; day = addDays(day, 1)) {
      const hours = workingHoursOf(day, cal);
      if (hours) out.push({ day, ...hours });
    }
    return out;
  }

  /**
   * The calendars of several branches in one statement (the worker's scan handles steps of many branches at
   * once); each lands in the same per-request cache `calendar` reads, so later single lookups are free.
   */
  async calendars(ctx: RequestContext, branchIds: readonly string[]): Promise<Map<string, WorkCalendar>> {
    const missing = [...new Set(branchIds)].filter((b) => !ctx.loaders.has(`approvals.calendar:${b}`));
    if (missing.length > 0) {
      const tx = await ctx.tx();
      const loaded = tx
        .query<{
          id: string;
          time_zone: string;
          work_days: number[] | null;
          day_start_minute: number | null;
          day_end_minute: number | null;
          holidays: string[];
          workdays: string[];
        }>(
          `SELECT b.id, b.time_zone, c.work_days, c.day_start_minute, c.day_end_minute,
             coalesce(array_agg(to_char(d.day, 'YYYY-MM-DD')) FILTER (WHERE d.kind = 'HOLIDAY'), '{}') AS holidays,
             coalesce(array_agg(to_char(d.day, 'YYYY-MM-DD')) FILTER (WHERE d.kind = 'WORKDAY'), '{}') AS workdays
           FROM scope_branches b
           LEFT JOIN branch_calendars c ON c.branch_id = b.id
           LEFT JOIN branch_calendar_days d ON d.branch_id = b.id
           WHERE b.id = ANY($1::uuid[])
           GROUP BY b.id, b.time_zone, c.work_days, c.day_start_minute, c.day_end_minute`,
          [missing],
        )
        .then((rows) => new Map(rows.map((r) => [r.id, r])));
      for (const id of missing) {
        ctx.loader(`approvals.calendar:${id}`, async (): Promise<WorkCalendar> => {
          const r = (await loaded).get(id);
          return {
            timeZone: r?.time_zone ?? 'UTC',
            workDays: r?.work_days ?? [1, 2, 3, 4, 5],
            dayStartMinute: r?.day_start_minute ?? 540,
            dayEndMinute: r?.day_end_minute ?? 1080,
            holidays: new Set(r?.holidays ?? []),
            extraWorkDays: new Set(r?.workdays ?? []),
          };
        });
      }
    }
    const out = new Map<string, WorkCalendar>();
    for (const id of new Set(branchIds)) out.set(id, await this.calendar(ctx, id));
    return out;
  }

  async calendarView(ctx: RequestContext, branchId: string): Promise<BranchCalendar> {
    const cal = await this.calendar(ctx, branchId);
    const days = await this.days(await ctx.tx(), branchId);
    return {
      branchId,
      timeZone: cal.timeZone,
      workDays: cal.workDays,
      dayStartMinute: cal.dayStartMinute,
      dayEndMinute: cal.dayEndMinute,
      days,
      updatedAt: undefined as never,
    };
  }

  /** The holidays and extra working days of a branch, by day. */
  private async days(tx: Tx, branchId: string) {
    const rows = await tx.query(
      `SELECT ${BranchCalendarDays.cols()} FROM branch_calendar_days WHERE branch_id = $1 ORDER BY day`,
      [branchId],
    );
    return rows.map(BranchCalendarDays.map);
  }

  /** Sets the working week and hours, and (when given) replaces the holidays and extra working days. */
  async setCalendar(ctx: RequestContext, branchId: string, input: SetBranchCalendarInput): Promise<BranchCalendar> {
    if (input.dayEndMinute <= input.dayStartMinute)
      throw BadUserInputError.field('dayEndMinute', 'must be after dayStartMinute');
    const days = input.days ?? null;
    if (days) {
      const seen = new Set<string>();
      for (const [i, d] of days.entries()) {
        if (!isCalendarDate(d.day)) {
          throw BadUserInputError.field(`days[${i}].day`, 'is not a calendar date');
        }
        if (seen.has(d.day)) throw BadUserInputError.field(`days[${i}].day`, 'appears twice');
        seen.add(d.day);
      }
    }
    const before = await this.calendarView(ctx, branchId);
    const tx = await ctx.tx();
    await BranchCalendars.upsert(tx, {
      branchId,
      workDays: [...new Set(input.workDays)].sort(),
      dayStartMinute: input.dayStartMinute,
      dayEndMinute: input.dayEndMinute,
    });
    if (days) {
      await tx.query('DELETE FROM branch_calendar_days WHERE branch_id = $1', [branchId]);
      await tx.query(
        `INSERT INTO branch_calendar_days (branch_id, day, kind, name)
         SELECT $1, d, k, coalesce(n, '') FROM unnest($2::date[], $3::text[], $4::text[]) AS x(d, k, n)`,
        [branchId, days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name?.trim() ?? '')],
      );
    }
    ctx.loaders.delete(`approvals.calendar:${branchId}`);
    const moved = await this.moveRunningDeadlines(ctx, tx, branchId);
    const after = await this.calendarView(ctx, branchId);
    await writeAudit(ctx, {
      branchId,
      entity: 'branch_calendar',
      entityId: branchId,
      action: 'update',
      before,
      after: { ...after, runningStepsMoved: moved },
    });
    return after;
  }

  /**
   * A new calendar moves the clocks of the steps already running: each keeps its start and SLA, and its
   * deadline, next escalation (one SLA per level already reached) and next reminder are counted again on
   * the new calendar. A step the new calendar makes overdue is escalated by the next scan.
   */
  private async moveRunningDeadlines(ctx: RequestContext, tx: Tx, branchId: string): Promise<number> {
    const cal = await this.calendar(ctx, branchId);
    const rows = await tx.query(
      `SELECT ${ApprovalSteps.cols('s')}, p.reminder_percents AS "reminderPercents"
       FROM approval_steps s
       JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
       JOIN approval_policies p ON p.branch_id = r.branch_id AND p.id = r.policy_id
       WHERE s.branch_id = $1 AND s.status = 'PENDING' AND s.started_at IS NOT NULL
       ORDER BY s.id FOR UPDATE OF s`,
      [branchId],
    );
    if (rows.length === 0) return 0;
    const steps = rows.map(ApprovalSteps.map) as (ApprovalStep & { reminderPercents: number[] })[];
    const due: Date[] = [];
    const escalation: (Date | null)[] = [];
    const reminder: (Date | null)[] = [];
    for (const s of steps) {
      const sla = s.slaHours;
      const startedAt = s.startedAt!;
      const dueAt = addWorkingHours(startedAt, sla, cal);
      const pct = s.reminderPercents[s.remindersSent];
      const remindAt = pct !== undefined ? addWorkingHours(startedAt, (sla * pct) / 100, cal) : null;
      due.push(dueAt);
      escalation.push(s.nextEscalationAt ? addWorkingHours(startedAt, sla * (s.escalationLevel + 1), cal) : null);
      reminder.push(remindAt && remindAt < dueAt ? remindAt : null);
    }
    await tx.query(
      `UPDATE approval_steps s SET due_at = x.due, next_escalation_at = x.esc, next_reminder_at = x.rem
       FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[]) AS x(id, due, esc, rem)
       WHERE s.branch_id = $1 AND s.id = x.id`,
      [branchId, steps.map((s) => s.id), due, escalation, reminder],
    );
    return steps.length;
  }

  // ---------- policies ----------

  /** The policy in force for a subject type: the branch's latest version, or the built-in default. */
  async policy(ctx: RequestContext, branchId: string, subjectType: string): Promise<ApprovalPolicy> {
    const row = await this.latestPolicy(await ctx.tx(), branchId, subjectType);
    if (row) return row;
    // The built-in default is no row: no id, version 0, no author.
    const def = defaultPolicyFor(subjectType);
    return {
      branchId,
      id: null,
      subjectType,
      version: 0,
      steps: def.steps,
      reminderPercents: def.reminderPercents,
      maxEscalationLevel: def.maxEscalationLevel,
      createdById: null,
      createdAt: undefined as never,
    };
  }

  private async latestPolicy(tx: Tx, branchId: string, subjectType: string): Promise<ApprovalPolicy | null> {
    const [row] = await tx.query(
      `SELECT ${ApprovalPolicies.cols()} FROM approval_policies
       WHERE branch_id = $1 AND subject_type = $2 ORDER BY version DESC LIMIT 1`,
      [branchId, subjectType],
    );
    return row ? ApprovalPolicies.map(row) : null;
  }

  /** Writes a new policy version; requests already submitted keep the steps they were given. */
  async setPolicy(
    ctx: RequestContext,
    branchId: string,
    subjectType: string,
    def: PolicyDefinition,
  ): Promise<ApprovalPolicy> {
    const actor = ctx.requireActor();
    if (!this.subjects.knownTypes().includes(subjectType)) {
      throw BadUserInputError.field('subjectType', `must be one of ${this.subjects.knownTypes().join(', ')}`);
    }
    const policy = checkPolicy(def);
    const tx = await ctx.tx();
    for (const [i, s] of policy.steps.entries()) {
      if (s.approver.kind !== 'USER' || (await this.branches.memberRole(ctx, branchId, s.approver.userId))) continue;
      // Head office may name one of its own people (say, the head-office legal reviewer) in a branch's policy.
      if (actor.headOffice && (await this.headOfficeMember(tx, s.approver.userId))) continue;
      throw BadUserInputError.field(
        `steps[${i}].approver.userId`,
        actor.headOffice ? 'is neither a member of this branch nor of head office' : 'is not a member of this branch',
      );
    }
    const before = await this.policy(ctx, branchId, subjectType);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps, reminder_percents, max_escalation_level, created_by)
       SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7
       FROM approval_policies WHERE branch_id = $1 AND subject_type = $3
       RETURNING id`,
      [
        branchId,
        randomUUID(),
        subjectType,
        JSON.stringify(policy.steps),
        policy.reminderPercents,
        policy.maxEscalationLevel,
        actor.userId,
      ],
    );
    const after = await this.policy(ctx, branchId, subjectType);
    await writeAudit(ctx, { branchId, entity: 'approval_policy', entityId: row.id, action: 'update', before, after });
    return after;
  }

  /** Whether a person belongs to the head office in scope (a branch user's scope has none). */
  async headOfficeMember(tx: Tx, userId: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM branch_directory d JOIN scope_branches b ON b.id = d.branch_id
       WHERE b.kind = 'HEAD_OFFICE' AND d.user_id = $1`,
      [userId],
    );
    return rows.length > 0;
  }

  /** The policy row a request points to; the default is written as version 1 on first use. */
  async policyRow(tx: Tx, branchId: string, subjectType: string): Promise<{ id: string; def: PolicyDefinition }> {
    let row = await this.latestPolicy(tx, branchId, subjectType);
    if (!row) {
      const def = defaultPolicyFor(subjectType);
      await tx.query(
        `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps, reminder_percents, max_escalation_level)
         VALUES ($1, $2, $3, 1, $4, $5, $6) ON CONFLICT (branch_id, subject_type, version) DO NOTHING`,
        [branchId, randomUUID(), subjectType, JSON.stringify(def.steps), def.reminderPercents, def.maxEscalationLevel],
      );
      row = (await this.latestPolicy(tx, branchId, subjectType))!;
    }
    return { id: row.id!, def: definitionOf(row) };
  }

  async policyOf(tx: Tx, request: { branchId: string; id: string }): Promise<PolicyDefinition> {
    const [row] = await tx.query(
      `SELECT ${ApprovalPolicies.cols('p')} FROM approval_requests r
       JOIN approval_policies p ON p.branch_id = r.branch_id AND p.id = r.policy_id
       WHERE r.branch_id = $1 AND r.id = $2`,
      [request.branchId, request.id],
    );
    return definitionOf(ApprovalPolicies.map(row));
  }
}

/** What the engine reads of a policy version. */
function definitionOf(p: ApprovalPolicy): PolicyDefinition {
  return { steps: p.steps, reminderPercents: p.reminderPercents, maxEscalationLevel: p.maxEscalationLevel };
}
