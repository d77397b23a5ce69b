import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDate } from '@app/graphql';
import { RiskPriority } from './risk-priority.js';

export enum RiskCategory {
  COMMERCIAL = 'COMMERCIAL',
  FINANCIAL = 'FINANCIAL',
  LEGAL = 'LEGAL',
  TECHNICAL = 'TECHNICAL',
  DELIVERY = 'DELIVERY',
  COMPLIANCE = 'COMPLIANCE',
  OTHER = 'OTHER',
}
registerEnumType(RiskCategory, {
  name: 'RiskCategory',
  description: 'The kind of a contract risk',
  valuesMap: {
    COMMERCIAL: { description: 'Price, demand, the customer’s commitment' },
    FINANCIAL: { description: 'Payment, credit, currency' },
    LEGAL: { description: 'Liability, warranties, jurisdiction, clauses' },
    TECHNICAL: { description: 'Feasibility, specifications, integration' },
    DELIVERY: { description: 'Schedule, capacity, logistics' },
    COMPLIANCE: { description: 'Regulation, permits, export control' },
    OTHER: { description: 'Anything else' },
  },
});
registerEnumType(RiskPriority, {
  name: 'RiskPriority',
  description: 'HIGH at score 15+ or impact 5, MEDIUM at 8+, else LOW (score = probability x impact)',
  valuesMap: {
    HIGH: { description: 'Score 15 or more, or impact 5: signing waits for its response' },
    MEDIUM: { description: 'Score 8 to 14' },
    LOW: { description: 'Score below 8' },
  },
});

@ObjectType('ContractRisk', { description: 'A risk identified on a contract before signing, scored and answered' })
export class ContractRisk {
  @Field(() => ID, { description: 'The risk id' }) id: string;
  branchId: string;
  @Field(() => ID, { description: 'The contract it belongs to' }) contractId: string;
  @Field({ description: 'What could go wrong' }) description: string;
  @Field(() => RiskCategory, { description: 'The kind of risk' }) category: RiskCategory;
  @Field(() => Int, { description: 'How likely, 1 to 5' }) probability: number;
  @Field(() => Int, { description: 'How severe, 1 to 5' }) impact: number;
  @Field(() => Int, { description: 'Probability x impact, 1 to 25' }) score: number;
  @Field(() => RiskPriority, { description: 'From the score and impact' }) priority: RiskPriority;
  @Field(() => String, { nullable: true, description: 'What is done about it; null while unanswered' })
  mitigation: string | null;
  @Field(() => ID, { nullable: true, description: 'Who answers for the response' }) responseOwnerId: string | null;
  @Field(() => GraphQLDate, { nullable: true, description: 'When the response is due' }) responseDueOn: string | null;
  @Field({ description: 'True when mitigation, owner and due date are recorded' }) answered: boolean;
  @Field(() => ID, { description: 'Who identified it' }) createdById: string;
  @Field({ description: 'When it was identified' }) createdAt: Date;
  @Field({ description: 'When it last changed' }) updatedAt: Date;
}
