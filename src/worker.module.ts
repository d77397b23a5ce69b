import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '@app/core';
import { JobsWorkerModule } from '@app/jobs';
import { entities } from './entities.js';
import { allJobs } from './jobs.js';
import { CustomersWorkerModule } from './modules/customers/customers.module.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ config, entities, process: 'worker' }),
        CustomersWorkerModule,
        JobsWorkerModule.forRoot(allJobs),
      ],
    };
  }
}
