import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { RmaState } from '../rma.enums.js';

const HOURS = { message: 'must be a whole number of working hours from 1 to 2000' };

@InputType({ description: 'A customer’s after-sales request (RMA)' })
export class CreateRmaInput {
  @Field(() => ID, { nullable: true, description: 'Head office: the branch; others: omit (their own)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => ID, { nullable: true, description: 'Who answers for it (a person of the branch); default: you' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a person id' })
  ownerId?: string;
  @Field(() => ID, { nullable: true, description: 'The catalogue product concerned' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a product id' })
  productId?: string;
  @Field({ nullable: true, description: 'Serial number of the unit, 1 to 100 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 100)
  serialNumber?: string;
  @Field({ description: 'The fault as the customer reports it, 1 to 4000 characters' })
  @NotBlank()
  @Length(1, 4000)
  problem: string;
}

@InputType({ description: 'The next step of an RMA (or CANCELLED), with what that step records' })
export class MoveRmaInput {
  @Field(() => RmaState, {
    description:
      'ENGINEER_CONFIRMED, CHECKED (note: the check result), AT_MAKER (makerId), RETURNED, RESOLVED (note: the ' +
      'result the customer confirmed) or CANCELLED (note: why)',
  })
  @IsEnum(RmaState)
  state: RmaState;
  @Field({ nullable: true, description: 'The check result, the confirmed result or the reason, 1 to 4000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 4000)
  note?: string;
  @Field(() => ID, { nullable: true, description: 'AT_MAKER: the maker it is sent to (a vendor of kind MAKER)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a vendor id' })
  makerId?: string;
  @Field({ nullable: true, description: 'AT_MAKER: the maker’s repair reference, 1 to 200 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  makerReference?: string;
}

@InputType({ description: 'A branch’s RMA time limits; fields left out keep their value' })
export class UpdateRmaSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Head office: the branch; others: omit (their own)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true, description: 'REQUESTED limit, working hours 1 to 2000' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2000, HOURS)
  requestedHours?: number;
  @Field(() => Int, { nullable: true, description: 'ENGINEER_CONFIRMED limit, working hours 1 to 2000' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2000, HOURS)
  engineerConfirmedHours?: number;
  @Field(() => Int, { nullable: true, description: 'CHECKED limit, working hours 1 to 2000' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2000, HOURS)
  checkedHours?: number;
  @Field(() => Int, { nullable: true, description: 'AT_MAKER limit, working hours 1 to 2000' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2000, HOURS)
  atMakerHours?: number;
  @Field(() => Int, { nullable: true, description: 'RETURNED limit, working hours 1 to 2000' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2000, HOURS)
  returnedHours?: number;
  @Field(() => Int, { nullable: true, description: 'Reminder to escalation, working hours 1 to 2000' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2000, HOURS)
  escalationHours?: number;
}
