import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import type { RequestContext } from '@app/core';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Notification } from './notification.entity.js';
import { NotificationConnection } from './notification.types.js';
import { NotificationsService } from './notifications.service.js';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly notificationService: NotificationsService) {}

  @RequirePermission('notifications:read')
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first' })
  notifications(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('unreadOnly', { nullable: true, defaultValue: false, description: 'Only unread notifications' })
    unreadOnly?: boolean,
  ) {
    return this.notificationService.list(ctx, { first, after, unreadOnly });
  }

  @RequirePermission('notifications:read')
  @Mutation(() => Notification, { description: 'Mark one of your notifications read' })
  markNotificationRead(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of one of your notifications' }, UuidPipe) id: string,
  ) {
    return this.notificationService.markRead(ctx, id);
  }
}
