import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BadUserInputError, writeAudit, type RequestContext, type Tx } from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { checkPolicy, defaultPolicyFor, type PolicyDefinition } from './approval-policy.js';
import { ApprovalSubjects } from './approval-subjects.js';
import { ApproverKind, type ApprovalPolicy, type BranchCalendar, type CalendarDay } from './approval.types.js';
import type { SetBranchCalendarInput } from './dto/approval.input.js';
import { addWorkingHours, isCalendarDate, type WorkCalendar } from './working-time.js';

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
      const [cal] = await tx.query<{ work_days: number[]; day_start_minute: number; day_end_minute: number }>(
        'SELECT work_days, day_start_minute, day_end_minute FROM branch_calendars WHERE branch_id = $1',
        [branchId],
      );
      const days = await tx.query<{ day: string; kind: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM branch_calendar_days WHERE branch_id = $1`,
        [branchId],
      );
      return {
        timeZone: branch?.timeZone ?? 'UTC',
        workDays: cal?.work_days ?? [1, 2, 3, 4, 5],
        dayStartMinute: cal?.day_start_minute ?? 540,
        dayEndMinute: cal?.day_end_minute ?? 1080,
        holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.day)),
        extraWorkDays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.day)),
      };
    });
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
    const tx = await ctx.tx();
    const days = await tx.query<CalendarDay>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM branch_calendar_days WHERE branch_id = $1 ORDER BY day`,
      [branchId],
    );
    return {
      branchId,
      timeZone: cal.timeZone,
      workDays: cal.workDays,
      dayStartMinute: cal.dayStartMinute,
      dayEndMinute: cal.dayEndMinute,
      days,
    };
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
    await tx.query(
      `INSERT INTO branch_calendars (branch_id, work_days, day_start_minute, day_end_minute) VALUES ($1, $2, $3, $4)
       ON CONFLICT (branch_id) DO UPDATE SET work_days = $2, day_start_minute = $3, day_end_minute = $4, updated_at = now()`,
      [branchId, [...new Set(input.workDays)].sort(), input.dayStartMinute, input.dayEndMinute],
    );
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
    const steps = await tx.query<{
      id: string;
      started_at: Date;
      sla_hours: string;
      escalation_level: number;
      next_escalation_at: Date | null;
      reminders_sent: number;
      reminder_percents: number[];
    }>(
      `SELECT s.id, s.started_at, s.sla_hours, s.escalation_level, s.next_escalation_at, s.reminders_sent,
         p.reminder_percents
       FROM approval_steps s
       JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
       JOIN approval_policies p ON p.branch_id = r.branch_id AND p.id = r.policy_id
       WHERE s.branch_id = $1 AND s.status = 'PENDING' AND s.started_at IS NOT NULL
       ORDER BY s.id FOR UPDATE OF s`,
      [branchId],
    );
    if (steps.length === 0) return 0;
    const due: Date[] = [];
    const escalation: (Date | null)[] = [];
    const reminder: (Date | null)[] = [];
    for (const s of steps) {
      const sla = Number(s.sla_hours);
      const dueAt = addWorkingHours(s.started_at, sla, cal);
      const pct = s.reminder_percents[s.reminders_sent];
      const remindAt = pct !== undefined ? addWorkingHours(s.started_at, (sla * pct) / 100, cal) : null;
      due.push(dueAt);
      escalation.push(s.next_escalation_at ? addWorkingHours(s.started_at, sla * (s.escalation_level + 1), cal) : null);
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
    const tx = await ctx.tx();
    const [row] = await tx.query<{
      id: string;
      version: number;
      steps: PolicyDefinition['steps'];
      reminder_percents: number[];
      max_escalation_level: number;
    }>(
      `SELECT id, version, steps, reminder_percents, max_escalation_level FROM approval_policies
       WHERE branch_id = $1 AND subject_type = $2 ORDER BY version DESC LIMIT 1`,
      [branchId, subjectType],
    );
    const def: PolicyDefinition = row
      ? { steps: row.steps, reminderPercents: row.reminder_percents, maxEscalationLevel: row.max_escalation_level }
      : defaultPolicyFor(subjectType);
    return {
      id: row?.id ?? null,
      branchId,
      subjectType,
      version: row?.version ?? 0,
      steps: def.steps.map((s) => ({
        name: s.name,
        approver: {
          branchId,
          kind: s.approver.kind as ApproverKind,
          role: 'role' in s.approver ? s.approver.role : null,
          userId: 'userId' in s.approver ? s.approver.userId : null,
        },
        aboveAmount: s.aboveAmount ?? null,
        upToAmount: s.upToAmount ?? null,
        slaHours: s.slaHours,
      })),
      reminderPercents: def.reminderPercents,
      maxEscalationLevel: def.maxEscalationLevel,
    };
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
    const find = () =>
      tx.query<{
        id: string;
        steps: PolicyDefinition['steps'];
        reminder_percents: number[];
        max_escalation_level: number;
      }>(
        `SELECT id, steps, reminder_percents, max_escalation_level FROM approval_policies
         WHERE branch_id = $1 AND subject_type = $2 ORDER BY version DESC LIMIT 1`,
        [branchId, subjectType],
      );
    let [row] = await find();
    if (!row) {
      const def = defaultPolicyFor(subjectType);
      await tx.query(
        `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps, reminder_percents, max_escalation_level)
         VALUES ($1, $2, $3, 1, $4, $5, $6) ON CONFLICT (branch_id, subject_type, version) DO NOTHING`,
        [branchId, randomUUID(), subjectType, JSON.stringify(def.steps), def.reminderPercents, def.maxEscalationLevel],
      );
      [row] = await find();
    }
    return {
      id: row.id,
      def: { steps: row.steps, reminderPercents: row.reminder_percents, maxEscalationLevel: row.max_escalation_level },
    };
  }

  async policyOf(tx: Tx, request: { branchId: string; id: string }): Promise<PolicyDefinition> {
    const [row] = await tx.query<{
      steps: PolicyDefinition['steps'];
      reminder_percents: number[];
      max_escalation_level: number;
    }>(
      `SELECT p.steps, p.reminder_percents, p.max_escalation_level FROM approval_requests r
       JOIN approval_policies p ON p.branch_id = r.branch_id AND p.id = r.policy_id
       WHERE r.branch_id = $1 AND r.id = $2`,
      [request.branchId, request.id],
    );
    return { steps: row.steps, reminderPercents: row.reminder_percents, maxEscalationLevel: row.max_escalation_level };
  }
}
