import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  requireChange,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { Role } from '../branches/roles.js';
import { DocumentAccessService } from './document-access.service.js';
import { documentMove, type DocumentMove } from './document-access.js';
import { DocumentVersions, Documents, type Document, type DocumentVersion } from './document.entity.js';
import { DocumentReadKind, DocumentState } from './document.enums.js';
import type { DocumentFilter } from './document.types.js';
import type { AddDocumentVersionInput, CreateDocumentInput, UpdateDocumentInput } from './dto/document.input.js';
import { FilesService } from './files.service.js';

/** Besides its author, who may change a document: the department head and head office's admin. */
const EDITORS = new Set<string>([Role.HQ_ADMIN, Role.BRANCH_MANAGER]);

/** A move checked before anything is written: a refused one changes nothing. */
export function checkMove(doc: Document, move: DocumentMove): DocumentState {
  const r = documentMove(doc.state, move);
  if ('refused' in r) throw new InvalidStateError(r.refused);
  return r.to;
}

/**
 * Documents (文档管理): drafted with a first version, changed while DRAFT, versioned (also once ISSUED), read by
 * clearance, authorship or grant, with reads of CONFIDENTIAL and SECRET ones recorded. Review, issue with a
 * number, archive and grants: document-lifecycle.service.ts.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly access: DocumentAccessService,
    private readonly files: FilesService,
  ) {}

  // ---------- reads ----------

  /** A document the caller may read, or null (as for an unknown id); an audited one's read is recorded. */
  async findOne(ctx: RequestContext, id: string): Promise<Document | null> {
    const doc = await this.access.readable(ctx, id);
    if (doc) await this.access.recordReads(ctx, [doc], DocumentReadKind.METADATA);
    return doc;
  }

  /** Newest first, the ones the caller may read; the reads of audited ones on the page are recorded. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: DocumentFilter },
  ): Promise<ConnectionShape<Document>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId, 'd.branch_id')
      .eq('d.kind', f.kind)
      .eq('d.state', f.state)
      .eq('d.confidentiality', f.confidentiality);
    filter.where((p) => this.access.readableSql(ctx, p));
    const page = await keysetPage(ctx, args, {
      columns: Documents.cols('d'),
      from: 'documents d',
      filter,
      order: {
        column: 'd.created_at',
        idColumn: 'd.id',
        cast: 'timestamptz',
        desc: true,
        value: (d: Document) => d.createdAt,
      },
      map: Documents.map,
    });
    await this.access.recordReads(
      ctx,
      page.edges.map((e) => e.node),
      DocumentReadKind.METADATA,
    );
    return page;
  }

  /** The versions of many documents ("branchId:documentId" keys) in one statement, oldest first. */
  versionsLoader(ctx: RequestContext): DataLoader<string, DocumentVersion[]> {
    return DocumentVersions.childLoader(ctx, 'documentId', 'x.version');
  }

  // ---------- writes ----------

  async create(ctx: RequestContext, input: CreateDocumentInput): Promise<Document> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const file = await this.usableFile(ctx, tx, input.fileId, branchId, input.kind);
    const doc = await Documents.insert(tx, {
      branchId,
      id: randomUUID(),
      kind: input.kind,
      title: input.title.trim(),
      confidentiality: input.confidentiality,
      createdById: actor.userId,
    });
    await this.version(tx, doc, 1, file, null, actor.userId);
    await writeAudit(ctx, { branchId, entity: 'document', entityId: doc.id, action: 'create', after: doc });
    return doc;
  }

  async update(ctx: RequestContext, id: string, input: UpdateDocumentInput): Promise<Document> {
    requireChange(input);
    const before = await this.editable(ctx, id);
    checkMove(before, 'EDIT');
    return Documents.change(
      ctx,
      before,
      {
        title: input.title?.trim() ?? before.title,
        confidentiality: input.confidentiality ?? before.confidentiality,
        updatedAt: new Date(),
      },
      'update',
    );
  }

  /** A new version: the only change an ISSUED document takes. */
  async addVersion(ctx: RequestContext, id: string, input: AddDocumentVersionInput): Promise<Document> {
    const actor = ctx.requireActor();
    const before = await this.editable(ctx, id);
    checkMove(before, 'NEW_VERSION');
    const tx = await ctx.tx();
    const file = await this.usableFile(ctx, tx, input.fileId, before.branchId, before.kind);
    const next = before.currentVersion + 1;
    await this.version(tx, before, next, file, input.note?.trim() ?? null, actor.userId);
    return Documents.change(ctx, before, { currentVersion: next, updatedAt: new Date() }, 'add_version');
  }

  /** The document locked for a change by its author or an editor (others: FORBIDDEN; unreadable: NOT_FOUND). */
  async editable(ctx: RequestContext, id: string): Promise<Document> {
    const actor = ctx.requireActor();
    const doc = await this.access.require(ctx, id, { lock: true });
    if (doc.createdById !== actor.userId && !EDITORS.has(actor.role)) {
      throw new ForbiddenError('Only its author, the department head or head office may change a document');
    }
    return doc;
  }

  // ---------- helpers ----------

  /** A file the caller may read, of the document's branch and kind, not yet any document's version. */
  private async usableFile(ctx: RequestContext, tx: Tx, fileId: string, branchId: string, kind: string) {
    const file = await this.files.forDocument(ctx, fileId);
    if (file.branchId !== branchId) {
      throw BadUserInputError.field('fileId', 'the file belongs to another branch: upload it for this one');
    }
    if (file.kind !== kind) {
      throw BadUserInputError.field(
        'fileId',
        `the file was uploaded for ${file.kind}, not ${kind}: upload it for ${kind}`,
      );
    }
    if (await this.access.fileInUse(tx, file)) {
      throw BadUserInputError.field('fileId', 'the file is already a version of a document: upload it again');
    }
    return file;
  }

  private async version(
    tx: Tx,
    doc: Document,
    version: number,
    file: { id: string },
    note: string | null,
    userId: string,
  ): Promise<void> {
    await DocumentVersions.insert(tx, {
      branchId: doc.branchId,
      id: randomUUID(),
      documentId: doc.id,
      version,
      fileId: file.id,
      note,
      createdById: userId,
    });
  }
}
