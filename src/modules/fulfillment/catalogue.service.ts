import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, NotFoundError, parseMoney, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, groupByKey, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { BranchProductPrices, Products, Vendors, type BranchProductPrice, type Product } from './catalogue.entity.js';
import type { CreateProductInput, SetBranchPriceInput, UpdateProductInput } from './dto/catalogue.input.js';
import { VendorKind } from './fulfillment.enums.js';
import { checkText } from './fulfillment-rules.js';
import type { ProductFilter } from './fulfillment.types.js';
import {
  changeOrganizationRow,
  findOrganizationRow,
  insertOrganizationRow,
  organizationLoader,
} from './organization-rows.js';

/** A catalogue product named on a line, and the price the line takes by default (branch price, else list price). */
export interface CataloguePrice {
  product: Product;
  price: string;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The product catalogue (产品目录): organization rows head office keeps for all its branches (RLS on the
 * organization of the branches in scope), and each branch's own selling price. Other modules (quotes, orders,
 * shipments) read products through `product` / `productLoader` here.
 */
@Injectable()
export class CatalogueService {
  constructor(private readonly branches: BranchesService) {}

  // ---------- reads ----------

  /** A product of the caller's organization, or null (another organization's id answers as an unknown one). */
  product(ctx: RequestContext, id: string): Promise<Product | null> {
    return this.productLoader(ctx).load(id.toLowerCase());
  }

  productLoader(ctx: RequestContext): DataLoader<string, Product | null> {
    return organizationLoader(ctx, Products);
  }

  /** The catalogue by code; one statement (two with totalCount) over products_code_key. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ProductFilter },
  ): Promise<ConnectionShape<Product>> {
    const f = args.filter ?? {};
    const search = f.search?.trim();
    const filter = new SqlFilter()
      .eq('organization_id', ctx.requireActor().organizationId, 'uuid')
      .eq('active', f.active)
      .eq('maker_id', f.makerId?.toLowerCase(), 'uuid');
    if (search) filter.where((p) => `(code ILIKE ${p(like(search))} OR name ILIKE ${p(like(search))})`);
    return keysetPage(ctx, args, {
      columns: Products.cols(),
      from: 'products',
      filter,
      order: { column: 'code', cast: 'text', value: (p: Product) => p.code },
      map: Products.map,
    });
  }

  /** Branch prices of many products ("productId" keys) for the branches in scope, one statement per batch. */
  branchPricesLoader(ctx: RequestContext): DataLoader<string, BranchProductPrice[]> {
    return ctx.loader(
      'fulfillment.branchPrices',
      () =>
        new DataLoader<string, BranchProductPrice[]>(async (productIds) => {
          const tx = await ctx.tx();
          const rows = await tx.query<BranchProductPrice>(
            `SELECT ${BranchProductPrices.cols()} FROM branch_product_prices
             WHERE branch_id = ANY($1::uuid[]) AND product_id = ANY($2::uuid[]) ORDER BY branch_id`,
            [ctx.branchIds, productIds],
          );
          return groupByKey(productIds, rows, (r) => r.productId, BranchProductPrices.map);
        }),
    );
  }

  /**
   * Products named on the lines of a quote or an order of `branchId`, with the price a line takes when it gives none:
   * the branch's own price, else the list price. An unknown id (or another organization's), an inactive product or
   * one priced in another currency is BAD_USER_INPUT naming the line (`lines[i].productId`). One statement.
   */
  async forLines(
    ctx: RequestContext,
    branchId: string,
    currency: string,
    productIds: (string | null | undefined)[],
  ): Promise<(CataloguePrice | null)[]> {
    const ids = [...new Set(productIds.filter((x): x is string => !!x).map((x) => x.toLowerCase()))];
    const tx = await ctx.tx();
    const rows = ids.length
      ? await tx.query<Product & { branchPrice: string | null }>(
          `SELECT ${Products.cols('p')}, bp.price::text AS "branchPrice" FROM products p
           LEFT JOIN branch_product_prices bp ON bp.branch_id = $1 AND bp.product_id = p.id
           WHERE p.organization_id = $2 AND p.id = ANY($3::uuid[])`,
          [branchId, ctx.requireActor().organizationId, ids],
        )
      : [];
    const found = new Map(rows.map((r) => [r.id, { product: Products.map(r), price: r.branchPrice ?? r.listPrice }]));
    return productIds.map((id, i) => {
      if (!id) return null;
      const hit = found.get(id.toLowerCase());
      const field = `lines[${i}].productId`;
      if (!hit) throw BadUserInputError.field(field, 'is not a product of your organization’s catalogue');
      if (!hit.product.active) throw BadUserInputError.field(field, `product ${hit.product.code} is no longer sold`);
      if (hit.product.currency !== currency) {
        throw BadUserInputError.field(
          field,
          `product ${hit.product.code} is priced in ${hit.product.currency}, not ${currency}`,
        );
      }
      return hit;
    });
  }

  // ---------- writes (head office) ----------

  async create(ctx: RequestContext, input: CreateProductInput): Promise<Product> {
    const actor = ctx.requireActor();
    const values = {
      code: checkText('code', input.code, 60, true)!,
      name: checkText('name', input.name, 200, true)!,
      specification: checkText('specification', input.specification, 1000),
      unit: checkText('unit', input.unit, 20, true)!,
      listPrice: parseMoney('listPrice', input.listPrice),
      costPrice: parseMoney('costPrice', input.costPrice),
      currency: input.currency ?? 'CNY',
      makerId: input.makerId ? await this.makerId(ctx, input.makerId) : null,
      active: true,
      createdById: actor.userId,
    };
    return insertOrganizationRow(ctx, this.branches, Products, values);
  }

  async update(ctx: RequestContext, id: string, input: UpdateProductInput): Promise<Product> {
    const set: Partial<Product> = {};
    if (input.name != null) set.name = checkText('name', input.name, 200, true)!;
    if (input.specification !== undefined) set.specification = checkText('specification', input.specification, 1000);
    if (input.unit != null) set.unit = checkText('unit', input.unit, 20, true)!;
    if (input.listPrice != null) set.listPrice = parseMoney('listPrice', input.listPrice);
    if (input.costPrice != null) set.costPrice = parseMoney('costPrice', input.costPrice);
    if (input.active != null) set.active = input.active;
    if (Object.keys(set).length === 0 && input.makerId == null) {
      throw BadUserInputError.field('input', 'name at least one field to change');
    }
    const before = await findOrganizationRow(ctx, Products, id.toLowerCase(), true);
    if (input.makerId != null) set.makerId = await this.makerId(ctx, input.makerId);
    return changeOrganizationRow(ctx, this.branches, Products, before, set, 'update');
  }

  // ---------- branch prices ----------

  /** Sets (or with a null price removes) the branch's own price of a product, audited in the branch. */
  async setBranchPrice(ctx: RequestContext, input: SetBranchPriceInput): Promise<Product> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const price = input.price == null ? null : parseMoney('price', input.price);
    const product = await findOrganizationRow(ctx, Products, input.productId.toLowerCase());
    const tx = await ctx.tx();
    const before = await BranchProductPrices.find(tx, { branchId, productId: product.id }, { lock: true });
    if (price === null) {
      if (before) {
        await tx.query('DELETE FROM branch_product_prices WHERE branch_id = $1 AND id = $2', [branchId, before.id]);
        await writeAudit(ctx, {
          branchId,
          entity: 'branchProductPrice',
          entityId: before.id,
          action: 'remove',
          before,
        });
      }
    } else if (before) {
      await BranchProductPrices.change(ctx, before, { price, updatedById: actor.userId }, 'update');
    } else {
      const after = await BranchProductPrices.insert(tx, {
        branchId,
        id: randomUUID(),
        organizationId: product.organizationId,
        productId: product.id,
        price,
        updatedById: actor.userId,
      });
      await writeAudit(ctx, { branchId, entity: 'branchProductPrice', entityId: after.id, action: 'create', after });
    }
    return product;
  }

  /** A maker of the caller's organization (kind MAKER or MAKER_AND_SUPPLIER); NOT_FOUND for any other id. */
  private async makerId(ctx: RequestContext, id: string): Promise<string> {
    const vendor = await organizationLoader(ctx, Vendors).load(id.toLowerCase());
    if (!vendor) throw new NotFoundError('Vendor', id);
    if (vendor.kind === VendorKind.SUPPLIER) {
      throw BadUserInputError.field('makerId', `vendor ${vendor.code} is a supplier only, not a maker`);
    }
    return vendor.id;
  }
}
