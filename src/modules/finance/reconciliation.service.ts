import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, InvalidStateError, NotFoundError, clean, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { FilesService } from '../documents/files.service.js';
import {
  ReconciliationLines,
  ReconciliationStatements,
  type ReconciliationLine,
  type ReconciliationStatement,
} from './reconciliation.entity.js';
import { StatementState } from './reconciliation.enums.js';
import type { DisputeStatementInput, ReconciliationStatementFilter } from './reconciliation.types.js';

/**
 * Reconciliation statements (对账单) as finance reads and answers them: the customer signs a SENT statement back (its
 * scan uploaded through the documents module) or disputes it line by line; finance resolves each disputed line,
 * and the statement is RESOLVED once none is open. The worker generates them (ReconciliationGenerationService).
 */
@Injectable()
export class ReconciliationService {
  constructor(private readonly files: FilesService) {}

  findOne(ctx: RequestContext, id: string): Promise<ReconciliationStatement | null> {
    return ReconciliationStatements.findInScope(ctx, id);
  }

  /** Latest period first; head office gets every branch in one statement. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ReconciliationStatementFilter },
  ): Promise<ConnectionShape<ReconciliationStatement>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('partner_id', f.partnerId?.toLowerCase(), 'uuid')
      .eq('cadence', f.cadence)
      .eq('state', f.state)
      .eq('period_end', f.periodEnd, 'date');
    return keysetPage(ctx, args, {
      columns: ReconciliationStatements.cols(),
      from: 'reconciliation_statements',
      filter,
      order: {
        column: 'period_end',
        cast: 'date',
        desc: true,
        value: (s: ReconciliationStatement) => s.periodEnd,
      },
      map: ReconciliationStatements.map,
    });
  }

  /** The latest statements of many partners ("branchId:partnerId"), latest period first, in one statement. */
  partnerStatementsLoader(ctx: RequestContext, limit: number): DataLoader<string, ReconciliationStatement[]> {
    return ReconciliationStatements.childLoader(ctx, 'partnerId', 'x.period_end DESC, x.id DESC', { limit });
  }

  /** The lines of many statements ("branchId:statementId"), in position order, one statement per batch. */
  linesLoader(ctx: RequestContext): DataLoader<string, ReconciliationLine[]> {
    return ctx.loader(
      'finance.statementLines',
      () =>
        new DataLoader<string, ReconciliationLine[]>(async (keys) => {
          const [branchIds, statementIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<ReconciliationLine>(
            `SELECT l.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, statement_id)
             CROSS JOIN LATERAL (SELECT ${ReconciliationLines.cols('x')} FROM reconciliation_lines x
               WHERE x.branch_id = k.branch_id AND x.statement_id = k.statement_id ORDER BY x.position) l`,
            [branchIds, statementIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.statementId}`, ReconciliationLines.map);
        }),
    );
  }

  /** SENT -> SIGNED: the customer signed the statement; `fileId` is the uploaded scan (POST /files). */
  async sign(ctx: RequestContext, id: string, fileId: string): Promise<ReconciliationStatement> {
    const actor = ctx.requireActor();
    const before = await ReconciliationStatements.lock(ctx, id);
    this.answerable(before, StatementState.SIGNED);
    const file = await this.files.findOne(ctx, fileId);
    if (!file || file.branchId !== before.branchId) {
      throw BadUserInputError.field('fileId', 'is not a file of the statement’s branch that you may read');
    }
    return ReconciliationStatements.change(
      ctx,
      before,
      { state: StatementState.SIGNED, signedFileId: file.id, answeredById: actor.userId, answeredAt: new Date() },
      'signed',
    );
  }

  /** SENT -> DISPUTED: the customer disputes some lines, each with a reason. */
  async dispute(ctx: RequestContext, input: DisputeStatementInput): Promise<ReconciliationStatement> {
    const actor = ctx.requireActor();
    const before = await ReconciliationStatements.lock(ctx, input.statementId.toLowerCase());
    this.answerable(before, StatementState.DISPUTED);
    const lines = await this.linesLoader(ctx).load(`${before.branchId}:${before.id}`);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const seen = new Set<string>();
    const disputes = input.lines.map((d, i) => {
      const line = byId.get(d.lineId.toLowerCase());
      if (!line) throw BadUserInputError.field(`lines[${i}].lineId`, 'is not a line of this statement');
      if (seen.has(line.id)) throw BadUserInputError.field(`lines[${i}].lineId`, 'names a line a second time');
      seen.add(line.id);
      return { line, reason: clean(d.reason)! };
    });
    const tx = await ctx.tx();
    const now = new Date();
    for (const d of disputes) {
      await ReconciliationLines.update(tx, ReconciliationLines.keyOf(d.line), {
        disputeReason: d.reason,
        disputedAt: now,
      });
    }
    // The lines were loaded above for this request: the answer must show them disputed.
    this.linesLoader(ctx).clear(`${before.branchId}:${before.id}`);
    return ReconciliationStatements.change(
      ctx,
      before,
      { state: StatementState.DISPUTED, answeredById: actor.userId, answeredAt: now },
      'disputed',
    );
  }

  /** Finance resolves one disputed line; the statement is RESOLVED when no disputed line is left open. */
  async resolveLine(ctx: RequestContext, lineId: string, resolution: string): Promise<ReconciliationStatement> {
    const actor = ctx.requireActor();
    const text = clean(resolution);
    if (!text || text.length > 1000) throw BadUserInputError.field('resolution', 'must be 1 to 1000 characters');
    const tx = await ctx.tx();
    const line = await ReconciliationLines.findInScope(ctx, lineId);
    if (!line) throw new NotFoundError('StatementLine', lineId);
    // The statement first (the dispute locks it too): one order, no deadlock.
    const statement = await ReconciliationStatements.lock(ctx, line.statementId);
    const locked = (await ReconciliationLines.find(tx, ReconciliationLines.keyOf(line), { lock: true }))!;
    if (!locked.disputeReason) {
      throw new InvalidStateError('Only a disputed line can be resolved; this line is not disputed');
    }
    if (locked.resolvedAt) throw new InvalidStateError('The line’s dispute is resolved already');
    const now = new Date();
    const after = await ReconciliationLines.update(tx, ReconciliationLines.keyOf(locked), {
      resolution: text,
      resolvedById: actor.userId,
      resolvedAt: now,
    });
    await writeAudit(ctx, {
      branchId: line.branchId,
      entity: 'statementLine',
      entityId: line.id,
      action: 'resolved',
      before: locked,
      after,
    });
    const [open] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reconciliation_lines
       WHERE branch_id = $1 AND statement_id = $2 AND dispute_reason IS NOT NULL AND resolved_at IS NULL`,
      [statement.branchId, statement.id],
    );
    if (open.n > 0) return statement;
    return ReconciliationStatements.change(
      ctx,
      statement,
      { state: StatementState.RESOLVED, resolvedAt: now },
      'resolved',
    );
  }

  private answerable(s: ReconciliationStatement, to: StatementState): void {
    if (s.state !== StatementState.SENT) {
      throw new InvalidStateError(`A statement cannot move from ${s.state} to ${to}; only a SENT one can`);
    }
  }
}
