import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ChannelsJobs } from './channels.jobs.js';
import { PartnersResolver } from './partners.resolver.js';
import { PartnersService } from './partners.service.js';

describeConstraint('partners_name_key', 'This branch already has a partner of that name');
describeConstraint('partner_contacts_primary', 'This partner already has a primary contact');

/** Channels (渠道): partners, their contacts and agreements. */
@Module({
  imports: [BranchesCoreModule],
  providers: [PartnersService, PartnersResolver],
  exports: [PartnersService],
})
export class ChannelsModule {}

/** Worker side: agreement end reminders and expiries. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [ChannelsJobs],
})
export class ChannelsWorkerModule {}
