import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  type RequestContext,
  type Tx,
} from '@app/core';
import { groupByKey, keysetPage, splitKeys, SqlFilter, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { compareDecimal } from '../approvals/approval-policy.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { enqueue } from '@app/jobs';
import { contractJobs } from './contract.job-catalogue.js';
import { CustomersService } from '../customers/customers.service.js';
import { OrderDirection } from '../customers/customer.types.js';
import {
  AMENDABLE_STATES,
  EDITABLE_STATES,
  ContractState,
  transition,
  type ContractTransition,
} from './contract-state.js';
import { refreshExpiryReminders } from './contract-due-dates.js';
import {
  CONTRACT_COLUMNS,
  ROUND_COLUMNS,
  checkContractAmount,
  checkSpecialFees,
  checkTerm,
  recordChange,
  toContract,
  toEvent,
  toRound,
  toVersion,
  type ContractRow,
  type EventRow,
  type RoundRow,
  type VersionRow,
} from './contract-rows.js';
import {
  ContractOrderField,
  type Contract,
  type ContractEvent,
  type ContractFilter,
  type ContractOrder,
  type ContractVersion,
  type NegotiationRound,
} from './contract.types.js';
import type { CreateContractInput, NegotiationRoundInput, UpdateContractInput } from './dto/contract.input.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

/** Contracts: applications, their terms, the simple lifecycle moves and negotiation rounds. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly approvals: ApprovalsService,
  ) {}

  // ---------- reads ----------

  async findOne(ctx: RequestContext, id: string): Promise<Contract | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<ContractRow>(
      `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toContract(rows[0]) : null;
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
      columns: CONTRACT_COLUMNS,
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
      map: toContract,
    });
  }

  roundsLoader(ctx: RequestContext): DataLoader<string, NegotiationRound[]> {
    return this.childLoader(
      ctx,
      'contracts.rounds',
      `SELECT ${ROUND_COLUMNS} FROM contract_negotiation_rounds`,
      'round',
      (r: RoundRow) => toRound(r),
    );
  }

  versionsLoader(ctx: RequestContext): DataLoader<string, ContractVersion[]> {
    return this.childLoader(
      ctx,
      'contracts.versions',
      `SELECT branch_id, id, contract_id, version, status, snapshot, reason, approval_request_id, created_by, created_at
       FROM contract_versions`,
      'version',
      (r: VersionRow) => toVersion(r),
    );
  }

  timelineLoader(ctx: RequestContext): DataLoader<string, ContractEvent[]> {
    return this.childLoader(
      ctx,
      'contracts.timeline',
      'SELECT branch_id, id, contract_id, action, from_state, to_state, actor_id, note, at FROM contract_events',
      'at, seq',
      (r: EventRow) => toEvent(r),
    );
  }

  /** Rows of a child table for many contracts ("branchId:contractId" keys) in one statement. */
  childLoader<R extends { branch_id: string; contract_id: string }, T>(
    ctx: RequestContext,
    name: string,
    select: string,
    order: string,
    map: (r: R) => T,
  ): DataLoader<string, T[]> {
    return ctx.loader(
      name,
      () =>
        new DataLoader<string, T[]>(async (keys) => {
          const [branchIds, contractIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<R>(
            `SELECT c.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, contract_id)
             CROSS JOIN LATERAL (${select} x WHERE x.branch_id = k.branch_id AND x.contract_id = k.contract_id
               ORDER BY ${order}) c`,
            [branchIds, contractIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.contract_id}`, map);
        }),
    );
  }

  // ---------- writes ----------

  /** Locks and returns a contract in scope, or NOT_FOUND (the same for another branch's or a colleague's). */
  async lock(ctx: RequestContext, tx: Tx, id: string): Promise<Contract> {
    const rows = await tx.query<ContractRow>(
      `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Contract', id);
    return toContract(rows[0]);
  }

  /** Sets a new state (and any other columns) after the guard, with its timeline entry and audit row. */
  async move(
    ctx: RequestContext,
    tx: Tx,
    before: Contract,
    t: ContractTransition,
    extra: { set?: Record<string, unknown>; note?: string | null } = {},
  ): Promise<Contract> {
    const to = transition(before.state, t);
    const set = { state: to, ...(extra.set ?? {}) };
    const cols = Object.keys(set);
    const rows = await tx.query<ContractRow>(
      `UPDATE contracts SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${CONTRACT_COLUMNS}`,
      [before.branchId, before.id, ...Object.values(set)],
    );
    const after = toContract(rows[0]);
    await recordChange(ctx, tx, { before, after, action: t, note: extra.note });
    if (AMENDABLE_STATES.includes(before.state) || AMENDABLE_STATES.includes(after.state)) {
      await refreshExpiryReminders(tx, after.branchId, [after.id]);
    }
    return after;
  }

  /** The signed original arrived: recorded once, and the contract leaves the monthly check. */
  async markOriginalReceived(ctx: RequestContext, id: string): Promise<Contract> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    if (!before.signedOn) {
      throw new InvalidStateError(`A contract in ${before.state} has no signed original yet`);
    }
    if (before.originalReceived) throw new InvalidStateError('The original of this contract is already received');
    const rows = await tx.query<ContractRow>(
      `UPDATE contracts SET original_received = true, original_check_at = NULL, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${CONTRACT_COLUMNS}`,
      [before.branchId, before.id],
    );
    const after = toContract(rows[0]);
    await recordChange(ctx, tx, { before, after, action: 'ORIGINAL_RECEIVED' });
    return after;
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
    const amount = checkContractAmount('amount', input.amount);
    checkTerm(input.startsOn, input.endsOn);
    const currency = await this.currency(ctx, branchId, input.currency);
    const ownerId = (input.ownerId ?? actor.userId).toLowerCase();
    if (ctx.ownOnly && ownerId !== actor.userId) {
      throw new ForbiddenError('A sales representative owns the contracts they create; leave ownerId out');
    }
    if (actor.headOffice && !input.ownerId) {
      throw BadUserInputError.field('ownerId', 'head office must name the person of the branch who owns the contract');
    }
    if (!(await this.branches.memberRole(ctx, branchId, ownerId))) {
      throw BadUserInputError.field('ownerId', 'must be a person of the contract’s branch');
    }
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    if (customer.status !== 'ACTIVE') {
      throw new InvalidStateError(`Customer "${customer.name}" is archived; it can have no new contract`);
    }
    const fees = checkSpecialFees(input.specialFees ?? []);
    const tx = await ctx.tx();
    const rows = await tx.query<ContractRow>(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id,
         special_terms, renewed_from_id, created_by, non_standard_price, special_fees)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${CONTRACT_COLUMNS}`,
      [
        branchId,
        randomUUID(),
        customer.id,
        input.title.trim(),
        amount,
        currency,
        input.startsOn,
        input.endsOn,
        ownerId,
        clean(input.specialTerms),
        renewedFromId ?? null,
        actor.userId,
        clean(input.nonStandardPrice),
        JSON.stringify(fees),
      ],
    );
    const contract = toContract(rows[0]);
    await recordChange(ctx, tx, { before: null, after: contract, action: renewedFromId ? 'RENEWED' : 'CREATED' });
    return contract;
  }

  /**
   * Edits the terms in DRAFT or NEGOTIATION. A material change (amount, term, special terms, price, fees)
   * voids the legal approval: in NEGOTIATION the contract goes back to DRAFT and legal reviews it again.
   * A change of the special content voids its SPECIAL_TERMS approval, and waits while one is pending.
   */
  async update(ctx: RequestContext, id: string, input: UpdateContractInput): Promise<Contract> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    if (!EDITABLE_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A contract in ${before.state} cannot be edited (only in ${EDITABLE_STATES.join(' or ')}); after signing, amend it`,
      );
    }
    const amount = input.amount != null ? checkContractAmount('amount', input.amount) : before.amount;
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
      compareDecimal(amount, before.amount) !== 0 ? 'amount' : null,
      startsOn !== before.startsOn ? 'startsOn' : null,
      endsOn !== before.endsOn ? 'endsOn' : null,
      specialChanged ? 'special terms, price or fees' : null,
    ].filter((x): x is string => x !== null);
    const rows = await tx.query<ContractRow>(
      `UPDATE contracts SET title = $3, amount = $4, starts_on = $5, ends_on = $6, special_terms = $7,
         non_standard_price = $8, special_fees = $9, special_terms_request_id = $10, legal_review_request_id = $11,
         updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${CONTRACT_COLUMNS}`,
      [
        before.branchId,
        id,
        input.title?.trim() ?? before.title,
        amount,
        startsOn,
        endsOn,
        specialTerms,
        nonStandardPrice,
        JSON.stringify(fees),
        specialChanged ? null : before.specialTermsRequestId,
        changed.length ? null : before.legalReviewRequestId,
      ],
    );
    const after = toContract(rows[0]);
    await recordChange(ctx, tx, { before, after, action: 'UPDATED' });
    if (changed.length && before.state === ContractState.NEGOTIATION) {
      return this.move(ctx, tx, after, 'TERMS_CHANGED', {
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
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
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
    const rows = await tx.query<ContractRow>(
      `UPDATE contracts SET owner_id = $3, updated_at = now() WHERE branch_id = $1 AND id = $2
       RETURNING ${CONTRACT_COLUMNS}`,
      [before.branchId, id, owner],
    );
    const after = toContract(rows[0]);
    await recordChange(ctx, tx, { before, after, action: 'REASSIGNED', note: `${before.ownerId} -> ${owner}` });
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
    const tx = await ctx.tx();
    return this.move(ctx, tx, await this.lock(ctx, tx, id), t);
  }

  async terminate(ctx: RequestContext, id: string, reason: string): Promise<Contract> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    return this.move(ctx, tx, before, 'TERMINATE', { set: { termination_reason: why }, note: why });
  }

  async recordRound(ctx: RequestContext, input: NegotiationRoundInput): Promise<NegotiationRound> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const contract = await this.lock(ctx, tx, input.contractId.toLowerCase());
    if (contract.state !== ContractState.NEGOTIATION) {
      throw new InvalidStateError(
        `Negotiation rounds are recorded in NEGOTIATION; this contract is in ${contract.state}`,
      );
    }
    const rows = await tx.query<RoundRow>(
      `INSERT INTO contract_negotiation_rounds (branch_id, id, contract_id, round, held_on, counterpart, points, outcome, recorded_by)
       SELECT $1, $2, $3, coalesce(max(round), 0) + 1, $4, $5, $6, $7, $8
       FROM contract_negotiation_rounds WHERE branch_id = $1 AND contract_id = $3
       RETURNING ${ROUND_COLUMNS}`,
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
    const round = toRound(rows[0]);
    await recordChange(ctx, tx, {
      before: contract,
      after: contract,
      action: 'NEGOTIATION_ROUND',
      note: `Round ${round.round}`,
    });
    return round;
  }
}
