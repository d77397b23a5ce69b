import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Document, DocumentGrant, DocumentVersion } from './document.entity.js';
import { DocumentConnection, DocumentFilter, DocumentReadConnection } from './document.types.js';
import { DocumentLifecycleService } from './document-lifecycle.service.js';
import { DocumentsService } from './documents.service.js';
import { AddDocumentVersionInput, CreateDocumentInput, UpdateDocumentInput } from './dto/document.input.js';
import { Files, StoredFile } from './file.entity.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };
const DOC_ID = { ...ID_ARG, description: 'Id of the document' };

@Resolver(() => Document)
export class DocumentsResolver {
  constructor(
    private readonly docs: DocumentsService,
    private readonly lifecycle: DocumentLifecycleService,
  ) {}

  @RequirePermission('documents:read')
  @Query(() => Document, {
    nullable: true,
    description:
      'A document you may read (by clearance, authorship or grant), or null; CONFIDENTIAL and SECRET reads are recorded',
  })
  document(@Ctx() ctx: RequestContext, @Args('id', DOC_ID, UuidPipe) id: string) {
    return this.docs.findOne(ctx, id);
  }

  @RequirePermission('documents:read')
  @Query(() => DocumentConnection, { description: 'Documents you may read, newest first; head office every branch' })
  documents(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => DocumentFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: DocumentFilter,
  ) {
    return this.docs.list(ctx, { first, after, filter });
  }

  @RequirePermission('documents:audit')
  @Query(() => DocumentReadConnection, { description: 'Who read a CONFIDENTIAL or SECRET document, newest first' })
  documentReads(
    @Ctx() ctx: RequestContext,
    @Args('documentId', DOC_ID, UuidPipe) documentId: string,
    @FirstArg() first: number,
    @AfterArg() after?: string,
  ) {
    return this.lifecycle.reads(ctx, documentId, { first, after });
  }

  @RequirePermission('documents:write')
  @Mutation(() => Document, { description: 'Draft a document with its first version (a file uploaded for its kind)' })
  createDocument(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The document and its first file' }) input: CreateDocumentInput,
  ) {
    return this.docs.create(ctx, input);
  }

  @RequirePermission('documents:write')
  @Mutation(() => Document, { description: 'Change the title or level of a DRAFT document' })
  updateDocument(
    @Ctx() ctx: RequestContext,
    @Args('id', DOC_ID, UuidPipe) id: string,
    @Args('input', { description: 'What to change' }) input: UpdateDocumentInput,
  ) {
    return this.docs.update(ctx, id, input);
  }

  @RequirePermission('documents:write')
  @Mutation(() => Document, {
    description: 'Add a version to a DRAFT or ISSUED document (an issued one changes only so)',
  })
  addDocumentVersion(
    @Ctx() ctx: RequestContext,
    @Args('id', DOC_ID, UuidPipe) id: string,
    @Args('input', { description: 'The new version' }) input: AddDocumentVersionInput,
  ) {
    return this.docs.addVersion(ctx, id, input);
  }

  @RequirePermission('documents:write')
  @Mutation(() => Document, { description: 'DRAFT -> IN_REVIEW: the department head reviews it (approval engine)' })
  submitDocumentForReview(@Ctx() ctx: RequestContext, @Args('id', DOC_ID, UuidPipe) id: string) {
    return this.lifecycle.submit(ctx, id);
  }

  @RequirePermission('documents:archive')
  @Mutation(() => Document, { description: 'ISSUED -> ARCHIVED, in number order within its kind and year' })
  archiveDocument(@Ctx() ctx: RequestContext, @Args('id', DOC_ID, UuidPipe) id: string) {
    return this.lifecycle.archive(ctx, id);
  }

  @RequirePermission('documents:grant')
  @Mutation(() => DocumentGrant, { description: 'Let a person of the branch read a document beyond their clearance' })
  grantDocumentAccess(
    @Ctx() ctx: RequestContext,
    @Args('documentId', DOC_ID, UuidPipe) documentId: string,
    @Args('userId', { ...ID_ARG, description: 'Id of the person' }, UuidPipe) userId: string,
  ) {
    return this.lifecycle.grant(ctx, documentId, userId);
  }

  @RequirePermission('documents:grant')
  @Mutation(() => Boolean, { description: 'Take a grant back' })
  revokeDocumentAccess(
    @Ctx() ctx: RequestContext,
    @Args('documentId', DOC_ID, UuidPipe) documentId: string,
    @Args('userId', { ...ID_ARG, description: 'Id of the person' }, UuidPipe) userId: string,
  ) {
    return this.lifecycle.revoke(ctx, documentId, userId);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [DocumentVersion], { description: 'Every version, oldest first' })
  versions(d: Document, _args: unknown, { ctx }: GqlContext) {
    return this.docs.versionsLoader(ctx).load(`${d.branchId}:${d.id}`);
  }
}

@Resolver(() => DocumentVersion)
export class DocumentVersionResolver {
  @ResolveField(() => StoredFile, { nullable: true, description: 'The file of this version' })
  file(v: DocumentVersion, _args: unknown, { ctx }: GqlContext) {
    return Files.loader(ctx).load(`${v.branchId}:${v.fileId}`);
  }
}
