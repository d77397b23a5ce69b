import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDecimal } from '@app/graphql';
import { Branch } from '../branches/branch.types.js';
import { ContractState } from './contract-state.js';

@ObjectType('ContractValueRow', { description: 'Contracts of one branch, state and month, with their total value' })
export class ContractValueRow {
  @Field(() => Branch, { description: 'The branch counted' }) branch: Branch;
  @Field(() => ContractState, { description: "The contracts' current state" }) state: ContractState;
  @Field({ description: 'YYYY-MM of the signing day (of the application day while unsigned), branch time zone' })
  month: string;
  @Field(() => Int, { description: 'How many contracts' }) count: number;
  @Field(() => GraphQLDecimal, { description: "Sum of the contracts' amounts, in currency" }) amount: string;
  @Field({ description: 'ISO 4217 currency of amount (the branch currency)' }) currency: string;
}
