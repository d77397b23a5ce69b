import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { ContractRisk } from './contract-risk.entity.js';
import { ContractRisksService, riskAnswered } from './contract-risks.service.js';
import { AddContractRiskInput, UpdateContractRiskInput } from './dto/contract-risk.input.js';
import { RiskPriority, riskPriority, riskScore } from './risk-priority.js';

/** The risk register of a contract: thin, the rules live in ContractRisksService and risk-priority.ts. */
@Resolver(() => ContractRisk)
export class ContractRisksResolver {
  constructor(private readonly risks: ContractRisksService) {}

  @RequirePermission('contracts:read')
  @Query(() => [ContractRisk], {
    description: 'The risks of a contract you may see, HIGH first, then by score (highest first), oldest first',
  })
  contractRisks(
    @Ctx() ctx: RequestContext,
    @Args('contractId', { type: () => ID, description: 'The contract' }, UuidPipe) contractId: string,
  ) {
    return this.risks.list(ctx, contractId);
  }

  @RequirePermission('contracts:risks')
  @Mutation(() => ContractRisk, { description: 'Record a risk identified on an open contract, scored 1 to 5 twice' })
  addContractRisk(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The risk: contract, description, category, scores, optional response' })
    input: AddContractRiskInput,
  ) {
    return this.risks.add(ctx, input);
  }

  @RequirePermission('contracts:risks')
  @Mutation(() => ContractRisk, {
    description: 'Rescore, describe or answer a risk (the response: mitigation, owner, due date)',
  })
  updateContractRisk(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The risk' }, UuidPipe) id: string,
    @Args('input', { description: 'What changes; fields left out stay as they are' }) input: UpdateContractRiskInput,
  ) {
    requireChange(input);
    return this.risks.update(ctx, id, input);
  }

  @RequirePermission('contracts:risks')
  @Mutation(() => ContractRisk, { description: 'Remove a risk recorded by mistake (the timeline keeps that it was)' })
  removeContractRisk(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The risk' }, UuidPipe) id: string,
  ) {
    return this.risks.remove(ctx, id);
  }

  // Derived from the row (risk-priority.ts); field resolvers without parameter decorators (see customers.resolver.ts).
  @ResolveField(() => Int, { description: 'Probability x impact, 1 to 25' })
  score(r: ContractRisk) {
    return riskScore(r.probability, r.impact);
  }

  @ResolveField(() => RiskPriority, { description: 'From the score and impact' })
  priority(r: ContractRisk) {
    return riskPriority(r.probability, r.impact);
  }

  @ResolveField(() => Boolean, { description: 'True when mitigation, owner and due date are recorded' })
  answered(r: ContractRisk) {
    return riskAnswered(r);
  }
}
