import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext, type Tx } from '@app/core';
import { Role } from '../branches/roles.js';
import { AttachmentSubjects } from './attachment-subjects.js';
import { audited, cleared, clearedLevels } from './document-access.js';
import { DocumentGrants, Documents, DocumentVersions, type Document } from './document.entity.js';
import { DocumentReadKind } from './document.enums.js';
import type { StoredFile } from './file.entity.js';

/** Who keeps a branch's loose files (uploaded, not yet in a document): the department head and head office's admin. */
const KEEPERS = new Set<string>([Role.HQ_ADMIN, Role.BRANCH_MANAGER]);

/**
 * Who may read which document: the role's clearance for its level, its author, and explicit grants. A document
 * the caller may not read answers as an unknown one. Reads of CONFIDENTIAL and SECRET documents are recorded in
 * document_reads, in the reading request's transaction.
 */
@Injectable()
export class DocumentAccessService {
  constructor(private readonly subjects: AttachmentSubjects) {}

  /** SQL for "the caller may read document row `d`", with its parameters added to `p`. */
  readableSql(ctx: RequestContext, p: (v: unknown, cast?: string) => string, d = 'd'): string {
    const actor = ctx.requireActor();
    const me = p(actor.userId, 'uuid');
    return `(${d}.confidentiality = ANY(${p(clearedLevels(actor.role), 'text[]')}) OR ${d}.created_by = ${me}
      OR EXISTS (SELECT 1 FROM document_grants g WHERE g.branch_id = ${d}.branch_id AND g.document_id = ${d}.id
        AND g.user_id = ${me}))`;
  }

  async canRead(ctx: RequestContext, doc: Document): Promise<boolean> {
    const actor = ctx.requireActor();
    if (cleared(actor.role, doc.confidentiality) || doc.createdById === actor.userId) return true;
    return (
      (await DocumentGrants.find(await ctx.tx(), {
        branchId: doc.branchId,
        documentId: doc.id,
        userId: actor.userId,
      })) !== null
    );
  }

  /** The document if the caller may read it (locked when asked), else null. */
  async readable(ctx: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<Document | null> {
    const doc = await Documents.findInScope(ctx, id, options);
    return doc && (await this.canRead(ctx, doc)) ? doc : null;
  }

  /** The same, NOT_FOUND otherwise. */
  async require(ctx: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<Document> {
    const doc = await this.readable(ctx, id, options);
    if (!doc) throw new NotFoundError('Document', id);
    return doc;
  }

  /** Records reads of the audited documents among `docs` (one statement for a whole page). */
  async recordReads(
    ctx: RequestContext,
    docs: readonly Document[],
    what: DocumentReadKind,
    fileId: string | null = null,
  ): Promise<void> {
    const hits = docs.filter((d) => audited(d.confidentiality));
    if (!hits.length) return;
    const tx = await ctx.tx();
    const readerId = ctx.requireActor().userId;
    await tx.query(
      `INSERT INTO document_reads (branch_id, id, document_id, reader_id, what, file_id)
       SELECT b, i, d, $4::uuid, $5, $6::uuid FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(b, i, d)`,
      [hits.map((d) => d.branchId), hits.map(() => randomUUID()), hits.map((d) => d.id), readerId, what, fileId],
    );
  }

  /**
   * May the caller read this file? A file in documents: when they may read one of those documents (the reads
   * of audited ones are recorded). A loose file: its uploader, the branch's keepers, and whoever sees a row of
   * another module it is attached to (a contract's signed original: whoever sees the contract).
   */
  async checkFile(ctx: RequestContext, file: StoredFile, what: DocumentReadKind): Promise<void> {
    const actor = ctx.requireActor();
    const docs = await this.documentsOfFile(await ctx.tx(), file);
    if (docs.length === 0) {
      if (file.uploadedById === actor.userId || KEEPERS.has(actor.role)) return;
      if (await this.seesSubjectOf(ctx, file)) return;
      throw new NotFoundError('File', file.id);
    }
    const open: Document[] = [];
    for (const d of docs) if (await this.canRead(ctx, d)) open.push(d);
    if (!open.length) throw new NotFoundError('File', file.id);
    await this.recordReads(ctx, open, what, file.id);
  }

  /** The statement `checkFile` runs for a file, run for an id that found none; answers null. */
  async noFile(ctx: RequestContext, id: string): Promise<null> {
    const branchId = ctx.branchIds[0] ?? id;
    const tx = await ctx.tx();
    await this.documentsOfFile(tx, { branchId, id } as StoredFile);
    await this.attachmentsSeen(tx, { branchId, id });
    return null;
  }

  /** Whether the caller sees a row (of another module) this file is attached to: one statement, whatever the kinds. */
  private async seesSubjectOf(ctx: RequestContext, file: StoredFile): Promise<boolean> {
    return this.attachmentsSeen(await ctx.tx(), file);
  }

  private async attachmentsSeen(tx: Tx, file: Pick<StoredFile, 'branchId' | 'id'>): Promise<boolean> {
    const rows = await tx.query<{ seen: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM file_attachments a WHERE a.branch_id = $1 AND a.file_id = $2
         AND ${this.subjects.seenSql('a')}) AS seen`,
      [file.branchId, file.id],
    );
    return rows[0].seen;
  }

  /** Whether the file is already some document's version (a file belongs to one document). */
  async fileInUse(tx: Tx, file: StoredFile): Promise<boolean> {
    return (await DocumentVersions.find(tx, { branchId: file.branchId, fileId: file.id })) !== null;
  }

  private async documentsOfFile(tx: Tx, file: StoredFile): Promise<Document[]> {
    const rows = await tx.query<Document>(
      `SELECT ${Documents.cols('d')} FROM documents d
       WHERE d.branch_id = $1 AND d.id IN (SELECT v.document_id FROM document_versions v WHERE v.branch_id = $1 AND v.file_id = $2)`,
      [file.branchId, file.id],
    );
    return rows.map(Documents.map);
  }
}
