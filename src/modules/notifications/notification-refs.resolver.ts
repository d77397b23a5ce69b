import { refFieldsResolver } from '../branches/ref-fields.js';
import { Notification } from './notification.entity.js';

/** The branch a notification is about, as an object (one batched loader per request). */
export const NOTIFICATION_REF_RESOLVERS = [
  refFieldsResolver(
    () => Notification,
    [
      {
        name: 'branch',
        kind: 'branch',
        description: 'The branch the notification is about: head office staff get notices from every branch',
      },
    ],
  ),
];
