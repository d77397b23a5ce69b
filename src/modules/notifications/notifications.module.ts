import { Module } from '@nestjs/common';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';

@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsCoreModule {}

@Module({ imports: [NotificationsCoreModule], providers: [NotificationsResolver] })
export class NotificationsModule {}
