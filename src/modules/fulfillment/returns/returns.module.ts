import { Module } from '@nestjs/common';
import { NotificationsCoreModule } from '../../notifications/notifications.module.js';
import { ReturnsJobs } from './returns.jobs.js';

/** Worker side of returns: the finance notice of a processed return (the API side lives in FulfillmentModule). */
@Module({ imports: [NotificationsCoreModule], providers: [ReturnsJobs] })
export class ReturnsWorkerModule {}
