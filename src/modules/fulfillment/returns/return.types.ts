import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { GoodsReturn } from './return.entity.js';
import { ShipmentMode } from '../shipment.enums.js';
import { GoodsReturnKind, GoodsReturnStatus, ReturnReason } from './return.enums.js';

@ObjectType('GoodsReturnConnection', {
  description: 'A page of returns and exchanges, newest first (Relay connection)',
})
export class GoodsReturnConnection extends Connection(GoodsReturn, 'GoodsReturn') {}

@InputType({ description: 'Conditions on the list of returns; all given must hold' })
export class GoodsReturnFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the returns of this shipment' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a shipment id' })
  shipmentId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the returns of this order' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an order id' })
  orderId?: string;
  @Field(() => GoodsReturnStatus, { nullable: true, description: 'Only returns in this status' })
  @IsOptional()
  @IsEnum(GoodsReturnStatus)
  status?: GoodsReturnStatus;
}

@InputType({ description: 'What comes back against one line of the shipment' })
export class GoodsReturnLineInput {
  @Field(() => ID, { description: 'Id of the shipment line' })
  @IsUUID('all', { message: 'must be a shipment line id' })
  shipmentLineId: string;
  @Field(() => GraphQLDecimal, {
    description: 'Quantity, more than zero, at most what the line shipped less what came back before',
  })
  quantity: string;
}

@InputType({ description: 'A customer’s request to return (or exchange) goods of an accepted shipment' })
export class RequestGoodsReturnInput {
  @Field(() => ID, { description: 'Id of the shipment the goods came with (ACCEPTED by the customer)' })
  @IsUUID('all', { message: 'must be a shipment id' })
  shipmentId: string;
  @Field(() => GoodsReturnKind, { description: 'A return, or an exchange' })
  @IsEnum(GoodsReturnKind)
  kind: GoodsReturnKind;
  @Field(() => ReturnReason, { description: 'Why the goods come back' })
  @IsEnum(ReturnReason)
  reason: ReturnReason;
  @Field({ description: 'What the customer reports' })
  @Length(1, 4000)
  @NotBlank()
  description: string;
  @Field(() => [GoodsReturnLineInput], { description: '1 to 200 lines, at most one per shipment line' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GoodsReturnLineInput)
  lines: GoodsReturnLineInput[];
}

@InputType({ description: 'The result of a check of a return: passed, or failed with what was found' })
export class ReturnCheckInput {
  @Field({ description: 'Whether the check passed; a failed check rejects the return' })
  @IsBoolean()
  passed: boolean;
  @Field({ nullable: true, description: 'What the check found (required when it failed)' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  note?: string;
}

@InputType({
  description:
    'How an exchange’s replacement ships: the returned lines again (same products and quantities), to the original ' +
    'consignee unless named',
})
export class ReplacementShipmentInput {
  @Field(() => ShipmentMode, { description: 'From stock (give locationId) or straight from the maker' })
  @IsEnum(ShipmentMode)
  mode: ShipmentMode;
  @Field(() => ID, { nullable: true, description: 'FROM_STOCK: the location of the branch to issue from' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a location id' })
  locationId?: string;
  @Field({ nullable: true, description: 'Where the goods go; the original shipment’s place by default' })
  @IsOptional()
  @Length(1, 500)
  consigneePlace?: string;
  @Field({ nullable: true, description: 'Who receives them; the original shipment’s consignee by default' })
  @IsOptional()
  @Length(1, 200)
  consigneePerson?: string;
  @Field({ nullable: true, description: 'Carrier (物流公司)' }) @IsOptional() @Length(1, 200) carrier?: string;
  @Field({ nullable: true, description: 'Free note of the shipment' }) @IsOptional() @Length(1, 4000) note?: string;
}

@InputType({ description: 'Where the returned goods go back into stock, and an exchange’s replacement shipment' })
export class ProcessGoodsReturnInput {
  @Field(() => ReplacementShipmentInput, {
    nullable: true,
    description: 'An EXCHANGE: its replacement shipment, created and linked in the same transaction (required)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReplacementShipmentInput)
  replacement?: ReplacementShipmentInput;
  @Field(() => ID, { description: 'The location of the return’s branch the goods go back into (cause RETURN)' })
  @IsUUID('all', { message: 'must be a location id' })
  locationId: string;
  @Field({ nullable: true, description: 'Free note kept with the stock movements' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  note?: string;
}

@InputType({ description: 'The period (business days in each branch’s time zone) of returns by reason' })
export class ReturnsByReasonInput {
  @Field(() => GraphQLDate, { description: 'First business day a return was requested, inclusive' }) from: string;
  @Field(() => GraphQLDate, { description: 'Last business day, inclusive; at most 366 days after from' }) to: string;
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}

@ObjectType('BranchReturnsByReason', { description: 'One branch’s returns requested in a period, for one reason' })
export class BranchReturnsByReason {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field({ description: 'Branch code' }) branchCode: string;
  @Field({ description: 'Branch name' }) branchName: string;
  @Field(() => ReturnReason, { description: 'The reason' }) reason: ReturnReason;
  @Field(() => Int, { description: 'Returns and exchanges requested in the period for this reason' }) requested: number;
  @Field(() => Int, { description: 'Of those, processed' }) processed: number;
  @Field(() => Int, { description: 'Of those, rejected' }) rejected: number;
  @Field(() => Int, { description: 'Of those, exchanges' }) exchanges: number;
  @Field(() => GraphQLDecimal, { description: 'Value of the processed ones (the credited amount)' })
  processedAmount: string;
  @Field({ description: 'ISO 4217 currency of the amounts (the branch currency)' }) currency: string;
}
