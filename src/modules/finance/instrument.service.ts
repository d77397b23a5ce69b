import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  InvalidStateError,
  clean,
  startOfLocalDay,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import { InstrumentHandovers, type InstrumentHandover } from './instrument.entity.js';
import type { InstrumentBreach, RecordInstrumentHandoverInput } from './instrument.types.js';
import { Receipts } from './receipt.entity.js';
import { ReceiptKind, ReceiptState } from './receipt.enums.js';

/** The receipt kinds that are paper instruments someone receives and must hand to finance the same business day. */
export const INSTRUMENT_KINDS: readonly ReceiptKind[] = [
  ReceiptKind.CHEQUE,
  ReceiptKind.BANK_ACCEPTANCE_BILL,
  ReceiptKind.BANK_DRAFT,
];

/** SQL: the instrument kinds as a literal list. */
const KINDS_SQL = INSTRUMENT_KINDS.map((k) => `'${k}'`).join(', ');

/**
 * Instruments handed to finance (支票、承兑汇票、银行汇票当日交财务): finance records who handed a receipt's
 * instrument over and when; a breach is an instrument whose receiving day (branch time zone) closed before it was
 * handed over. The worker tells each breach once (instrument.jobs.ts).
 */
@Injectable()
export class InstrumentService {
  constructor(private readonly branches: BranchesService) {}

  async recordHandover(ctx: RequestContext, input: RecordInstrumentHandoverInput): Promise<InstrumentHandover> {
    const actor = ctx.requireActor();
    const receipt = await Receipts.lock(ctx, input.receiptId.toLowerCase());
    if (!INSTRUMENT_KINDS.includes(receipt.kind)) {
      throw BadUserInputError.field('receiptId', `is a ${receipt.kind} receipt: only instruments are handed over`);
    }
    if (receipt.state !== ReceiptState.RECORDED) {
      throw new InvalidStateError(`A ${receipt.state} receipt’s instrument cannot be handed over; only a RECORDED one`);
    }
    const tx = await ctx.tx();
    if (await InstrumentHandovers.find(tx, { branchId: receipt.branchId, receiptId: receipt.id })) {
      throw new ConflictError('This instrument’s hand-over is recorded already');
    }
    if (!(await this.branches.memberRole(ctx, receipt.branchId, input.handedById.toLowerCase()))) {
      throw BadUserInputError.field('handedById', 'is not a person of the receipt’s branch');
    }
    const branch = await this.branches.branch(ctx, receipt.branchId);
    const handedAt = input.handedAt ?? new Date();
    if (handedAt.getTime() > Date.now() + 60_000) throw BadUserInputError.field('handedAt', 'cannot be in the future');
    if (handedAt < startOfLocalDay(receipt.receivedOn, branch!.timeZone)) {
      throw BadUserInputError.field('handedAt', `cannot be before the day it was received (${receipt.receivedOn})`);
    }
    const handover = await InstrumentHandovers.insert(tx, {
      branchId: receipt.branchId,
      id: randomUUID(),
      receiptId: receipt.id,
      handedById: input.handedById.toLowerCase(),
      acceptedById: actor.userId,
      handedAt,
      note: clean(input.note) ?? null,
    });
    await writeAudit(ctx, {
      branchId: receipt.branchId,
      entity: 'instrumentHandover',
      entityId: handover.id,
      action: 'create',
      after: handover,
    });
    return handover;
  }

  /** The hand-over of many receipts ("branchId:receiptId"), null where none, one statement per batch. */
  handoverLoader(ctx: RequestContext): DataLoader<string, InstrumentHandover | null> {
    return ctx.loader(
      'finance.instrumentHandovers',
      () =>
        new DataLoader<string, InstrumentHandover | null>(async (keys) => {
          const [branchIds, receiptIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<InstrumentHandover>(
            `SELECT ${InstrumentHandovers.cols('h')} FROM instrument_handovers h
             JOIN unnest($1::uuid[], $2::uuid[]) AS k(branch_id, receipt_id)
               ON h.branch_id = k.branch_id AND h.receipt_id = k.receipt_id`,
            [branchIds, receiptIds],
          );
          const byKey = new Map(rows.map(InstrumentHandovers.map).map((h) => [`${h.branchId}:${h.receiptId}`, h]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /** Instruments whose receiving day closed before they were handed over, latest day first; head office all branches. */
  breaches(
    ctx: RequestContext,
    args: { branchId?: string; first?: number; after?: string },
  ): Promise<ConnectionShape<InstrumentBreach>> {
    const filter = new SqlFilter().branches(ctx, args.branchId, 'b."branchId"');
    const inner = `SELECT r.branch_id AS "branchId", r.id, r.customer_id AS "customerId", r.kind, r.amount::text AS amount,
        r.currency, r.reference, r.received_on AS day, r.received_on::text AS "receivedOn", sb.deadline, h.handed_at AS "handedAt",
        h.handed_by AS "handedById", x.notified_at AS "notifiedAt"
      FROM receipts r
      CROSS JOIN LATERAL (SELECT ((r.received_on + 1)::timestamp AT TIME ZONE s.time_zone) AS deadline
                          FROM scope_branches s WHERE s.id = r.branch_id) sb
      LEFT JOIN instrument_handovers h ON h.branch_id = r.branch_id AND h.receipt_id = r.id
      LEFT JOIN instrument_breaches x ON x.branch_id = r.branch_id AND x.id = r.id
      WHERE r.kind IN (${KINDS_SQL}) AND r.state = 'RECORDED' AND sb.deadline <= now()
        AND (h.handed_at IS NULL OR h.handed_at >= sb.deadline)`;
    return keysetPage<InstrumentBreach, InstrumentBreach>(ctx, args, {
      columns: `b."branchId", b.id, b."customerId", b.kind, b.amount, b.currency, b.reference, b."receivedOn", b.deadline,
        b."handedAt", b."handedById", b."notifiedAt"`,
      from: `(${inner}) b`,
      filter,
      order: { column: 'b.day', cast: 'date', desc: true, idColumn: 'b.id', value: (n) => n.receivedOn },
      map: (r) => r,
    });
  }
}
