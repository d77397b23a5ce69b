import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { QuoteState } from './quote-state.js';
import { Quote } from './quote.entity.js';

@ObjectType('QuoteConnection', {
  description: 'A page of quote rows: edges, pageInfo and totalCount (Relay connection)',
})
export class QuoteConnection extends Connection(Quote, 'Quote') {}

@InputType({ description: 'Conditions on the quotes list; all given must hold' })
export class QuoteFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => QuoteState, { nullable: true, description: 'Only quotes in this state' })
  @IsOptional()
  @IsEnum(QuoteState)
  state?: QuoteState;
}
