import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '@app/core';
import { JobsWorkerModule } from '@app/jobs';
import { entities } from './entities.js';
import { allJobs } from './jobs.js';
import { ApprovalsWorkerModule } from './modules/approvals/approvals.module.js';
import { ComplaintsWorkerModule } from './modules/complaints/complaints.module.js';
import { ContractsWorkerModule } from './modules/contracts/contracts.module.js';
import { CustomersWorkerModule } from './modules/customers/customers.module.js';
import { TendersWorkerModule } from './modules/tenders/tenders.module.js';
import { ChannelsWorkerModule } from './modules/channels/channels.module.js';
import { MarketResearchWorkerModule } from './modules/market-research/research.module.js';
import { VisitsWorkerModule } from './modules/visits/visits.module.js';
import { PerformanceWorkerModule } from './modules/performance/performance.module.js';
import { OrdersWorkerModule } from './modules/orders/orders.module.js';
import { DocumentsWorkerModule } from './modules/documents/documents.module.js';
import { FulfillmentWorkerModule } from './modules/fulfillment/fulfillment.module.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, extra: { imports?: DynamicModule['imports'] } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...(extra.imports ?? []),
        CoreModule.forRoot({ config, entities, process: 'worker' }),
        CustomersWorkerModule,
        ApprovalsWorkerModule,
        ContractsWorkerModule,
        TendersWorkerModule,
        ChannelsWorkerModule,
        MarketResearchWorkerModule,
        VisitsWorkerModule,
        ComplaintsWorkerModule,
        PerformanceWorkerModule,
        OrdersWorkerModule,
        DocumentsWorkerModule,
        FulfillmentWorkerModule,
        JobsWorkerModule.forRoot(allJobs),
      ],
    };
  }
}
