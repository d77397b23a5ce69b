import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { CustomerTierEnum } from '../customers/customer.enums.js';
import type { StatisticsPeriod } from './statistics.enums.js';

@ObjectType('PurchaseStatistic', {
  description: "One customer's purchases (contracts signed) in one period of one branch (购销统计)",
})
export class PurchaseStatistic {
  @Field(() => ID, { description: 'Stable id of the row: period, branch and customer' }) id: string;
  @Field(() => ID, { description: 'The branch' }) branchId: string;
  @Field({ description: "The branch's code" }) branchCode: string;
  @Field(() => GraphQLDate, { description: 'First business day of the period' }) periodStart: string;
  @Field(() => GraphQLDate, { description: 'Last business day of the period' }) periodEnd: string;
  @Field(() => ID, { description: 'The customer' }) customerId: string;
  @Field({ description: "The customer's name" }) customerName: string;
  @Field(() => CustomerTierEnum, { description: "The customer's tier today" }) tier: CustomerTierEnum;
  @Field({ description: 'A target customer (重点客户: the HIGH tier)' }) target: boolean;
  @Field(() => Int, { description: 'Contracts signed in the period' }) contracts: number;
  @Field(() => GraphQLDecimal, { description: 'Their amount, exact' }) amount: string;
  @Field({ description: 'ISO 4217 currency of the amount' }) currency: string;
}

@ObjectType('PurchaseStatisticConnection', {
  description: 'A page of purchase statistics, by period, branch, customer',
})
export class PurchaseStatisticConnection extends Connection(PurchaseStatistic, 'PurchaseStatistic') {}

@ObjectType('PurchaseTotal', {
  description: 'One period of one branch: all purchases, and those of the target customers (重点客户统计)',
})
export class PurchaseTotal {
  @Field(() => ID, { description: 'The branch' }) branchId: string;
  @Field(() => GraphQLDate, { description: 'First business day of the period' }) periodStart: string;
  @Field(() => GraphQLDate, { description: 'Last business day of the period' }) periodEnd: string;
  @Field({ description: 'ISO 4217 currency of the amounts' }) currency: string;
  @Field(() => Int, { description: 'Contracts signed' }) contracts: number;
  @Field(() => Int, { description: 'Customers who signed' }) customers: number;
  @Field(() => GraphQLDecimal, { description: 'Amount signed, exact' }) amount: string;
  @Field(() => Int, { description: 'Contracts signed by target customers' }) targetContracts: number;
  @Field(() => Int, { description: 'Target customers who signed' }) targetCustomers: number;
  @Field(() => GraphQLDecimal, { description: 'Amount signed by target customers, exact' }) targetAmount: string;
}

/** What a statistic covers: the period unit, the business days, a branch, target customers only. */
export interface StatisticsQuery {
  period: StatisticsPeriod;
  from: string;
  to: string;
  branchId?: string | null;
  targetOnly?: boolean | null;
}
