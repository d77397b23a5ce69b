import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';
import { Customer } from './customer.entity.js';
import { CustomerStatusEnum, CustomerTierEnum } from './customer.enums.js';

// The table classes are the GraphQL object types (customer.entity.ts); other modules import them from here.
export { Customer, CustomerContact } from './customer.entity.js';

export enum CustomerOrderField {
  CREATED_AT = 'CREATED_AT',
  NAME = 'NAME',
  NEXT_CONTACT_DUE_AT = 'NEXT_CONTACT_DUE_AT',
}
registerEnumType(CustomerOrderField, {
  name: 'CustomerOrderField',
  description: 'Sort keys for customers',
  valuesMap: {
    CREATED_AT: { description: 'When the record was created (the default, newest first)' },
    NAME: { description: 'Company name' },
    NEXT_CONTACT_DUE_AT: { description: 'When the next contact is due' },
  },
});

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction',
  valuesMap: {
    ASC: { description: 'Smallest or oldest first' },
    DESC: { description: 'Largest or newest first' },
  },
});

@ObjectType('CustomerConnection', {
  description: 'A page of customer rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CustomerConnection extends Connection(Customer, 'Customer') {}

@InputType({ description: 'Conditions on the customers list; all given must hold' })
export class CustomerFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;

  @Field(() => CustomerTierEnum, { nullable: true, description: 'Only customers of this tier' })
  @IsOptional()
  @IsEnum(CustomerTierEnum)
  tier?: CustomerTierEnum;

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
    description: 'The same as state, under its old name',
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

@InputType({ description: 'How to sort customers' })
export class CustomerOrder {
  @Field(() => CustomerOrderField, { description: 'The sort key' })
  @IsEnum(CustomerOrderField)
  field: CustomerOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending' })
  @IsEnum(OrderDirection)
  direction: OrderDirection;
}

export { GraphQLDate };

@InputType({ description: 'Conditions on the list of HIGH customers without an account manager' })
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
