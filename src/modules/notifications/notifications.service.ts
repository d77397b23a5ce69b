import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { Notifications, type Notification } from './notification.entity.js';

export interface NewNotification {
  branchId: string;
  userId: string;
  kind: string;
  title: string;
  body?: string;
  subjectType?: string;
  subjectId?: string;
  /** One notification per key and branch: a retried job cannot notify twice. */
  dedupeKey: string;
}

@Injectable()
export class NotificationsService {
  /** Creates the notification unless one with the same key exists; true when it was created. */
  async notify(ctx: RequestContext, n: NewNotification): Promise<boolean> {
    const tx = await ctx.tx();
    const inserted = await tx.execute(
      `INSERT INTO notifications (branch_id, id, user_id, kind, title, body, subject_type, subject_id, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (branch_id, dedupe_key) DO NOTHING`,
      [
        n.branchId,
        randomUUID(),
        n.userId,
        n.kind,
        n.title,
        n.body ?? '',
        n.subjectType ?? null,
        n.subjectId ?? null,
        n.dedupeKey,
      ],
    );
    return inserted === 1;
  }

  /** Creates many in one statement; returns how many were new. */
  async notifyMany(ctx: RequestContext, list: NewNotification[]): Promise<number> {
    if (list.length === 0) return 0;
    const tx = await ctx.tx();
    const col = <K extends keyof NewNotification>(k: K) => list.map((n) => n[k] ?? null);
    return tx.execute(
      `INSERT INTO notifications (branch_id, id, user_id, kind, title, body, subject_type, subject_id, dedupe_key)
       SELECT b, gen_random_uuid(), u, k, t, coalesce(bd, ''), st, si, dk
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
         AS x(b, u, k, t, bd, st, si, dk)
       ON CONFLICT (branch_id, dedupe_key) DO NOTHING`,
      [
        col('branchId'),
        col('userId'),
        col('kind'),
        col('title'),
        col('body'),
        col('subjectType'),
        col('subjectId'),
        col('dedupeKey'),
      ],
    );
  }

  /** The caller's own notifications, newest first, across the branches in scope. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; unreadOnly?: boolean },
  ): Promise<ConnectionShape<Notification>> {
    const actor = ctx.requireActor();
    const filter = new SqlFilter().branches(ctx).eq('user_id', actor.userId, 'uuid');
    if (args.unreadOnly) filter.where('read_at IS NULL');
    return keysetPage(ctx, args, {
      columns: Notifications.cols(),
      from: 'notifications',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (n: Notification) => n.createdAt },
      map: Notifications.map,
    });
  }

  async markRead(ctx: RequestContext, id: string): Promise<Notification> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const rows = await tx.query<Notification>(
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
       WHERE branch_id = ANY($1::uuid[]) AND id = $2 AND user_id = $3 RETURNING ${Notifications.cols()}`,
      [ctx.branchIds, id, actor.userId],
    );
    if (!rows[0]) throw new NotFoundError('Notification', id);
    return Notifications.map(rows[0]);
  }
}
