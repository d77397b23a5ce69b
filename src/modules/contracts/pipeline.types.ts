import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDecimal } from '@app/graphql';

@ObjectType('BranchPipeline', {
  description:
    'One branch’s sales pipeline in a period (business days in the branch’s time zone): leads to quotes to ' +
    'contracts, each stage counted when it happened in the period',
})
export class BranchPipeline {
  @Field(() => ID, { description: 'Id of the branch (as an object: branch)' }) branchId: string;
  @Field(() => Int, { description: 'Leads recorded in the period' }) leadsCreated: number;
  @Field(() => Int, {
    description: 'Leads qualified in the period: screened FIT, and valid (a responsible person with a direct contact)',
  })
  leadsQualified: number;
  @Field(() => Int, { description: 'Quotes sent to the customer in the period' }) quotesSent: number;
  @Field(() => Int, {
    description: 'Of the quotes sent in the period, those won: a contract made from the quote has been signed',
  })
  quotesWon: number;
  @Field(() => Int, {
    description: 'Of the quotes sent in the period, those lost: the customer DECLINED, or the quote EXPIRED',
  })
  quotesLost: number;
  @Field(() => Int, { description: 'Contracts signed in the period (signedOn in the period)' })
  contractsSigned: number;
  @Field(() => GraphQLDecimal, { description: 'Total value of the contracts signed in the period' })
  signedAmount: string;
  @Field({ description: 'ISO 4217 currency of signedAmount (the branch currency)' }) currency: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Win rate of the quotes sent in the period: quotesWon / (quotesWon + quotesLost), the decided ones only ' +
      '(quotes still open are left out), 4 decimals (0.2500 = 25 %); null while none is decided',
  })
  winRate: string | null;
}
