import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BadUserInputError,
  NotFoundError,
  addDays,
  localDate,
  parseMoney,
  requireChange,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSettingsService } from '../approvals/approval-settings.service.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { attendanceStatement, type DayPunches } from './attendance-statement.js';
import {
  AttendancePunches,
  AttendanceSettingsTable,
  type AttendancePunch,
  type AttendanceSettings,
} from './attendance.entity.js';
import { PunchSource, PunchState } from './attendance.enums.js';
import type {
  AttendanceCorrectionInput,
  AttendanceStatement,
  ClockInput,
  UpdateAttendanceSettingsInput,
} from './attendance.types.js';
import { parseKpiPeriod } from './kpi-period.js';
import { KpiPeriodKind } from './kpi.enums.js';

/** The approval subject of a manual punch (default policy: the branch manager). */
export const ATTENDANCE_CORRECTION = 'ATTENDANCE_CORRECTION';

/** DOMAIN.md section 7's example rules until a branch sets its own. */
export const DEFAULT_ATTENDANCE = { graceMinutes: 30, deduction: '50.00', warnAfterLates: 3 };

/** A device may hand in a punch it buffered for up to a day; older ones are corrections. */
const DEVICE_BUFFER_MS = 24 * 3_600_000;
/** Clocks of devices and servers differ a little: a punch up to a minute "in the future" is now. */
const CLOCK_SKEW_MS = 60_000;

type Settings = Omit<AttendanceSettings, 'updatedAt'> & { updatedAt?: Date };

/**
 * Attendance (考勤): punches with their source, manual corrections through the approval engine, each branch's
 * rules, and a person's monthly statement measured against the branch calendar's working hours. A person sees
 * their own; the branch manager their branch's people; head office everyone.
 */
@Injectable()
export class AttendanceService implements OnModuleInit {
  constructor(
    private readonly branches: BranchesService,
    private readonly approvals: ApprovalsService,
    private readonly approvalSettings: ApprovalSettingsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: ATTENDANCE_CORRECTION,
      label: 'Attendance correction',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  /** Clocks the caller in or out, now or at a device's recorded instant (the last 24 hours). */
  async clock(ctx: RequestContext, input: ClockInput): Promise<AttendancePunch> {
    const source = input.source ?? PunchSource.APP;
    if (source === PunchSource.MANUAL) {
      throw BadUserInputError.field('source', 'a manual punch is a correction: use requestAttendanceCorrection');
    }
    const now = Date.now();
    const at = input.at ?? new Date(now);
    if (at.getTime() > now + CLOCK_SKEW_MS) throw BadUserInputError.field('at', 'must not be in the future');
    if (at.getTime() < now - DEVICE_BUFFER_MS) {
      throw BadUserInputError.field('at', 'is older than 24 hours: ask for a correction instead');
    }
    return this.record(ctx, { kind: input.kind, at, source, state: PunchState.COUNTED, note: null });
  }

  /** A manual punch of the caller's, PENDING until the approval engine decides (the branch manager by default). */
  async requestCorrection(ctx: RequestContext, input: AttendanceCorrectionInput): Promise<AttendancePunch> {
    if (input.at.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw BadUserInputError.field('at', 'must not be in the future');
    }
    const note = input.note.trim();
    if (!note) throw BadUserInputError.field('note', 'say why the punch needs correcting');
    const punch = await this.record(ctx, {
      kind: input.kind,
      at: input.at,
      source: PunchSource.MANUAL,
      state: PunchState.PENDING,
      note,
    });
    const request = await this.approvals.submit(ctx, {
      branchId: punch.branchId,
      subjectType: ATTENDANCE_CORRECTION,
      subjectId: punch.id,
      title: `Attendance correction: ${punch.kind} ${punch.day}`,
    });
    const tx = await ctx.tx();
    await AttendancePunches.update(tx, AttendancePunches.keyOf(punch), { approvalRequestId: request.id });
    // submit() may have decided already (a policy without steps): read back as written.
    return (await AttendancePunches.find(tx, AttendancePunches.keyOf(punch)))!;
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<Settings> {
    const branch = actingBranch(ctx, branchId);
    return this.rules(ctx, branch);
  }

  async updateSettings(ctx: RequestContext, input: UpdateAttendanceSettingsInput): Promise<Settings> {
    requireChange(input, 'setting', { ignore: ['branchId'], nullMeansUnset: true });
    const branchId = actingBranch(ctx, input.branchId);
    const deduction = input.deduction != null ? parseMoney('deduction', input.deduction) : undefined;
    const before = await this.rules(ctx, branchId);
    const after = await AttendanceSettingsTable.upsert(await ctx.tx(), {
      branchId,
      graceMinutes: input.graceMinutes ?? before.graceMinutes,
      deduction: deduction ?? before.deduction,
      warnAfterLates: input.warnAfterLates ?? before.warnAfterLates,
    });
    await writeAudit(ctx, {
      branchId,
      entity: 'attendance_settings',
      entityId: branchId,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  /**
   * A person's month (the caller's when `personId` is omitted). Someone else's only for their branch manager and
   * head office (`attendance:overview`); anyone else, another branch's person or an unknown id: NOT_FOUND alike.
   */
  async statement(ctx: RequestContext, monthText: string, personId?: string): Promise<AttendanceStatement> {
    const month = parseKpiPeriod(monthText, 'month');
    if (month.kind !== KpiPeriodKind.MONTH) throw BadUserInputError.field('month', 'must be a month, e.g. 2026-11');
    const { branchId, person } = await this.reachable(ctx, personId);
    const branch = (await this.branches.branch(ctx, branchId))!;
    const rules = await this.rules(ctx, branchId);
    const days = await this.approvalSettings.workingDays(ctx, branchId, month.start, month.end);
    const tx = await ctx.tx();
    const rows = await tx.query<{ day: string; clock_in: Date | null; clock_out: Date | null }>(
      `SELECT p.day::text AS day, min(p.at) FILTER (WHERE p.kind = 'IN') AS clock_in,
         max(p.at) FILTER (WHERE p.kind = 'OUT') AS clock_out
       FROM attendance_punches p
       WHERE p.branch_id = $1 AND p.person_id = $2 AND p.day >= $3 AND p.day < $4 AND p.state = 'COUNTED'
       GROUP BY p.day`,
      [branchId, person, month.start, month.end],
    );
    const punches = new Map<string, DayPunches>(
      rows.map((r) => [r.day, { clockIn: r.clock_in, clockOut: r.clock_out }]),
    );
    // Approved leave days of the month: neither absent nor deducted.
    const leave = await tx.query<{ first_day: string; last_day: string }>(
      `SELECT r.first_day::text AS first_day, r.last_day::text AS last_day FROM leave_requests r
       WHERE r.branch_id = $1 AND r.person_id = $2 AND r.state = 'APPROVED' AND r.first_day < $4 AND r.last_day >= $3`,
      [branchId, person, month.start, month.end],
    );
    const leaveDays = new Set<string>();
    for (const r of leave) for (let d = r.first_day; d <= r.last_day; d = addDays(d, 1)) leaveDays.add(d);
    const { rows: dayRows, totals } = attendanceStatement(days, punches, rules, todayIn(branch.timeZone), leaveDays);
    return {
      personId: person,
      branchId,
      month: month.label,
      ...totals,
      currency: branch.currency,
      days: dayRows,
    };
  }

  // ---------- helpers ----------

  private async record(
    ctx: RequestContext,
    p: Pick<AttendancePunch, 'kind' | 'at' | 'source' | 'state' | 'note'>,
  ): Promise<AttendancePunch> {
    const actor = ctx.requireActor();
    const branchId = await this.homeBranch(ctx, actor.userId);
    if (!branchId) throw new NotFoundError('Branch', 'of your membership');
    const branch = (await this.branches.branch(ctx, branchId))!;
    const punch = await AttendancePunches.insert(await ctx.tx(), {
      ...p,
      branchId,
      id: randomUUID(),
      personId: actor.userId,
      day: localDate(p.at, branch.timeZone),
      recordedBy: actor.userId,
    });
    await writeAudit(ctx, {
      branchId,
      entity: 'attendancePunch',
      entityId: punch.id,
      action: 'recorded',
      after: punch,
    });
    return punch;
  }

  /** In the deciding transaction: an approved correction counts, a refused one never does. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await AttendancePunches.find(
      tx,
      { branchId: request.branchId, id: request.subjectId },
      { lock: true },
    );
    if (!before || before.state !== PunchState.PENDING) return;
    const state = outcome === 'APPROVED' ? PunchState.COUNTED : PunchState.REJECTED;
    await AttendancePunches.change(ctx, before, { state }, outcome.toLowerCase());
  }

  /**
   * Whose figures the caller may read: their own (no `personId`); someone else's only for their branch manager and
   * head office (`attendance:overview`). Anyone else, another branch's person or an unknown id: NOT_FOUND alike.
   */
  async reachable(ctx: RequestContext, personId?: string): Promise<{ branchId: string; person: string }> {
    const actor = ctx.requireActor();
    const person = (personId ?? actor.userId).toLowerCase();
    if (person !== actor.userId && !can(actor.role, 'attendance:overview')) {
      throw new NotFoundError('Person', personId!);
    }
    const branchId = await this.homeBranch(ctx, person);
    if (!branchId) throw new NotFoundError('Person', personId ?? actor.userId);
    return { branchId, person };
  }

  /** The branch (in scope) a person works in: their membership's; null for someone out of reach. */
  async homeBranch(ctx: RequestContext, personId: string): Promise<string | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<{ branch_id: string }>(
      `SELECT d.branch_id FROM branch_directory d WHERE d.user_id = $1 AND d.branch_id = ANY($2::uuid[])
       ORDER BY d.branch_id LIMIT 1`,
      [personId, ctx.branchIds],
    );
    return rows[0]?.branch_id ?? null;
  }

  private async rules(ctx: RequestContext, branchId: string): Promise<Settings> {
    const row = await AttendanceSettingsTable.find(await ctx.tx(), { branchId });
    return row ?? { branchId, ...DEFAULT_ATTENDANCE };
  }
}
