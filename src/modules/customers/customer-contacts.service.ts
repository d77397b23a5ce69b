import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { clean, InvalidStateError, writeAudit, type RequestContext, type Tx } from '@app/core';
import { assertActive } from './customer-guards.js';
import { CustomerContacts, Customers, type Customer, type CustomerContact } from './customer.entity.js';
import type { AddContactInput, ContactInput, UpdateContactInput } from './dto/customer.input.js';

/** The contact people of customers: one primary per customer, and none removed that the contact log names. */
@Injectable()
export class CustomerContactsService {
  /** The contacts of many customers ("branchId:customerId" keys) in one statement, primary first. */
  contactsLoader(ctx: RequestContext): DataLoader<string, CustomerContact[]> {
    return CustomerContacts.childLoader(ctx, 'customerId', 'x.is_primary DESC, x.name, x.id');
  }

  /** Adds a contact to a customer the caller holds locked; a new primary one replaces the old. */
  async insert(tx: Tx, branchId: string, customerId: string, c: ContactInput): Promise<CustomerContact> {
    if (c.isPrimary) {
      await tx.query(`UPDATE customer_contacts SET is_primary = false WHERE branch_id = $1 AND customer_id = $2`, [
        branchId,
        customerId,
      ]);
    }
    return CustomerContacts.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId,
      name: c.name.trim(),
      title: clean(c.title) ?? null,
      phone: clean(c.phone) ?? null,
      email: c.email?.trim().toLowerCase() ?? null,
      isPrimary: c.isPrimary ?? false,
    });
  }

  async add(ctx: RequestContext, input: AddContactInput): Promise<CustomerContact> {
    const tx = await ctx.tx();
    const customer = await Customers.lock(ctx, input.customerId);
    assertActive(customer);
    const contact = await this.insert(tx, customer.branchId, customer.id, input);
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'customer_contact',
      entityId: contact.id,
      action: 'create',
      after: contact,
    });
    return contact;
  }

  async update(ctx: RequestContext, id: string, input: UpdateContactInput): Promise<CustomerContact> {
    const tx = await ctx.tx();
    const { contact: before, customer } = await this.lock(ctx, id);
    if (input.isPrimary) {
      await tx.query(
        `UPDATE customer_contacts SET is_primary = false WHERE branch_id = $1 AND customer_id = $2 AND id <> $3`,
        [customer.branchId, customer.id, id],
      );
    }
    const after = await CustomerContacts.update(tx, CustomerContacts.keyOf(before), {
      name: input.name?.trim() ?? before.name,
      title: input.title !== undefined ? clean(input.title) : before.title,
      phone: input.phone !== undefined ? clean(input.phone) : before.phone,
      email: input.email === undefined ? before.email : (input.email?.trim().toLowerCase() ?? null),
      isPrimary: input.isPrimary ?? before.isPrimary,
    });
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'customer_contact',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  async remove(ctx: RequestContext, id: string): Promise<CustomerContact> {
    const tx = await ctx.tx();
    const { contact, customer } = await this.lock(ctx, id);
    const used = await tx.query(`SELECT 1 FROM contact_logs WHERE branch_id = $1 AND contact_id = $2 LIMIT 1`, [
      customer.branchId,
      id,
    ]);
    if (used.length) {
      throw new InvalidStateError(
        `${contact.name} appears in the contact log and cannot be removed; edit the contact instead`,
      );
    }
    await tx.query(`DELETE FROM customer_contacts WHERE branch_id = $1 AND id = $2`, [customer.branchId, id]);
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'customer_contact',
      entityId: id,
      action: 'delete',
      before: contact,
    });
    return contact;
  }

  /** Locks a contact in scope and its customer, which must be ACTIVE; NOT_FOUND for another branch's. */
  private async lock(ctx: RequestContext, id: string): Promise<{ contact: CustomerContact; customer: Customer }> {
    const contact = await CustomerContacts.lock(ctx, id);
    const customer = await Customers.lock(ctx, contact.customerId);
    assertActive(customer);
    return { contact, customer };
  }
}
