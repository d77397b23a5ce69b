import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  clean,
  writeAudit,
  type RequestContext,
  type Values,
  parseMoney,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { refreshTenderReminders } from './tender-rules.js';
import { CLOSED_STATES, TenderState, tenderTransition, type TenderTransition } from './tender-state.js';
import { TenderDocuments, Tenders, type Tender, type TenderDocument } from './tender.entity.js';
import { TenderResult } from './tender.enums.js';
import type { TenderFilter } from './tender.types.js';
import type {
  AddTenderDocumentInput,
  CreateTenderInput,
  TenderDocumentInput,
  TenderResultInput,
  UpdateTenderInput,
} from './dto/tender.input.js';

function reasonOf(reason: string): string {
  const why = reason.trim();
  if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
  return why;
}

/** Tenders (招投标): preparation with the qualification documents, submission, the result, the deposit. */
@Injectable()
export class TendersService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly contracts: ContractsService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Tender | null> {
    return Tenders.findInScope(ctx, id);
  }

  /**
   * By submission deadline, soonest first. Head office without a branch filter gets every branch in
   * one statement, walking tenders_deadline (deadline, id, branch_id) in the page's order.
   */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: TenderFilter },
  ): Promise<ConnectionShape<Tender>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('owner_id', f.ownerId, 'uuid')
      .eq('state', f.state);
    return keysetPage(ctx, args, {
      columns: Tenders.cols(),
      from: 'tenders',
      filter,
      order: { column: 'submission_deadline', cast: 'timestamptz', value: (t: Tender) => t.submissionDeadline },
      map: Tenders.map,
    });
  }

  /** The documents of many tenders ("branchId:tenderId" keys) in one statement. */
  documentsLoader(ctx: RequestContext): DataLoader<string, TenderDocument[]> {
    return TenderDocuments.childLoader(ctx, 'tenderId', 'x.created_at, x.name');
  }

  // ---------- writes ----------

  async create(ctx: RequestContext, input: CreateTenderInput): Promise<Tender> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const deadline = input.submissionDeadline;
    if (deadline.getTime() <= Date.now()) {
      throw BadUserInputError.field('submissionDeadline', 'must be in the future');
    }
    if (input.openingAt && input.openingAt.getTime() < deadline.getTime()) {
      throw BadUserInputError.field('openingAt', 'must not be before the submission deadline');
    }
    const bid = input.bidAmount != null ? parseMoney('bidAmount', input.bidAmount, 'positive') : null;
    const deposit = input.depositAmount != null ? parseMoney('depositAmount', input.depositAmount, 'positive') : null;
    const documents = this.checkDocuments(input.documents ?? []);
    const currency = await this.currency(ctx, branchId, input.currency);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, { noun: 'tender' });
    let customerId: string | null = null;
    if (input.customerId) {
      const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
      if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
      customerId = customer.id;
    }
    const tx = await ctx.tx();
    const { id } = await Tenders.insert(tx, {
      branchId,
      id: randomUUID(),
      project: input.project.trim(),
      issuer: input.issuer.trim(),
      customerId,
      ownerId,
      submissionDeadline: deadline,
      openingAt: input.openingAt,
      openingPlace: clean(input.openingPlace),
      scope: clean(input.scope),
      bidAmount: bid,
      currency,
      depositAmount: deposit,
      createdById: actor.userId,
    });
    if (documents.length) {
      await tx.query(
        `INSERT INTO tender_documents (branch_id, id, tender_id, name, required, due_on)
         SELECT $1, gen_random_uuid(), $2, x.n, x.r, x.d FROM unnest($3::text[], $4::boolean[], $5::date[]) AS x(n, r, d)`,
        [branchId, id, documents.map((d) => d.name), documents.map((d) => d.required), documents.map((d) => d.dueOn)],
      );
    }
    await refreshTenderReminders(tx, branchId, [id]);
    const tender = (await Tenders.find(tx, { branchId, id }))!;
    await writeAudit(ctx, { branchId, entity: 'tender', entityId: id, action: 'create', after: tender });
    return tender;
  }

  async update(ctx: RequestContext, id: string, input: UpdateTenderInput): Promise<Tender> {
    const bid = input.bidAmount != null ? parseMoney('bidAmount', input.bidAmount, 'positive') : undefined;
    const deposit =
      input.depositAmount != null ? parseMoney('depositAmount', input.depositAmount, 'positive') : undefined;
    const tx = await ctx.tx();
    const before = await Tenders.lock(ctx, id);
    if (before.state !== TenderState.PREPARING) {
      throw new InvalidStateError(`A tender in ${before.state} cannot be edited (only in PREPARING)`);
    }
    const deadline = input.submissionDeadline ?? before.submissionDeadline;
    if (input.submissionDeadline && deadline.getTime() <= Date.now()) {
      throw BadUserInputError.field('submissionDeadline', 'must be in the future');
    }
    const openingAt = input.openingAt ?? before.openingAt;
    if (openingAt && openingAt.getTime() < deadline.getTime()) {
      throw BadUserInputError.field('openingAt', 'must not be before the submission deadline');
    }
    const set: Values<Tender> = {
      project: input.project?.trim() ?? before.project,
      issuer: input.issuer?.trim() ?? before.issuer,
      submissionDeadline: deadline,
      openingAt,
      openingPlace: input.openingPlace !== undefined ? clean(input.openingPlace) : before.openingPlace,
      scope: input.scope !== undefined ? clean(input.scope) : before.scope,
      bidAmount: bid ?? before.bidAmount,
      depositAmount: deposit ?? before.depositAmount,
    };
    // A moved deadline moves the reminders (and their dedupe keys, which name the deadline).
    if (deadline.getTime() === before.submissionDeadline.getTime()) {
      return Tenders.change(ctx, before, set, 'update');
    }
    await Tenders.update(tx, Tenders.keyOf(before), set);
    await refreshTenderReminders(tx, before.branchId, [id]);
    const after = (await Tenders.find(tx, Tenders.keyOf(before)))!;
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'tender',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  async addDocument(ctx: RequestContext, input: AddTenderDocumentInput): Promise<TenderDocument> {
    const [doc] = this.checkDocuments([input]);
    const tx = await ctx.tx();
    const tender = await Tenders.lock(ctx, input.tenderId.toLowerCase());
    if (tender.state !== TenderState.PREPARING) {
      throw new InvalidStateError(`Documents are added while PREPARING; this tender is ${tender.state}`);
    }
    const after = await TenderDocuments.insert(tx, {
      branchId: tender.branchId,
      id: randomUUID(),
      tenderId: tender.id,
      ...doc,
    });
    await writeAudit(ctx, {
      branchId: tender.branchId,
      entity: 'tender_document',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  /** Marks a document ready (or not) while the tender is PREPARING. */
  async setDocumentReady(ctx: RequestContext, id: string, ready: boolean): Promise<TenderDocument> {
    const tx = await ctx.tx();
    const rows = await tx.query<TenderDocument & { state: TenderState }>(
      `SELECT ${TenderDocuments.cols('d')}, t.state
       FROM tender_documents d JOIN tenders t ON t.branch_id = d.branch_id AND t.id = d.tender_id
       WHERE d.branch_id = ANY($1::uuid[]) AND d.id = $2 FOR UPDATE OF d, t`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Tender document', id);
    const { state, ...before } = rows[0];
    if (state !== TenderState.PREPARING) {
      throw new InvalidStateError(`Documents change while PREPARING; this tender is ${state}`);
    }
    const after = await TenderDocuments.update(tx, TenderDocuments.keyOf(before), { ready });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'tender_document',
      entityId: id,
      action: ready ? 'ready' : 'not_ready',
      before,
      after,
    });
    return after;
  }

  /** PREPARING -> SUBMITTED, only with a bid amount and every required document ready. */
  async submit(ctx: RequestContext, id: string): Promise<Tender> {
    const tx = await ctx.tx();
    const before = await Tenders.lock(ctx, id);
    tenderTransition(before.state, 'SUBMIT');
    const missing = await tx.query<{ name: string }>(
      `SELECT name FROM tender_documents WHERE branch_id = $1 AND tender_id = $2 AND required AND NOT ready ORDER BY name`,
      [before.branchId, id],
    );
    if (missing.length) {
      throw new InvalidStateError(
        `A tender cannot move from PREPARING to SUBMITTED: required documents not ready: ${missing.map((m) => m.name).join(', ')}`,
      );
    }
    if (before.bidAmount === null) {
      throw new InvalidStateError('A tender cannot move from PREPARING to SUBMITTED without a bid amount');
    }
    return this.move(ctx, before, 'SUBMIT', { submittedAt: new Date() });
  }

  /** SUBMITTED -> WON (optionally with the contract it led to) or LOST (optionally naming the winner). */
  async recordResult(ctx: RequestContext, id: string, input: TenderResultInput): Promise<Tender> {
    const won = input.result === TenderResult.WON;
    if (won && input.winnerName != null) {
      throw BadUserInputError.field('winnerName', 'is recorded only when the tender is LOST');
    }
    if (!won && input.contractId != null) {
      throw BadUserInputError.field('contractId', 'is linked only when the tender is WON');
    }
    const before = await Tenders.lock(ctx, id);
    tenderTransition(before.state, won ? 'WIN' : 'LOSE');
    const contractId = input.contractId ? await this.contractOf(ctx, before, input.contractId) : null;
    return this.move(ctx, before, won ? 'WIN' : 'LOSE', {
      resultNotes: clean(input.notes) ?? null,
      winnerName: clean(input.winnerName) ?? null,
      contractId,
    });
  }

  /** Links the contract a WON tender led to (the contract usually follows the award). */
  async linkContract(ctx: RequestContext, id: string, contractId: string): Promise<Tender> {
    const before = await Tenders.lock(ctx, id);
    if (before.state !== TenderState.WON) {
      throw new InvalidStateError(`Only a WON tender leads to a contract; this tender is ${before.state}`);
    }
    const contract = await this.contractOf(ctx, before, contractId);
    return Tenders.change(ctx, before, { contractId: contract }, 'link_contract');
  }

  async withdraw(ctx: RequestContext, id: string, reason: string): Promise<Tender> {
    return this.close(ctx, id, 'WITHDRAW', reasonOf(reason));
  }

  async cancel(ctx: RequestContext, id: string, reason: string): Promise<Tender> {
    return this.close(ctx, id, 'CANCEL', reasonOf(reason));
  }

  async markDepositReturned(ctx: RequestContext, id: string): Promise<Tender> {
    const before = await Tenders.lock(ctx, id);
    if (before.depositAmount === null) throw new InvalidStateError('This tender has no deposit recorded');
    if (before.depositReturned) throw new InvalidStateError('The deposit of this tender is already returned');
    if (!CLOSED_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A deposit comes back once the tender is decided (${CLOSED_STATES.join(', ')}); this tender is ${before.state}`,
      );
    }
    return Tenders.change(ctx, before, { depositReturned: true }, 'deposit_returned');
  }

  // ---------- helpers ----------

  private async close(ctx: RequestContext, id: string, t: TenderTransition, why: string): Promise<Tender> {
    const before = await Tenders.lock(ctx, id);
    return this.move(ctx, before, t, { resultNotes: why });
  }

  private checkDocuments(docs: TenderDocumentInput[]): { name: string; required: boolean; dueOn: string | null }[] {
    const seen = new Set<string>();
    return docs.map((d, i) => {
      const name = d.name.trim();
      if (seen.has(name.toLowerCase())) {
        throw BadUserInputError.field(`documents[${i}].name`, `"${name}" is listed twice`);
      }
      seen.add(name.toLowerCase());
      return { name, required: d.required ?? true, dueOn: d.dueOn ?? null };
    });
  }

  /** A contract in scope of the tender's branch (else NOT_FOUND, like a random id), of its customer when it has one. */
  private async contractOf(ctx: RequestContext, tender: Tender, contractId: string): Promise<string> {
    const contract = await this.contracts.findOne(ctx, contractId.toLowerCase());
    if (!contract || contract.branchId !== tender.branchId) throw new NotFoundError('Contract', contractId);
    if (tender.customerId && contract.customerId !== tender.customerId) {
      throw BadUserInputError.field('contractId', 'is a contract of another customer than the tender’s');
    }
    return contract.id;
  }

  /** A state move after the guard; leaving PREPARING ends the deadline reminders. */
  private async move(ctx: RequestContext, before: Tender, t: TenderTransition, set: Values<Tender>): Promise<Tender> {
    const to = tenderTransition(before.state, t);
    return Tenders.change(
      ctx,
      before,
      { state: to, reminderDays: null, nextReminderAt: null, ...set },
      t.toLowerCase(),
    );
  }

  private async currency(ctx: RequestContext, branchId: string, given?: string | null): Promise<string> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    if (given != null && given.trim().toUpperCase() !== branch.currency) {
      throw BadUserInputError.field('currency', `tenders of this branch are in ${branch.currency}`);
    }
    return branch.currency;
  }
}
