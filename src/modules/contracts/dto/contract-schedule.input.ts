import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { InstalmentKind } from '../contract.enums.js';

@InputType({ description: "A payment to add to a contract's schedule" })
export class AddInstalmentInput {
  @Field(() => ID, { description: 'Id of the SIGNED or ACTIVE contract' })
  @IsUUID('all', { message: 'must be a contract id' })
  contractId: string;
  @Field(() => InstalmentKind, {
    description: 'Prepayment before work starts, progress payment, or final payment after acceptance',
  })
  @IsEnum(InstalmentKind)
  kind: InstalmentKind;
  @Field(() => GraphQLDate, { description: 'Business day in the branch time zone' }) dueOn: string;
  @Field(() => GraphQLDecimal, { description: 'In the contract currency; all instalments together at most its amount' })
  amount: string;
}

@InputType({ description: 'Changes to an instalment; fields left out keep their value' })
export class UpdateInstalmentInput {
  @Field(() => InstalmentKind, {
    nullable: true,
    description: 'Prepayment before work starts, progress payment, or final payment after acceptance',
  })
  @IsOptional()
  @IsEnum(InstalmentKind)
  kind?: InstalmentKind;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day in the branch time zone' })
  @IsOptional()
  dueOn?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Amount due, in the contract currency; all instalments not waived add up to at most the contract amount',
  })
  @IsOptional()
  amount?: string;
}

@InputType({ description: 'A delivery milestone to add to a SIGNED or ACTIVE contract' })
export class AddMilestoneInput {
  @Field(() => ID, { description: 'Id of the contract' })
  @IsUUID('all', { message: 'must be a contract id' })
  contractId: string;
  @Field({ description: 'What is to be delivered or achieved, e.g. Installation complete' })
  @Length(1, 200)
  @NotBlank()
  title: string;
  @Field(() => GraphQLDate, { description: 'Business day it is due, in the branch time zone' }) dueOn: string;
}

@InputType({ description: 'Changes to a milestone; fields left out keep their value' })
export class UpdateMilestoneInput {
  @Field({ nullable: true, description: 'What is to be delivered or achieved, e.g. Installation complete' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  title?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day in the branch time zone' })
  @IsOptional()
  dueOn?: string;
}
