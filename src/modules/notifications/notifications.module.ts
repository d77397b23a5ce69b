import { Module } from '@nestjs/common';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NOTIFICATION_REF_RESOLVERS } from './notification-refs.resolver.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';

@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsCoreModule {}

@Module({
  imports: [NotificationsCoreModule, BranchesCoreModule],
  providers: [NotificationsResolver, ...NOTIFICATION_REF_RESOLVERS],
})
export class NotificationsModule {}
