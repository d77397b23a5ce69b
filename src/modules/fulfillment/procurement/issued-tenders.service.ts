import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  formatNumber,
  nextInSequence,
  parseMoney,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../../branches/branches.service.js';
import { AttachmentSubjects } from '../../documents/attachment-subjects.js';
import type { StoredFile } from '../../documents/file.entity.js';
import { FileAttachmentsService } from '../../documents/file-attachments.service.js';
import { checkText } from '../fulfillment-rules.js';
import { ProcurementRequests } from './procurement.entity.js';
import { ProcurementRequestState } from './procurement.enums.js';
import { ProcurementConflict } from './procurement-rules.js';
import { ProcurementRequestsService } from './procurement-requests.service.js';
import {
  IssuedTenderCriteria,
  IssuedTenderLines,
  IssuedTenderMembers,
  IssuedTenderSuppliers,
  IssuedTenders,
  type IssuedTender,
  type IssuedTenderCriterion,
  type IssuedTenderLine,
  type IssuedTenderMember,
  type IssuedTenderSupplier,
} from './issued-tender.entity.js';
import { IssuedTenderState } from './issued-tender.enums.js';
import {
  ISSUED_TENDER_NUMBER_RULE,
  MIN_VALID_BIDS,
  checkWeights,
  issuedTenderMove,
  type IssuedTenderMove,
} from './issued-tender-rules.js';
import { checkCommitteeInput, checkSuppliers, checkTimes } from './issued-tender-parties.js';
import type { CreateIssuedTenderInput, IssuedTenderCommitteeInput, IssuedTenderFilter } from './issued-tender.types.js';

const SUBJECT = 'ISSUED_TENDER';
const DOCUMENT = 'TENDER_DOCUMENT';

/**
 * Tenders the company issues (招标, DOMAIN.md section 4 "Tenders" and section 5 procurement): drafted for a
 * procurement request with its scope, the request lines covered, the tender documents (files of the documents
 * module), evaluation criteria with weights, the evaluation committee and the invited suppliers (or open bidding);
 * announced, cancelled. Bids, opening, scoring and the award are in IssuedTenderBidsService.
 */
@Injectable()
export class IssuedTendersService implements OnModuleInit {
  constructor(
    private readonly requests: ProcurementRequestsService,
    private readonly branches: BranchesService,
    private readonly attachments: FileAttachmentsService,
    private readonly subjects: AttachmentSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({ type: SUBJECT, table: 'issued_tenders' });
  }

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<IssuedTender | null> {
    return IssuedTenders.findInScope(ctx, id.toLowerCase());
  }

  /** Newest first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: IssuedTenderFilter },
  ): Promise<ConnectionShape<IssuedTender>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('request_id', f.requestId?.toLowerCase(), 'uuid')
      .eq('state', f.state);
    return keysetPage(ctx, args, {
      columns: IssuedTenders.cols(),
      from: 'issued_tenders',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (t: IssuedTender) => t.createdAt },
      map: IssuedTenders.map,
    });
  }

  linesLoader(ctx: RequestContext): DataLoader<string, IssuedTenderLine[]> {
    return IssuedTenderLines.childLoader(ctx, 'tenderId', 'x.position');
  }

  criteriaLoader(ctx: RequestContext): DataLoader<string, IssuedTenderCriterion[]> {
    return IssuedTenderCriteria.childLoader(ctx, 'tenderId', 'x.position');
  }

  membersLoader(ctx: RequestContext): DataLoader<string, IssuedTenderMember[]> {
    return IssuedTenderMembers.childLoader(ctx, 'tenderId', 'x.chair DESC, x.user_id');
  }

  suppliersLoader(ctx: RequestContext): DataLoader<string, IssuedTenderSupplier[]> {
    return IssuedTenderSuppliers.childLoader(ctx, 'tenderId', 'x.vendor_id');
  }

  documentsLoader(ctx: RequestContext): DataLoader<string, StoredFile[]> {
    return this.attachments.filesLoader(ctx, SUBJECT, DOCUMENT);
  }

  // ---------- writes ----------

  /** A DRAFT tender for a PLANNED or SOURCING request, with everything it needs checked (BAD_USER_INPUT naming it). */
  async create(ctx: RequestContext, input: CreateIssuedTenderInput): Promise<IssuedTender> {
    const title = checkText('title', input.title, 200, true)!;
    const scope = checkText('scope', input.scope, 8000, true)!;
    const request = await ProcurementRequests.lock(ctx, input.requestId.toLowerCase());
    if (request.state !== ProcurementRequestState.PLANNED && request.state !== ProcurementRequestState.SOURCING) {
      throw BadUserInputError.field(
        'requestId',
        `the procurement request is ${request.state}: a tender is issued for a PLANNED or SOURCING request`,
      );
    }
    checkTimes(input.submissionDeadline, input.openingAt, new Date());
    const priceWeight = parseMoney('priceWeight', input.priceWeight);
    const criteria = input.criteria.map((c, i) => ({
      name: checkText(`criteria[${i}].name`, c.name, 200, true)!,
      weight: parseMoney(`criteria[${i}].weight`, c.weight, 'positive'),
    }));
    checkWeights(
      priceWeight,
      criteria.map((c) => c.weight),
    );
    const key = `${request.branchId}:${request.id}`;
    const requestLines = await this.requests.linesLoader(ctx).load(key);
    const byId = new Map(requestLines.map((l) => [l.id, l]));
    const lineIds = input.requestLineIds?.map((x) => x.toLowerCase()) ?? requestLines.map((l) => l.id);
    const seen = new Set<string>();
    for (const [i, id] of lineIds.entries()) {
      if (!byId.has(id)) throw BadUserInputError.field(`requestLineIds[${i}]`, 'is not a line of this request');
      if (seen.has(id)) throw BadUserInputError.field(`requestLineIds[${i}]`, 'is named twice');
      seen.add(id);
    }
    const suppliers = await checkSuppliers(ctx, input.supplierIds ?? [], !!input.openBidding);
    const committee = await checkCommitteeInput(ctx, this.branches, request.branchId, input.committee, suppliers);

    const tx = await ctx.tx();
    const branch = await this.requests.branch(ctx, request.branchId);
    const year = Number(todayIn(branch.timeZone).slice(0, 4));
    const sequence = await nextInSequence(tx, 'issued_tender_counters', { branch_id: request.branchId, year });
    const id = randomUUID();
    const tender = await IssuedTenders.insert(tx, {
      branchId: request.branchId,
      id,
      number: formatNumber(ISSUED_TENDER_NUMBER_RULE, { branchCode: branch.code, year, sequence }),
      requestId: request.id,
      title,
      scope,
      openBidding: !!input.openBidding,
      currency: request.currency,
      submissionDeadline: input.submissionDeadline,
      openingAt: input.openingAt,
      priceWeight,
      createdById: ctx.requireActor().userId,
    });
    const base = { branchId: request.branchId, tenderId: id };
    for (const [i, requestLineId] of lineIds.entries()) {
      await IssuedTenderLines.insert(tx, { ...base, id: randomUUID(), position: i + 1, requestLineId });
    }
    for (const [i, c] of criteria.entries()) {
      await IssuedTenderCriteria.insert(tx, { ...base, id: randomUUID(), position: i + 1, ...c });
    }
    await this.writeCommittee(tx, tender, committee.memberIds, committee.chairId);
    for (const s of suppliers) {
      await IssuedTenderSuppliers.insert(tx, {
        ...base,
        id: randomUUID(),
        organizationId: s.organizationId,
        vendorId: s.id,
      });
    }
    await writeAudit(ctx, {
      branchId: tender.branchId,
      entity: 'issuedTender',
      entityId: id,
      action: 'create',
      after: { ...tender, lines: lineIds, criteria, committee, suppliers: suppliers.map((s) => s.id) },
    });
    if (input.documentFileIds?.length) await this.attach(ctx, tender, input.documentFileIds, 'documentFileIds');
    return tender;
  }

  /** Tender documents attached while DRAFT (again: no change). */
  async attachDocuments(ctx: RequestContext, id: string, fileIds: string[]): Promise<IssuedTender> {
    const tender = await IssuedTenders.lock(ctx, id.toLowerCase());
    if (tender.state !== IssuedTenderState.DRAFT) {
      throw new InvalidStateError(
        `Issued tender ${tender.number} is ${tender.state}: documents are attached while DRAFT`,
      );
    }
    await this.attach(ctx, tender, fileIds, 'fileIds');
    return tender;
  }

  /** The committee replaced, before the bids are opened (DRAFT or ANNOUNCED), checked against every bidder. */
  async setCommittee(ctx: RequestContext, id: string, input: IssuedTenderCommitteeInput): Promise<IssuedTender> {
    const tender = await IssuedTenders.lock(ctx, id.toLowerCase());
    if (tender.state !== IssuedTenderState.DRAFT && tender.state !== IssuedTenderState.ANNOUNCED) {
      throw new InvalidStateError(
        `Issued tender ${tender.number} is ${tender.state}: the committee is set while DRAFT or ANNOUNCED`,
      );
    }
    const tx = await ctx.tx();
    const vendorIds = await this.bidderIds(tx, tender);
    const committee = await checkCommitteeInput(
      ctx,
      this.branches,
      tender.branchId,
      input,
      vendorIds.map((v) => ({ id: v })),
    );
    const before = await this.membersLoader(ctx).load(`${tender.branchId}:${tender.id}`);
    await tx.query(`DELETE FROM issued_tender_members WHERE branch_id = $1 AND tender_id = $2`, [
      tender.branchId,
      tender.id,
    ]);
    await this.writeCommittee(tx, tender, committee.memberIds, committee.chairId);
    this.membersLoader(ctx).clearAll();
    await writeAudit(ctx, {
      branchId: tender.branchId,
      entity: 'issuedTender',
      entityId: tender.id,
      action: 'set_committee',
      before: { committee: before },
      after: { committee },
    });
    return tender;
  }

  /** DRAFT -> ANNOUNCED: the deadline must still be ahead; invited bidding needs at least 3 suppliers invited. */
  async announce(ctx: RequestContext, id: string): Promise<IssuedTender> {
    const before = await IssuedTenders.lock(ctx, id.toLowerCase());
    issuedTenderMove(before.state, 'ANNOUNCE');
    const now = new Date();
    if (before.submissionDeadline <= now) {
      throw new ProcurementConflict(
        'DEADLINE_PASSED',
        `The submission deadline ${before.submissionDeadline.toISOString()} has passed: draft a new tender with a ` +
          'deadline after the announcement',
      );
    }
    const invited = await this.suppliersLoader(ctx).load(`${before.branchId}:${before.id}`);
    if (!before.openBidding && invited.length < MIN_VALID_BIDS) {
      throw new ProcurementConflict(
        'TOO_FEW_INVITED',
        `Invite at least ${MIN_VALID_BIDS} suppliers (${invited.length} invited), or open the tender to any supplier`,
      );
    }
    const request = await ProcurementRequests.lock(ctx, before.requestId);
    if (request.state === ProcurementRequestState.PLANNED) await this.requests.move(ctx, request, 'SOURCE');
    else if (request.state !== ProcurementRequestState.SOURCING) {
      throw new ProcurementConflict(
        'REQUEST_NOT_SOURCING',
        `The procurement request is ${request.state}: a tender is announced while it is PLANNED or SOURCING`,
      );
    }
    return this.move(ctx, before, 'ANNOUNCE', { announcedAt: now });
  }

  /** DRAFT, ANNOUNCED or EVALUATING -> CANCELLED, with a reason. */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<IssuedTender> {
    const why = checkText('reason', reason, 2000, true)!;
    const before = await IssuedTenders.lock(ctx, id.toLowerCase());
    return this.move(ctx, before, 'CANCEL', { endedAt: new Date(), endedReason: why });
  }

  /** Sets a new state (and other columns) after the guard, with the audit row of the move. */
  move(
    ctx: RequestContext,
    before: IssuedTender,
    move: IssuedTenderMove,
    set: Values<IssuedTender> = {},
  ): Promise<IssuedTender> {
    const to = issuedTenderMove(before.state, move);
    return IssuedTenders.change(ctx, before, { state: to, updatedAt: new Date(), ...set }, move.toLowerCase());
  }

  /** The invited suppliers and those who bid: the vendors a committee member may not be linked to. */
  async bidderIds(tx: Tx, tender: IssuedTender): Promise<string[]> {
    const rows = await tx.query<{ vendorId: string }>(
      `SELECT vendor_id AS "vendorId" FROM issued_tender_suppliers WHERE branch_id = $1 AND tender_id = $2
       UNION SELECT vendor_id FROM issued_tender_bids WHERE branch_id = $1 AND tender_id = $2`,
      [tender.branchId, tender.id],
    );
    return rows.map((r) => r.vendorId);
  }

  private async writeCommittee(tx: Tx, tender: IssuedTender, memberIds: string[], chairId: string): Promise<void> {
    for (const userId of memberIds) {
      await IssuedTenderMembers.insert(tx, {
        branchId: tender.branchId,
        id: randomUUID(),
        tenderId: tender.id,
        userId,
        chair: userId === chairId,
      });
    }
  }

  private async attach(ctx: RequestContext, tender: IssuedTender, fileIds: string[], field: string): Promise<void> {
    await this.attachments.attach(ctx, {
      field,
      fileIds,
      branchId: tender.branchId,
      subjectType: SUBJECT,
      subjectId: tender.id,
      purpose: DOCUMENT,
      what: 'the tender document',
    });
  }

  /** The tender in scope or NOT_FOUND. */
  async get(ctx: RequestContext, id: string): Promise<IssuedTender> {
    const t = await this.findOne(ctx, id);
    if (!t) throw new NotFoundError('IssuedTender', id);
    return t;
  }
}
