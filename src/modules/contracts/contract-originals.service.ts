import { Injectable, type OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { RequestContext } from '@app/core';
import { AttachmentSubjects } from '../documents/attachment-subjects.js';
import type { StoredFile } from '../documents/file.entity.js';
import { FileAttachmentsService } from '../documents/file-attachments.service.js';
import { type Contract } from './contract.entity.js';
import { ContractsService } from './contracts.service.js';

const SUBJECT = 'CONTRACT';
const ORIGINAL = 'SIGNED_ORIGINAL';

/**
 * The signed original of a contract: received into the archive (it leaves the monthly check), with the scan of the
 * signed paper kept in the documents module. Whoever sees the contract may read the scan.
 */
@Injectable()
export class ContractOriginalsService implements OnModuleInit {
  constructor(
    private readonly contracts: ContractsService,
    private readonly attachments: FileAttachmentsService,
    private readonly subjects: AttachmentSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({ type: SUBJECT, table: 'contracts' });
  }

  /** Marks the original received, with the scan of it (also later, for an original received without one). */
  async receive(ctx: RequestContext, id: string, scanFileId: string | null): Promise<Contract> {
    const contract = await this.contracts.markOriginalReceived(ctx, id, { scanGiven: scanFileId !== null });
    if (scanFileId !== null) {
      await this.attachments.attach(ctx, {
        field: 'scanFileId',
        fileIds: [scanFileId],
        branchId: contract.branchId,
        subjectType: SUBJECT,
        subjectId: contract.id,
        purpose: ORIGINAL,
        what: 'the scan of the signed original',
      });
    }
    return contract;
  }

  /** The scans of the signed originals of many contracts ("branchId:contractId"), oldest first. */
  scansLoader(ctx: RequestContext): DataLoader<string, StoredFile[]> {
    return this.attachments.filesLoader(ctx, SUBJECT, ORIGINAL);
  }
}
