import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDecimal } from '@app/graphql';
import { ShipmentMode, ShipmentStatus } from './shipment.enums.js';

@Entity('shipments')
@ObjectType('Shipment', { description: 'Goods on their way to a customer for a released order (发货)' })
export class Shipment {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the shipment' }) id: string;
  @Column('uuid', { name: 'order_id' }) @Field(() => ID, { description: 'Id of the order shipped' }) orderId: string;
  @Column('text')
  @Field(() => ShipmentMode, { description: 'From stock or straight from the maker' })
  mode: ShipmentMode;
  @Column('uuid', { name: 'location_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The location stock was issued from (as an object: location)' })
  locationId: string | null;
  @Column('text', { default: 'PREPARED' })
  @Field(() => ShipmentStatus, { description: 'Where the goods are' })
  status: ShipmentStatus;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Carrier (物流公司)' })
  carrier: string | null;
  @Column('text', { name: 'tracking_number', nullable: true })
  @Field(() => String, { nullable: true, description: "The carrier's tracking number" })
  trackingNumber: string | null;
  @Column('text', { name: 'consignee_place' })
  @Field({ description: 'Where the goods go (address, site)' })
  consigneePlace: string;
  @Column('text', { name: 'consignee_person' }) @Field({ description: 'Who receives them' }) consigneePerson: string;
  @Column('text', { name: 'consignee_phone', nullable: true })
  @Field(() => String, { nullable: true, description: "The consignee's phone" })
  consigneePhone: string | null;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free note' }) note:
    string | null;
  @Column('timestamptz', { name: 'shipped_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the goods left; null before SHIPPED' })
  shippedAt: Date | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When they arrived; null before DELIVERED' })
  deliveredAt: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was cancelled' })
  cancelledAt: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled' })
  cancelReason: string | null;
  @Column('text', { name: 'receipt_signed_by', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who signed the delivery receipt for the customer' })
  receiptSignedBy: string | null;
  @Column('timestamptz', { name: 'receipt_signed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer signed the delivery receipt' })
  receiptSignedAt: Date | null;
  @Column('uuid', { name: 'receipt_file_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the scan of the signed receipt, a file of the documents module (download: file(id))',
  })
  receiptFileId: string | null;
  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer accepted the goods; null otherwise' })
  acceptedAt: Date | null;
  @Column('timestamptz', { name: 'rejected_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer rejected the goods; null otherwise' })
  rejectedAt: Date | null;
  @Column('text', { name: 'rejection_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the customer rejected the goods' })
  rejectionReason: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who recorded it (as an object: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('shipment_lines')
@ObjectType('ShipmentLine', { description: 'What a shipment carries against one order line' })
export class ShipmentLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the line' }) id: string;
  @Column('uuid', { name: 'shipment_id' }) shipmentId: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'order_line_id' })
  @Field(() => ID, { description: 'Id of the order line it draws down' })
  orderLineId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' })
  @Field(() => ID, { description: 'Id of the catalogue product (as an object: product)' })
  productId: string;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity shipped, in the product unit' })
  quantity: string;
}

@Entity('shipment_events')
@ObjectType('ShipmentEvent', { description: 'A status change of a shipment, as recorded' })
export class ShipmentEvent {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the event' }) id: string;
  @Column('uuid', { name: 'shipment_id' }) shipmentId: string;
  @Column('text', { name: 'from_status', nullable: true })
  @Field(() => ShipmentStatus, { nullable: true, description: 'The status before; null for the first event' })
  fromStatus: ShipmentStatus | null;
  @Column('text', { name: 'to_status' })
  @Field(() => ShipmentStatus, { description: 'The status after' })
  toStatus: ShipmentStatus;
  @Column('timestamptz') @Field({ description: 'When it happened' }) at: Date;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free note' }) note:
    string | null;
  @Column('uuid', { name: 'actor_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who recorded it (as an object: actor)' })
  actorId: string | null;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  recordedAt: Date;
}

export const Shipments = defineTable(Shipment, { module: 'fulfillment', noun: 'Shipment' });
export const ShipmentLines = defineTable(ShipmentLine, { module: 'fulfillment', noun: 'ShipmentLine' });
export const ShipmentEvents = defineTable(ShipmentEvent, { module: 'fulfillment', noun: 'ShipmentEvent' });
