import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { AttachmentSubjects } from './attachment-subjects.js';
import { DocumentAccessService } from './document-access.service.js';
import { DocumentLifecycleService } from './document-lifecycle.service.js';
import { DocumentLoansResolver } from './document-loans.resolver.js';
import { DocumentLoansService } from './document-loans.service.js';
import { DocumentSharesResolver } from './document-shares.resolver.js';
import { DocumentSharesService } from './document-shares.service.js';
import { DocumentsResolver, DocumentVersionResolver } from './documents.resolver.js';
import { DocumentsJobs } from './documents.jobs.js';
import { DocumentsService } from './documents.service.js';
import { FileAttachmentsService } from './file-attachments.service.js';
import { FileIntegrityResolver } from './file-integrity.resolver.js';
import { FileIntegrityService } from './file-integrity.service.js';
import { FilesController } from './files.controller.js';
import { FilesResolver } from './files.resolver.js';
import { FilesService } from './files.service.js';
import { STORAGE_PROVIDER } from './storage.provider.js';

describeConstraint('nda_records_file_fk', 'The file is not of the NDA’s branch');
describeConstraint('document_grants_once', 'This person has already been granted the document');
describeConstraint('document_grants_user_fk', 'The person is not of the document’s branch');
describeConstraint(
  'document_loans_one_original',
  'The paper original is already asked for or out on loan: borrow a copy, or wait for its return',
);

/**
 * Documents (文档管理): numbered, reviewed, versioned documents with confidentiality, and every file
 * of the product (object storage, streamed upload and download, signed links).
 * A virus scanner plugs in as VIRUS_SCANNER from a global module (virus-scan.ts).
 */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule],
  controllers: [FilesController],
  providers: [
    STORAGE_PROVIDER,
    FilesService,
    FilesResolver,
    AttachmentSubjects,
    FileAttachmentsService,
    DocumentAccessService,
    DocumentsService,
    DocumentLifecycleService,
    DocumentsResolver,
    DocumentVersionResolver,
    FileIntegrityService,
    FileIntegrityResolver,
    DocumentLoansService,
    DocumentLoansResolver,
    DocumentSharesService,
    DocumentSharesResolver,
  ],
  // AttachmentSubjects, FileAttachmentsService: other modules attach files to their rows (contract originals, ...).
  exports: [FilesService, DocumentsService, AttachmentSubjects, FileAttachmentsService],
})
export class DocumentsModule {}

/** Worker side: the integrity re-check of issued documents' files and the sweep of objects no row names. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [STORAGE_PROVIDER, DocumentsJobs],
})
export class DocumentsWorkerModule {}
