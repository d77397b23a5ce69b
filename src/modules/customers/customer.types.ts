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
  valuesMap: {
    HIGH: {
      description:
        "High value (purchases above the branch's high threshold, default 1,000,000): contact weekly, with a dedicated account manager",
    },
    LOW: { description: 'Low value: contact monthly' },
    MEDIUM: { description: 'Medium value (above the medium threshold, default 200,000): contact twice a month' },
  },
});

export enum CustomerStatusEnum {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(CustomerStatusEnum, {
  name: 'CustomerStatus',
  description: 'Whether a customer is worked or kept for the record',
  valuesMap: {
    ACTIVE: { description: 'Worked: contact cadence and reminders apply' },
    ARCHIVED: { description: 'Kept for the record; no reminders' },
  },
});

export enum ContactChannelEnum {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
  EMAIL = 'EMAIL',
  MESSAGE = 'MESSAGE',
  OTHER = 'OTHER',
}
registerEnumType(ContactChannelEnum, {
  name: 'ContactChannel',
  description: 'How a customer was contacted',
  valuesMap: {
    EMAIL: { description: 'E-mail' },
    MESSAGE: { description: 'Instant message (WeChat, DingTalk, ...)' },
    OTHER: { description: 'Any other way' },
    PHONE: { description: 'Telephone call' },
    VIDEO: { description: 'Video call' },
    VISIT: { description: 'Face to face' },
  },
});

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

@ObjectType('CustomerContact', { description: 'A person at the customer' })
export class CustomerContact {
  @Field(() => ID, { description: 'Stable id of the customer contact' }) id: string;
  @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Field({ description: 'Full name' }) name: string;
  @Field(() => String, { nullable: true, description: 'Job title, e.g. Purchasing manager' }) title: string | null;
  @Field(() => String, { nullable: true, description: 'Direct telephone or mobile' }) phone: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail' }) email: string | null;
  @Field({ description: 'The main contact (one per customer)' }) isPrimary: boolean;
  branchId: string;
}

@ObjectType('ContactLog', { description: 'One recorded contact with a customer' })
export class ContactLog {
  @Field(() => ID, { description: 'Stable id of the contact log' }) id: string;
  @Field(() => ID, { description: 'Id of the customer contacted' }) customerId: string;
  @Field(() => ID, {
    nullable: true,
    description: "Id of the customer's contact person spoken to; null if not recorded",
  })
  contactId: string | null;
  @Field(() => ContactChannelEnum, { description: 'How the customer was contacted' }) channel: ContactChannelEnum;
  @Field({ description: 'What was discussed' }) summary: string;
  @Field({ description: "When the contact took place; moves the next contact due date by the tier's cadence" })
  occurredAt: Date;
  @Field(() => ID, { description: 'Id of the person who logged it (the person: loggedBy)' }) loggedById: string;
  @Field({ description: 'When the contact log was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('Customer', {
  description:
    'A customer record (客户档案) of a branch: a commercial secret, seen by its owner, the branch managers and head office',
})
export class Customer {
  @Field(() => ID, { description: 'Stable id of the customer' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the customer belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'Company name' }) name: string;
  @Field(() => CustomerTierEnum, {
    description: "Value tier from the trailing 12 months' purchases; sets the contact cadence",
  })
  tier: CustomerTierEnum;
  @Field(() => CustomerStatusEnum, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: CustomerStatusEnum;
  @Field(() => String, { nullable: true, description: 'Industry, e.g. Logistics' }) industry: string | null;
  @Field(() => String, { nullable: true, description: 'Region, e.g. East China' }) region: string | null;
  @Field(() => String, { nullable: true, description: 'Company e-mail' }) email: string | null;
  @Field(() => String, { nullable: true, description: 'Company telephone' }) phone: string | null;
  @Field(() => String, { nullable: true, description: 'Postal or site address' }) address: string | null;
  @Field(() => String, { nullable: true, description: 'Free notes' }) notes: string | null;
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' }) ownerId: string;
  @Field(() => Date, { nullable: true, description: 'When the customer was last contacted (the latest contact log)' })
  lastContactAt: Date | null;
  @Field({ description: 'The instant the customer becomes overdue: the end of the due business day' })
  nextContactDueAt: Date;
  @Field({ description: 'When the customer was recorded' }) createdAt: Date;
  @Field({ description: 'When the customer last changed' }) updatedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was archived; null while ACTIVE' })
  archivedAt: Date | null;
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

@ObjectType('BranchSettings', { description: 'Per-branch rules of the customers module' })
export class BranchSettings {
  @Field(() => ID, { description: 'Id of the branch the branch settings belongs to' }) branchId: string;
  @Field(() => Int, { description: 'Days between contacts for HIGH tier customers' }) contactCadenceHighDays: number;
  @Field(() => Int, {
    description: 'Days between contacts for a MEDIUM-tier customer (default 15: twice a month, phone or video)',
  })
  contactCadenceMediumDays: number;
  @Field(() => Int, {
    description: 'Days between contacts for a LOW-tier customer (default 30: monthly, e-mail or online)',
  })
  contactCadenceLowDays: number;
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
