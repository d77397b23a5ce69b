import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { PurchaseOrder } from './purchase-order.entity.js';
import { PurchaseOrderState } from './purchase-order.enums.js';

@ObjectType('PurchaseOrderConnection', { description: 'A page of purchase orders, newest first (Relay connection)' })
export class PurchaseOrderConnection extends Connection(PurchaseOrder, 'PurchaseOrder') {}

@InputType({ description: 'Conditions on the purchase order list; all given must hold' })
export class PurchaseOrderFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the purchase orders of this sales order' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an order id' })
  orderId?: string;
  @Field(() => ID, { nullable: true, description: 'Only those placed with this maker' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a vendor id' })
  makerId?: string;
  @Field(() => PurchaseOrderState, { nullable: true, description: 'Only purchase orders in this state' })
  @IsOptional()
  @IsEnum(PurchaseOrderState)
  state?: PurchaseOrderState;
}
