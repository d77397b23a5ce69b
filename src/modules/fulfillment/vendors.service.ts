import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, parseMoney, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import {
  Products,
  VendorContacts,
  VendorProducts,
  Vendors,
  type Vendor,
  type VendorContact,
  type VendorProduct,
} from './catalogue.entity.js';
import type {
  AddVendorContactInput,
  CreateVendorInput,
  SetVendorProductInput,
  UpdateVendorInput,
} from './dto/catalogue.input.js';
import { VendorKind } from './fulfillment.enums.js';
import { checkText } from './fulfillment-rules.js';
import type { VendorFilter } from './fulfillment.types.js';
import {
  auditBranch,
  changeOrganizationRow,
  findOrganizationRow,
  insertOrganizationRow,
  organizationLoader,
} from './organization-rows.js';

/** Makers (厂家) and suppliers (供应商): who they are, their contacts, what they supply. Organization rows. */
@Injectable()
export class VendorsService {
  constructor(private readonly branches: BranchesService) {}

  vendor(ctx: RequestContext, id: string): Promise<Vendor | null> {
    return this.vendorLoader(ctx).load(id.toLowerCase());
  }

  vendorLoader(ctx: RequestContext): DataLoader<string, Vendor | null> {
    return organizationLoader(ctx, Vendors);
  }

  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: VendorFilter },
  ): Promise<ConnectionShape<Vendor>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .eq('organization_id', ctx.requireActor().organizationId, 'uuid')
      .eq('active', f.active);
    if (f.kind) {
      const kinds = f.kind === VendorKind.MAKER_AND_SUPPLIER ? [f.kind] : [f.kind, VendorKind.MAKER_AND_SUPPLIER];
      filter.where((p) => `kind = ANY(${p(kinds, 'text[]')})`);
    }
    return keysetPage(ctx, args, {
      columns: Vendors.cols(),
      from: 'vendors',
      filter,
      order: { column: 'code', cast: 'text', value: (v: Vendor) => v.code },
      map: Vendors.map,
    });
  }

  contactsLoader(ctx: RequestContext): DataLoader<string, VendorContact[]> {
    return ctx.loader(
      'fulfillment.vendorContacts',
      () =>
        new DataLoader<string, VendorContact[]>(async (vendorIds) => {
          const tx = await ctx.tx();
          const rows = await tx.query<VendorContact>(
            `SELECT ${VendorContacts.cols()} FROM vendor_contacts
             WHERE organization_id = $1 AND vendor_id = ANY($2::uuid[]) ORDER BY created_at, id`,
            [ctx.requireActor().organizationId, vendorIds],
          );
          return groupByKey(vendorIds, rows, (r) => r.vendorId, VendorContacts.map);
        }),
    );
  }

  /** What each supplier supplies ("vendorId" keys), or who supplies each product ("product:<id>" keys). */
  suppliesLoader(ctx: RequestContext, by: 'vendor' | 'product'): DataLoader<string, VendorProduct[]> {
    const column = by === 'vendor' ? 'vendor_id' : 'product_id';
    return ctx.loader(
      `fulfillment.supplies.${by}`,
      () =>
        new DataLoader<string, VendorProduct[]>(async (ids) => {
          const tx = await ctx.tx();
          const rows = await tx.query<VendorProduct>(
            `SELECT ${VendorProducts.cols()} FROM vendor_products
             WHERE organization_id = $1 AND ${column} = ANY($2::uuid[]) ORDER BY created_at, id`,
            [ctx.requireActor().organizationId, ids],
          );
          return groupByKey(ids, rows, (r) => (by === 'vendor' ? r.vendorId : r.productId), VendorProducts.map);
        }),
    );
  }

  async create(ctx: RequestContext, input: CreateVendorInput): Promise<Vendor> {
    return insertOrganizationRow(ctx, this.branches, Vendors, {
      code: checkText('code', input.code, 40, true)!,
      name: checkText('name', input.name, 200, true)!,
      kind: input.kind,
      country: checkText('country', input.country, 100),
      address: checkText('address', input.address, 500),
      note: checkText('note', input.note, 4000),
      active: true,
      createdById: ctx.requireActor().userId,
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateVendorInput): Promise<Vendor> {
    const set: Partial<Vendor> = {};
    if (input.name != null) set.name = checkText('name', input.name, 200, true)!;
    if (input.kind != null) set.kind = input.kind;
    if (input.country !== undefined) set.country = checkText('country', input.country, 100);
    if (input.address !== undefined) set.address = checkText('address', input.address, 500);
    if (input.note !== undefined) set.note = checkText('note', input.note, 4000);
    if (input.active != null) set.active = input.active;
    if (Object.keys(set).length === 0) throw BadUserInputError.field('input', 'name at least one field to change');
    const before = await findOrganizationRow(ctx, Vendors, id.toLowerCase(), true);
    return changeOrganizationRow(ctx, this.branches, Vendors, before, set, 'update');
  }

  async addContact(ctx: RequestContext, input: AddVendorContactInput): Promise<Vendor> {
    const vendor = await findOrganizationRow(ctx, Vendors, input.vendorId.toLowerCase());
    const phone = checkText('phone', input.phone, 50);
    const email = checkText('email', input.email, 320);
    if (!phone && !email) throw BadUserInputError.field('phone', 'give a phone number or an e-mail address');
    await insertOrganizationRow(ctx, this.branches, VendorContacts, {
      vendorId: vendor.id,
      name: checkText('name', input.name, 200, true)!,
      title: checkText('title', input.title, 200),
      phone,
      email: email?.toLowerCase() ?? null,
    });
    return vendor;
  }

  /** Records (or updates) that a supplier supplies a product, with its terms. */
  async setSupply(ctx: RequestContext, input: SetVendorProductInput): Promise<Vendor> {
    const vendor = await findOrganizationRow(ctx, Vendors, input.vendorId.toLowerCase());
    const product = await findOrganizationRow(ctx, Products, input.productId.toLowerCase());
    if (vendor.kind === VendorKind.MAKER) {
      throw BadUserInputError.field('vendorId', `vendor ${vendor.code} is a maker only: make it a supplier first`);
    }
    const values = {
      vendorCode: checkText('vendorCode', input.vendorCode, 60),
      price: input.price == null ? null : parseMoney('price', input.price),
      leadTimeDays: input.leadTimeDays ?? null,
    };
    const tx = await ctx.tx();
    const before = await VendorProducts.find(
      tx,
      { organizationId: vendor.organizationId, vendorId: vendor.id, productId: product.id },
      { lock: true },
    );
    if (before) await changeOrganizationRow(ctx, this.branches, VendorProducts, before, values, 'update');
    else
      await insertOrganizationRow(ctx, this.branches, VendorProducts, {
        ...values,
        vendorId: vendor.id,
        productId: product.id,
      });
    return vendor;
  }

  async removeSupply(ctx: RequestContext, vendorId: string, productId: string): Promise<Vendor> {
    const vendor = await findOrganizationRow(ctx, Vendors, vendorId.toLowerCase());
    const tx = await ctx.tx();
    const [before] = await tx.query<VendorProduct>(
      `DELETE FROM vendor_products WHERE organization_id = $1 AND vendor_id = $2 AND product_id = $3
       RETURNING ${VendorProducts.cols()}`,
      [vendor.organizationId, vendor.id, productId.toLowerCase()],
    );
    if (before) {
      await writeAudit(ctx, {
        branchId: await auditBranch(ctx, this.branches),
        entity: 'vendorProduct',
        entityId: before.id,
        action: 'remove',
        before: VendorProducts.map(before),
      });
    }
    return vendor;
  }
}
