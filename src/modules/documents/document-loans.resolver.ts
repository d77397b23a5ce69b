import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { DocumentLoan } from './document-loan.entity.js';
import {
  DocumentLoanConnection,
  DocumentLoanFilter,
  RequestDocumentLoanInput,
  ReturnDocumentLoanInput,
} from './document-loan.types.js';
import { DocumentLoansService } from './document-loans.service.js';
import { Document } from './document.entity.js';
import { DocumentsService } from './documents.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const LOAN_ID = { type: () => ID, description: 'Id of the loan' };

@Resolver(() => DocumentLoan)
export class DocumentLoansResolver {
  constructor(
    private readonly loans: DocumentLoansService,
    private readonly docs: DocumentsService,
  ) {}

  @RequirePermission('documents:read')
  @Query(() => DocumentLoan, {
    nullable: true,
    description: 'A loan of the branches in scope (a rep: their own), or null',
  })
  documentLoan(@Ctx() ctx: RequestContext, @Args('id', LOAN_ID, UuidPipe) id: string) {
    return this.loans.findOne(ctx, id);
  }

  @RequirePermission('documents:read')
  @Query(() => DocumentLoanConnection, {
    description: 'The loan register (借阅登记), newest first: a branch’s (a rep: their own); head office every branch',
  })
  documentLoans(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => DocumentLoanFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: DocumentLoanFilter,
  ) {
    return this.loans.list(ctx, { first, after, filter });
  }

  @RequirePermission('documents:read')
  @Mutation(() => DocumentLoan, {
    description:
      'Ask to borrow an issued or archived document you may read; the department head approves (DOCUMENT_LOAN)',
  })
  requestDocumentLoan(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The document, the medium and for how long' }) input: RequestDocumentLoanInput,
  ) {
    return this.loans.request(ctx, input);
  }

  @RequirePermission('documents:read')
  @Mutation(() => DocumentLoan, {
    description: 'Renew a LENT loan that is not overdue (its borrower or the archivist; at most twice)',
  })
  renewDocumentLoan(
    @Ctx() ctx: RequestContext,
    @Args('id', LOAN_ID, UuidPipe) id: string,
    @Args('workingDays', { type: () => Int, description: 'How many working days more, 1 to 30' }) workingDays: number,
  ) {
    return this.loans.renew(ctx, id, workingDays);
  }

  @RequirePermission('documents:archive')
  @Mutation(() => DocumentLoan, {
    description: 'LENT -> RETURNED: the archivist takes it back and records its condition',
  })
  returnDocumentLoan(
    @Ctx() ctx: RequestContext,
    @Args('id', LOAN_ID, UuidPipe) id: string,
    @Args('input', { description: 'What the check found' }) input: ReturnDocumentLoanInput,
  ) {
    return this.loans.return(ctx, id, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => Document, { nullable: true, description: 'The document lent, if you may read it' })
  document(l: DocumentLoan, _args: unknown, { ctx }: GqlContext) {
    return this.docs.findOne(ctx, l.documentId);
  }
}
