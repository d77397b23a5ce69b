import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { dueOnOf } from './cadence.js';
import { Customers, type Customer } from './customer.entity.js';

/** The worker's side of the contact cadence: owners reminded of customers whose next contact is overdue. */
@Injectable()
export class ContactRemindersService {
  constructor(
    private readonly branches: BranchesService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Notifies the owners of the given customers that are due and not yet reminded for their current
   * due date, then marks them. The notification's key carries the due date, so retries add nothing.
   */
  async remindDue(ctx: RequestContext, keys: { branch_id: string; id: string }[]): Promise<number> {
    if (keys.length === 0) return 0;
    const tx = await ctx.tx();
    const rows = await tx.query<Customer>(
      `SELECT ${Customers.cols('c')} FROM customers c
       WHERE (c.branch_id, c.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
         AND c.status = 'ACTIVE' AND c.next_contact_due_at <= now()
         AND c.contact_reminded_due_at IS DISTINCT FROM c.next_contact_due_at
       FOR UPDATE`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    if (rows.length === 0) return 0;
    const loader = this.branches.branchLoader(ctx);
    const notes = await Promise.all(
      rows.map(async (r) => {
        const tz = (await loader.load(r.branchId))?.timeZone ?? 'UTC';
        return {
          branchId: r.branchId,
          userId: r.ownerId,
          kind: 'CUSTOMER_CONTACT_DUE',
          title: `Contact ${r.name}: the next contact was due on ${dueOnOf(r.nextContactDueAt, tz)}`,
          body: `${r.tier} tier customer; last contact ${r.lastContactAt ? r.lastContactAt.toISOString() : 'never'}.`,
          subjectType: 'customer',
          subjectId: r.id,
          dedupeKey: `customer-contact-due:${r.id}:${r.nextContactDueAt.toISOString()}`,
        };
      }),
    );
    const created = await this.notifications.notifyMany(ctx, notes);
    await tx.query(
      `UPDATE customers c SET contact_reminded_due_at = c.next_contact_due_at
       WHERE (c.branch_id, c.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [rows.map((r) => r.branchId), rows.map((r) => r.id)],
    );
    return created;
  }
}
