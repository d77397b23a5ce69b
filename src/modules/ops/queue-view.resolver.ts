import { Inject } from '@nestjs/common';
import { Mutation, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, ForbiddenError, type AppConfig, type RequestContext } from '@app/core';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { queueViewKey, queueViewLink } from './queue-view.js';
import { QueueViewLink } from './queue-view.types.js';

/** The operators' queue view is a browser page: a signed one-time link stands in for the bearer token. */
@Resolver()
export class QueueViewResolver {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = queueViewKey(config.jwtSecret);
  }

  @RequirePermission('queues:view')
  @Mutation(() => QueueViewLink, {
    description:
      "Head office's administrator of the operating organization (QUEUE_VIEW_ORGANIZATION_ID) gets a one-time link (5 minutes) to the queue view at /admin/queues",
  })
  queueViewLink(@Ctx() ctx: RequestContext): QueueViewLink {
    const actor = ctx.requireActor();
    // The queue holds every organization's jobs: only the deployment's operating organization may look at it.
    if (actor.organizationId !== this.config.queueViewOrganizationId)
      throw new ForbiddenError('The queue view is for the operating organization (QUEUE_VIEW_ORGANIZATION_ID) only');
    const link = queueViewLink(this.key, actor, Math.floor(Date.now() / 1000));
    return { url: link.url, expiresAt: new Date(link.expires * 1000) };
  }
}
