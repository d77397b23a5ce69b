import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { BadUserInputError, ConflictError, fromMilli, milli, type RequestContext } from '@app/core';
import { ContractLines, type ContractLine } from './contract-line.entity.js';

/** One order line's claim on a contract line: `index` is the order line's place in the input (for the error's field). */
export interface ContractDraw {
  index: number;
  contractLineId: string;
  quantity: string;
}

/** An order would hold more of a contract line than was contracted: names the line and the three quantities. */
export class OverContractError extends ConflictError {
  constructor(
    readonly line: ContractLine,
    readonly requested: string,
  ) {
    super(
      `Contract line ${line.position} ("${line.description}") has ${fromMilli(milli(line.quantity) - milli(line.ordered))} ` +
        `left to order: ${line.quantity} contracted, ${line.ordered} ordered already, ${requested} requested`,
    );
  }

  override get extensions(): Record<string, unknown> {
    return {
      reason: 'OVER_CONTRACT',
      contractLineId: this.line.id,
      contracted: this.line.quantity,
      ordered: this.line.ordered,
      requested: this.requested,
    };
  }
}

/**
 * The lines of a contract (copied from the accepted quote it was made from) and what orders hold of them. Orders draw
 * them down through `draw` and give back through `release`, in the order's transaction; both lock the lines in id
 * order (no deadlock between two orders naming the same lines), and the table's CHECK keeps ordered <= contracted.
 */
@Injectable()
export class ContractLinesService {
  /** The lines of many contracts ("branchId:contractId" keys) in one statement, in position order. */
  linesLoader(ctx: RequestContext): DataLoader<string, ContractLine[]> {
    return ContractLines.childLoader(ctx, 'contractId', 'x.position');
  }

  /** The lines of one contract as they are now (read again, not from an earlier load of this request). */
  linesOf(ctx: RequestContext, branchId: string, contractId: string): Promise<ContractLine[]> {
    const key = `${branchId}:${contractId}`;
    return this.linesLoader(ctx).clear(key).load(key);
  }

  /** The quote's lines become the contract's, in the contract's transaction (both of the same branch). */
  async copyFromQuote(ctx: RequestContext, contract: { branchId: string; id: string }, quoteId: string): Promise<void> {
    const tx = await ctx.tx();
    await tx.query(
      `INSERT INTO contract_lines (branch_id, id, contract_id, quote_line_id, position, kind, description, quantity,
         unit_price, discount_percent, net_unit_price, line_total, organization_id, product_id)
       SELECT l.branch_id, gen_random_uuid(), $2, l.id, l.position, l.kind, l.description, l.quantity, l.unit_price,
         l.discount_percent, round(l.unit_price * (100 - l.discount_percent) / 100, 2), l.line_total,
         l.organization_id, l.product_id
       FROM quote_lines l WHERE l.branch_id = $1 AND l.quote_id = $3`,
      [contract.branchId, contract.id, quoteId],
    );
  }

  /**
   * Moves what orders hold of the contract lines, all or nothing: gives back `release` (an order cancelled, rejected,
   * or its lines replaced) and adds `draw` (the order's new lines). Every line named is locked first, in id order
   * (two orders naming the same lines never deadlock). A line of another contract is BAD_USER_INPUT naming
   * `lines[i].contractLineId`; more than a line has left is OverContractError (CONFLICT, reason OVER_CONTRACT), and
   * the caller's transaction rolls back whatever it wrote.
   */
  async change(
    ctx: RequestContext,
    branchId: string,
    contractId: string | null,
    { release = [], draw = [] }: { release?: Omit<ContractDraw, 'index'>[]; draw?: ContractDraw[] },
  ): Promise<void> {
    if (!release.length && !draw.length) return;
    const ids = [...new Set([...release, ...draw].map((d) => d.contractLineId))].sort();
    const tx = await ctx.tx();
    // NO KEY UPDATE: order lines referencing the row (their foreign key's KEY SHARE) do not wait on it.
    const rows = await tx.query<ContractLine>(
      `SELECT ${ContractLines.cols('x')} FROM contract_lines x WHERE x.branch_id = $1 AND x.id = ANY($2::uuid[])
       ORDER BY x.id FOR NO KEY UPDATE`,
      [branchId, ids],
    );
    const lines = new Map(rows.map((r) => [r.id, ContractLines.map(r)]));
    const delta = new Map<string, bigint>();
    const asked = new Map<string, bigint>();
    for (const d of release) delta.set(d.contractLineId, (delta.get(d.contractLineId) ?? 0n) - milli(d.quantity));
    for (const d of draw) {
      const line = lines.get(d.contractLineId);
      if (!line || line.contractId !== contractId) {
        throw BadUserInputError.field(`lines[${d.index}].contractLineId`, 'is not a line of the order’s contract');
      }
      delta.set(line.id, (delta.get(line.id) ?? 0n) + milli(d.quantity));
      asked.set(line.id, (asked.get(line.id) ?? 0n) + milli(d.quantity));
    }
    for (const [id, q] of asked) {
      const line = lines.get(id)!;
      const before = milli(line.ordered) + (delta.get(id) ?? 0n) - q; // what the line holds without this draw
      if (before + q > milli(line.quantity)) {
        throw new OverContractError({ ...line, ordered: fromMilli(before) }, fromMilli(q));
      }
    }
    const changed = [...delta].filter(([, q]) => q !== 0n);
    if (!changed.length) return;
    await tx.query(
      `UPDATE contract_lines c SET ordered = c.ordered + d.q
       FROM unnest($2::uuid[], $3::numeric[]) AS d(id, q) WHERE c.branch_id = $1 AND c.id = d.id`,
      [branchId, changed.map(([id]) => id), changed.map(([, q]) => fromMilli(q))],
    );
  }
}
