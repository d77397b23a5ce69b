import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { DepositRefundState } from './deposit-refund.enums.js';
import { PurchaseDepositRefundReceipt } from './deposit-refund.entity.js';

@ObjectType('PurchaseDepositRefund', {
  description:
    'A deposit to collect back from a supplier: a purchase contract cancelled after its deposit was paid (amount: ' +
    'the deposit paid); finance’s receipt of the refund closes it',
})
export class PurchaseDepositRefund {
  @Field(() => ID, { description: 'Id of the branch that paid the deposit' }) branchId: string;
  @Field(() => ID, { description: 'Id of the cancelled purchase contract (as an object: contract)' }) id: string;
  @Field({ description: 'The contract’s number' }) contractNumber: string;
  @Field(() => ID, { description: 'Id of the supplier who owes the refund' }) supplierId: string;
  @Field({ description: 'ISO 4217 currency' }) currency: string;
  @Field(() => GraphQLDecimal, { description: 'What the supplier owes back: the deposit paid' }) amountDue: string;
  @Field(() => GraphQLDate, { description: 'Business day the deposit was paid' }) depositPaidOn: string;
  @Field({ description: 'When the contract was cancelled' }) cancelledAt: Date;
  @Field({ description: 'Why it was cancelled' }) cancelReason: string;
  @Field(() => DepositRefundState, { description: 'DUE until finance records the refund, then RECEIVED' })
  state: DepositRefundState;
  @Field(() => PurchaseDepositRefundReceipt, { nullable: true, description: 'The refund received; null while due' })
  receipt: PurchaseDepositRefundReceipt | null;
}

@ObjectType('PurchaseDepositRefundConnection', {
  description: 'A page of deposit refunds, newest cancellation first (Relay connection)',
})
export class PurchaseDepositRefundConnection extends Connection(PurchaseDepositRefund, 'PurchaseDepositRefund') {}

@InputType({ description: 'Conditions on the deposit refund list; all given must hold' })
export class PurchaseDepositRefundFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the refunds this supplier owes' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a vendor id' })
  supplierId?: string;
  @Field(() => DepositRefundState, { nullable: true, description: 'DUE: what is still to collect' })
  @IsOptional()
  @IsEnum(DepositRefundState)
  state?: DepositRefundState;
}

@InputType({ description: 'The supplier’s refund of a deposit, as received' })
export class RecordDepositRefundInput {
  @Field(() => GraphQLDecimal, { description: 'Amount received: exactly the deposit paid' })
  amount: string;
  @Field(() => GraphQLDate, {
    description: 'Business day it came in: not before the cancellation, not in the future (the branch’s days)',
  })
  receivedOn: string;
  @Field({ nullable: true, description: 'Free note (bank reference), 1 to 2000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 2000)
  note?: string;
}
