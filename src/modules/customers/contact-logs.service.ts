import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, writeAudit, type RequestContext } from '@app/core';
import { ContactCadenceService } from './contact-cadence.service.js';
import { assertActive, FUTURE_TOLERANCE_MS } from './customer-guards.js';
import { ContactLogs, Customers, type ContactLog } from './customer.entity.js';
import type { LogContactInput } from './dto/customer.input.js';

/** The contact log: each contact made with a customer, which moves its next contact due date by the cadence. */
@Injectable()
export class ContactLogsService {
  constructor(private readonly cadence: ContactCadenceService) {}

  /** The most recent contacts of many customers ("branchId:customerId"), `limit` each, in one statement. */
  contactLogsLoader(ctx: RequestContext, limit: number): DataLoader<string, ContactLog[]> {
    return ContactLogs.childLoader(ctx, 'customerId', 'x.occurred_at DESC, x.id DESC', { limit: limit });
  }

  async logContact(ctx: RequestContext, input: LogContactInput): Promise<ContactLog> {
    const actor = ctx.requireActor();
    const now = new Date();
    if (input.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw BadUserInputError.field('occurredAt', 'cannot be in the future: log a contact after it happened');
    }
    const tx = await ctx.tx();
    const customer = await Customers.lock(ctx, input.customerId);
    assertActive(customer);
    if (input.contactId) {
      const c = await tx.query(
        `SELECT 1 FROM customer_contacts WHERE branch_id = $1 AND id = $2 AND customer_id = $3`,
        [customer.branchId, input.contactId, customer.id],
      );
      if (!c.length) throw BadUserInputError.field('contactId', 'must be a contact of this customer');
    }
    const log = await ContactLogs.insert(tx, {
      branchId: customer.branchId,
      id: randomUUID(),
      customerId: customer.id,
      contactId: input.contactId ?? null,
      channel: input.channel,
      summary: input.summary.trim(),
      occurredAt: input.occurredAt,
      loggedById: actor.userId,
    });
    const last =
      customer.lastContactAt && customer.lastContactAt > input.occurredAt ? customer.lastContactAt : input.occurredAt;
    const nextDue = await this.cadence.due(ctx, tx, customer.branchId, customer.tier, last);
    await Customers.update(tx, Customers.keyOf(customer), { lastContactAt: last, nextContactDueAt: nextDue });
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'contact_log',
      entityId: log.id,
      action: 'create',
      after: log,
    });
    await this.cadence.scheduleIfDue(ctx, { ...customer, nextContactDueAt: nextDue }, now);
    return log;
  }
}
