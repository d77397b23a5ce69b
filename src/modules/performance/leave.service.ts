import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  addDays,
  clean,
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
import { AttendanceService } from './attendance.service.js';
import { LeaveBalances, LeaveRequests, LeaveState, type LeaveBalance, type LeaveRequest } from './leave.entity.js';
import type { RequestLeaveInput, SetLeaveEntitlementInput } from './leave.types.js';

/** The approval engine's subject of a leave request (default policy: the branch manager). */
export const LEAVE = 'LEAVE';
/** The longest single request, in calendar days. */
const MAX_SPAN_DAYS = 60;

/**
 * Leave (请假): balances per person, year and kind (set by the branch manager), requests in advance held on the
 * balance (its row locked, so concurrent requests never overdraw it) until the approval engine decides.
 */
@Injectable()
export class LeaveService implements OnModuleInit {
  constructor(
    private readonly branches: BranchesService,
    private readonly approvals: ApprovalsService,
    private readonly approvalSettings: ApprovalSettingsService,
    private readonly subjects: ApprovalSubjects,
    private readonly attendance: AttendanceService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: LEAVE,
      label: 'Leave',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  /** Sets a person's days of one kind for a year; never below what is taken and held. */
  async setEntitlement(ctx: RequestContext, input: SetLeaveEntitlementInput): Promise<LeaveBalance> {
    const branchId = actingBranch(ctx, input.branchId);
    const personId = input.personId.toLowerCase();
    if (!(await this.branches.memberRole(ctx, branchId, personId))) {
      throw BadUserInputError.field('personId', 'must be a person of the branch');
    }
    const tx = await ctx.tx();
    const key = { branchId, personId, year: input.year, kind: input.kind };
    const before = await LeaveBalances.find(tx, key, { lock: true });
    if (!before) {
      const after = await LeaveBalances.insert(tx, { ...key, id: randomUUID(), entitled: input.entitled });
      await writeAudit(ctx, { branchId, entity: 'leaveBalance', entityId: after.id, action: 'created', after });
      return after;
    }
    if (input.entitled < before.taken + before.held) {
      throw new ConflictError(
        `entitled: ${before.taken} days are taken and ${before.held} held by pending requests; grant at least ${before.taken + before.held}`,
      );
    }
    return LeaveBalances.change(ctx, before, { entitled: input.entitled }, 'updated');
  }

  /** Leave for the caller, in advance; its working days are held on the balance until the approver decides. */
  async request(ctx: RequestContext, input: RequestLeaveInput): Promise<LeaveRequest> {
    const actor = ctx.requireActor();
    const branchId = await this.attendance.homeBranch(ctx, actor.userId);
    if (!branchId) throw new NotFoundError('Branch', 'of your membership');
    const branch = (await this.branches.branch(ctx, branchId))!;
    const { firstDay, lastDay } = input;
    if (firstDay <= todayIn(branch.timeZone)) {
      throw BadUserInputError.field('firstDay', 'leave is asked for in advance: from tomorrow on');
    }
    if (lastDay < firstDay) throw BadUserInputError.field('lastDay', 'must not be before firstDay');
    if (lastDay.slice(0, 4) !== firstDay.slice(0, 4)) {
      throw BadUserInputError.field('lastDay', 'must be in the same year as firstDay (one request per year)');
    }
    if (lastDay > addDays(firstDay, MAX_SPAN_DAYS)) {
      throw BadUserInputError.field('lastDay', `must be at most ${MAX_SPAN_DAYS} days after firstDay`);
    }
    const days = (await this.approvalSettings.workingDays(ctx, branchId, firstDay, addDays(lastDay, 1))).length;
    if (days === 0) throw BadUserInputError.field('lastDay', 'the leave holds no working day of the branch');
    const tx = await ctx.tx();
    const key = { branchId, personId: actor.userId, year: Number(firstDay.slice(0, 4)), kind: input.kind };
    // The balance row, locked: concurrent requests of one balance are decided one after the other.
    const balance = await LeaveBalances.find(tx, key, { lock: true });
    if (!balance) throw BadUserInputError.field('kind', `you have no ${input.kind} leave for ${key.year}`);
    const overlap = await tx.query(
      `SELECT 1 FROM leave_requests r WHERE r.branch_id = $1 AND r.person_id = $2 AND r.state <> 'REJECTED'
         AND r.first_day <= $4 AND r.last_day >= $3 LIMIT 1`,
      [branchId, actor.userId, firstDay, lastDay],
    );
    if (overlap.length) throw new ConflictError('firstDay: you already asked for leave on some of these days');
    const left = balance.entitled - balance.taken - balance.held;
    if (days > left) throw new ConflictError(`days: the leave takes ${days} working days; ${left} are left`);
    await LeaveBalances.change(ctx, balance, { held: balance.held + days }, 'held');
    const row = await LeaveRequests.insert(tx, {
      branchId,
      id: randomUUID(),
      personId: actor.userId,
      balanceId: balance.id,
      kind: input.kind,
      firstDay,
      lastDay,
      days,
      state: LeaveState.PENDING,
      note: clean(input.note) ?? null,
    });
    await writeAudit(ctx, { branchId, entity: 'leaveRequest', entityId: row.id, action: 'requested', after: row });
    const approval = await this.approvals.submit(ctx, {
      branchId,
      subjectType: LEAVE,
      subjectId: row.id,
      title: `${input.kind} leave ${firstDay} to ${lastDay} (${days} days)`,
    });
    await LeaveRequests.update(tx, LeaveRequests.keyOf(row), { approvalRequestId: approval.id });
    return (await LeaveRequests.find(tx, LeaveRequests.keyOf(row)))!;
  }

  /** A person's balances for a year (the caller's by default; others' as for the attendance statement). */
  async balances(ctx: RequestContext, year: number, personId?: string): Promise<LeaveBalance[]> {
    const { branchId, person } = await this.attendance.reachable(ctx, personId);
    const tx = await ctx.tx();
    const rows = await tx.query(
      `SELECT ${LeaveBalances.cols('b')} FROM leave_balances b
       WHERE b.branch_id = $1 AND b.person_id = $2 AND b.year = $3 ORDER BY b.kind`,
      [branchId, person, year],
    );
    return rows.map(LeaveBalances.map);
  }

  /** In the deciding transaction: approved days move from held to taken; otherwise they are freed. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await LeaveRequests.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before || before.state !== LeaveState.PENDING) return;
    const balance = (await LeaveBalances.find(
      tx,
      { branchId: before.branchId, id: before.balanceId },
      { lock: true },
    ))!;
    const approved = outcome === 'APPROVED';
    await LeaveBalances.change(
      ctx,
      balance,
      { held: balance.held - before.days, taken: balance.taken + (approved ? before.days : 0) },
      approved ? 'taken' : 'released',
    );
    await LeaveRequests.change(
      ctx,
      before,
      { state: approved ? LeaveState.APPROVED : LeaveState.REJECTED },
      outcome.toLowerCase(),
    );
  }
}
