import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  addWorkingDays,
  startOfLocalDay,
  todayIn,
  writeAudit,
  type RequestContext,
  type WorkCalendar,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalSettingsService } from '../approvals/approval-settings.service.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { can } from '../branches/roles.js';
import { DocumentAccessService } from './document-access.service.js';
import { DocumentLoans, LOAN_OVERDUE_SQL, type DocumentLoan } from './document-loan.entity.js';
import { LoanMedium, LoanState, ReturnCondition } from './document-loan.enums.js';
import type { DocumentLoanFilter, RequestDocumentLoanInput, ReturnDocumentLoanInput } from './document-loan.types.js';
import { DocumentState } from './document.enums.js';

export const DOCUMENT_LOAN = 'DOCUMENT_LOAN';
/** A loan is renewed at most this often. */
export const MAX_RENEWALS = 2;
/** The longest loan or renewal, in working days. */
export const MAX_LOAN_WORKING_DAYS = 30;

/** When the worker first speaks to a loan due on `dueOn`: the start of that working day (a reminder). */
export function dueDayReminderAt(dueOn: string, cal: WorkCalendar): Date {
  return new Date(startOfLocalDay(dueOn, cal.timeZone).getTime() + cal.dayStartMinute * 60_000);
}

/**
 * Document loans (借阅): asked for by anyone who may read an issued or archived document, approved through the
 * engine (subject DOCUMENT_LOAN; default policy: the department head), due on the branch calendar in working days,
 * renewed by the borrower or the archivist at most twice while not overdue, returned to the archivist with a
 * condition check. The reminders and escalation are the worker's (documents.loan-scan).
 */
@Injectable()
export class DocumentLoansService implements OnModuleInit {
  constructor(
    private readonly access: DocumentAccessService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
    private readonly settings: ApprovalSettingsService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: DOCUMENT_LOAN,
      label: 'Document loan',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  async request(ctx: RequestContext, input: RequestDocumentLoanInput): Promise<DocumentLoan> {
    const actor = ctx.requireActor();
    const doc = await this.access.require(ctx, input.documentId.toLowerCase());
    if (doc.state !== DocumentState.ISSUED && doc.state !== DocumentState.ARCHIVED) {
      throw new InvalidStateError(`The document is ${doc.state}: only an ISSUED or ARCHIVED document can be borrowed`);
    }
    const tx = await ctx.tx();
    const loan = await DocumentLoans.insert(tx, {
      branchId: doc.branchId,
      id: randomUUID(),
      documentId: doc.id,
      borrowerId: actor.userId,
      medium: input.medium,
      purpose: input.purpose.trim(),
      workingDays: input.workingDays,
    });
    await writeAudit(ctx, {
      branchId: loan.branchId,
      entity: 'documentLoan',
      entityId: loan.id,
      action: 'request',
      after: loan,
    });
    const what = input.medium === LoanMedium.PHYSICAL ? 'original' : 'copy';
    const request = await this.approvals.submit(ctx, {
      branchId: loan.branchId,
      subjectType: DOCUMENT_LOAN,
      subjectId: loan.id,
      title: `Loan of the ${what} of ${doc.number ?? doc.title} for ${input.workingDays} working days`.slice(0, 200),
    });
    // submit() may have decided already (a policy without steps): the row is read back as written.
    await DocumentLoans.update(tx, DocumentLoans.keyOf(loan), { approvalRequestId: request.id });
    return (await DocumentLoans.find(tx, DocumentLoans.keyOf(loan)))!;
  }

  /** In the deciding transaction: APPROVED lends it, due the n-th working day after today; otherwise it ends. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const loan = await DocumentLoans.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!loan || loan.state !== LoanState.REQUESTED) return;
    if (outcome !== 'APPROVED') {
      const state = outcome === 'WITHDRAWN' ? LoanState.CANCELLED : LoanState.REJECTED;
      await DocumentLoans.change(ctx, loan, { state, updatedAt: new Date() }, state.toLowerCase());
      return;
    }
    const cal = await this.settings.calendar(ctx, loan.branchId);
    const dueOn = addWorkingDays(todayIn(cal.timeZone), loan.workingDays, cal);
    await DocumentLoans.change(
      ctx,
      loan,
      {
        state: LoanState.LENT,
        lentAt: new Date(),
        dueOn,
        noticeStage: 0,
        nextNoticeAt: dueDayReminderAt(dueOn, cal),
        updatedAt: new Date(),
      },
      'lend',
    );
  }

  /** A LENT loan, not overdue, renewed by its borrower or a keeper of the archive: due `workingDays` later. */
  async renew(ctx: RequestContext, id: string, workingDays: number): Promise<DocumentLoan> {
    const actor = ctx.requireActor();
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_LOAN_WORKING_DAYS) {
      throw BadUserInputError.field(
        'workingDays',
        `must be a whole number of working days from 1 to ${MAX_LOAN_WORKING_DAYS}`,
      );
    }
    const loan = await DocumentLoans.lock(ctx, id);
    if (loan.borrowerId !== actor.userId && !can(actor.role, 'documents:archive')) {
      throw new ForbiddenError('Only the borrower or the archivist can renew a loan');
    }
    if (loan.state !== LoanState.LENT) {
      throw new InvalidStateError(`The loan is ${loan.state}: only a LENT loan can be renewed`);
    }
    if (loan.overdue) throw new InvalidStateError(`The loan was due on ${loan.dueOn} and is overdue: return it first`);
    if (loan.renewals >= MAX_RENEWALS) {
      throw new InvalidStateError(`The loan was renewed ${loan.renewals} times already, the most allowed`);
    }
    const cal = await this.settings.calendar(ctx, loan.branchId);
    const dueOn = addWorkingDays(loan.dueOn!, workingDays, cal);
    return DocumentLoans.change(
      ctx,
      loan,
      {
        dueOn,
        renewals: loan.renewals + 1,
        noticeStage: 0,
        nextNoticeAt: dueDayReminderAt(dueOn, cal),
        updatedAt: new Date(),
      },
      'renew',
    );
  }

  /** LENT -> RETURNED, by a keeper of the archive, with what the check found (a note unless intact). */
  async return(ctx: RequestContext, id: string, input: ReturnDocumentLoanInput): Promise<DocumentLoan> {
    const actor = ctx.requireActor();
    const note = input.note?.trim() || null;
    if (input.condition !== ReturnCondition.INTACT && !note) {
      throw BadUserInputError.field('note', `say what is ${input.condition.toLowerCase()}: required unless INTACT`);
    }
    const loan = await DocumentLoans.lock(ctx, id);
    if (loan.state !== LoanState.LENT) {
      throw new InvalidStateError(`The loan is ${loan.state}: only a LENT loan can be returned`);
    }
    return DocumentLoans.change(
      ctx,
      loan,
      {
        state: LoanState.RETURNED,
        returnedAt: new Date(),
        returnCondition: input.condition,
        returnNote: note,
        receivedById: actor.userId,
        nextNoticeAt: null,
        updatedAt: new Date(),
      },
      'return',
    );
  }

  findOne(ctx: RequestContext, id: string): Promise<DocumentLoan | null> {
    return DocumentLoans.findInScope(ctx, id.toLowerCase());
  }

  /** The loan register, newest first: a branch's (a rep: their own), head office every branch or one. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: DocumentLoanFilter },
  ): Promise<ConnectionShape<DocumentLoan>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter().branches(ctx, f.branchId);
    if (f.documentId) filter.eq('document_id', f.documentId, 'uuid');
    if (f.borrowerId) filter.eq('borrower_id', f.borrowerId, 'uuid');
    if (f.state) filter.eq('state', f.state);
    if (f.overdue === true) filter.where(LOAN_OVERDUE_SQL('document_loans'));
    if (f.overdue === false) filter.where(`NOT ${LOAN_OVERDUE_SQL('document_loans')}`);
    return keysetPage(ctx, args, {
      columns: DocumentLoans.cols(),
      from: 'document_loans',
      filter,
      order: { column: 'requested_at', cast: 'timestamptz', desc: true, value: (l: DocumentLoan) => l.requestedAt },
      map: DocumentLoans.map,
    });
  }
}
