import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CustomerTierEnum } from './customer.enums.js';

@ObjectType('CustomerTierCount', {
  description: 'Active customers of one branch and tier, and how many of them are overdue for contact now',
})
export class CustomerTierCount {
  @Field(() => ID, { description: 'Id of the branch (as an object: branch)' }) branchId: string;
  @Field(() => CustomerTierEnum, { description: 'The value tier' }) tier: CustomerTierEnum;
  @Field(() => Int, { description: 'Active customers of the branch in this tier (a sales rep: their own)' })
  customers: number;
  @Field(() => Int, {
    description: 'Of those, customers whose next contact is overdue now (the list: customers(filter: { overdue }))',
  })
  overdueContacts: number;
}

/** Leads of one branch in a period, for the sales pipeline (the contracts module adds quotes and contracts). */
export interface BranchLeadFunnel {
  branchId: string;
  /** Leads recorded in the period. */
  created: number;
  /** Leads screened FIT in the period that name a responsible person with a direct contact (valid). */
  qualified: number;
}
