import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { CustomersService } from '../customers/customers.service.js';
import {
  DOCUMENT_COLUMNS,
  TENDER_COLUMNS,
  checkMoney,
  refreshTenderReminders,
  toDocument,
  toTender,
  type DocumentRow,
  type TenderRow,
} from './tender-rows.js';
import { CLOSED_STATES, TenderState, tenderTransition, type TenderTransition } from './tender-state.js';
import { TenderResult, type Tender, type TenderDocument, type TenderFilter } from './tender.types.js';
import type {
  AddTenderDocumentInput,
  CreateTenderInput,
  TenderDocumentInput,
  TenderResultInput,
  UpdateTenderInput,
} from './dto/tender.input.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

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

  async findOne(ctx: RequestContext, id: string): Promise<Tender | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<TenderRow>(
      `SELECT ${TENDER_COLUMNS} FROM tenders WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toTender(rows[0]) : null;
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
      columns: TENDER_COLUMNS,
      from: 'tenders',
      filter,
      order: { column: 'submission_deadline', cast: 'timestamptz', value: (t: Tender) => t.submissionDeadline },
      map: toTender,
    });
  }

  /** The documents of many tenders ("branchId:tenderId" keys) in one statement. */
  documentsLoader(ctx: RequestContext): DataLoader<string, TenderDocument[]> {
    return ctx.loader(
      'tenders.documents',
      () =>
        new DataLoader<string, TenderDocument[]>(async (keys) => {
          const [branchIds, tenderIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<DocumentRow>(
            `SELECT d.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, tender_id)
             CROSS JOIN LATERAL (SELECT ${DOCUMENT_COLUMNS} FROM tender_documents x
               WHERE x.branch_id = k.branch_id AND x.tender_id = k.tender_id ORDER BY created_at, name) d`,
            [branchIds, tenderIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.tender_id}`, toDocument);
        }),
    );
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
    const bid = input.bidAmount != null ? checkMoney('bidAmount', input.bidAmount) : null;
    const deposit = input.depositAmount != null ? checkMoney('depositAmount', input.depositAmount) : null;
    const documents = this.checkDocuments(input.documents ?? []);
    const currency = await this.currency(ctx, branchId, input.currency);
    const ownerId = (input.ownerId ?? actor.userId).toLowerCase();
    if (ctx.ownOnly && ownerId !== actor.userId) {
      throw new ForbiddenError('A sales representative owns the tenders they create; leave ownerId out');
    }
    if (actor.headOffice && !input.ownerId) {
      throw BadUserInputError.field('ownerId', 'head office must name the person of the branch who owns the tender');
    }
    if (!(await this.branches.memberRole(ctx, branchId, ownerId))) {
      throw BadUserInputError.field('ownerId', 'must be a person of the tender’s branch');
    }
    let customerId: string | null = null;
    if (input.customerId) {
      const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
      if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
      customerId = customer.id;
    }
    const tx = await ctx.tx();
    const id = randomUUID();
    await tx.query(
      `INSERT INTO tenders (branch_id, id, project, issuer, customer_id, owner_id, submission_deadline, opening_at,
         opening_place, scope, bid_amount, currency, deposit_amount, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        branchId,
        id,
        input.project.trim(),
        input.issuer.trim(),
        customerId,
        ownerId,
        deadline,
        input.openingAt ?? null,
        clean(input.openingPlace),
        clean(input.scope),
        bid,
        currency,
        deposit,
        actor.userId,
      ],
    );
    if (documents.length) {
      await tx.query(
        `INSERT INTO tender_documents (branch_id, id, tender_id, name, required, due_on)
         SELECT $1, gen_random_uuid(), $2, x.n, x.r, x.d FROM unnest($3::text[], $4::boolean[], $5::date[]) AS x(n, r, d)`,
        [branchId, id, documents.map((d) => d.name), documents.map((d) => d.required), documents.map((d) => d.dueOn)],
      );
    }
    await refreshTenderReminders(tx, branchId, [id]);
    const tender = await this.lockKey(tx, branchId, id);
    await writeAudit(ctx, { branchId, entity: 'tender', entityId: id, action: 'create', after: tender });
    return tender;
  }

  async update(ctx: RequestContext, id: string, input: UpdateTenderInput): Promise<Tender> {
    const bid = input.bidAmount != null ? checkMoney('bidAmount', input.bidAmount) : undefined;
    const deposit = input.depositAmount != null ? checkMoney('depositAmount', input.depositAmount) : undefined;
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
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
    await tx.query(
      `UPDATE tenders SET project = $3, issuer = $4, submission_deadline = $5, opening_at = $6, opening_place = $7,
         scope = $8, bid_amount = $9, deposit_amount = $10, updated_at = now()
       WHERE branch_id = $1 AND id = $2`,
      [
        before.branchId,
        id,
        input.project?.trim() ?? before.project,
        input.issuer?.trim() ?? before.issuer,
        deadline,
        openingAt,
        input.openingPlace !== undefined ? clean(input.openingPlace) : before.openingPlace,
        input.scope !== undefined ? clean(input.scope) : before.scope,
        bid ?? before.bidAmount,
        deposit ?? before.depositAmount,
      ],
    );
    // A moved deadline moves the reminders (and their dedupe keys, which name the deadline).
    if (deadline.getTime() !== before.submissionDeadline.getTime()) {
      await refreshTenderReminders(tx, before.branchId, [id]);
    }
    const after = await this.lockKey(tx, before.branchId, id);
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
    const tender = await this.lock(ctx, tx, input.tenderId.toLowerCase());
    if (tender.state !== TenderState.PREPARING) {
      throw new InvalidStateError(`Documents are added while PREPARING; this tender is ${tender.state}`);
    }
    const rows = await tx.query<DocumentRow>(
      `INSERT INTO tender_documents (branch_id, id, tender_id, name, required, due_on)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${DOCUMENT_COLUMNS}`,
      [tender.branchId, randomUUID(), tender.id, doc.name, doc.required, doc.dueOn],
    );
    const after = toDocument(rows[0]);
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
    const rows = await tx.query<DocumentRow & { state: TenderState }>(
      `SELECT ${DOCUMENT_COLUMNS.split(', ')
        .map((c) => `d.${c}`)
        .join(', ')}, t.state
       FROM tender_documents d JOIN tenders t ON t.branch_id = d.branch_id AND t.id = d.tender_id
       WHERE d.branch_id = ANY($1::uuid[]) AND d.id = $2 FOR UPDATE OF d, t`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Tender document', id);
    if (rows[0].state !== TenderState.PREPARING) {
      throw new InvalidStateError(`Documents change while PREPARING; this tender is ${rows[0].state}`);
    }
    const before = toDocument(rows[0]);
    const updated = await tx.query<DocumentRow>(
      `UPDATE tender_documents SET ready = $3, updated_at = now() WHERE branch_id = $1 AND id = $2
       RETURNING ${DOCUMENT_COLUMNS}`,
      [before.branchId, id, ready],
    );
    const after = toDocument(updated[0]);
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
    const before = await this.lock(ctx, tx, id);
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
    return this.move(ctx, tx, before, 'SUBMIT', { submitted_at: new Date() });
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
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    tenderTransition(before.state, won ? 'WIN' : 'LOSE');
    const contractId = input.contractId ? await this.contractOf(ctx, before, input.contractId) : null;
    return this.move(ctx, tx, before, won ? 'WIN' : 'LOSE', {
      result_notes: clean(input.notes),
      winner_name: clean(input.winnerName),
      contract_id: contractId,
    });
  }

  /** Links the contract a WON tender led to (the contract usually follows the award). */
  async linkContract(ctx: RequestContext, id: string, contractId: string): Promise<Tender> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    if (before.state !== TenderState.WON) {
      throw new InvalidStateError(`Only a WON tender leads to a contract; this tender is ${before.state}`);
    }
    const contract = await this.contractOf(ctx, before, contractId);
    return this.change(ctx, tx, before, 'link_contract', { contract_id: contract });
  }

  async withdraw(ctx: RequestContext, id: string, reason: string): Promise<Tender> {
    return this.close(ctx, id, 'WITHDRAW', reasonOf(reason));
  }

  async cancel(ctx: RequestContext, id: string, reason: string): Promise<Tender> {
    return this.close(ctx, id, 'CANCEL', reasonOf(reason));
  }

  async markDepositReturned(ctx: RequestContext, id: string): Promise<Tender> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    if (before.depositAmount === null) throw new InvalidStateError('This tender has no deposit recorded');
    if (before.depositReturned) throw new InvalidStateError('The deposit of this tender is already returned');
    if (!CLOSED_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A deposit comes back once the tender is decided (${CLOSED_STATES.join(', ')}); this tender is ${before.state}`,
      );
    }
    return this.change(ctx, tx, before, 'deposit_returned', { deposit_returned: true });
  }

  // ---------- helpers ----------

  private async close(ctx: RequestContext, id: string, t: TenderTransition, why: string): Promise<Tender> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    return this.move(ctx, tx, before, t, { result_notes: why });
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

  /** Locks and returns a tender in scope, or NOT_FOUND (the same for another branch's or a colleague's). */
  private async lock(ctx: RequestContext, tx: Tx, id: string): Promise<Tender> {
    const rows = await tx.query<TenderRow>(
      `SELECT ${TENDER_COLUMNS} FROM tenders WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Tender', id);
    return toTender(rows[0]);
  }

  private async lockKey(tx: Tx, branchId: string, id: string): Promise<Tender> {
    const rows = await tx.query<TenderRow>(`SELECT ${TENDER_COLUMNS} FROM tenders WHERE branch_id = $1 AND id = $2`, [
      branchId,
      id,
    ]);
    return toTender(rows[0]);
  }

  /** A state move after the guard; leaving PREPARING ends the deadline reminders. */
  private async move(
    ctx: RequestContext,
    tx: Tx,
    before: Tender,
    t: TenderTransition,
    set: Record<string, unknown>,
  ): Promise<Tender> {
    const to = tenderTransition(before.state, t);
    return this.change(ctx, tx, before, t.toLowerCase(), {
      state: to,
      reminder_days: null,
      next_reminder_at: null,
      ...set,
    });
  }

  private async change(
    ctx: RequestContext,
    tx: Tx,
    before: Tender,
    action: string,
    set: Record<string, unknown>,
  ): Promise<Tender> {
    const cols = Object.keys(set);
    const rows = await tx.query<TenderRow>(
      `UPDATE tenders SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${TENDER_COLUMNS}`,
      [before.branchId, before.id, ...Object.values(set)],
    );
    const after = toTender(rows[0]);
    await writeAudit(ctx, { branchId: after.branchId, entity: 'tender', entityId: after.id, action, before, after });
    return after;
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
