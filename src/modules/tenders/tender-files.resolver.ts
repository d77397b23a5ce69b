import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StoredFile } from '../documents/file.entity.js';
import { TenderFilesService } from './tender-files.service.js';
import { TenderDocument } from './tender.entity.js';

/** The files behind qualification documents (stored by the documents module). */
@Resolver(() => TenderDocument)
export class TenderFilesResolver {
  constructor(private readonly tenderFiles: TenderFilesService) {}

  @RequirePermission('tenders:write')
  @Mutation(() => TenderDocument, {
    description:
      'Attach the prepared file (uploaded with POST /files) to a qualification document of a PREPARING tender; ' +
      'it becomes ready',
  })
  attachTenderDocumentFile(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the tender document' }, UuidPipe) id: string,
    @Args('fileId', { type: () => ID, description: 'Id of the uploaded file' }) fileId: string,
  ) {
    return this.tenderFiles.attach(ctx, id, fileId);
  }

  // Without parameter decorators: graphql-js calls field resolvers directly (see customers.resolver.ts).
  @ResolveField(() => [StoredFile], {
    description: 'The prepared files, oldest first (download: GET /files/<id> or fileLink)',
  })
  files(d: TenderDocument, _args: unknown, { ctx }: { ctx: RequestContext }) {
    return this.tenderFiles.filesLoader(ctx).load(`${d.branchId}:${d.id}`);
  }
}
