import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ChannelsModule, ChannelsWorkerModule } from '../channels/channels.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { InstrumentJobs } from './instrument.jobs.js';
import { InstrumentResolver, ReceiptHandoverResolver } from './instrument.resolver.js';
import { InstrumentService } from './instrument.service.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationGenerationService } from './reconciliation-generation.service.js';
import { ReconciliationJobs } from './reconciliation.jobs.js';
import { PartnerStatementsResolver, ReconciliationResolver } from './reconciliation.resolver.js';
import { ReconciliationService } from './reconciliation.service.js';

describeConstraint(
  'reconciliation_statements_once',
  'The customer has a statement of this cadence for this period already',
);
describeConstraint('instrument_handovers_once', 'This instrument’s hand-over is recorded already');
describeConstraint('reconciliation_statements_file_fk', 'The file is not of the statement’s branch');

/**
 * Finance, reconciliation (对账) and instruments: half-yearly statements per customer and monthly ones per partner
 * (with the month's rebate), signed back or disputed line by line, and the same-day hand-over of cheques, acceptance bills and drafts with its breaches.
 */
@Module({
  imports: [BranchesCoreModule, CustomersModule, DocumentsModule, ChannelsModule],
  controllers: [ReconciliationController],
  providers: [
    ReconciliationService,
    ReconciliationGenerationService,
    ReconciliationResolver,
    PartnerStatementsResolver,
    InstrumentService,
    InstrumentResolver,
    ReceiptHandoverResolver,
  ],
  exports: [ReconciliationService, ReconciliationGenerationService, InstrumentService],
})
export class ReconciliationModule {}

/** Worker side: statements generated and reminded, instrument breaches told. */
@Module({
  imports: [NotificationsCoreModule, ChannelsWorkerModule],
  providers: [ReconciliationGenerationService, ReconciliationJobs, InstrumentJobs],
})
export class ReconciliationWorkerModule {}
