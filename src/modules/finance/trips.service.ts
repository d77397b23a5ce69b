import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  addDays,
  fromCents,
  parseMoney,
  toCents,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys } from '@app/graphql';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { can } from '../branches/roles.js';
import { BranchesService } from '../branches/branches.service.js';
import { Budgets, type Budget } from './budget.entity.js';
import { BudgetCategory, ExpenseSource, TripState } from './budget.enums.js';
import type { ApplyForTripInput, BusinessTripFilter, ClaimTripInput } from './budget.types.js';
import { BudgetsService } from './budgets.service.js';
import { BusinessTrips, TripReceipts, type BusinessTrip, type TripReceipt } from './trip.entity.js';

/** The approval engine's subject of a trip application (default policy: the branch manager). */
export const BUSINESS_TRIP = 'BUSINESS_TRIP';
const MAX_TRIP_DAYS = 60;

/**
 * Business trips (出差): applied for before they start and approved by the engine (BUSINESS_TRIP); once started,
 * the traveller claims with receipts (报销), and the claim is one expense against the trip's budget through the
 * budgets' one door: above the amount approved for the trip (or above what is left of the budget) it waits for a
 * further approval (EXPENSE_OVERRUN). The traveller sees their own trips; finance and the overseers the branch's.
 */
@Injectable()
export class TripsService implements OnModuleInit {
  constructor(
    private readonly branches: BranchesService,
    private readonly budgets: BudgetsService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: BUSINESS_TRIP,
      label: 'Business trip',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  async findOne(ctx: RequestContext, id: string): Promise<BusinessTrip | null> {
    const row = await BusinessTrips.findInScope(ctx, id);
    return row && this.visible(ctx, row) ? row : null;
  }

  list(ctx: RequestContext, args: { first?: number; after?: string; filter?: BusinessTripFilter }) {
    const f = args.filter ?? {};
    const filter = new SqlFilter().branches(ctx, f.branchId).eq('state', f.state);
    if (!this.seesBranch(ctx)) filter.eq('traveller_id', ctx.actor!.userId, 'uuid');
    return keysetPage(ctx, args, {
      columns: BusinessTrips.cols(),
      from: 'business_trips',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (r: BusinessTrip) => r.createdAt },
      map: BusinessTrips.map,
    });
  }

  /** The receipts of many trips ("branchId:tripId"), in position order, one statement per batch. */
  receiptsLoader(ctx: RequestContext): DataLoader<string, TripReceipt[]> {
    return ctx.loader(
      'finance.tripReceipts',
      () =>
        new DataLoader<string, TripReceipt[]>(async (keys) => {
          const [branchIds, tripIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<TripReceipt>(
            `SELECT r.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, trip_id)
             CROSS JOIN LATERAL (SELECT ${TripReceipts.cols('x')} FROM trip_receipts x
               WHERE x.branch_id = k.branch_id AND x.trip_id = k.trip_id ORDER BY x.position) r`,
            [branchIds, tripIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.tripId}`, TripReceipts.map);
        }),
    );
  }

  // ---------- writes ----------

  /** The caller's own trip, before it starts, on a TRAVEL budget of their branch covering its first day. */
  async apply(ctx: RequestContext, input: ApplyForTripInput): Promise<BusinessTrip> {
    const actor = ctx.requireActor();
    const estimated = parseMoney('estimatedAmount', input.estimatedAmount, 'positive');
    const budget = await Budgets.findInScope(ctx, input.budgetId.toLowerCase());
    if (!budget) throw new NotFoundError('Budget', input.budgetId);
    if (!(await this.branches.memberRole(ctx, budget.branchId, actor.userId))) {
      throw new ForbiddenError('A trip is applied for by a person of the budget’s branch, for themselves');
    }
    if (budget.category !== BudgetCategory.TRAVEL) {
      throw BadUserInputError.field('budgetId', `must be a TRAVEL budget (this one is ${budget.category})`);
    }
    const branch = (await this.branches.branch(ctx, budget.branchId))!;
    if (input.startsOn < todayIn(branch.timeZone)) {
      throw BadUserInputError.field('startsOn', 'a trip is applied for before it starts: today or later');
    }
    if (input.endsOn < input.startsOn) throw BadUserInputError.field('endsOn', 'must not be before startsOn');
    if (input.endsOn > addDays(input.startsOn, MAX_TRIP_DAYS)) {
      throw BadUserInputError.field('endsOn', `must be at most ${MAX_TRIP_DAYS} days after startsOn`);
    }
    if (input.startsOn < budget.periodStart || input.startsOn > budget.periodEnd) {
      throw BadUserInputError.field(
        'startsOn',
        `must be within the budget's period, ${budget.periodStart} to ${budget.periodEnd}`,
      );
    }
    const tx = await ctx.tx();
    const trip = await BusinessTrips.insert(tx, {
      branchId: budget.branchId,
      id: randomUUID(),
      travellerId: actor.userId,
      budgetId: budget.id,
      destination: input.destination.trim(),
      purpose: input.purpose.trim(),
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      estimatedAmount: estimated,
      state: TripState.REQUESTED,
    });
    await writeAudit(ctx, {
      branchId: trip.branchId,
      entity: 'businessTrip',
      entityId: trip.id,
      action: 'applied',
      after: trip,
    });
    const request = await this.approvals.submit(ctx, {
      branchId: trip.branchId,
      subjectType: BUSINESS_TRIP,
      subjectId: trip.id,
      title: `Trip to ${trip.destination}, ${trip.startsOn} to ${trip.endsOn}`.slice(0, 200),
      amount: estimated,
    });
    await BusinessTrips.update(tx, BusinessTrips.keyOf(trip), { approvalRequestId: request.id });
    return (await BusinessTrips.find(tx, BusinessTrips.keyOf(trip)))!;
  }

  /** The traveller's claim of an APPROVED, started trip: its receipts, and one expense against the budget. */
  async claim(ctx: RequestContext, input: ClaimTripInput): Promise<BusinessTrip> {
    const actor = ctx.requireActor();
    const receipts = input.receipts.map((r, i) => ({
      description: r.description.trim(),
      reference: r.reference?.trim() ?? null,
      spentOn: r.spentOn,
      amount: parseMoney(`receipts[${i}].amount`, r.amount, 'positive'),
    }));
    const seen = await this.findOne(ctx, input.tripId.toLowerCase());
    if (!seen) throw new NotFoundError('BusinessTrip', input.tripId);
    if (seen.travellerId !== actor.userId) throw new ForbiddenError('Only the traveller claims a trip');
    const tx = await ctx.tx();
    const trip = (await BusinessTrips.find(tx, BusinessTrips.keyOf(seen), { lock: true }))!;
    if (trip.state !== TripState.APPROVED) {
      throw new InvalidStateError(`A ${trip.state} trip cannot move to ${TripState.CLAIMED}; only an APPROVED one can`);
    }
    const branch = (await this.branches.branch(ctx, trip.branchId))!;
    const today = todayIn(branch.timeZone);
    if (trip.startsOn > today)
      throw new InvalidStateError(`The trip starts on ${trip.startsOn}: claim once it has started`);
    for (const [i, r] of receipts.entries()) {
      if (r.spentOn < addDays(trip.startsOn, -MAX_TRIP_DAYS) || r.spentOn > today) {
        throw BadUserInputError.field(
          `receipts[${i}].spentOn`,
          `must be between ${addDays(trip.startsOn, -MAX_TRIP_DAYS)} and today`,
        );
      }
    }
    const total = fromCents(receipts.reduce((s, r) => s + toCents(r.amount), 0n));
    for (const [i, r] of receipts.entries()) {
      await TripReceipts.insert(tx, {
        branchId: trip.branchId,
        id: randomUUID(),
        tripId: trip.id,
        position: i + 1,
        ...r,
      });
    }
    const budget = (await Budgets.find(tx, { branchId: trip.branchId, id: trip.budgetId })) as Budget;
    const expense = await this.budgets.spend(ctx, budget, {
      source: ExpenseSource.TRIP,
      sourceId: trip.id,
      description: `Trip to ${trip.destination} (${trip.startsOn} to ${trip.endsOn})`.slice(0, 500),
      amount: total,
      spentOn: trip.startsOn,
      allowance: {
        limit: trip.estimatedAmount,
        over: `claimed ${total}, more than the ${trip.estimatedAmount} approved for the trip`,
      },
    });
    return BusinessTrips.change(
      ctx,
      trip,
      { state: TripState.CLAIMED, claimedAmount: total, expenseId: expense.id },
      'claimed',
    );
  }

  /** In the deciding transaction: APPROVED lets the traveller go; anything else refuses the trip. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await BusinessTrips.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before || before.state !== TripState.REQUESTED) return;
    const state = outcome === 'APPROVED' ? TripState.APPROVED : TripState.REJECTED;
    await BusinessTrips.change(ctx, before, { state }, outcome.toLowerCase());
  }

  // ---------- helpers ----------

  /** Finance and the overseers read every trip of the branches in scope; anyone else their own. */
  private seesBranch(ctx: RequestContext): boolean {
    return can(ctx.requireActor().role, 'budgets:read');
  }

  private visible(ctx: RequestContext, trip: BusinessTrip): boolean {
    return this.seesBranch(ctx) || trip.travellerId === ctx.actor?.userId;
  }
}
