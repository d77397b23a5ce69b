import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InvalidStateError, NotFoundError, nextInSequence, todayIn, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import type { ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalSubjects } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { BranchesService } from '../branches/branches.service.js';
import { DocumentAccessService } from './document-access.service.js';
import { documentNumber } from './document-access.js';
import {
  DocumentGrants,
  DocumentReads,
  Documents,
  type Document,
  type DocumentGrant,
  type DocumentRead,
} from './document.entity.js';
import { checkMove, DocumentsService } from './documents.service.js';

export const DOCUMENT_REVIEW = 'DOCUMENT_REVIEW';

/**
 * A document's way through review (the approval engine's DOCUMENT_REVIEW subject; default policy: the branch
 * manager, the department head), issue with its number, archive in number order; grants and the read audit.
 */
@Injectable()
export class DocumentLifecycleService implements OnModuleInit {
  constructor(
    private readonly documents: DocumentsService,
    private readonly access: DocumentAccessService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
    private readonly branches: BranchesService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: DOCUMENT_REVIEW,
      label: 'Document review',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  /** DRAFT -> IN_REVIEW, with a request to the department head. */
  async submit(ctx: RequestContext, id: string): Promise<Document> {
    const before = await this.documents.editable(ctx, id);
    const to = checkMove(before, 'SUBMIT');
    const tx = await ctx.tx();
    const moved = await Documents.change(ctx, before, { state: to, updatedAt: new Date() }, 'submit');
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: DOCUMENT_REVIEW,
      subjectId: before.id,
      title: `${before.kind} review: ${before.title}`.slice(0, 200),
    });
    // submit() may have decided already (a policy without steps): the row is read back as written.
    await Documents.update(tx, Documents.keyOf(moved), { approvalRequestId: request.id });
    return (await Documents.find(tx, Documents.keyOf(moved)))!;
  }

  /**
   * In the deciding transaction: APPROVED issues the document with the next number of its branch, kind and
   * year; anything else sends it back to DRAFT.
   */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await Documents.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before || before.state !== 'IN_REVIEW') return;
    if (outcome !== 'APPROVED') {
      await Documents.change(
        ctx,
        before,
        { state: checkMove(before, 'SEND_BACK'), updatedAt: new Date() },
        'sent_back',
      );
      return;
    }
    const branch = await this.branches.branch(ctx, before.branchId);
    if (!branch) throw new NotFoundError('Branch', before.branchId);
    const year = Number(todayIn(branch.timeZone).slice(0, 4));
    // Gap-free (as contract numbers): the counter row stays locked until this transaction ends, so a second
    // issue of the same branch, kind and year waits, and a rolled-back issue gives its number back.
    const sequence = await nextInSequence(tx, 'document_number_counters', {
      branch_id: before.branchId,
      kind: before.kind,
      year,
    });
    const number = documentNumber(before.kind, { branchCode: branch.code, year, sequence });
    await Documents.change(
      ctx,
      before,
      {
        state: checkMove(before, 'APPROVE'),
        number,
        numberYear: year,
        numberSeq: sequence,
        issuedAt: new Date(),
        updatedAt: new Date(),
      },
      'issue',
    );
  }

  /** ISSUED -> ARCHIVED, in number order: every earlier number of the same kind and year is archived first. */
  async archive(ctx: RequestContext, id: string): Promise<Document> {
    const before = await this.access.require(ctx, id, { lock: true });
    const to = checkMove(before, 'ARCHIVE');
    const tx = await ctx.tx();
    const [earlier] = await tx.query<{ number: string }>(
      `SELECT number FROM documents WHERE branch_id = $1 AND kind = $2 AND number_year = $3 AND number_seq < $4
         AND state = 'ISSUED' ORDER BY number_seq LIMIT 1`,
      [before.branchId, before.kind, before.numberYear, before.numberSeq],
    );
    if (earlier) {
      throw new InvalidStateError(
        `Documents are archived in number order: archive ${earlier.number} (ISSUED) before ${before.number}`,
      );
    }
    return Documents.change(ctx, before, { state: to, archivedAt: new Date(), updatedAt: new Date() }, 'archive');
  }

  /** Opens a document to a person of its branch beyond their clearance. */
  async grant(ctx: RequestContext, documentId: string, userId: string): Promise<DocumentGrant> {
    const doc = await this.access.require(ctx, documentId, { lock: true });
    const role = await this.branches.memberRole(ctx, doc.branchId, userId.toLowerCase());
    if (!role) throw new NotFoundError('User', userId);
    const tx = await ctx.tx();
    const grant = await DocumentGrants.insert(tx, {
      branchId: doc.branchId,
      id: randomUUID(),
      documentId: doc.id,
      userId: userId.toLowerCase(),
      grantedById: ctx.requireActor().userId,
    });
    await writeAudit(ctx, {
      branchId: doc.branchId,
      entity: 'document_grant',
      entityId: grant.id,
      action: 'grant',
      after: grant,
    });
    return grant;
  }

  async revoke(ctx: RequestContext, documentId: string, userId: string): Promise<boolean> {
    const doc = await this.access.require(ctx, documentId, { lock: true });
    const tx = await ctx.tx();
    const grant = await DocumentGrants.find(tx, {
      branchId: doc.branchId,
      documentId: doc.id,
      userId: userId.toLowerCase(),
    });
    if (!grant) throw new NotFoundError('Grant', userId);
    await tx.execute('DELETE FROM document_grants WHERE branch_id = $1 AND id = $2', [grant.branchId, grant.id]);
    await writeAudit(ctx, {
      branchId: doc.branchId,
      entity: 'document_grant',
      entityId: grant.id,
      action: 'revoke',
      before: grant,
    });
    return true;
  }

  /** Who read a document (CONFIDENTIAL and SECRET ones are recorded), newest first. */
  async reads(
    ctx: RequestContext,
    documentId: string,
    args: { first?: number; after?: string },
  ): Promise<ConnectionShape<DocumentRead>> {
    const doc = await this.access.require(ctx, documentId);
    const filter = new SqlFilter().eq('branch_id', doc.branchId, 'uuid').eq('document_id', doc.id, 'uuid');
    return keysetPage(ctx, args, {
      columns: DocumentReads.cols(),
      from: 'document_reads',
      filter,
      order: { column: 'at', cast: 'timestamptz', desc: true, value: (r: DocumentRead) => r.at },
      map: DocumentReads.map,
    });
  }
}
