import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { DocumentShare, DocumentShareDownload, NdaRecord } from './document-share.entity.js';
import {
  DocumentShareConnection,
  DocumentShareFilter,
  DocumentSharePayload,
  NdaRecordConnection,
  NdaRecordFilter,
  RecordNdaInput,
  ShareDocumentInput,
} from './document-share.types.js';
import { DocumentSharesService } from './document-shares.service.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => DocumentShare)
export class DocumentSharesResolver {
  constructor(private readonly shares: DocumentSharesService) {}

  @RequirePermission('documents:audit')
  @Query(() => NdaRecordConnection, { description: 'Signed NDAs, newest first; head office every branch' })
  ndaRecords(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => NdaRecordFilter, nullable: true, description: 'Narrows the list' })
    filter?: NdaRecordFilter,
  ) {
    return this.shares.ndas(ctx, { first, after, filter });
  }

  @RequirePermission('documents:audit')
  @Query(() => DocumentShareConnection, {
    description: 'Documents shared outside the company, newest first, with every download; head office every branch',
  })
  documentShares(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => DocumentShareFilter, nullable: true, description: 'Narrows the list' })
    filter?: DocumentShareFilter,
  ) {
    return this.shares.shares(ctx, { first, after, filter });
  }

  @RequirePermission('documents:grant')
  @Mutation(() => NdaRecord, { description: 'Record a signed NDA with a counterparty, with the scan of the agreement' })
  recordNda(@Ctx() ctx: RequestContext, @Args('input', { description: 'The NDA' }) input: RecordNdaInput) {
    return this.shares.recordNda(ctx, input);
  }

  @RequirePermission('documents:grant')
  @Mutation(() => DocumentSharePayload, {
    description:
      'Share an issued document outside the company under an NDA (none for PUBLIC; never SECRET): a link valid for some days',
  })
  shareDocumentExternally(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The document, the recipient and the NDA' }) input: ShareDocumentInput,
  ) {
    return this.shares.share(ctx, input);
  }

  @RequirePermission('documents:grant')
  @Mutation(() => DocumentShare, { description: 'Revoke an external share: its link stops working at once' })
  revokeDocumentShare(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the share' }, UuidPipe) id: string,
  ) {
    return this.shares.revoke(ctx, id);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [DocumentShareDownload], { description: 'Every download through the link, oldest first' })
  downloads(s: DocumentShare, _args: unknown, { ctx }: GqlContext) {
    return this.shares.downloadsLoader(ctx).load(`${s.branchId}:${s.id}`);
  }
}
