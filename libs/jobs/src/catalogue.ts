import { SetMetadata } from '@nestjs/common';
import type { AppConfig } from '@app/core';

/** One job: a name, its payload type, and (for due-date scans) the schedule the worker keeps. */
export interface JobDef<P> {
  readonly name: string;
  readonly every?: number | ((cfg: AppConfig) => number);
  /** Phantom field carrying the payload type; never set. */
  readonly __payload?: P;
}

export function defineJob<P>(name: string, options: { every?: JobDef<P>['every'] } = {}): JobDef<P> {
  if (!/^[a-z-]+\.[a-z-]+$/.test(name)) throw new Error(`job name "${name}" must look like "module.action"`);
  return { name, every: options.every };
}

export type PayloadOf<D> = D extends JobDef<infer P> ? P : never;

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider method as the one handler of a job. */
export const ProcessJob = (def: JobDef<unknown>) => SetMetadata(JOB_HANDLER, def.name);

/** The single queue, hash-tagged so every key lands on one Redis Cluster slot. */
export const QUEUE_NAME = 'jobs';
