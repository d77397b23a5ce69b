import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { ReceiptKind } from '../receipt.enums.js';

/** Text that is not only spaces, and its message: the finance inputs' one copy. */

@InputType({ description: 'Part of a receipt to pay onto one contract instalment' })
export class ReceiptApplicationInput {
  @Field(() => ID, { description: 'Id of a PENDING or OVERDUE instalment of the paying customer’s contract' })
  @IsUUID('all', { message: 'must be an instalment id' })
  instalmentId: string;
  @Field(() => GraphQLDecimal, {
    description: 'At most what is still open on the instalment and what is unapplied on the receipt',
  })
  amount: string;
}

@InputType({ description: 'Money received from a customer, as finance records it' })
export class RecordReceiptInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the paying customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => ReceiptKind, { description: 'How the money came in' })
  @IsEnum(ReceiptKind)
  kind: ReceiptKind;
  @Field(() => GraphQLDecimal, { description: 'Amount received, in the branch currency (positive, 2 decimals)' })
  amount: string;
  @Field({ nullable: true, description: 'The branch currency, if you want it checked (defaults to it)' })
  @IsOptional()
  @Length(3, 3)
  currency?: string;
  @Field(() => GraphQLDate, { description: 'Business day it arrived (branch time zone), not in the future' })
  receivedOn: string;
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'Maturity day: required for a BANK_ACCEPTANCE_BILL (not before receivedOn), refused for other kinds',
  })
  @IsOptional()
  maturityOn?: string;
  @Field({ description: 'Transfer id, cheque or bill number (1 to 100 characters)' })
  @Length(1, 100)
  @NotBlank()
  reference: string;
  @Field({ nullable: true, description: 'Finance’s note (1 to 1000 characters)' })
  @IsOptional()
  @Length(1, 1000)
  @NotBlank()
  note?: string;
  @Field(() => [ReceiptApplicationInput], {
    nullable: true,
    description: 'Apply it at once (0 to 50 instalments); the rest stays unapplied',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReceiptApplicationInput)
  applications?: ReceiptApplicationInput[];
}

@InputType({ description: 'Apply a receipt’s unapplied balance to instalments' })
export class ApplyReceiptInput {
  @Field(() => ID, { description: 'Id of a RECORDED receipt' })
  @IsUUID('all', { message: 'must be a receipt id' })
  receiptId: string;
  @Field(() => [ReceiptApplicationInput], { description: '1 to 50 instalments, each once' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReceiptApplicationInput)
  applications: ReceiptApplicationInput[];
}
