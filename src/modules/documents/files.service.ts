import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  APP_CONFIG,
  BadUserInputError,
  Database,
  ForbiddenError,
  NotFoundError,
  writeAudit,
  type AppConfig,
  type RequestContext,
} from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { can } from '../branches/roles.js';
import { DocumentAccessService } from './document-access.service.js';
import { DocumentKind, DocumentReadKind } from './document.enums.js';
import { Files, type StoredFile } from './file.entity.js';
import { signLink, verifyLink } from './file-links.js';
import { fileNameProblem, fileRule } from './file-rules.js';
import { OBJECT_STORAGE, objectKey, type ObjectStorage } from './object-storage.js';
import { inspect, type Inspected, type UploadPart } from './upload-stream.js';
import { VIRUS_SCANNER, type VirusScanner } from './virus-scan.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A file and its bytes, ready to send. */
export interface FileContent {
  file: StoredFile;
  stream: Readable;
}

export interface FileLinkShape {
  url: string;
  expiresAt: Date;
}

/**
 * Stored files: uploads streamed into the object storage (sniffed, limited, hashed, scanned) and recorded,
 * downloads by the request's own rights or by a signed link. The object is written first and the row last, in
 * the request's transaction: if anything fails between the two, the object is removed before the error answers.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly db: Database,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: DocumentAccessService,
    @Optional() @Inject(VIRUS_SCANNER) private readonly scanner?: VirusScanner,
  ) {}

  /** Checks who may upload what before a byte is read (the upload itself may take minutes). */
  prepareUpload(
    ctx: RequestContext,
    input: { kind?: string; branchId?: string },
  ): { kind: DocumentKind; branchId: string } {
    const actor = ctx.requireActor();
    if (!can(actor.role, 'documents:write'))
      throw new ForbiddenError(`Your role ${actor.role} does not allow uploading files`);
    const kind = input.kind as DocumentKind;
    if (!Object.values(DocumentKind).includes(kind)) {
      throw BadUserInputError.field(
        'kind',
        `say which kind of document the file is for: ${Object.values(DocumentKind).join(', ')}`,
      );
    }
    if (input.branchId !== undefined && !UUID.test(input.branchId)) throw new NotFoundError('Branch', input.branchId);
    return { kind, branchId: actingBranch(ctx, input.branchId) };
  }

  /** The most this kind accepts (for a Content-Length that is over it before any byte is read). */
  maxBytes(kind: DocumentKind): number {
    return fileRule(kind, this.config.fileMaxBytes).maxBytes;
  }

  /**
   * Stores the part and records it; commits the request's transaction, so the row and the object stand or fall
   * together. Any failure (bad bytes, a cut connection, the virus scan, the database) leaves neither.
   */
  async upload(
    ctx: RequestContext,
    target: { kind: DocumentKind; branchId: string },
    part: UploadPart,
  ): Promise<StoredFile> {
    const problem = fileNameProblem(part.name);
    if (problem) {
      part.stream.resume();
      throw BadUserInputError.field('name', problem);
    }
    const id = randomUUID();
    const key = objectKey(target.branchId, id);
    const seen: Partial<Inspected> = {};
    await this.storage.put(key, inspect(part.stream, fileRule(target.kind, this.config.fileMaxBytes), seen));
    try {
      const { contentType, sizeBytes, sha256 } = seen as Inspected;
      if (this.scanner) {
        const verdict = await this.scanner.scan(await this.storage.get(key), {
          branchId: target.branchId,
          fileId: id,
          contentType,
        });
        if (!verdict.clean)
          throw BadUserInputError.field(
            'file',
            `refused by the virus scan${verdict.finding ? `: ${verdict.finding}` : ''}`,
          );
      }
      const tx = await ctx.tx();
      const file = await Files.insert(tx, {
        branchId: target.branchId,
        id,
        kind: target.kind,
        name: part.name,
        contentType,
        sizeBytes,
        sha256,
        storageKey: key,
        uploadedById: ctx.requireActor().userId,
      });
      await writeAudit(ctx, { branchId: target.branchId, entity: 'file', entityId: id, action: 'upload', after: file });
      await ctx.finish(true);
      return file;
    } catch (e) {
      await this.storage.delete(key);
      throw e;
    }
  }

  /**
   * A file the caller may read, or null: another branch's, or one in documents they may not read, answers as
   * an unknown one. Reading an audited document's file (metadata, bytes or a link) is recorded as `what`.
   */
  async findOne(ctx: RequestContext, id: string, what = DocumentReadKind.METADATA): Promise<StoredFile | null> {
    if (!UUID.test(id)) return null;
    const file = await Files.findInScope(ctx, id.toLowerCase());
    // An unknown id costs the same statements as a loose file one may not read (no existence by timing or count).
    if (!file) return this.access.noFile(ctx, id.toLowerCase());
    try {
      await this.access.checkFile(ctx, file, what);
      return file;
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  }

  /** A file in scope for attaching to a document (NOT_FOUND as for an unknown id when the caller may not read it). */
  async forDocument(ctx: RequestContext, id: string): Promise<StoredFile> {
    const file = await this.findOne(ctx, id);
    if (!file) throw new NotFoundError('File', id);
    return file;
  }

  /** The bytes of a file, for the request's own download. */
  async open(ctx: RequestContext, id: string): Promise<FileContent> {
    ctx.requireActor();
    const file = await this.findOne(ctx, id, DocumentReadKind.FILE);
    if (!file) throw new NotFoundError('File', id);
    return { file, stream: await this.storage.get(file.storageKey) };
  }

  /** A download link for one file, bound to its branch and to the person asking, valid for FILE_LINK_TTL_SECONDS. */
  async link(ctx: RequestContext, id: string): Promise<FileLinkShape> {
    const actor = ctx.requireActor();
    const file = await this.findOne(ctx, id, DocumentReadKind.LINK);
    if (!file) throw new NotFoundError('File', id);
    const expires = Math.floor(Date.now() / 1000) + this.config.fileLinkTtlSeconds;
    const query = signLink(this.config.fileLinkSecret, {
      branchId: file.branchId,
      fileId: file.id,
      userId: actor.userId,
      expires,
    });
    return { url: `/files/${file.id}/content?${query}`, expiresAt: new Date(expires * 1000) };
  }

  /**
   * The bytes behind a signed link. The link alone opens exactly its file of its branch; presented with someone
   * else's access token (a link passed on inside the company) it answers as an unknown file.
   */
  async redeem(ctx: RequestContext, id: string, query: Record<string, unknown>): Promise<FileContent> {
    const claims = verifyLink(this.config.fileLinkSecret, id.toLowerCase(), query, Math.floor(Date.now() / 1000));
    if (!claims) throw new NotFoundError('File', id);
    if (ctx.isAuthenticated && ctx.actor!.userId !== claims.userId) throw new NotFoundError('File', id);
    const file = await this.db.run({ branchIds: [claims.branchId] }, (tx) =>
      Files.find(tx, { branchId: claims.branchId, id: claims.fileId }),
    );
    if (!file) throw new NotFoundError('File', id);
    return { file, stream: await this.storage.get(file.storageKey) };
  }
}
