import { Injectable } from '@nestjs/common';
import { AuditLogs, BadUserInputError, NotFoundError, type AuditLog, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import type { StaffMember } from './branch.types.js';
import type { AuditLogFilter, StaffDirectoryFilter } from './people.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The staff directory and the audit log, read in the request's tenant transaction: the branch_directory view
 * and audit_log's policy limit both to the branches of the caller's scope (RLS is the wall; the branch
 * predicate here is the courtesy that lets the index work).
 */
@Injectable()
export class PeopleService {
  /** Active people of one branch, by name; for every picker that asks for a person's id. */
  async directory(
    ctx: RequestContext,
    branchId: string | undefined,
    filter: StaffDirectoryFilter | undefined,
    page: { first?: number; after?: string },
  ): Promise<ConnectionShape<StaffMember>> {
    ctx.requireActor();
    const wanted = (branchId ?? ctx.singleBranchId)?.toLowerCase();
    if (!wanted) throw BadUserInputError.field('branchId', 'head office must say which branch’s people to list');
    if (!UUID.test(wanted)) throw BadUserInputError.field('branchId', 'must be a branch id');
    // Another organization's branch, or one of this organization outside the caller's scope: as unknown.
    if (!ctx.branchIds.includes(wanted)) throw new NotFoundError('Branch', branchId ?? wanted);
    const f = new SqlFilter().where((p) => `branch_id = ${p(wanted, 'uuid')}`).eq('role', filter?.role);
    const search = filter?.search?.trim();
    if (search) f.where((p) => `(display_name ILIKE ${p(like(search))} OR email ILIKE ${p(like(search))})`);
    return keysetPage<StaffMember, StaffMember>(ctx, page, {
      // Aliased to StaffMember's properties: a row is the node.
      columns: 'user_id AS id, display_name AS "displayName", email, role',
      from: 'branch_directory',
      filter: f,
      order: { column: 'display_name', cast: 'text', value: (n) => n.displayName, idColumn: 'user_id' },
      map: (r) => r,
    });
  }

  /** The audit log of the caller's branches (all of the organization for head office), newest first. */
  async auditLog(
    ctx: RequestContext,
    filter: AuditLogFilter | undefined,
    page: { first?: number; after?: string },
  ): Promise<ConnectionShape<AuditLog>> {
    ctx.requireActor();
    if (filter?.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
      throw BadUserInputError.field('to', 'must be after from');
    }
    // A branch outside the scope gives an empty list, exactly as a branch that does not exist.
    const f = new SqlFilter()
      .branches(ctx, filter?.branchId)
      .eq('actor_id', filter?.actorId, 'uuid')
      .eq('entity', filter?.entity)
      .eq('entity_id', filter?.entityId, 'uuid')
      .eq('action', filter?.action);
    if (filter?.from) f.where((p) => `created_at >= ${p(filter.from, 'timestamptz')}`);
    if (filter?.to) f.where((p) => `created_at < ${p(filter.to, 'timestamptz')}`);
    return keysetPage(ctx, page, {
      columns: AuditLogs.cols(),
      from: 'audit_log',
      filter: f,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (n: AuditLog) => n.createdAt },
      map: AuditLogs.map,
    });
  }
}
