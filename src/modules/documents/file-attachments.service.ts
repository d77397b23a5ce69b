import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, writeAudit, type RequestContext } from '@app/core';
import { AttachmentSubjects } from './attachment-subjects.js';
import { DocumentAccessService } from './document-access.service.js';
import { Files, type StoredFile } from './file.entity.js';
import { FilesService } from './files.service.js';

export interface AttachInput {
  /** The input field that named the files (for the error a person reads). */
  field: string;
  fileIds: readonly string[];
  branchId: string;
  subjectType: string;
  subjectId: string;
  purpose: string;
  /** What to upload, for the error: "the scan of the signed original". */
  what: string;
}

/**
 * Files attached to other modules' rows. The subject module locks and checks its own row, then attaches files the
 * caller may read, of the row's branch; whoever sees the row may then read them (DocumentAccessService.checkFile).
 */
@Injectable()
export class FileAttachmentsService {
  constructor(
    private readonly files: FilesService,
    private readonly subjects: AttachmentSubjects,
    private readonly access: DocumentAccessService,
  ) {}

  /** Attaches the files (again: no change), in the caller's transaction; BAD_USER_INPUT naming the field otherwise. */
  async attach(ctx: RequestContext, input: AttachInput): Promise<StoredFile[]> {
    const actor = ctx.requireActor();
    if (!this.subjects.get(input.subjectType))
      throw new Error(`attachment subject ${input.subjectType} not registered`);
    const ids = [...new Set(input.fileIds.map((id) => id.toLowerCase()))];
    const found: StoredFile[] = [];
    for (const [i, id] of ids.entries()) {
      const file = await this.files.findOne(ctx, id);
      if (!file || file.branchId !== input.branchId) {
        const which = ids.length > 1 ? ` (the ${i + 1}. of ${ids.length})` : '';
        throw BadUserInputError.field(
          input.field,
          `names a file${which} that is not of this branch or that you may not read: upload ${input.what} with POST /files first`,
        );
      }
      // A document's file keeps the document's clearance: attached, its metadata would show to whoever sees the row.
      if (await this.access.fileInUse(await ctx.tx(), file)) {
        throw BadUserInputError.field(
          input.field,
          `names a file that is a version of a document: upload ${input.what} with POST /files as its own file`,
        );
      }
      found.push(file);
    }
    if (!found.length) return found;
    const tx = await ctx.tx();
    const added = await tx.query<{ id: string; fileId: string }>(
      `INSERT INTO file_attachments (branch_id, id, file_id, subject_type, subject_id, purpose, attached_by)
       SELECT $1::uuid, i, f, $4, $5::uuid, $6, $7::uuid FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS k(i, f, n)
       ORDER BY n
       ON CONFLICT ON CONSTRAINT file_attachments_once DO NOTHING
       RETURNING id, file_id AS "fileId"`,
      [
        input.branchId,
        found.map(() => randomUUID()),
        found.map((f) => f.id),
        input.subjectType,
        input.subjectId,
        input.purpose,
        actor.userId,
      ],
    );
    for (const a of added) {
      await writeAudit(ctx, {
        branchId: input.branchId,
        entity: 'file_attachment',
        entityId: a.id,
        action: 'attach',
        after: { fileId: a.fileId, subjectType: input.subjectType, subjectId: input.subjectId, purpose: input.purpose },
      });
    }
    return found;
  }

  /** The files attached for `purpose` to many subjects ("branchId:subjectId" keys), oldest first, in one statement. */
  filesLoader(ctx: RequestContext, subjectType: string, purpose: string): DataLoader<string, StoredFile[]> {
    return ctx.loader(
      `documents.attached.${subjectType}.${purpose}`,
      () =>
        new DataLoader<string, StoredFile[]>(async (keys) => {
          const branchIds: string[] = [];
          const subjectIds: string[] = [];
          for (const k of keys) {
            const i = k.indexOf(':');
            branchIds.push(k.slice(0, i));
            subjectIds.push(k.slice(i + 1));
          }
          const tx = await ctx.tx();
          const rows = await tx.query<StoredFile & { __n: string }>(
            `SELECT k.n AS "__n", ${Files.cols('f')}
             FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(branch_id, subject_id, n)
             JOIN file_attachments a ON a.branch_id = k.branch_id AND a.subject_type = $3 AND a.subject_id = k.subject_id
               AND a.purpose = $4
             JOIN files f ON f.branch_id = a.branch_id AND f.id = a.file_id
             ORDER BY k.n, a.attached_at, a.seq`,
            [branchIds, subjectIds, subjectType, purpose],
          );
          const groups: StoredFile[][] = keys.map(() => []);
          for (const { __n, ...file } of rows) groups[Number(__n) - 1].push(Files.map(file));
          return groups;
        }),
    );
  }
}
