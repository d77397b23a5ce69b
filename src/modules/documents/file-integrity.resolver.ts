import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { FileIntegrityProblem } from './file-integrity.entity.js';
import { FileIntegrityService } from './file-integrity.service.js';
import {
  FileIntegrityProblemConnection,
  FileIntegrityProblemFilter,
  ResolveFileIntegrityProblemInput,
} from './file-integrity.types.js';

@Resolver(() => FileIntegrityProblem)
export class FileIntegrityResolver {
  constructor(private readonly integrity: FileIntegrityService) {}

  @RequirePermission('documents:audit')
  @Query(() => FileIntegrityProblemConnection, {
    description:
      'Stored files of issued or archived documents found changed or missing by the scheduled re-check, newest first; head office every branch',
  })
  fileIntegrityProblems(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => FileIntegrityProblemFilter, nullable: true, description: 'Narrows the list' })
    filter?: FileIntegrityProblemFilter,
  ) {
    return this.integrity.problems(ctx, { first, after, filter });
  }

  @RequirePermission('documents:archive')
  @Mutation(() => FileIntegrityProblem, {
    description: 'Record how an integrity problem was resolved; its file is re-checked by the next scan',
  })
  resolveFileIntegrityProblem(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the problem' }, UuidPipe) id: string,
    @Args('input', { description: 'What was done' }) input: ResolveFileIntegrityProblemInput,
  ) {
    return this.integrity.resolve(ctx, id, input.resolution);
  }
}
