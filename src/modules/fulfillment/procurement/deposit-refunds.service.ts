import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  compareMoney,
  localDate,
  parseMoney,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { checkText } from '../fulfillment-rules.js';
import { DepositRefundState } from './deposit-refund.enums.js';
import { PurchaseDepositRefundReceipts } from './deposit-refund.entity.js';
import type {
  PurchaseDepositRefund,
  PurchaseDepositRefundFilter,
  RecordDepositRefundInput,
} from './deposit-refund.types.js';
import { PurchaseContractState } from './procurement.enums.js';
import { ProcurementConflict } from './procurement-rules.js';
import { ProcurementRequestsService } from './procurement-requests.service.js';
import { PurchaseContracts } from './purchase-contract.entity.js';

/** A cancelled contract with a deposit paid, and its refund receipt if any: one row of the list. */
const COLUMNS = `c.branch_id AS "branchId", c.id, c.number AS "contractNumber", c.vendor_id AS "supplierId", c.currency,
  c.deposit_paid::text AS "amountDue", c.deposit_paid_on::text AS "depositPaidOn", c.cancelled_at AS "cancelledAt",
  c.cancel_reason AS "cancelReason", ${PurchaseDepositRefundReceipts.colsPrefixed('r', 'r_')}`;
const FROM = `purchase_contracts c
  LEFT JOIN purchase_deposit_refunds r ON r.branch_id = c.branch_id AND r.contract_id = c.id`;
const DUE_SQL = `c.state = 'CANCELLED' AND c.deposit_paid IS NOT NULL`;

function toRefund(row: Record<string, unknown>): PurchaseDepositRefund {
  const receipt = row.r_id ? PurchaseDepositRefundReceipts.mapPrefixed(row, 'r_') : null;
  return {
    branchId: row.branchId as string,
    id: row.id as string,
    contractNumber: row.contractNumber as string,
    supplierId: row.supplierId as string,
    currency: row.currency as string,
    amountDue: row.amountDue as string,
    depositPaidOn: row.depositPaidOn as string,
    cancelledAt: row.cancelledAt as Date,
    cancelReason: row.cancelReason as string,
    state: receipt ? DepositRefundState.RECEIVED : DepositRefundState.DUE,
    receipt,
  };
}

/**
 * Deposits to collect back (DOMAIN.md section 5: purchase contract with deposit): a purchase contract cancelled after
 * finance recorded its deposit owes that deposit back; finance sees it DUE, and its receipt of the supplier's refund
 * (exactly the deposit paid) closes it, once.
 */
@Injectable()
export class DepositRefundsService {
  constructor(private readonly requests: ProcurementRequestsService) {}

  /** Newest cancellation first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PurchaseDepositRefundFilter },
  ): Promise<ConnectionShape<PurchaseDepositRefund>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId, 'c.branch_id')
      .where(DUE_SQL)
      .eq('c.vendor_id', f.supplierId?.toLowerCase(), 'uuid');
    if (f.state) filter.where(f.state === DepositRefundState.DUE ? 'r.id IS NULL' : 'r.id IS NOT NULL');
    return keysetPage(ctx, args, {
      columns: COLUMNS,
      from: FROM,
      filter,
      order: {
        column: 'c.cancelled_at',
        cast: 'timestamptz',
        desc: true,
        idColumn: 'c.id',
        value: (r: PurchaseDepositRefund) => r.cancelledAt,
      },
      map: toRefund,
    });
  }

  /** The refund of one contract, or null when none is owed (not cancelled, or no deposit paid) or out of reach. */
  async findOne(ctx: RequestContext, contractId: string): Promise<PurchaseDepositRefund | null> {
    const tx = await ctx.tx();
    const filter = new SqlFilter().branches(ctx, null, 'c.branch_id').where(DUE_SQL).eq('c.id', contractId, 'uuid');
    const [row] = await tx.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${filter.sql}`,
      filter.params,
    );
    return row ? toRefund(row) : null;
  }

  /** Finance received the supplier's refund: the deposit paid, once, on a day between the cancellation and today. */
  async record(
    ctx: RequestContext,
    contractId: string,
    input: RecordDepositRefundInput,
  ): Promise<PurchaseDepositRefund> {
    const amount = parseMoney('amount', input.amount, 'positive');
    const note = checkText('note', input.note, 2000);
    const contract = await PurchaseContracts.lock(ctx, contractId.toLowerCase());
    if (contract.state !== PurchaseContractState.CANCELLED) {
      throw new InvalidStateError(
        `Purchase contract ${contract.number} is ${contract.state}: a deposit refund is received only once it is ` +
          'CANCELLED',
      );
    }
    if (!contract.depositPaid || !contract.depositPaidOn || !contract.cancelledAt) {
      throw new ProcurementConflict(
        'NO_DEPOSIT_PAID',
        `Purchase contract ${contract.number} was cancelled before any deposit was paid: there is nothing to refund`,
        { contractNumber: contract.number },
      );
    }
    const tx = await ctx.tx();
    const [done] = await tx.query<{ receivedOn: string }>(
      `SELECT received_on::text AS "receivedOn" FROM purchase_deposit_refunds WHERE branch_id = $1 AND contract_id = $2`,
      [contract.branchId, contract.id],
    );
    if (done) {
      throw new ProcurementConflict(
        'REFUND_ALREADY_RECEIVED',
        `The deposit refund of purchase contract ${contract.number} is RECEIVED already (on ${done.receivedOn}): ` +
          'it cannot move from RECEIVED to RECEIVED again',
        { contractNumber: contract.number, receivedOn: done.receivedOn },
      );
    }
    if (compareMoney(amount, contract.depositPaid) !== 0) {
      throw BadUserInputError.field(
        'amount',
        `must be the deposit paid, ${contract.depositPaid} ${contract.currency} (the refund is recorded in full)`,
      );
    }
    const branch = await this.requests.branch(ctx, contract.branchId);
    const cancelledOn = localDate(contract.cancelledAt, branch.timeZone);
    if (input.receivedOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('receivedOn', 'must not be in the future (the branch’s today)');
    }
    if (input.receivedOn < cancelledOn) {
      throw BadUserInputError.field('receivedOn', `must not be before the contract was cancelled (${cancelledOn})`);
    }
    const receipt = await PurchaseDepositRefundReceipts.insert(tx, {
      branchId: contract.branchId,
      id: randomUUID(),
      contractId: contract.id,
      amount,
      receivedOn: input.receivedOn,
      note,
      recordedById: ctx.requireActor().userId,
    });
    await writeAudit(ctx, {
      branchId: contract.branchId,
      entity: 'purchaseDepositRefund',
      entityId: contract.id,
      action: 'received',
      before: { state: DepositRefundState.DUE, amountDue: contract.depositPaid },
      after: { state: DepositRefundState.RECEIVED, ...receipt },
    });
    const refund = await this.findOne(ctx, contract.id);
    if (!refund) throw new NotFoundError('PurchaseDepositRefund', contract.id);
    return refund;
  }
}
