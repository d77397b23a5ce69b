import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ChannelSettingsService } from './channel-settings.service.js';
import { ChannelsJobs } from './channels.jobs.js';
import { EvaluationsResolver } from './evaluations.resolver.js';
import { EvaluationsService } from './evaluations.service.js';
import { PartnerEndUserResolver, PartnerRecordsResolver, PartnerSupportResolver } from './partner-records.resolver.js';
import { PartnerRecordsService } from './partner-records.service.js';
import { PartnerAgreementsService } from './partner-agreements.service.js';
import { PartnerRebatesService } from './partner-rebates.service.js';
import { PartnersResolver } from './partners.resolver.js';
import { PartnersService } from './partners.service.js';
import { CHANNEL_REF_RESOLVERS } from './channel-refs.resolver.js';

describeConstraint('partners_name_key', 'This branch already has a partner of that name');
describeConstraint('partner_contacts_primary', 'This partner already has a primary contact');
describeConstraint('partners_customer_once', 'Another partner of this branch already buys under that customer record');
describeConstraint('partner_evaluations_period_key', 'This partner is already evaluated for that period');

/**
 * Channels (渠道): partners with contacts and agreements, their quarterly evaluations and the branch's
 * scoring settings, and what is recorded under a partner (disputes, support given, end users).
 */
@Module({
  imports: [BranchesCoreModule, CustomersModule],
  providers: [
    PartnersService,
    PartnerAgreementsService,
    PartnersResolver,
    ChannelSettingsService,
    EvaluationsService,
    EvaluationsResolver,
    PartnerRecordsService,
    PartnerRecordsResolver,
    PartnerSupportResolver,
    PartnerEndUserResolver,
    PartnerRebatesService,
    ...CHANNEL_REF_RESOLVERS,
  ],
  exports: [PartnersService, PartnerRebatesService],
})
export class ChannelsModule {}

/** Worker side: agreement end reminders and expiries; the rebate terms finance's monthly statements state. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [ChannelsJobs, PartnerRebatesService],
  exports: [PartnerRebatesService],
})
export class ChannelsWorkerModule {}
