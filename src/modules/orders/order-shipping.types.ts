import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';

@InputType({ description: 'Conditions on the list of one-working-day breaches' })
export class ShippingBreachFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}

@InputType({ description: 'The period (business days in each branch’s time zone) of signing-to-shipment figures' })
export class ShippingTimesInput {
  @Field(() => GraphQLDate, { description: 'First business day of signing, inclusive' }) from: string;
  @Field(() => GraphQLDate, { description: 'Last business day of signing, inclusive; at most 366 days after from' })
  to: string;
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}

@ObjectType('BranchShippingTimes', {
  description: 'One branch’s signing-to-shipment figures for a period, and the orders waiting for release now',
})
export class BranchShippingTimes {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field({ description: 'Branch code' }) branchCode: string;
  @Field({ description: 'Branch name' }) branchName: string;
  @Field(() => Int, { description: 'Orders signed (confirmed or approved) in the period' }) signed: number;
  @Field(() => Int, { description: 'Of those, orders whose first shipment has left' }) shipped: number;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Average hours from signing to the first shipment (shipped orders); null if none',
  })
  averageHours: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Median of the same hours; null if none' })
  medianHours: string | null;
  @Field(() => Int, {
    description: 'Orders signed in the period that broke the one-working-day rule (shipped late, or unshipped past it)',
  })
  breaches: number;
  @Field(() => Int, { description: 'Orders CONFIRMED or APPROVED, not yet released for shipment (now)' })
  awaitingRelease: number;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Hours the oldest of them has waited since signing; null if none',
  })
  oldestAwaitingHours: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Average hours they have waited; null if none' })
  averageAwaitingHours: string | null;
}
