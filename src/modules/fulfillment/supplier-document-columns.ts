import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, PrimaryColumn } from 'typeorm';
import { GraphQLDecimal } from '@app/graphql';

/**
 * The columns every supplier document has alike: its amount (the sum of its lines) in the branch currency, the
 * organization of its supplier, and how it ended (closed, or cancelled with a reason). Each document entity extends
 * it and adds its own number, parties, state and dates.
 */
@ObjectType({ isAbstract: true })
export abstract class SupplierDocumentColumns {
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency (the branch currency)' })
  currency: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The sum of the lines' })
  amount: string;
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed' })
  closedAt: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was cancelled' })
  cancelledAt: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled (or rejected in review)' })
  cancelReason: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

/** How one kind of supplier document names its lines' figures in the API (the rule is the same for each kind). */
export interface SupplierLineWords {
  /** What the line is on: "purchase order", "contract". */
  document: string;
  /** The quantity's description ("Quantity ordered from the maker, in the product unit"). */
  quantity: string;
  /** The unit price's description ("Price per unit, from the offer"). */
  unitPrice: string;
  /** What `received` is never more than ("ordered", "contracted"). */
  receivedCap: string;
}

/**
 * The line of a supplier document (a purchase order to a maker, a purchase contract with a supplier): one catalogue
 * product, a quantity bought at a unit price, its total rounded to the cent, and what has been received into stock
 * so far (a CHECK holds received <= quantity). Each document's line entity extends this base and adds the column
 * naming its document and what the line draws down; the base declares the shared columns once (TypeORM and
 * `defineTable` read inherited columns as the entity's own).
 */
export function SupplierDocumentLine(words: SupplierLineWords) {
  @ObjectType({ isAbstract: true })
  abstract class Line {
    @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
    @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the line' }) id: string;
    @Column('integer')
    @Field(() => Int, { description: `Position on the ${words.document}, from 1` })
    position: number;
    @Column('uuid', { name: 'organization_id' }) organizationId: string;
    @Column('uuid', { name: 'product_id' })
    @Field(() => ID, { description: 'Id of the catalogue product (as an object: product)' })
    productId: string;
    @Column('numeric', { precision: 18, scale: 3 })
    @Field(() => GraphQLDecimal, { description: words.quantity })
    quantity: string;
    @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
    @Field(() => GraphQLDecimal, { description: words.unitPrice })
    unitPrice: string;
    @Column('numeric', { name: 'line_total', precision: 18, scale: 2 })
    @Field(() => GraphQLDecimal, { description: 'Quantity × unit price, rounded to the cent' })
    lineTotal: string;
    @Column('numeric', { precision: 18, scale: 3, default: 0 })
    @Field(() => GraphQLDecimal, {
      description: `Quantity received into stock so far; never more than ${words.receivedCap}`,
    })
    received: string;
  }
  return Line;
}

/** What the shared receipt and creation helpers read of any supplier document line. */
export interface SupplierLine {
  branchId: string;
  id: string;
  productId: string;
  quantity: string;
  received: string;
}
