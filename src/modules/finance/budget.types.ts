import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { BudgetCategory, ExpenseState, TripState } from './budget.enums.js';
import { Budget, BudgetExpense, CustomerReception } from './budget.entity.js';
import { BusinessTrip } from './trip.entity.js';

@ObjectType('BudgetConnection', { description: 'A page of budgets, newest period first' })
export class BudgetConnection extends Connection(Budget, 'Budget') {}

@ObjectType('BudgetExpenseConnection', { description: 'A page of expenses of a budget, newest first' })
export class BudgetExpenseConnection extends Connection(BudgetExpense, 'BudgetExpense') {}

@ObjectType('BusinessTripConnection', { description: 'A page of business trips, newest first' })
export class BusinessTripConnection extends Connection(BusinessTrip, 'BusinessTrip') {}

@ObjectType('CustomerReceptionConnection', { description: 'A page of customer receptions, newest first' })
export class CustomerReceptionConnection extends Connection(CustomerReception, 'CustomerReception') {}

@InputType({ description: 'Narrows a list of budgets' })
export class BudgetFilter {
  @Field(() => ID, { nullable: true, description: 'Only this branch (head office)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => BudgetCategory, { nullable: true, description: 'Only this category' })
  @IsOptional()
  @IsEnum(BudgetCategory)
  category?: BudgetCategory;
}

@InputType({ description: 'Narrows a list of expenses' })
export class BudgetExpenseFilter {
  @Field(() => ExpenseState, { nullable: true, description: 'Only expenses in this state' })
  @IsOptional()
  @IsEnum(ExpenseState)
  state?: ExpenseState;
}

@InputType({ description: 'Narrows a list of business trips' })
export class BusinessTripFilter {
  @Field(() => ID, { nullable: true, description: 'Only this branch (head office)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => TripState, { nullable: true, description: 'Only trips in this state' })
  @IsOptional()
  @IsEnum(TripState)
  state?: TripState;
}

@InputType({ description: 'Narrows a list of customer receptions' })
export class CustomerReceptionFilter {
  @Field(() => ID, { nullable: true, description: 'Only this branch (head office)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}

@InputType({ description: 'A budget of the department (the branch) for one category and period' })
export class SetBudgetInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => BudgetCategory, { description: 'What it pays for' })
  @IsEnum(BudgetCategory)
  category: BudgetCategory;
  @Field({ description: 'Its name (1 to 200 characters)' })
  @Length(1, 200)
  @NotBlank()
  name: string;
  @Field(() => GraphQLDate, { description: 'First business day of the period' }) periodStart: string;
  @Field(() => GraphQLDate, { description: 'Last business day of the period (at most a year after the first)' })
  periodEnd: string;
  @Field(() => GraphQLDecimal, { description: 'The amount budgeted, in the branch currency (positive, 2 decimals)' })
  amount: string;
}

@InputType({ description: 'An expense against a budget, recorded by finance or the department head' })
export class RecordExpenseInput {
  @Field(() => ID, { description: 'The budget' })
  @IsUUID('all', { message: 'must be a budget id' })
  budgetId: string;
  @Field({ description: 'What was paid for (1 to 500 characters)' })
  @Length(1, 500)
  @NotBlank()
  description: string;
  @Field(() => GraphQLDecimal, { description: 'Amount in the budget currency (positive, 2 decimals)' })
  amount: string;
  @Field(() => GraphQLDate, { description: 'Business day it was spent, within the budget’s period' })
  spentOn: string;
}

@InputType({ description: 'A business trip, applied for before it starts' })
export class ApplyForTripInput {
  @Field(() => ID, { description: 'The budget it is paid from (of your branch, covering the first day)' })
  @IsUUID('all', { message: 'must be a budget id' })
  budgetId: string;
  @Field({ description: 'Where to (1 to 200 characters)' })
  @Length(1, 200)
  @NotBlank()
  destination: string;
  @Field({ description: 'Why (1 to 1000 characters)' })
  @Length(1, 1000)
  @NotBlank()
  purpose: string;
  @Field(() => GraphQLDate, { description: 'First day away: today or later (the branch’s day)' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day away, at most 60 days after the first' }) endsOn: string;
  @Field(() => GraphQLDecimal, { description: 'The cost applied for (positive, 2 decimals)' })
  estimatedAmount: string;
}

@InputType({ description: 'One receipt of a trip claim' })
export class TripReceiptInput {
  @Field({ description: 'What was paid for (1 to 200 characters)' })
  @Length(1, 200)
  @NotBlank()
  description: string;
  @Field({ nullable: true, description: 'The receipt’s or invoice’s number (1 to 100 characters)' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  reference?: string;
  @Field(() => GraphQLDate, { description: 'Business day it was paid, from the trip’s first day to today' })
  spentOn: string;
  @Field(() => GraphQLDecimal, { description: 'Amount (positive, 2 decimals)' })
  amount: string;
}

@InputType({ description: 'The claim of an APPROVED trip, with its receipts' })
export class ClaimTripInput {
  @Field(() => ID, { description: 'The trip (yours, APPROVED, started)' })
  @IsUUID('all', { message: 'must be a trip id' })
  tripId: string;
  @Field(() => [TripReceiptInput], {
    description: '1 to 50 receipts; above the amount approved, the claim waits for a further approval',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TripReceiptInput)
  receipts: TripReceiptInput[];
}

@InputType({ description: 'A customer reception planned in advance, within the branch’s standard' })
export class PlanReceptionInput {
  @Field(() => ID, { description: 'The customer hosted' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => ID, { description: 'The budget it is paid from (of the customer’s branch, covering the day)' })
  @IsUUID('all', { message: 'must be a budget id' })
  budgetId: string;
  @Field(() => GraphQLDate, { description: 'Business day of the reception: today or later' }) hostedOn: string;
  @Field(() => Int, { description: 'Guests hosted, 1 to 500' }) @IsInt() @Min(1) @Max(500) guests: number;
  @Field({ description: 'Why the customer visits (1 to 1000 characters)' })
  @Length(1, 1000)
  @NotBlank()
  purpose: string;
  @Field(() => GraphQLDecimal, {
    description: 'The budget set in advance: at most guests x the branch’s per-head standard (positive, 2 decimals)',
  })
  plannedAmount: string;
}

@InputType({ description: 'What a PLANNED reception cost, once hosted' })
export class RecordReceptionInput {
  @Field(() => ID, { description: 'The reception' })
  @IsUUID('all', { message: 'must be a reception id' })
  receptionId: string;
  @Field(() => GraphQLDecimal, {
    description: 'What it cost (positive, 2 decimals); above the planned amount it waits for approval',
  })
  actualAmount: string;
}

@InputType({ description: 'A branch’s reception standard' })
export class UpdateReceptionSettingsInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => GraphQLDecimal, { description: 'The most a reception may cost per guest (positive, 2 decimals)' })
  perHeadCeiling: string;
}
