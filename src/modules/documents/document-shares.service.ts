import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  Database,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  addDays,
  startOfLocalDay,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { DocumentAccessService } from './document-access.service.js';
import {
  DocumentShareDownloads,
  DocumentShares,
  NdaRecords,
  type DocumentShare,
  type DocumentShareDownload,
  type NdaRecord,
} from './document-share.entity.js';
import type {
  DocumentShareFilter,
  NdaRecordFilter,
  RecordNdaInput,
  ShareDocumentInput,
} from './document-share.types.js';
import { Documents, DocumentVersions } from './document.entity.js';
import { Confidentiality, DocumentKind, DocumentState } from './document.enums.js';
import { Files } from './file.entity.js';
import type { FileContent } from './files.service.js';
import { FilesService } from './files.service.js';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** A share whose link works: not revoked, not expired. */
const ACTIVE_SQL = `(revoked_at IS NULL AND expires_at > now())`;

/**
 * Sharing outside the company: NDAs recorded with their scans, external shares of issued documents resting on one
 * (PUBLIC documents need none; SECRET ones never leave), each with a link carrying a random token, revocable, every
 * download through it recorded. The link opens the document's version in force at the time of the download.
 */
@Injectable()
export class DocumentSharesService {
  constructor(
    private readonly db: Database,
    private readonly access: DocumentAccessService,
    private readonly files: FilesService,
    private readonly branches: BranchesService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async recordNda(ctx: RequestContext, input: RecordNdaInput): Promise<NdaRecord> {
    const branchId = actingBranch(ctx, input.branchId);
    const branch = await this.branches.branch(ctx, branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    if (input.signedOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('signedOn', `must not be after today (${todayIn(branch.timeZone)})`);
    }
    if (input.expiresOn <= input.signedOn) {
      throw BadUserInputError.field('expiresOn', `must be after the signing day ${input.signedOn}`);
    }
    const file = await this.files.forDocument(ctx, input.fileId);
    if (file.branchId !== branchId) throw new NotFoundError('File', input.fileId);
    if (file.kind !== DocumentKind.AGREEMENT) {
      throw BadUserInputError.field(
        'fileId',
        `must be the scan of the signed agreement, uploaded for kind AGREEMENT (not ${file.kind})`,
      );
    }
    const nda = await NdaRecords.insert(await ctx.tx(), {
      branchId,
      id: randomUUID(),
      counterparty: input.counterparty.trim(),
      counterpartyContact: input.counterpartyContact?.trim() || null,
      signedOn: input.signedOn,
      expiresOn: input.expiresOn,
      fileId: file.id,
      recordedById: ctx.requireActor().userId,
    });
    await writeAudit(ctx, { branchId, entity: 'ndaRecord', entityId: nda.id, action: 'record', after: nda });
    return nda;
  }

  async share(ctx: RequestContext, input: ShareDocumentInput): Promise<{ share: DocumentShare; url: string }> {
    const doc = await this.access.require(ctx, input.documentId.toLowerCase());
    if (doc.state !== DocumentState.ISSUED && doc.state !== DocumentState.ARCHIVED) {
      throw new InvalidStateError(`The document is ${doc.state}: only an ISSUED or ARCHIVED document can be shared`);
    }
    if (doc.confidentiality === Confidentiality.SECRET) {
      throw new ForbiddenError('A SECRET document never leaves the company: it cannot be shared outside');
    }
    const tx = await ctx.tx();
    const branch = await this.branches.branch(ctx, doc.branchId);
    if (!branch) throw new NotFoundError('Branch', doc.branchId);
    const today = todayIn(branch.timeZone);
    let nda: NdaRecord | null = null;
    if (input.ndaId) {
      nda = await NdaRecords.find(tx, { branchId: doc.branchId, id: input.ndaId.toLowerCase() });
      if (!nda) throw new NotFoundError('NdaRecord', input.ndaId);
      if (nda.signedOn > today || nda.expiresOn < today) {
        throw BadUserInputError.field(
          'ndaId',
          `the NDA with ${nda.counterparty} covers ${nda.signedOn} to ${nda.expiresOn}, not today`,
        );
      }
    } else if (doc.confidentiality !== Confidentiality.PUBLIC) {
      throw BadUserInputError.field(
        'ndaId',
        `a ${doc.confidentiality} document leaves the company only under an NDA: record the signed NDA (recordNda) and name it`,
      );
    }
    const expiresAt = new Date(Date.now() + input.days * DAY_MS);
    if (nda && expiresAt > startOfLocalDay(addDays(nda.expiresOn, 1), branch.timeZone)) {
      throw BadUserInputError.field('days', `the NDA ends on ${nda.expiresOn}: the link may not outlive it`);
    }
    const token = randomBytes(32).toString('base64url');
    const share = await DocumentShares.insert(tx, {
      branchId: doc.branchId,
      id: randomUUID(),
      documentId: doc.id,
      ndaId: nda?.id ?? null,
      recipient: input.recipient.trim(),
      purpose: input.purpose.trim(),
      tokenSha256: sha256(token),
      expiresAt,
      sharedById: ctx.requireActor().userId,
    });
    await writeAudit(ctx, {
      branchId: share.branchId,
      entity: 'documentShare',
      entityId: share.id,
      action: 'share',
      after: share,
    });
    return { share, url: `/files/shared/${share.branchId}/${share.id}?token=${token}` };
  }

  async revoke(ctx: RequestContext, id: string): Promise<DocumentShare> {
    const before = await DocumentShares.lock(ctx, id.toLowerCase());
    if (before.revokedAt)
      throw new InvalidStateError(`The link was already revoked on ${before.revokedAt.toISOString()}`);
    return DocumentShares.change(
      ctx,
      before,
      { revokedAt: new Date(), revokedById: ctx.requireActor().userId },
      'revoke',
    );
  }

  /**
   * The bytes behind an external link: the version in force of its document, while the share is neither revoked
   * nor expired and the document still issued or archived. Anything else answers as an unknown link. The download
   * is recorded before the first byte goes out.
   */
  async open(branchId: string, shareId: string, token: unknown, clientIp: string): Promise<FileContent> {
    const unknown = new NotFoundError('DocumentShare', shareId);
    if (!UUID.test(branchId) || !UUID.test(shareId) || typeof token !== 'string' || !TOKEN.test(token)) throw unknown;
    const file = await this.db.run({ branchIds: [branchId] }, async (tx) => {
      const [row] = await tx.query<DocumentShare & { hash: string }>(
        `SELECT ${DocumentShares.cols()}, token_sha256 AS hash FROM document_shares
         WHERE branch_id = $1 AND id = $2 AND ${ACTIVE_SQL}`,
        [branchId, shareId],
      );
      if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), createHash('sha256').update(token).digest())) {
        throw unknown;
      }
      const doc = await Documents.find(tx, { branchId, id: row.documentId });
      if (!doc || (doc.state !== DocumentState.ISSUED && doc.state !== DocumentState.ARCHIVED)) throw unknown;
      const version = await DocumentVersions.find(tx, { branchId, documentId: doc.id, version: doc.currentVersion });
      const stored = version && (await Files.find(tx, { branchId, id: version.fileId }));
      if (!stored) throw unknown;
      await DocumentShareDownloads.insert(tx, {
        branchId,
        id: randomUUID(),
        shareId,
        fileId: stored.id,
        clientIp: clientIp.slice(0, 100) || 'unknown',
      });
      return stored;
    });
    return { file, stream: await this.storage.get(file.storageKey) };
  }

  async ndas(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: NdaRecordFilter },
  ): Promise<ConnectionShape<NdaRecord>> {
    return keysetPage(ctx, args, {
      columns: NdaRecords.cols(),
      from: 'nda_records',
      filter: new SqlFilter().branches(ctx, args.filter?.branchId),
      order: { column: 'recorded_at', cast: 'timestamptz', desc: true, value: (n: NdaRecord) => n.recordedAt },
      map: NdaRecords.map,
    });
  }

  async shares(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: DocumentShareFilter },
  ): Promise<ConnectionShape<DocumentShare>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter().branches(ctx, f.branchId);
    if (f.documentId) filter.eq('document_id', f.documentId, 'uuid');
    if (f.active === true) filter.where(ACTIVE_SQL);
    if (f.active === false) filter.where(`NOT ${ACTIVE_SQL}`);
    return keysetPage(ctx, args, {
      columns: DocumentShares.cols(),
      from: 'document_shares',
      filter,
      order: { column: 'shared_at', cast: 'timestamptz', desc: true, value: (s: DocumentShare) => s.sharedAt },
      map: DocumentShares.map,
    });
  }

  /** Downloads per share, oldest first, one statement per batch of shares. */
  downloadsLoader(ctx: RequestContext): DataLoader<string, DocumentShareDownload[]> {
    return DocumentShareDownloads.childLoader(ctx, 'shareId', 'x.at, x.id');
  }
}
