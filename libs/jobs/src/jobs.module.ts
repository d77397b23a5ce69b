import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { JobDef } from './catalogue.js';
import { JOB_DEFS, JobsWorker } from './jobs-worker.js';

@Module({})
export class JobsWorkerModule {
  /** Only the worker process imports this: it runs the processors, the schedulers and the relay. */
  static forRoot(defs: JobDef<unknown>[]): DynamicModule {
    return {
      module: JobsWorkerModule,
      imports: [DiscoveryModule],
      providers: [{ provide: JOB_DEFS, useValue: defs }, JobsWorker],
      exports: [JobsWorker],
    };
  }
}
