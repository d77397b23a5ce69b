import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { OrderState } from './order-state.js';
import { Order } from './order.entity.js';

@ObjectType('OrderConnection', {
  description: 'A page of order rows: edges, pageInfo and totalCount (Relay connection)',
})
export class OrderConnection extends Connection(Order, 'Order') {}

@InputType({ description: 'Conditions on the orders list; all given must hold' })
export class OrderFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => OrderState, { nullable: true, description: 'Only this state, e.g. APPROVED for what waits to ship' })
  @IsOptional()
  @IsEnum(OrderState)
  state?: OrderState;
  @Field({ nullable: true, description: 'true: only orders without a contract; false: only contract-backed ones' })
  @IsOptional()
  @IsBoolean()
  withoutContract?: boolean;
}
