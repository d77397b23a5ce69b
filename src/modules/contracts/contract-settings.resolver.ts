import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { ContractSettingsService, type Settings } from './contract-settings.service.js';
import { ContractSettings } from './contract.entity.js';
import { UpdateContractSettingsInput } from './dto/contract.input.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => ContractSettings)
export class ContractSettingsResolver {
  constructor(private readonly settingsService: ContractSettingsService) {}

  @RequirePermission('contracts:read')
  @Query(() => ContractSettings, { description: 'Contract rules of a branch (head office names the branch)' })
  contractSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.settingsService.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => ContractSettings, {
    description: "Change a branch's contract numbering rule, end-of-term reminder days and quote discount limit",
  })
  updateContractSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateContractSettingsInput,
  ) {
    requireChange(input, 'setting', { ignore: ['branchId'], nullMeansUnset: true });
    return this.settingsService.update(ctx, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => String, { description: 'What the rule gives for the first contract of this year' })
  nextNumberExample(s: Settings, _args: unknown, { ctx }: GqlContext) {
    return this.settingsService.nextNumberExample(ctx, s);
  }
}
