import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/graphql';
import { Notification } from './notification.entity.js';

@ObjectType('NotificationConnection', {
  description: 'A page of notification rows: edges, pageInfo and totalCount (Relay connection)',
})
export class NotificationConnection extends Connection(Notification, 'Notification') {}
