import { BadUserInputError, ForbiddenError, NotFoundError, type RequestContext } from '@app/core';
import { can, type Permission, type Role } from './roles.js';

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

/** What the owner rule needs to know about the thing owned. */
export interface Owned {
  /** The thing, for messages: "customer", "visit". */
  noun: string;
  /** The permission that lets someone other than a sales representative create it for another person. */
  assign?: Permission;
  /** A permission the owner must hold (a visit's owner must be someone who makes visits). */
  ownerMay?: Permission;
  /** The input field that names the owner. */
  field?: string;
}

/** The branches service's one method the owner rule reads (an interface, so no import cycle). */
interface Members {
  memberRole(ctx: RequestContext, branchId: string, userId: string): Promise<Role | undefined>;
}

/**
 * The owner of a new row, one rule for every module: a sales representative owns what they create and may not name
 * someone else; head office must name the owner; anyone else owns it unless they name someone (with `assign`, when
 * the thing has one); the owner is a person of the branch. Returns the owner's id.
 */
export async function actingOwner(
  ctx: RequestContext,
  branches: Members,
  branchId: string,
  requested: string | null | undefined,
  owned: Owned,
): Promise<string> {
  const actor = ctx.requireActor();
  const field = owned.field ?? 'ownerId';
  const ownerId = (requested ?? actor.userId).toLowerCase();
  if (ctx.ownOnly && ownerId !== actor.userId) {
    throw new ForbiddenError(`A sales representative owns the ${owned.noun}s they create; leave ${field} out`);
  }
  if (actor.headOffice && !requested) {
    throw BadUserInputError.field(field, `head office must name the person of the branch who owns the ${owned.noun}`);
  }
  if (owned.assign && ownerId !== actor.userId && !can(actor.role, owned.assign)) {
    throw new ForbiddenError(`Only a branch manager or head office can create a ${owned.noun} for someone else`);
  }
  await checkOwner(ctx, branches, branchId, ownerId, owned);
  return ownerId;
}

/** A named owner (a new one on a change, a risk response's owner): a person of the branch, holding `ownerMay`. */
export async function checkOwner(
  ctx: RequestContext,
  branches: Members,
  branchId: string,
  ownerId: string,
  owned: Owned,
): Promise<void> {
  const field = owned.field ?? 'ownerId';
  const role = await branches.memberRole(ctx, branchId, ownerId);
  if (!role) throw BadUserInputError.field(field, `must be a person of the ${owned.noun}’s branch`);
  if (owned.ownerMay && !can(role, owned.ownerMay)) {
    throw BadUserInputError.field(field, `a ${role.toLowerCase().replace('_', ' ')} cannot own a ${owned.noun}`);
  }
}
