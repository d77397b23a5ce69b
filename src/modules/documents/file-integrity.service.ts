import { Injectable } from '@nestjs/common';
import { InvalidStateError, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { FileChecks, FileIntegrityProblems, type FileIntegrityProblem } from './file-integrity.entity.js';
import type { FileIntegrityProblemFilter } from './file-integrity.types.js';

/** What the integrity scan found, for the archivist, the branch's managers and head office; and its resolution. */
@Injectable()
export class FileIntegrityService {
  /** Problems in scope, newest first; head office every branch (or one by `branchId`). */
  async problems(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: FileIntegrityProblemFilter },
  ): Promise<ConnectionShape<FileIntegrityProblem>> {
    const filter = new SqlFilter().branches(ctx, args.filter?.branchId);
    if (args.filter?.open === true) filter.where('resolved_at IS NULL');
    if (args.filter?.open === false) filter.where('resolved_at IS NOT NULL');
    return keysetPage(ctx, args, {
      columns: FileIntegrityProblems.cols(),
      from: 'file_integrity_problems',
      filter,
      order: {
        column: 'found_at',
        cast: 'timestamptz',
        desc: true,
        value: (p: FileIntegrityProblem) => p.foundAt,
      },
      map: FileIntegrityProblems.map,
    });
  }

  /**
   * Records how an open problem was resolved (audited) and makes its file due for a check at once: if the bytes
   * are still wrong, the next scan opens a new problem.
   */
  async resolve(ctx: RequestContext, id: string, resolution: string): Promise<FileIntegrityProblem> {
    const before = await FileIntegrityProblems.lock(ctx, id);
    if (before.resolvedAt) {
      throw new InvalidStateError(`The problem was already resolved on ${before.resolvedAt.toISOString()}`);
    }
    const after = await FileIntegrityProblems.change(
      ctx,
      before,
      { resolvedAt: new Date(), resolvedById: ctx.requireActor().userId, resolution },
      'resolved',
    );
    await FileChecks.update(
      await ctx.tx(),
      { branchId: before.branchId, fileId: before.fileId },
      { dueAt: new Date() },
    );
    return after;
  }
}
