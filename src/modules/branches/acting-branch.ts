import { BadUserInputError, ForbiddenError, NotFoundError, type RequestContext } from '@app/core';

/**
 * The branch a write goes to: a branch user writes to their own branch; a head-office user names
 * it (or has narrowed the request to one branch with X-Branch-Id).
 */
export function actingBranch(ctx: RequestContext, requested?: string): string {
  const actor = ctx.requireActor();
  const wanted = requested?.toLowerCase();
  if (actor.headOffice) {
    if (!wanted) {
      if (ctx.singleBranchId) return ctx.singleBranchId;
      throw BadUserInputError.field('branchId', 'head office must say which branch this is for');
    }
    if (!ctx.branchIds.includes(wanted)) throw new NotFoundError('Branch', requested!);
    return wanted;
  }
  const own = ctx.branchIds[0];
  if (wanted && wanted !== own) throw new ForbiddenError('You can only write to your own branch');
  return own;
}
