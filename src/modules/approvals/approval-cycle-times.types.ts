import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDecimal } from '@app/graphql';

@ObjectType('ApprovalCycleTime', {
  description:
    'How long one branch’s approvals of one subject type took, for requests decided in a period: hours from ' +
    'submitted to decided (approved, rejected or returned; withdrawn ones are no decision)',
})
export class ApprovalCycleTime {
  @Field(() => ID, { description: 'Id of the branch (as an object: branch)' }) branchId: string;
  @Field({ description: 'The subject type, e.g. CONTRACT or QUOTE' }) subjectType: string;
  @Field(() => Int, { description: 'Requests decided in the period' }) decided: number;
  @Field(() => GraphQLDecimal, { description: 'Median hours from submitted to decided, 2 decimals' })
  medianHours: string;
  @Field(() => GraphQLDecimal, {
    description: '90th percentile of the same hours (continuous, as percentile_cont), 2 decimals',
  })
  p90Hours: string;
}
