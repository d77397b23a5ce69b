import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';

export enum CustomerTierEnum {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(CustomerTierEnum, {
  name: 'CustomerTier',
  description: 'Value tier; sets how often the customer must be contacted',
});

export enum CustomerStatusEnum {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(CustomerStatusEnum, { name: 'CustomerStatus' });

export enum ContactChannelEnum {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
  EMAIL = 'EMAIL',
  MESSAGE = 'MESSAGE',
  OTHER = 'OTHER',
}
registerEnumType(ContactChannelEnum, { name: 'ContactChannel' });

export enum CustomerOrderField {
  CREATED_AT = 'CREATED_AT',
  NAME = 'NAME',
  NEXT_CONTACT_DUE_AT = 'NEXT_CONTACT_DUE_AT',
}
registerEnumType(CustomerOrderField, { name: 'CustomerOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@ObjectType('CustomerContact', { description: 'A person at the customer' })
export class CustomerContact {
  @Field(() => ID, { description: 'Stable id of the customer contact' }) id: string;
  @Field(() => ID) customerId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field() isPrimary: boolean;
  branchId: string;
}

@ObjectType('ContactLog', { description: 'One recorded contact with a customer' })
export class ContactLog {
  @Field(() => ID, { description: 'Stable id of the contact log' }) id: string;
  @Field(() => ID) customerId: string;
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => ContactChannelEnum) channel: ContactChannelEnum;
  @Field() summary: string;
  @Field() occurredAt: Date;
  @Field(() => ID, { description: 'Id of the logged by (the object itself: loggedBy)' }) loggedById: string;
  @Field({ description: 'When the contact log was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('Customer')
export class Customer {
  @Field(() => ID, { description: 'Stable id of the customer' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the customer belongs to (its code and name: branch)' })
  branchId: string;
  @Field() name: string;
  @Field(() => CustomerTierEnum) tier: CustomerTierEnum;
  @Field(() => CustomerStatusEnum, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: CustomerStatusEnum;
  @Field(() => String, { nullable: true }) industry: string | null;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => ID, { description: 'Id of the owner (the object itself: owner)' }) ownerId: string;
  @Field(() => Date, { nullable: true }) lastContactAt: Date | null;
  @Field({ description: 'The instant the customer becomes overdue: the end of the due business day' })
  nextContactDueAt: Date;
  @Field({ description: 'When the customer was recorded' }) createdAt: Date;
  @Field({ description: 'When the customer last changed' }) updatedAt: Date;
  @Field(() => Date, { nullable: true }) archivedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The lead this customer was converted from' })
  leadId: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The dedicated account manager (high-value customers must have one)',
  })
  accountManagerId: string | null;
}

@ObjectType('CustomerConnection', {
  description: 'A page of customer rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CustomerConnection extends Connection(Customer, 'Customer') {}

@InputType()
export class CustomerFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;

  @Field(() => CustomerTierEnum, { nullable: true }) @IsOptional() @IsEnum(CustomerTierEnum) tier?: CustomerTierEnum;

  @Field(() => CustomerStatusEnum, {
    nullable: true,
    description: 'ACTIVE (the default) or ARCHIVED customers; wins over the deprecated status',
  })
  @IsOptional()
  @IsEnum(CustomerStatusEnum)
  state?: CustomerStatusEnum;

  @Field(() => CustomerStatusEnum, {
    nullable: true,
    defaultValue: CustomerStatusEnum.ACTIVE,
    deprecationReason: 'Use state: one word for lifecycles across the schema',
  })
  @IsOptional()
  @IsEnum(CustomerStatusEnum)
  status?: CustomerStatusEnum;

  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;

  @Field(() => GraphQLDate, {
    nullable: true,
    description:
      'Created on or after this business day, counted in each customer’s branch time zone (from 00:00 there)',
  })
  @IsOptional()
  createdFrom?: string;

  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'Created on or before this business day (inclusive, to 24:00 in the customer’s branch time zone)',
  })
  @IsOptional()
  createdTo?: string;

  @Field({ nullable: true, description: 'Part of the name, case-insensitive' })
  @IsOptional()
  @MaxLength(100)
  search?: string;

  @Field({ nullable: true, description: 'Only customers whose next contact is overdue' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@InputType()
export class CustomerOrder {
  @Field(() => CustomerOrderField) @IsEnum(CustomerOrderField) field: CustomerOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) @IsEnum(OrderDirection) direction: OrderDirection;
}

@ObjectType('BranchSettings', { description: 'Per-branch rules of the customers module' })
export class BranchSettings {
  @Field(() => ID, { description: 'Id of the branch the branch settings belongs to' }) branchId: string;
  @Field(() => Int, { description: 'Days between contacts for HIGH tier customers' }) contactCadenceHighDays: number;
  @Field(() => Int) contactCadenceMediumDays: number;
  @Field(() => Int) contactCadenceLowDays: number;
}

export { GraphQLDate };

@InputType()
export class HighValueCustomerFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
}
