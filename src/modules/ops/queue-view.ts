import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';

/** Where the operators' queue view (bull-board) is served. */
export const QUEUE_VIEW_PATH = '/admin/queues';
/** The one-time link that opens it: made by the `queueViewLink` mutation, good for 5 minutes. */
export const QUEUE_VIEW_LINK_SECONDS = 5 * 60;
/** The session its cookie then carries (HttpOnly, SameSite=Strict, Path=/admin/queues). */
export const QUEUE_VIEW_SESSION_SECONDS = 15 * 60;
const COOKIE = 'queue_view';

type Use = 'link' | 'session';

/**
 * What a queue-view token is bound to: its use, the person it was made for and their organization (the one allowed
 * when it was made: a changed QUEUE_VIEW_ORGANIZATION_ID ends its tokens), a nonce, an expiry (Unix seconds).
 */
export interface QueueViewClaims {
  use: Use;
  organizationId: string;
  userId: string;
  nonce: string;
  expires: number;
}

/** The token's own key, derived from JWT_SECRET (replicas share it): never the same key as the access tokens'. */
export const queueViewKey = (jwtSecret: string) =>
  createHmac('sha256', jwtSecret).update('commerce-ops queue view').digest();

const mac = (key: Buffer, c: QueueViewClaims) =>
  createHmac('sha256', key)
    .update(`queue-view:v1\n${c.use}\n${c.organizationId}\n${c.userId}\n${c.nonce}\n${c.expires}`)
    .digest();

export function signQueueView(key: Buffer, c: QueueViewClaims): string {
  return `${c.use}.${c.organizationId}.${c.userId}.${c.nonce}.${c.expires}.${mac(key, c).toString('base64url')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The claims of a well-signed, unexpired token of this use, or undefined (forged, altered, expired, other use). */
export function verifyQueueView(
  key: Buffer,
  use: Use,
  token: unknown,
  nowSeconds: number,
): QueueViewClaims | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const parts = token.split('.');
  if (parts.length !== 6) return undefined;
  const [u, organizationId, userId, nonce, expires, sig] = parts;
  if (u !== use || !UUID.test(organizationId) || !UUID.test(userId) || !UUID.test(nonce) || !/^\d{1,12}$/.test(expires))
    return undefined;
  if (!/^[A-Za-z0-9_-]{43}$/.test(sig)) return undefined;
  const claims: QueueViewClaims = { use, organizationId, userId, nonce, expires: Number(expires) };
  if (!timingSafeEqual(mac(key, claims), Buffer.from(sig, 'base64url'))) return undefined;
  return claims.expires > nowSeconds ? claims : undefined;
}

/** A new one-time link's path and expiry for a head-office administrator. */
export function queueViewLink(
  key: Buffer,
  who: { organizationId: string; userId: string },
  nowSeconds: number,
): { url: string; expires: number } {
  const expires = nowSeconds + QUEUE_VIEW_LINK_SECONDS;
  const token = signQueueView(key, { use: 'link', ...who, nonce: randomUUID(), expires });
  return { url: `${QUEUE_VIEW_PATH}/enter?token=${encodeURIComponent(token)}`, expires };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const refuse = (res: Response) =>
  res
    .status(403)
    .set('cache-control', 'no-store')
    .json({
      errors: [{ message: 'The queue view needs a link from the dashboard', extensions: { code: 'FORBIDDEN' } }],
    });

export interface QueueViewOptions {
  key: Buffer;
  /** The one organization whose tokens open the view (QUEUE_VIEW_ORGANIZATION_ID). */
  organizationId: string;
  /** Remembers used link nonces (a link opens the view once). */
  redis: Redis;
  redisPrefix: string;
  queue: Queue;
  now?: () => number;
}

/**
 * bull-board over the worker's queue, behind the queue-view cookie: `GET /admin/queues/enter?token=` trades a
 * one-time link for the cookie and redirects to the board; everything else under /admin/queues needs the cookie,
 * and is refused (403, no queue data) without a valid one. Other paths fall through.
 */
export function queueViewMiddleware(o: QueueViewOptions) {
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_VIEW_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(o.queue)],
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Commerce Ops queues' } },
  });
  const app = express();
  app.disable('x-powered-by');
  app.get(`${QUEUE_VIEW_PATH}/enter`, (req, res, next) => {
    const t = now();
    const claims = verifyQueueView(o.key, 'link', req.query.token, t);
    if (claims?.organizationId !== o.organizationId) return refuse(res);
    // One use per link: the nonce is remembered until the link would have expired anyway.
    o.redis
      .set(`${o.redisPrefix}:queue-view:used:${claims.nonce}`, '1', 'EX', Math.max(1, claims.expires - t), 'NX')
      .then((first) => {
        if (first !== 'OK') return refuse(res);
        const session = signQueueView(o.key, {
          use: 'session',
          organizationId: claims.organizationId,
          userId: claims.userId,
          nonce: randomUUID(),
          expires: t + QUEUE_VIEW_SESSION_SECONDS,
        });
        res.cookie(COOKIE, session, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.secure,
          path: QUEUE_VIEW_PATH,
          maxAge: QUEUE_VIEW_SESSION_SECONDS * 1000,
        });
        res.set('cache-control', 'no-store').redirect(303, `${QUEUE_VIEW_PATH}/`);
      }, next);
  });
  app.use(QUEUE_VIEW_PATH, (req: Request, res: Response, next: NextFunction) => {
    const claims = verifyQueueView(o.key, 'session', cookieValue(req.headers.cookie, COOKIE), now());
    if (claims?.organizationId !== o.organizationId) return refuse(res);
    res.set('cache-control', 'no-store');
    next();
  });
  app.use(QUEUE_VIEW_PATH, board.getRouter() as express.Router);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== QUEUE_VIEW_PATH && !req.path.startsWith(`${QUEUE_VIEW_PATH}/`)) return next();
    app(req, res, next);
  };
}
