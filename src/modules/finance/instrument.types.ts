import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { ReceiptKind } from './receipt.enums.js';

@InputType({ description: 'A cheque, bank acceptance bill or bank draft handed to finance' })
export class RecordInstrumentHandoverInput {
  @Field(() => ID, { description: 'Id of the RECORDED receipt the instrument paid' })
  @IsUUID('all', { message: 'must be a receipt id' })
  receiptId: string;
  @Field(() => ID, { description: 'Who received the instrument and handed it over (a person of the branch)' })
  @IsUUID('all', { message: 'must be a user id' })
  handedById: string;
  @Field(() => Date, {
    nullable: true,
    description: 'When it was handed over: not before its receiving day, not in the future; defaults to now',
  })
  @IsOptional()
  handedAt?: Date;
  @Field({ nullable: true, description: 'Finance’s note (up to 1000 characters)' })
  @IsOptional()
  @NotBlank()
  @Length(1, 1000)
  note?: string;
}

@ObjectType('InstrumentBreach', {
  description:
    'A cheque, bank acceptance bill or bank draft not handed to finance by the close of its receiving day ' +
    '(branch time zone): not handed over yet, or handed over late',
})
export class InstrumentBreach {
  @Field(() => ID, { description: 'Id of the receipt (the instrument)' }) id: string;
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field(() => ID, { description: 'Id of the paying customer' }) customerId: string;
  @Field(() => ReceiptKind, { description: 'Cheque, bank acceptance bill or bank draft' }) kind: ReceiptKind;
  @Field(() => GraphQLDecimal, { description: 'Amount, in the branch currency' }) amount: string;
  @Field({ description: 'The branch currency' }) currency: string;
  @Field({ description: 'The instrument’s number' }) reference: string;
  @Field(() => GraphQLDate, { description: 'Business day it was received' }) receivedOn: string;
  @Field({ description: 'When the receiving day closed: the hand-over was due before this' }) deadline: Date;
  @Field(() => Date, { nullable: true, description: 'When it was handed over late; null while not handed over' })
  handedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'Who handed it over late; null while not handed over' })
  handedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When finance and the branch manager were told; null until then' })
  notifiedAt: Date | null;
}

@ObjectType('InstrumentBreachConnection', {
  description: 'A page of instrument hand-over breaches, latest receiving day first (Relay connection)',
})
export class InstrumentBreachConnection extends Connection(InstrumentBreach, 'InstrumentBreach') {}
