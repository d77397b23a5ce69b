import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  parseMoney,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { emitEvent } from '@app/jobs';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { InstalmentPaymentsService } from '../contracts/instalment-payments.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { KpiEventKind } from '../performance/kpi.enums.js';
import { ReceiptApplications, Receipts, type Receipt, type ReceiptApplication } from './receipt.entity.js';
import { ReceiptKind, ReceiptState } from './receipt.enums.js';
import type { ReceiptFilter } from './receipt.types.js';
import type { ApplyReceiptInput, ReceiptApplicationInput, RecordReceiptInput } from './dto/receipt.input.js';

/**
 * Receipts (回款): money finance records as received from a customer, applied to the customer's contract
 * instalments (partly, exactly, or with a rest that stays unapplied for later), and reversed with a reason when
 * recorded in error; never edited. Paying an instalment goes through the contracts module, which keeps its
 * paid amount and status; the receipt row is locked first, then each instalment in id order, so concurrent
 * applications neither over-apply nor deadlock.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly payments: InstalmentPaymentsService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Receipt | null> {
    return Receipts.findInScope(ctx, id);
  }

  /** Newest received first; head office gets every branch in one statement. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ReceiptFilter },
  ): Promise<ConnectionShape<Receipt>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('kind', f.kind)
      .eq('state', f.state);
    return keysetPage(ctx, args, {
      columns: Receipts.cols(),
      from: 'receipts',
      filter,
      order: { column: 'received_on', cast: 'date', desc: true, value: (r: Receipt) => r.receivedOn },
      map: Receipts.map,
    });
  }

  /** The applications of many receipts ("branchId:receiptId"), oldest first, in one statement per batch. */
  applicationsLoader(ctx: RequestContext): DataLoader<string, ReceiptApplication[]> {
    return ctx.loader(
      'finance.receiptApplications',
      () =>
        new DataLoader<string, ReceiptApplication[]>(async (keys) => {
          const [branchIds, receiptIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<ReceiptApplication>(
            `SELECT a.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, receipt_id)
             CROSS JOIN LATERAL (SELECT ${ReceiptApplications.cols('x')} FROM receipt_applications x
               WHERE x.branch_id = k.branch_id AND x.receipt_id = k.receipt_id ORDER BY x.applied_at, x.id) a`,
            [branchIds, receiptIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.receiptId}`, ReceiptApplications.map);
        }),
    );
  }

  // ---------- writes ----------

  async record(ctx: RequestContext, input: RecordReceiptInput): Promise<Receipt> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const amount = parseMoney('amount', input.amount, 'positive');
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    if (input.currency != null && input.currency.trim().toUpperCase() !== branch.currency) {
      throw BadUserInputError.field('currency', `receipts of this branch are in ${branch.currency}`);
    }
    if (input.receivedOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('receivedOn', 'cannot be in the future: record money after it arrived');
    }
    const bill = input.kind === ReceiptKind.BANK_ACCEPTANCE_BILL;
    if (bill && !input.maturityOn) {
      throw BadUserInputError.field('maturityOn', 'a bank acceptance bill needs its maturity day');
    }
    if (!bill && input.maturityOn) {
      throw BadUserInputError.field(
        'maturityOn',
        `only a bank acceptance bill has a maturity day, not a ${input.kind}`,
      );
    }
    if (input.maturityOn && input.maturityOn < input.receivedOn) {
      throw BadUserInputError.field('maturityOn', `must not be before the day it was received (${input.receivedOn})`);
    }
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    const tx = await ctx.tx();
    const receipt = await Receipts.insert(tx, {
      branchId,
      id: randomUUID(),
      kind: input.kind,
      customerId: customer.id,
      amount,
      currency: branch.currency,
      receivedOn: input.receivedOn,
      maturityOn: input.maturityOn ?? null,
      reference: input.reference.trim(),
      note: input.note?.trim() ?? null,
      recordedById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'receipt', entityId: receipt.id, action: 'create', after: receipt });
    if (!input.applications?.length) return receipt;
    return this.applyTo(ctx, tx, receipt, input.applications, 'applications');
  }

  async apply(ctx: RequestContext, input: ApplyReceiptInput): Promise<Receipt> {
    const tx = await ctx.tx();
    const receipt = await Receipts.lock(ctx, input.receiptId.toLowerCase());
    if (receipt.state !== ReceiptState.RECORDED) {
      throw new InvalidStateError(`A ${receipt.state} receipt cannot be applied; only a RECORDED one can`);
    }
    return this.applyTo(ctx, tx, receipt, input.applications, 'applications');
  }

  /**
   * RECORDED -> REVERSED: a receipt recorded in error. Its live applications come off their instalments (a PAID
   * one opens again and the contract scan reminds it), the receipt stays in the books with who, when and why.
   */
  async reverse(ctx: RequestContext, id: string, reason: string): Promise<Receipt> {
    const actor = ctx.requireActor();
    const why = reason.trim();
    if (why.length < 1 || why.length > 1000) throw BadUserInputError.field('reason', 'must be 1 to 1000 characters');
    const tx = await ctx.tx();
    const before = await Receipts.lock(ctx, id);
    if (before.state !== ReceiptState.RECORDED) {
      throw new InvalidStateError(`A receipt cannot move from ${before.state} to REVERSED`);
    }
    const live = await tx.query<ReceiptApplication>(
      `SELECT ${ReceiptApplications.cols()} FROM receipt_applications
       WHERE branch_id = $1 AND receipt_id = $2 AND reversed_at IS NULL ORDER BY instalment_id, id`,
      [before.branchId, before.id],
    );
    for (const a of live.map(ReceiptApplications.map)) {
      await this.payments.unpay(ctx, { instalmentId: a.instalmentId, amount: a.amount });
      // Collections take back what the application counted: same person and day, its own subject key.
      if (a.creditedTo) {
        await emitEvent(ctx, {
          kind: KpiEventKind.RECEIPT_APPLICATION_REVERSED,
          branchId: a.branchId,
          subjectId: reversalSubject(a.id),
          personId: a.creditedTo,
          day: before.receivedOn,
          amount: `-${a.amount}`,
        });
      }
    }
    await tx.query(
      `UPDATE receipt_applications SET reversed_at = now() WHERE branch_id = $1 AND receipt_id = $2 AND reversed_at IS NULL`,
      [before.branchId, before.id],
    );
    return Receipts.change(
      ctx,
      before,
      {
        state: ReceiptState.REVERSED,
        appliedAmount: '0',
        reversalReason: why,
        reversedById: actor.userId,
        reversedAt: new Date(),
      },
      'reversed',
    );
  }

  /** Applies parts of a locked RECORDED receipt: at most its unapplied balance in all, each at most an instalment's rest. */
  private async applyTo(
    ctx: RequestContext,
    tx: Tx,
    receipt: Receipt,
    applications: readonly ReceiptApplicationInput[],
    field: string,
  ): Promise<Receipt> {
    const actor = ctx.requireActor();
    const parts = applications.map((a, i) => ({
      index: i,
      instalmentId: a.instalmentId.toLowerCase(),
      amount: parseMoney(`${field}[${i}].amount`, a.amount, 'positive'),
    }));
    const seen = new Set<string>();
    for (const p of parts) {
      if (seen.has(p.instalmentId)) {
        throw BadUserInputError.field(`${field}[${p.index}].instalmentId`, 'names an instalment a second time');
      }
      seen.add(p.instalmentId);
    }
    const [sum] = await tx.query<{ total: string; over: boolean; unapplied: string }>(
      `SELECT sum(a)::text AS total, sum(a) > $2::numeric - $3::numeric AS over, ($2::numeric - $3::numeric)::text AS unapplied
       FROM unnest($1::numeric[]) AS a`,
      [parts.map((p) => p.amount), receipt.amount, receipt.appliedAmount],
    );
    if (sum.over) {
      throw BadUserInputError.field(
        field,
        `together ${sum.total} ${receipt.currency}, more than the ${sum.unapplied} still unapplied on this receipt`,
      );
    }
    // Instalments in id order: two receipts applied to the same instalments lock them in the same order.
    for (const p of [...parts].sort((a, b) => (a.instalmentId < b.instalmentId ? -1 : 1))) {
      const inst = await this.payments.lockInstalment(ctx, p.instalmentId);
      const where = `${field}[${p.index}].instalmentId`;
      if (inst.branchId !== receipt.branchId) {
        throw BadUserInputError.field(where, 'is an instalment of another branch than the receipt’s');
      }
      if (inst.customerId !== receipt.customerId) {
        throw BadUserInputError.field(where, 'is an instalment of another customer’s contract than the payer’s');
      }
      if (inst.currency !== receipt.currency) {
        throw BadUserInputError.field(where, `is due in ${inst.currency}, the receipt is in ${receipt.currency}`);
      }
      await this.payments.pay(ctx, inst, p.amount, receipt.receivedOn, `${field}[${p.index}].amount`);
      const application = await ReceiptApplications.insert(tx, {
        branchId: receipt.branchId,
        id: randomUUID(),
        receiptId: receipt.id,
        instalmentId: inst.id,
        contractId: inst.contractId,
        amount: p.amount,
        appliedById: actor.userId,
        creditedTo: inst.ownerId,
      });
      // Collections (a KPI): the contract owner's, on the day the money was received.
      await emitEvent(ctx, {
        kind: KpiEventKind.RECEIPT_APPLIED,
        branchId: receipt.branchId,
        subjectId: application.id,
        personId: inst.ownerId,
        day: receipt.receivedOn,
        amount: p.amount,
      });
    }
    await tx.query(
      `UPDATE receipts SET applied_amount = applied_amount + $3::numeric, updated_at = now()
       WHERE branch_id = $1 AND id = $2`,
      [receipt.branchId, receipt.id, sum.total],
    );
    const after = (await Receipts.find(tx, Receipts.keyOf(receipt)))!;
    await writeAudit(ctx, {
      branchId: receipt.branchId,
      entity: 'receipt',
      entityId: receipt.id,
      action: 'applied',
      before: receipt,
      after: { ...after, applied: parts.map(({ instalmentId, amount }) => ({ instalmentId, amount })) },
    });
    return after;
  }
}

/** The KPI subject of an application's reversal: derived from the application, so it is the same on every replay. */
export function reversalSubject(applicationId: string): string {
  const h = createHash('sha256').update(`receipt-application-reversal:${applicationId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
