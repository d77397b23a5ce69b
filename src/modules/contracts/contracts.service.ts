import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  clean,
  type RequestContext,
  type Tx,
  type Values,
  parseMoney,
  compareMoney,
} from '@app/core';
import { keysetPage, SqlFilter, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner } from '../branches/acting-branch.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { enqueue } from '@app/jobs';
import { CustomersService } from '../customers/customers.service.js';
import { OrderDirection } from '../customers/customer.types.js';
import { checkSpecialFees, checkTerm } from './contract-checks.js';
import { refreshExpiryReminders } from './contract-due-dates.js';
import { contractJobs } from './contract.job-catalogue.js';
import {
  AMENDABLE_STATES,
  EDITABLE_STATES,
  ContractState,
  transition,
  type ContractTransition,
} from './contract-state.js';
import { recordChange } from './contract-timeline.js';
import {
  ContractEvents,
  ContractNegotiationRounds,
  ContractVersions,
  Contracts,
  type Contract,
  type ContractEvent,
  type ContractVersion,
  type NegotiationRound,
} from './contract.entity.js';
import { ContractOrderField, type ContractFilter, type ContractOrder } from './contract.types.js';
import type { CreateContractInput, NegotiationRoundInput, UpdateContractInput } from './dto/contract.input.js';

/** Contracts: applications, their terms, the simple lifecycle moves and negotiation rounds. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly approvals: ApprovalsService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Contract | null> {
    return Contracts.findInScope(ctx, id);
  }

  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ContractFilter; orderBy?: ContractOrder },
  ): Promise<ConnectionShape<Contract>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('state', f.state)
      .eq('customer_id', f.customerId, 'uuid')
      .eq('owner_id', f.ownerId, 'uuid');
    if (f.expiringBefore) filter.where((p) => `ends_on < ${p(f.expiringBefore, 'date')}`);
    const byEnd = (args.orderBy?.field ?? ContractOrderField.CREATED_AT) === ContractOrderField.ENDS_ON;
    const dir = args.orderBy?.direction ?? (args.orderBy ? OrderDirection.ASC : OrderDirection.DESC);
    return keysetPage(ctx, args, {
      columns: Contracts.cols(),
      from: 'contracts',
      filter,
      order: byEnd
        ? { column: 'ends_on', cast: 'date', desc: dir === OrderDirection.DESC, value: (c: Contract) => c.endsOn }
        : {
            column: 'created_at',
            cast: 'timestamptz',
            desc: dir === OrderDirection.DESC,
            value: (c: Contract) => c.createdAt,
          },
      map: Contracts.map,
    });
  }

  roundsLoader(ctx: RequestContext): DataLoader<string, NegotiationRound[]> {
    return ContractNegotiationRounds.childLoader(ctx, 'contractId', 'x.round');
  }

  versionsLoader(ctx: RequestContext): DataLoader<string, ContractVersion[]> {
    return ContractVersions.childLoader(ctx, 'contractId', 'x.version');
  }

  timelineLoader(ctx: RequestContext): DataLoader<string, ContractEvent[]> {
    return ContractEvents.childLoader(ctx, 'contractId', 'x.at, x.seq');
  }

  // ---------- writes ----------

  /** Locks a contract by its exact key (the approval engine names the branch), or NOT_FOUND. */
  async lockKey(tx: Tx, branchId: string, id: string): Promise<Contract> {
    const c = await Contracts.find(tx, { branchId, id }, { lock: true });
    if (!c) throw new NotFoundError('Contract', id);
    return c;
  }

  /** Sets a new state (and any other properties) after the guard, with its timeline entry and audit row. */
  async move(
    ctx: RequestContext,
    before: Contract,
    t: ContractTransition,
    extra: { set?: Values<Contract>; note?: string | null } = {},
  ): Promise<Contract> {
    const state = transition(before.state, t);
    const tx = await ctx.tx();
    const after = await Contracts.update(tx, Contracts.keyOf(before), { ...extra.set, state });
    await recordChange(ctx, tx, { before, after, action: t, note: extra.note });
    if (AMENDABLE_STATES.includes(before.state) || AMENDABLE_STATES.includes(after.state)) {
      await refreshExpiryReminders(tx, after.branchId, [after.id]);
    }
    return after;
  }

  /** Sets some properties of a contract (not its state) with the timeline entry and audit row of `action`. */
  async change(
    ctx: RequestContext,
    before: Contract,
    set: Values<Contract>,
    action: string,
    note?: string | null,
  ): Promise<Contract> {
    const tx = await ctx.tx();
    const after = await Contracts.update(tx, Contracts.keyOf(before), set);
    await recordChange(ctx, tx, { before, after, action, note });
    return after;
  }

  /** The signed original arrived: recorded once, and the contract leaves the monthly check. */
  async markOriginalReceived(
    ctx: RequestContext,
    id: string,
    options: { scanGiven?: boolean } = {},
  ): Promise<Contract> {
    const before = await Contracts.lock(ctx, id);
    if (!before.signedOn) {
      throw new InvalidStateError(`A contract in ${before.state} has no signed original yet`);
    }
    if (before.originalReceived) {
      if (options.scanGiven) return before; // the scan of an original received earlier
      throw new InvalidStateError('The original of this contract is already received');
    }
    return this.change(ctx, before, { originalReceived: true, originalCheckAt: null }, 'ORIGINAL_RECEIVED');
  }

  /** The branch's currency, checking a currency the caller named against it. */
  private async currency(ctx: RequestContext, branchId: string, given?: string | null): Promise<string> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    if (given != null && given.trim().toUpperCase() !== branch.currency) {
      throw BadUserInputError.field('currency', `contracts of this branch are in ${branch.currency}`);
    }
    return branch.currency;
  }

  async create(ctx: RequestContext, input: CreateContractInput, renewedFromId?: string): Promise<Contract> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const amount = parseMoney('amount', input.amount, 'positive');
    checkTerm(input.startsOn, input.endsOn);
    const currency = await this.currency(ctx, branchId, input.currency);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, { noun: 'contract' });
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    if (customer.status !== 'ACTIVE') {
      throw new InvalidStateError(`Customer "${customer.name}" is archived; it can have no new contract`);
    }
    const fees = checkSpecialFees(input.specialFees ?? []);
    const tx = await ctx.tx();
    const contract = await Contracts.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId: customer.id,
      title: input.title.trim(),
      amount,
      currency,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ownerId,
      specialTerms: clean(input.specialTerms) ?? null,
      renewedFromId: renewedFromId ?? null,
      createdById: actor.userId,
      nonStandardPrice: clean(input.nonStandardPrice) ?? null,
      specialFees: fees,
    });
    await recordChange(ctx, tx, { before: null, after: contract, action: renewedFromId ? 'RENEWED' : 'CREATED' });
    return contract;
  }

  /**
   * Edits the terms in DRAFT or NEGOTIATION. A material change (amount, term, special terms, price, fees)
   * voids the legal approval: in NEGOTIATION the contract goes back to DRAFT and legal reviews it again.
   * A change of the special content voids its SPECIAL_TERMS approval, and waits while one is pending.
   */
  async update(ctx: RequestContext, id: string, input: UpdateContractInput): Promise<Contract> {
    const before = await Contracts.lock(ctx, id);
    if (!EDITABLE_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A contract in ${before.state} cannot be edited (only in ${EDITABLE_STATES.join(' or ')}); after signing, amend it`,
      );
    }
    const amount = input.amount != null ? parseMoney('amount', input.amount, 'positive') : before.amount;
    const startsOn = input.startsOn ?? before.startsOn;
    const endsOn = input.endsOn ?? before.endsOn;
    checkTerm(startsOn, endsOn);
    const specialTerms = input.specialTerms !== undefined ? clean(input.specialTerms) : before.specialTerms;
    const nonStandardPrice =
      input.nonStandardPrice !== undefined ? clean(input.nonStandardPrice) : before.nonStandardPrice;
    const fees = input.specialFees != null ? checkSpecialFees(input.specialFees) : before.specialFees;
    const specialChanged =
      specialTerms !== before.specialTerms ||
      nonStandardPrice !== before.nonStandardPrice ||
      JSON.stringify(fees) !== JSON.stringify(before.specialFees);
    if (specialChanged && before.specialTermsRequestId) {
      const r = await this.approvals.requestByKey(ctx, before.branchId, before.specialTermsRequestId);
      if (r?.status === 'PENDING') {
        throw new InvalidStateError(
          'The special terms, price and fees are waiting for approval: withdraw that request before changing them',
        );
      }
    }
    const changed = [
      compareMoney(amount, before.amount) !== 0 ? 'amount' : null,
      startsOn !== before.startsOn ? 'startsOn' : null,
      endsOn !== before.endsOn ? 'endsOn' : null,
      specialChanged ? 'special terms, price or fees' : null,
    ].filter((x): x is string => x !== null);
    const after = await this.change(
      ctx,
      before,
      {
        title: input.title?.trim() ?? before.title,
        amount,
        startsOn,
        endsOn,
        specialTerms,
        nonStandardPrice,
        specialFees: fees,
        specialTermsRequestId: specialChanged ? null : before.specialTermsRequestId,
        legalReviewRequestId: changed.length ? null : before.legalReviewRequestId,
      },
      'UPDATED',
    );
    if (changed.length && before.state === ContractState.NEGOTIATION) {
      return this.move(ctx, after, 'TERMS_CHANGED', {
        note: `${changed.join(', ')} changed after legal review: send the contract to legal review again`,
      });
    }
    return after;
  }

  /**
   * Hands a contract to another person of its branch (a rep leaving, a territory change), in any state but
   * COMPLETED or TERMINATED. Recorded on the timeline; the new owner is told by the worker.
   */
  async reassign(ctx: RequestContext, id: string, ownerId: string): Promise<Contract> {
    const before = await Contracts.lock(ctx, id);
    if (before.state === 'COMPLETED' || before.state === 'TERMINATED') {
      throw new InvalidStateError(`A contract in ${before.state} keeps its owner; only open contracts are handed over`);
    }
    const owner = ownerId.toLowerCase();
    if (owner === before.ownerId) throw BadUserInputError.field('ownerId', 'already owns this contract');
    const role = await this.branches.memberRole(ctx, before.branchId, owner);
    if (!role) throw BadUserInputError.field('ownerId', 'must be a person of the contract’s branch');
    if (!can(role, 'contracts:write')) {
      throw BadUserInputError.field('ownerId', `a ${role.toLowerCase().replace('_', ' ')} cannot own contracts`);
    }
    const after = await this.change(ctx, before, { ownerId: owner }, 'REASSIGNED', `${before.ownerId} -> ${owner}`);
    await enqueue(ctx, contractJobs.reassigned, {
      branchId: after.branchId,
      contractId: id,
      ownerId: owner,
      changeId: randomUUID(),
    });
    return after;
  }

  /** One of the moves a person makes directly (the approval moves belong to the signing service). */
  async step(
    ctx: RequestContext,
    id: string,
    t: Extract<ContractTransition, 'ACTIVATE' | 'COMPLETE'>,
  ): Promise<Contract> {
    return this.move(ctx, await Contracts.lock(ctx, id), t);
  }

  async terminate(ctx: RequestContext, id: string, reason: string): Promise<Contract> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
    const before = await Contracts.lock(ctx, id);
    return this.move(ctx, before, 'TERMINATE', { set: { terminationReason: why }, note: why });
  }

  async recordRound(ctx: RequestContext, input: NegotiationRoundInput): Promise<NegotiationRound> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const contract = await Contracts.lock(ctx, input.contractId.toLowerCase());
    if (contract.state !== ContractState.NEGOTIATION) {
      throw new InvalidStateError(
        `Negotiation rounds are recorded in NEGOTIATION; this contract is in ${contract.state}`,
      );
    }
    const rows = await tx.query<NegotiationRound>(
      `INSERT INTO contract_negotiation_rounds (branch_id, id, contract_id, round, held_on, counterpart, points, outcome, recorded_by)
       SELECT $1, $2, $3, coalesce(max(round), 0) + 1, $4, $5, $6, $7, $8
       FROM contract_negotiation_rounds WHERE branch_id = $1 AND contract_id = $3
       RETURNING ${ContractNegotiationRounds.cols()}`,
      [
        contract.branchId,
        randomUUID(),
        contract.id,
        input.heldOn,
        input.counterpart.trim(),
        input.points.trim(),
        input.outcome.trim(),
        actor.userId,
      ],
    );
    const round = ContractNegotiationRounds.map(rows[0]);
    await recordChange(ctx, tx, {
      before: contract,
      after: contract,
      action: 'NEGOTIATION_ROUND',
      note: `Round ${round.round}`,
    });
    return round;
  }
}
