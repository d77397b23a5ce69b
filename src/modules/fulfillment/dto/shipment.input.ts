import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { GraphQLDecimal } from '@app/graphql';
import { ShipmentMode, ShipmentStatus } from '../shipment.enums.js';

@InputType({ description: 'What a shipment carries against one order line' })
export class ShipmentLineInput {
  @Field(() => ID, { description: 'Id of the order line it draws down' })
  @IsUUID('all', { message: 'must be an order line id' })
  orderLineId: string;
  @Field(() => ID, { description: 'Id of the catalogue product shipped for it' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;
  @Field(() => GraphQLDecimal, { description: 'More than zero, at most what the order line still awaits' })
  quantity: string;
}

@InputType({ description: 'A shipment of a RELEASED order: all or part of what it still awaits' })
export class CreateShipmentInput {
  @Field(() => ID, { description: 'Id of the order (RELEASED for shipment)' })
  @IsUUID('all', { message: 'must be an order id' })
  orderId: string;
  @Field(() => ShipmentMode, { description: 'From stock (give locationId) or straight from the maker' })
  @IsEnum(ShipmentMode)
  mode: ShipmentMode;
  @Field(() => ID, { nullable: true, description: 'FROM_STOCK: the location of the order’s branch to issue from' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a location id' })
  locationId?: string;
  @Field(() => [ShipmentLineInput], { description: '1 to 200 lines, at most one per order line' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineInput)
  lines: ShipmentLineInput[];
  @Field({ description: 'Where the goods go (address, site)' }) @Length(1, 500) consigneePlace: string;
  @Field({ description: 'Who receives them' }) @Length(1, 200) consigneePerson: string;
  @Field({ nullable: true, description: "The consignee's phone" }) @IsOptional() @Length(1, 50) consigneePhone?: string;
  @Field({ nullable: true, description: 'Carrier (物流公司)' }) @IsOptional() @Length(1, 200) carrier?: string;
  @Field({ nullable: true, description: "The carrier's tracking number" })
  @IsOptional()
  @Length(1, 100)
  trackingNumber?: string;
  @Field({ nullable: true, description: 'Free note' }) @IsOptional() @Length(1, 4000) note?: string;
}

@InputType({ description: 'A status change of a shipment, recorded by hand' })
export class ShipmentEventInput {
  @Field(() => ShipmentStatus, { description: 'The new status (SHIPPED, IN_TRANSIT or DELIVERED; cancel separately)' })
  @IsEnum(ShipmentStatus)
  status: ShipmentStatus;
  @Field({ nullable: true, description: 'When it happened (RFC 3339 with offset); defaults to now; not in the future' })
  @IsOptional()
  at?: Date;
  @Field({ nullable: true, description: 'Carrier, when it is known only now' })
  @IsOptional()
  @Length(1, 200)
  carrier?: string;
  @Field({ nullable: true, description: 'Tracking number, when it is known only now' })
  @IsOptional()
  @Length(1, 100)
  trackingNumber?: string;
  @Field({ nullable: true, description: 'Free note' }) @IsOptional() @Length(1, 2000) note?: string;
}

@InputType({ description: 'The customer’s signed delivery receipt (设备签收单) of a DELIVERED shipment' })
export class DeliveryReceiptInput {
  @Field({ description: 'Who signed for the customer, 1 to 200 characters' }) @Length(1, 200) signedBy: string;
  @Field({ description: 'When they signed (RFC 3339 with offset); not in the future, not before the goods left' })
  signedAt: Date;
  @Field(() => ID, {
    description: 'Id of the scan of the signed receipt: a file uploaded with POST /files in the shipment’s branch',
  })
  @IsUUID('all', { message: 'must be a file id' })
  scanFileId: string;
}
