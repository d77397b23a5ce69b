import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDecimal } from '@app/graphql';
import { Shipment, type ShipmentLine } from './shipment.entity.js';
import { ShipmentStatus } from './shipment.enums.js';

@ObjectType('ShipmentConnection', { description: 'A page of shipments, newest first (Relay connection)' })
export class ShipmentConnection extends Connection(Shipment, 'Shipment') {}

@InputType({ description: 'Conditions on the shipment list; all given must hold' })
export class ShipmentFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the shipments of this order' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an order id' })
  orderId?: string;
  @Field(() => ShipmentStatus, { nullable: true, description: 'Only shipments in this status' })
  @IsOptional()
  @IsEnum(ShipmentStatus)
  status?: ShipmentStatus;
}

@ObjectType('OrderLineShipping', {
  description: 'How much of an order line has shipped (cancelled shipments left out)',
})
export class OrderLineShipping {
  @Field(() => ID, { description: 'Id of the order line' }) orderLineId: string;
  @Field({ description: 'What is ordered' }) description: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity ordered' }) ordered: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity in shipments not cancelled' }) shipped: string;
  @Field(() => GraphQLDecimal, { description: 'Still to ship: ordered − shipped' }) remaining: string;
}

/** A shipment as finance invoices it: its lines, and per shipment line what returns took back (not REJECTED). */
export interface DeliveredGoods {
  shipment: Shipment;
  lines: ShipmentLine[];
  /** Quantity returned or being returned per shipment line id, numeric(18,3) text; absent means none. */
  returned: Map<string, string>;
  /** The exchange whose replacement this shipment is (its id); null for an ordinary shipment. */
  replaces: string | null;
}
