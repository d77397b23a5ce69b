import { BadUserInputError, type RequestContext } from '@app/core';
import type { BranchesService } from '../../branches/branches.service.js';
import { Vendors, type Vendor } from '../catalogue.entity.js';
import { VendorKind } from '../fulfillment.enums.js';
import { findOrganizationRow } from '../organization-rows.js';
import { MIN_VALID_BIDS, checkCommittee } from './issued-tender-rules.js';
import type { IssuedTenderCommitteeInput } from './issued-tender.types.js';
import { ProcurementConflict } from './procurement-rules.js';

/** The deadline is ahead and the opening not before it (BAD_USER_INPUT naming the field). */
export function checkTimes(deadline: Date, opening: Date, now: Date): void {
  if (deadline <= now) throw BadUserInputError.field('submissionDeadline', 'must be in the future');
  if (opening < deadline) throw BadUserInputError.field('openingAt', 'must be at or after the submission deadline');
}

/** Invited suppliers: active suppliers of the organization, each once; at least 3 unless the bidding is open. */
export async function checkSuppliers(ctx: RequestContext, ids: string[], open: boolean): Promise<Vendor[]> {
  const seen = new Set<string>();
  const suppliers: Vendor[] = [];
  for (const [i, raw] of ids.entries()) {
    const field = `supplierIds[${i}]`;
    const id = raw.toLowerCase();
    if (seen.has(id)) throw BadUserInputError.field(field, 'is named twice');
    seen.add(id);
    const vendor = await findOrganizationRow(ctx, Vendors, id).catch(() => {
      throw BadUserInputError.field(field, 'is not a supplier of your organization');
    });
    if (vendor.kind === VendorKind.MAKER) throw BadUserInputError.field(field, `${vendor.name} is a maker`);
    if (!vendor.active) throw BadUserInputError.field(field, `${vendor.name} is inactive`);
    suppliers.push(vendor);
  }
  if (!open && suppliers.length < MIN_VALID_BIDS) {
    throw BadUserInputError.field(
      'supplierIds',
      `invite at least ${MIN_VALID_BIDS} suppliers, or open the tender to any supplier (openBidding)`,
    );
  }
  return suppliers;
}

/**
 * The committee members linked to these suppliers: a member whose work e-mail is a contact of the supplier (the link
 * the data holds between a person and a supplier). Returns "member e-mail -> supplier id".
 */
export async function linkedMembers(
  ctx: RequestContext,
  emails: string[],
  vendorIds: string[],
): Promise<Map<string, string>> {
  if (!emails.length || !vendorIds.length) return new Map();
  const tx = await ctx.tx();
  const rows = await tx.query<{ email: string; vendorId: string }>(
    `SELECT lower(email) AS email, vendor_id AS "vendorId" FROM vendor_contacts
     WHERE organization_id = $1 AND vendor_id = ANY($2::uuid[]) AND lower(email) = ANY($3::text[])`,
    [ctx.requireActor().organizationId, vendorIds, emails.map((e) => e.toLowerCase())],
  );
  return new Map(rows.map((r) => [r.email, r.vendorId]));
}

/** The committee checked (issued-tender-rules.ts) and against the suppliers: no member may be linked to one. */
export async function checkCommitteeInput(
  ctx: RequestContext,
  branches: BranchesService,
  branchId: string,
  input: IssuedTenderCommitteeInput,
  suppliers: { id: string }[],
): Promise<{ memberIds: string[]; chairId: string }> {
  const memberIds = input.memberIds.map((m) => m.toLowerCase());
  const chairId = input.chairId.toLowerCase();
  const staff = await Promise.all(memberIds.map((m) => branches.staffLoader(ctx).load(`${branchId}:${m}`)));
  checkCommittee(
    memberIds.map((userId, i) => ({ userId, role: staff[i]?.role })),
    chairId,
  );
  const linked = await linkedMembers(
    ctx,
    staff.map((s) => s!.email),
    suppliers.map((s) => s.id),
  );
  for (const [i, s] of staff.entries()) {
    const vendorId = linked.get(s!.email.toLowerCase());
    if (vendorId) {
      throw new ProcurementConflict(
        'COMMITTEE_MEMBER_LINKED',
        `Committee member ${s!.displayName} is a contact of a supplier that bids or is invited: name another member`,
        { memberId: memberIds[i], supplierId: vendorId },
      );
    }
  }
  return { memberIds, chairId };
}
