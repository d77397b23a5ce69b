import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';
import { OrderDirection } from '../customers/customer.types.js';
import { ContractState } from './contract-state.js';
import { Contract } from './contract.entity.js';

export enum ContractOrderField {
  CREATED_AT = 'CREATED_AT',
  ENDS_ON = 'ENDS_ON',
}
registerEnumType(ContractOrderField, {
  name: 'ContractOrderField',
  description: 'Sort keys for contracts',
  valuesMap: {
    CREATED_AT: { description: 'When the contract was created' },
    ENDS_ON: { description: "The term's last day" },
  },
});

@ObjectType('ContractConnection', {
  description: 'A page of contract rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ContractConnection extends Connection(Contract, 'Contract') {}

@ObjectType('ContractFieldChange', { description: "One field that differs between two versions of a contract's terms" })
export class ContractFieldChange {
  @Field({ description: 'The field, e.g. amount or endsOn' }) field: string;
  @Field(() => String, { nullable: true, description: 'Its value in the first version, as text' }) from: string | null;
  @Field(() => String, { nullable: true, description: 'Its value in the second version, as text' }) to: string | null;
}

@InputType({ description: 'Conditions on the contracts list; all given must hold' })
export class ContractFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ContractState, { nullable: true, description: 'Only contracts in this state' })
  @IsOptional()
  @IsEnum(ContractState)
  state?: ContractState;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Only contracts whose term ends before this day' })
  @IsOptional()
  expiringBefore?: string;
}

@InputType({ description: 'How to sort contracts' })
export class ContractOrder {
  @Field(() => ContractOrderField, { description: 'The sort key' })
  @IsEnum(ContractOrderField)
  field: ContractOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending' })
  @IsEnum(OrderDirection)
  direction: OrderDirection;
}
