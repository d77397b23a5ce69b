import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Receipt } from './receipt.entity.js';
import { ReceiptKind, ReceiptState } from './receipt.enums.js';

@ObjectType('ReceiptConnection', { description: 'A page of receipts, newest received first (Relay connection)' })
export class ReceiptConnection extends Connection(Receipt, 'Receipt') {}

@InputType({ description: 'Conditions on the receipts list; all given must hold' })
export class ReceiptFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this customer’s receipts' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ReceiptKind, { nullable: true, description: 'Only this kind' })
  @IsOptional()
  @IsEnum(ReceiptKind)
  kind?: ReceiptKind;
  @Field(() => ReceiptState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(ReceiptState)
  state?: ReceiptState;
}

@ObjectType('Receivable', {
  description:
    'What a customer (or one contract) still owes on its payment schedules, aged by days past due as of a day, ' +
    'in the branch currency: due - paid = outstanding = notDue + days0to30 + days31to60 + days61to90 + over90',
})
export class Receivable {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Field(() => ID, { nullable: true, description: 'Id of the contract; null on a per-customer row' })
  contractId: string | null;
  @Field({ description: 'The branch currency' }) currency: string;
  @Field(() => GraphQLDate, { description: 'The day the amounts are aged at' }) asOf: string;
  @Field(() => GraphQLDecimal, { description: 'What the instalments ask (a waived one: what was paid before)' })
  due: string;
  @Field(() => GraphQLDecimal, { description: 'What receipts have paid onto them' }) paid: string;
  @Field(() => GraphQLDecimal, { description: 'What is still owed: due - paid' }) outstanding: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding on instalments due after asOf' }) notDue: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding 0 to 30 days past its due day' }) days0to30: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding 31 to 60 days past its due day' }) days31to60: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding 61 to 90 days past its due day' }) days61to90: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding more than 90 days past its due day' }) over90: string;
  /** The connection's node id: the customer's or the contract's. */
  id: string;
}

@ObjectType('ReceivableConnection', { description: 'A page of receivables by branch and key (Relay connection)' })
export class ReceivableConnection extends Connection(Receivable, 'Receivable') {}

@ObjectType('BranchReceivable', { description: 'A branch’s receivables, aged, as one row' })
export class BranchReceivable {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field({ description: 'The branch currency' }) currency: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'The day aged at; null: each branch’s today' })
  asOf: string | null;
  @Field(() => GraphQLDecimal, { description: 'What the instalments ask' }) due: string;
  @Field(() => GraphQLDecimal, { description: 'What receipts have paid onto them' }) paid: string;
  @Field(() => GraphQLDecimal, { description: 'What is still owed: due - paid' }) outstanding: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding on instalments due after asOf' }) notDue: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding 0 to 30 days past its due day' }) days0to30: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding 31 to 60 days past its due day' }) days31to60: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding 61 to 90 days past its due day' }) days61to90: string;
  @Field(() => GraphQLDecimal, { description: 'Outstanding more than 90 days past its due day' }) over90: string;
}

@InputType({ description: 'Conditions on receivables; all given must hold' })
export class ReceivableFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this contract' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contract id' })
  contractId?: string;
}
