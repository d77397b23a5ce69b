import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { InstalmentKind } from '../contract-schedule.types.js';

const NOT_BLANK = /\S/;
const BLANK_MSG = { message: 'must not be blank' };

@InputType()
export class AddInstalmentInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a contract id' }) contractId: string;
  @Field(() => InstalmentKind) @IsEnum(InstalmentKind) kind: InstalmentKind;
  @Field(() => GraphQLDate) dueOn: string;
  @Field(() => GraphQLDecimal, { description: 'In the contract currency; all instalments together at most its amount' })
  amount: string;
}

@InputType()
export class UpdateInstalmentInput {
  @Field(() => InstalmentKind, { nullable: true }) @IsOptional() @IsEnum(InstalmentKind) kind?: InstalmentKind;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() dueOn?: string;
  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() amount?: string;
}

@InputType()
export class AddMilestoneInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a contract id' }) contractId: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) title: string;
  @Field(() => GraphQLDate) dueOn: string;
}

@InputType()
export class UpdateMilestoneInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) title?: string;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() dueOn?: string;
}
