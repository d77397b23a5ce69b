import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '@app/jobs';
import { cleanRedis, gql, startApp, testConfig, useFixture, type TestApp } from '@app/testing';
import { queueViewKey, signQueueView, type QueueViewClaims } from '../src/modules/ops/queue-view.js';

/**
 * The operators' queue view (bull-board at /admin/queues) on real Redis. The queue is the deployment's (every
 * organization's jobs), so only head office's administrators of QUEUE_VIEW_ORGANIZATION_ID may open it: they trade
 * a one-time link from `queueViewLink` for a cookie and see the worker's queue; anyone else, another organization's
 * administrator, a forged, altered, expired or reused link, a link used as the cookie and no cookie at all are
 * refused without queue data; without the setting the view is not served.
 */

const LINK = `mutation { queueViewLink { url expiresAt } }`;

describe('the queue view at /admin/queues', () => {
  const f = useFixture({
    orgs: 2,
    people: { staff: { branch: 'hq', role: 'HQ_STAFF' }, leader: { branch: 'hq', role: 'LEADERSHIP' } },
  });
  /** The fixture's app has no QUEUE_VIEW_ORGANIZATION_ID; this one names the fixture's first organization. */
  let ops: TestApp;
  let queue: Queue;
  let redis: Redis;
  const jobId = `probe-${randomUUID()}`;
  const base = () => ops.url.replace(/\/graphql$/, '');
  const now = () => Math.floor(Date.now() / 1000);
  const key = () => queueViewKey(ops.config.jwtSecret);
  const claims = (c: Partial<QueueViewClaims>): QueueViewClaims => ({
    use: 'session',
    organizationId: f.org.id,
    userId: f.u.admin.id,
    nonce: randomUUID(),
    expires: now() + 600,
    ...c,
  });

  beforeAll(async () => {
    ops = await startApp(testConfig(f.db.url, { QUEUE_VIEW_ORGANIZATION_ID: f.org.id.toUpperCase() }));
    redis = new Redis(ops.config.redisUrl);
    queue = new Queue(QUEUE_NAME, { connection: redis, prefix: ops.config.redisPrefix });
    // Delayed a day: no worker runs here, and the job stays put for the board to list.
    await queue.add('test.queue-view-probe', { note: 'visible to operators' }, { jobId, delay: 86_400_000 });
  });

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await ops?.close();
    if (ops) await cleanRedis(ops.config);
  });

  const linkAs = (who: string) =>
    gql<{ queueViewLink: { url: string; expiresAt: string } }>(ops.url, LINK, {}, { token: f.tokens[who] });
  const get = (path: string, cookie?: string) =>
    fetch(`${base()}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const cookieOf = (r: Response) => r.headers.getSetCookie().find((c) => c.startsWith('queue_view='));

  async function refusedEverywhere(cookie: string | undefined) {
    for (const path of [
      '/admin/queues',
      '/admin/queues/',
      '/admin/queues/api/queues',
      `/admin/queues/queue/${QUEUE_NAME}`,
    ]) {
      const r = await get(path, cookie);
      const text = await r.text();
      expect({ path, cookie, status: r.status }).toEqual({ path, cookie, status: 403 });
      expect(text).not.toContain(jobId);
      expect(text).not.toContain('test.queue-view-probe');
    }
  }

  it("lets the operating organization's head-office administrator in with a one-time link and shows the queue", async () => {
    const before = Date.now();
    const r = await linkAs('admin');
    expect(r.body.errors).toBeUndefined();
    const link = r.body.data!.queueViewLink;
    expect(link.url).toMatch(/^\/admin\/queues\/enter\?token=link\./);
    const expires = Date.parse(link.expiresAt);
    expect(expires - before).toBeGreaterThan(295_000);
    expect(expires - before).toBeLessThanOrEqual(301_000);

    const entered = await get(link.url);
    expect(entered.status).toBe(303);
    expect(entered.headers.get('location')).toBe('/admin/queues/');
    const set = cookieOf(entered)!;
    expect(set).toBeDefined();
    expect(set).toMatch(/;\s*HttpOnly/i);
    expect(set).toMatch(/;\s*SameSite=Strict/i);
    expect(set).toMatch(/;\s*Path=\/admin\/queues(;|$)/i);
    expect(set).toMatch(/;\s*Max-Age=900(;|$)/i);
    const cookie = set.split(';')[0];

    const page = await get('/admin/queues/', cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('/admin/queues');

    const api = await get('/admin/queues/api/queues?activeQueue=jobs&status=delayed&page=1', cookie);
    expect(api.status).toBe(200);
    const body = (await api.json()) as {
      queues: { name: string; counts: Record<string, number>; jobs: { id: string; name: string }[] }[];
    };
    expect(body.queues.map((q) => q.name)).toEqual([QUEUE_NAME]);
    expect(body.queues[0].counts.delayed).toBe(1);
    expect(body.queues[0].jobs.map((j) => [j.id, j.name])).toEqual([[jobId, 'test.queue-view-probe']]);

    // The link opens the view once.
    const again = await get(link.url);
    expect(again.status).toBe(403);
    expect(cookieOf(again)).toBeUndefined();
  });

  it("refuses the link to everyone else, another organization's administrator included", async () => {
    for (const who of [
      'managerA',
      'repA',
      'financeA',
      'managerB',
      'staff',
      'leader',
      'other.admin',
      'other.managerA',
    ]) {
      const r = await linkAs(who);
      expect({ who, code: r.body.errors?.[0]?.extensions?.code, data: r.body.data ?? null }).toEqual({
        who,
        code: 'FORBIDDEN',
        data: null,
      });
    }
    const anonymous = await gql(ops.url, LINK);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data ?? null).toBeNull();
  });

  it('refuses no cookie, and forged, altered, expired, misused and foreign tokens, with no queue data', async () => {
    await refusedEverywhere(undefined);
    const good = signQueueView(key(), claims({}));
    const forged = signQueueView(Buffer.alloc(32, 7), claims({}));
    const expired = signQueueView(key(), claims({ expires: now() - 1 }));
    const linkAsCookie = signQueueView(key(), claims({ use: 'link', expires: now() + 300 }));
    const otherOrg = signQueueView(key(), claims({ organizationId: f.other.id, userId: f.u['other.admin'].id }));
    const altered = good.replace(/\.(\d+)\./, (_, e: string) => `.${Number(e) + 3600}.`);
    expect(altered).not.toBe(good);
    for (const token of [forged, expired, linkAsCookie, otherOrg, altered, `${good}x`, 'session', '']) {
      await refusedEverywhere(`queue_view=${token}`);
    }
    // The same checks hold for the link itself.
    for (const token of [
      signQueueView(key(), claims({ use: 'link', expires: now() - 1 })),
      signQueueView(Buffer.alloc(32, 7), claims({ use: 'link' })),
      signQueueView(key(), claims({ use: 'link', organizationId: f.other.id, userId: f.u['other.admin'].id })),
      good,
      'x'.repeat(500),
    ]) {
      const r = await get(`/admin/queues/enter?token=${encodeURIComponent(token)}`);
      expect(r.status).toBe(403);
      expect(cookieOf(r)).toBeUndefined();
    }
    expect((await get('/admin/queues/enter')).status).toBe(403);
    // A well-made session cookie is what opens it (so the refusals above are about the token, not the route).
    expect((await get('/admin/queues/api/queues', `queue_view=${good}`)).status).toBe(200);
  });

  it('is never the dashboard, and is not served at all without QUEUE_VIEW_ORGANIZATION_ID', async () => {
    const r = await get('/admin/queues/anything', undefined);
    expect(r.status).toBe(403);
    const off = f.api.url.replace(/\/graphql$/, '');
    const good = signQueueView(queueViewKey(f.api.config.jwtSecret), claims({}));
    for (const path of ['/admin/queues/', '/admin/queues/api/queues']) {
      const res = await fetch(`${off}${path}`, { headers: { cookie: `queue_view=${good}`, accept: 'text/html' } });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      const text = await res.text();
      expect(text).not.toContain(QUEUE_NAME);
      expect(text).not.toContain('<div id="root">');
    }
    const refused = await f.refused('admin', LINK);
    expect(refused.code).toBe('FORBIDDEN');
  });
});
