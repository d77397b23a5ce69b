import { Injectable, type OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { RequestContext } from '@app/core';
import { AttachmentSubjects } from '../documents/attachment-subjects.js';
import type { StoredFile } from '../documents/file.entity.js';
import { FileAttachmentsService } from '../documents/file-attachments.service.js';
import { type TenderDocument } from './tender.entity.js';
import { TendersService } from './tenders.service.js';

const SUBJECT = 'TENDER_DOCUMENT';
const PREPARED = 'PREPARED';

/** The files behind a tender's qualification documents, kept in the documents module; a file makes one ready. */
@Injectable()
export class TenderFilesService implements OnModuleInit {
  constructor(
    private readonly tenders: TendersService,
    private readonly attachments: FileAttachmentsService,
    private readonly subjects: AttachmentSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({ type: SUBJECT, table: 'tender_documents' });
  }

  /** Attaches the prepared file to a document of a PREPARING tender, which makes it ready. */
  async attach(ctx: RequestContext, id: string, fileId: string): Promise<TenderDocument> {
    const doc = await this.tenders.setDocumentReady(ctx, id, true);
    await this.attachments.attach(ctx, {
      field: 'fileId',
      fileIds: [fileId],
      branchId: doc.branchId,
      subjectType: SUBJECT,
      subjectId: doc.id,
      purpose: PREPARED,
      what: 'the prepared document',
    });
    return doc;
  }

  /** The files of many tender documents ("branchId:documentId"), oldest first, in one statement. */
  filesLoader(ctx: RequestContext): DataLoader<string, StoredFile[]> {
    return this.attachments.filesLoader(ctx, SUBJECT, PREPARED);
  }
}
