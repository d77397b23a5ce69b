import { Injectable, type OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { RequestContext } from '@app/core';
import { AttachmentSubjects } from '../documents/attachment-subjects.js';
import type { StoredFile } from '../documents/file.entity.js';
import { FileAttachmentsService } from '../documents/file-attachments.service.js';
import { type Visit } from './visit.entity.js';

const SUBJECT = 'VISIT';
const REPORT = 'REPORT';

/** The files of visit reports (photos, the customer's signed visit sheet), kept in the documents module. */
@Injectable()
export class VisitFilesService implements OnModuleInit {
  constructor(
    private readonly attachments: FileAttachmentsService,
    private readonly subjects: AttachmentSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({ type: SUBJECT, table: 'visits' });
  }

  /** Attaches report files to a visit the caller has locked (the report's own transaction). */
  async attachReport(ctx: RequestContext, visit: Visit, fileIds: readonly string[]): Promise<void> {
    await this.attachments.attach(ctx, {
      field: 'fileIds',
      fileIds,
      branchId: visit.branchId,
      subjectType: SUBJECT,
      subjectId: visit.id,
      purpose: REPORT,
      what: 'the report’s files',
    });
  }

  /** The report files of many visits ("branchId:visitId"), oldest first, in one statement. */
  reportFilesLoader(ctx: RequestContext): DataLoader<string, StoredFile[]> {
    return this.attachments.filesLoader(ctx, SUBJECT, REPORT);
  }
}
