import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addDays, todayIn } from '@app/core';
import {
  PASSWORD,
  cleanRedis,
  gql,
  insertCustomer,
  login,
  startApp,
  testConfig,
  useFixture,
  type TestApp,
} from '@app/testing';
import { signedContract } from './finance-fixture.js';

/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core): the API serves the production build
 * (built here with Vite into a temporary folder), head office, a branch manager and a rep sign in, and every figure a
 * panel shows is the API's answer for the same person, formatted for the locale. Screenshots go to docs/screenshots.
 */

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '..');
// The README's screenshots are renewed with UPDATE_SCREENSHOTS=1; otherwise they go to a temporary folder, so a run of
// the suite never changes tracked files (the org's random name differs every run).
const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(ROOT, 'docs', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'dashboard-shots-'));
const run = promisify(execFile);

type Cells = Record<string, { value: string; text: string }>;

/** The page's globals as far as these tests read them (the functions passed to page.evaluate run in the browser). */
interface El {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
}
interface Win {
  document: {
    querySelectorAll(selector: string): Iterable<El>;
    querySelector(selector: string): El | null;
    documentElement: { lang: string };
  };
  localStorage: { removeItem(key: string): void };
  sessionStorage: { clear(): void; getItem(key: string): string | null };
}

const RANK = `query($in: KpiRankingInput!) { kpiRanking(input: $in) { branchId personId count amount currency } }`;
const ATTAINMENT = `query($in: KpiAttainmentInput!) { kpiAttainment(input: $in) { branchId personId target actual
  attainment } }`;
const QUOTE = `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { id needsApproval } }`;
const SUBMIT = `mutation($id: ID!) { submitQuoteForApproval(id: $id) { id state } }`;
const MY_APPROVALS = `{ myPendingApprovals(first: 10) { totalCount edges { node { request { id amount } } } } }`;
const TARGET = `mutation($in: SetKpiTargetInput!) { setKpiTarget(input: $in) { id } }`;
const TREND = `query($in: KpiTrendInput!) { kpiTrend(input: $in) { period count } }`;
const RECEIVABLES = `query($b: ID) { branchReceivables(branchId: $b) { branchId currency outstanding notDue days0to30
  days31to60 days61to90 over90 } }`;
const OVERVIEW = `{ approvalOverview { branch { id } pending stalled } }`;
const COMPLAINTS = `query($b: ID) { complaintCounts(filter: { branchId: $b }) { branchId state count overdue } }`;
const MY_CONTACTS = `query($u: ID!) { customers(filter: { overdue: true, ownerId: $u }, first: 10) { totalCount } }`;
const MY_QUOTA = `query($u: ID!, $p: String!) { repAttainment(period: $p, filter: { userId: $u }, first: 1) {
  edges { node { metrics { metric target actual percent } } } } }`;
const LEAD = `mutation($in: CreateLeadInput!) { createLead(input: $in) { id valid } }`;
const COMPLAINT = `mutation($in: CreateComplaintInput!) { createComplaint(input: $in) { id } }`;
// ---- head-office figures (issue 15) ----
const PIPELINE = `query($in: BranchPeriodInput!) { salesPipeline(input: $in) { branchId leadsCreated leadsQualified quotesSent
  quotesWon quotesLost contractsSigned signedAmount currency winRate } }`;
const TIERS = `{ customerTierCounts { branchId tier customers overdueContacts } }`;
const CYCLE = `query($in: BranchPeriodInput!) { approvalCycleTimes(input: $in) { branchId subjectType decided medianHours
  p90Hours } }`;
const PARTNER_TIERS = `{ partnerCountsByTier { branch { id } tier count } }`;
const OVERDUE_OF = `query($b: ID!) { customers(filter: { overdue: true, branchId: $b }, first: 10) { totalCount
  edges { node { id name } } } }`;
const PENDING_OF = `query($b: ID!) { pendingApprovals(branchId: $b, first: 10) { totalCount edges { node { id } } } }`;
const MY_STEPS = `{ myPendingApprovals(first: 10) { edges { node { step { id } request { id title } } } } }`;
const APPROVE = `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`;
const PARTNER = `mutation($in: CreatePartnerInput!) { createPartner(input: $in) { id } }`;
// ---- end head-office figures ----

describe('dashboard (browser)', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'dashboard-web-'));
  // A 10 s access token: every test below outlives several, so the session must renew itself to pass at all.
  const f = useFixture({
    worker: true,
    env: { WEB_DIR: webDir, ACCESS_TOKEN_TTL_SECONDS: '10', GRAPHQL_INTROSPECTION: 'true' },
  });
  let browser: Browser;
  let page: Page;
  let base: string;
  const month = todayIn('Asia/Shanghai').slice(0, 7);
  const refreshes: string[] = [];

  /** The API's answer for `who`, with a token of its own (the fixture's expire after 10 s here). */
  const api = async <T>(who: string, doc: string, vars: Record<string, unknown> = {}): Promise<T> => {
    const { accessToken } = await login(f.api.url, f.u[who]!.email, PASSWORD);
    const r = await gql<T>(f.api.url, doc, vars, { token: accessToken });
    expect(r.body.errors).toBeUndefined();
    return r.body.data!;
  };

  /** Every figure on the page: data-cell -> the exact value and the text shown. */
  const cells = (): Promise<Cells> =>
    page.evaluate(() => {
      const out: Record<string, { value: string; text: string }> = {};
      for (const el of (globalThis as unknown as Win).document.querySelectorAll('[data-cell]'))
        out[el.dataset.cell!] = { value: el.dataset.value ?? '', text: (el.textContent ?? '').trim() };
      return out;
    });

  /** How the browser formats money for the page's locale (the expected text of a money cell). */
  const moneyText = (amount: string, currency: string): Promise<string> =>
    page.evaluate(
      ([a, c]) =>
        new Intl.NumberFormat((globalThis as unknown as Win).document.documentElement.lang, {
          style: 'currency',
          currency: c,
        }).format(a as Intl.StringNumericLiteral),
      [amount, currency] as const,
    );

  /** Waits until every panel on the page has answered (ok or empty); a panel in error fails the test. */
  const panelsSettled = async (): Promise<Record<string, string>> => {
    await page.waitForFunction(
      () => {
        const ps = [...(globalThis as unknown as Win).document.querySelectorAll('[data-panel]')];
        return ps.length > 0 && ps.every((p) => p.dataset.state !== 'loading');
      },
      undefined,
      { timeout: 30000 },
    );
    return page.evaluate(() =>
      Object.fromEntries(
        [...(globalThis as unknown as Win).document.querySelectorAll('[data-panel]')].map((p) => [
          p.dataset.panel!,
          p.dataset.state!,
        ]),
      ),
    );
  };

  const signIn = async (who: string, path = '/') => {
    // The tab keeps its session across reloads (sessionStorage): sign out first when it is still signed in.
    await page.goto(`${base}${path}`);
    await page.waitForSelector('input[name=email], [data-action=sign-out]', { timeout: 30000 });
    if (await page.$('[data-action=sign-out]')) {
      await page.click('[data-action=sign-out]');
      await page.waitForSelector('input[name=email]', { timeout: 30000 });
    }
    await page.fill('input[name=email]', f.u[who]!.email);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector(`[data-user="${f.u[who]!.id}"]`, { timeout: 30000 });
  };

  beforeAll(async () => {
    // The production build of web/, as `npm run build` makes it, into this file's own folder.
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        join(ROOT, 'web/vite.config.ts'),
        '--outDir',
        webDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, timeout: 120000 },
    );
  }, 150000);

  beforeAll(async () => {
    base = f.api.url.replace(/\/graphql$/, '');
    const { a, b } = f.org;
    // KPI figures through the API (the worker rolls them up): valid leads, 3 in branch A (two people), 1 in B.
    const lead = (company: string, mobile: string) => ({
      in: { source: 'TRADE_SHOW', company, contactName: 'Li Wei', contactRole: 'MANAGER', mobile },
    });
    await api('repA', LEAD, lead('Dash Pumps', '+86 139 0000 0101'));
    await api('repA', LEAD, lead('Dash Valves', '+86 139 0000 0102'));
    await api('rep2A', LEAD, lead('Dash Pipes', '+86 139 0000 0103'));
    await api('repB', LEAD, lead('Dash Tanks', '+86 139 0000 0104'));
    // Targets set by head office: branch A is at 3 of 5 valid leads (60 %), branch B at 1 of 4 (25 %).
    await api('admin', TARGET, { in: { branchId: a.id, kpi: 'VALID_LEADS', period: month, target: '5' } });
    await api('admin', TARGET, { in: { branchId: b.id, kpi: 'VALID_LEADS', period: month, target: '4' } });
    // Receivables: signed contracts with instalments, overdue by different ages, in both branches.
    const today = todayIn('Asia/Shanghai');
    const payerA = await insertCustomer(f.owner, { branchId: a.id, ownerId: f.u.repA!.id, name: 'Dash Payer A' });
    const payerB = await insertCustomer(f.owner, { branchId: b.id, ownerId: f.u.repB!.id, name: 'Dash Payer B' });
    await signedContract(f, { branchId: a.id, customerId: payerA, ownerId: f.u.repA!.id }, [
      { amount: '1200.50', dueOn: addDays(today, -10) },
      { amount: '3000.00', dueOn: addDays(today, -45) },
      { amount: '800.25', dueOn: addDays(today, 20) },
    ]);
    await signedContract(f, { branchId: b.id, customerId: payerB, ownerId: f.u.repB!.id }, [
      { amount: '99999.99', dueOn: addDays(today, -120) },
    ]);
    // A customer of repA whose contact is overdue, and complaints in both branches.
    await insertCustomer(f.owner, {
      branchId: a.id,
      ownerId: f.u.repA!.id,
      name: 'Dash Overdue Co',
      dueAt: new Date(Date.now() - 3 * 864e5),
    });
    // A quote of repA with a 15 % discount, waiting for managerA's approval.
    const quote = await api<{ createQuote: { id: string; needsApproval: boolean } }>('repA', QUOTE, {
      in: {
        customerId: payerA,
        title: 'Dash pumps',
        validUntil: addDays(today, 30),
        lines: [{ kind: 'PRODUCT', description: 'Pump', quantity: '10', unitPrice: '120.00', discountPercent: '15' }],
      },
    });
    expect(quote.createQuote.needsApproval).toBe(true);
    await api('repA', SUBMIT, { id: quote.createQuote.id });
    // ---- head-office figures (issue 15) ----
    // A second discounted quote, approved by managerA: a decided request for the approval cycle times.
    const decidedQuote = await api<{ createQuote: { id: string } }>('repA', QUOTE, {
      in: {
        customerId: payerA,
        title: 'Dash valves',
        validUntil: addDays(today, 30),
        lines: [{ kind: 'PRODUCT', description: 'Valve', quantity: '4', unitPrice: '80.00', discountPercent: '20' }],
      },
    });
    await api('repA', SUBMIT, { id: decidedQuote.createQuote.id });
    const steps = await api<{
      myPendingApprovals: { edges: { node: { step: { id: string }; request: { title: string } } }[] };
    }>('managerA', MY_STEPS);
    const step = steps.myPendingApprovals.edges.find((e) => e.node.request.title.includes('Dash valves'))!.node.step;
    await api('managerA', APPROVE, { s: step.id });
    await api('repB', PARTNER, { in: { kind: 'DISTRIBUTOR', name: 'Dash Distribution', region: 'East' } });
    // ---- end head-office figures ----
    const complaint = (customerId: string, severity: string) => ({
      in: { customerId, channel: 'PHONE', category: 'DELIVERY', severity, description: 'Cracked housing' },
    });
    await api('repA', COMPLAINT, complaint(payerA, 'HIGH'));
    await api('repA', COMPLAINT, complaint(payerA, 'LOW'));
    await api('repB', COMPLAINT, complaint(payerB, 'CRITICAL'));
    // The rollups are the worker's: wait until the API counts the four leads.
    const until = Date.now() + 30000;
    for (;;) {
      const r = await api<{ kpiRanking: { count: number }[] }>('admin', RANK, {
        in: { kpi: 'VALID_LEADS', period: month, by: 'BRANCH' },
      });
      if (r.kpiRanking.reduce((s, l) => s + l.count, 0) >= 4) break;
      if (Date.now() > until) throw new Error('the worker did not roll up the leads');
      await new Promise((res) => setTimeout(res, 300));
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (req) => {
      if (req.url().endsWith('/graphql') && (req.postData() ?? '').includes('DashboardRefresh'))
        refreshes.push(req.url());
    });
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    // Every main screen was photographed.
    for (const name of ['head-office', 'head-office-en', 'branch-manager', 'my-day'])
      expect(statSync(join(SHOTS, `${name}.png`)).size).toBeGreaterThan(10000);
    rmSync(webDir, { recursive: true, force: true });
    if (process.env.UPDATE_SCREENSHOTS !== '1') rmSync(SHOTS, { recursive: true, force: true });
  });

  it('serves the build at /, client routes, long-cached assets and GraphiQL, never over the API paths', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).toContain('<div id="root">');
    const route = await fetch(`${base}/branches/${f.org.a.id}`, { headers: { accept: 'text/html' } });
    expect(await route.text()).toBe(html);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${base}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/missing-0000.js`)).status).toBe(404);
    expect((await fetch(`${base}/graphiql.html`)).status).toBe(404);
    const ide = await fetch(`${base}/graphiql`);
    expect(ide.status).toBe(200);
    expect(await ide.text()).toContain('id="graphiql"');
    // The API's own paths answer as before, never with the app.
    const health = await fetch(`${base}/health`, { headers: { accept: 'text/html' } });
    expect(await health.text()).not.toContain('<div id="root">');
    for (const p of ['/graphql', '/graphql/x', '/files/x', '/metrics', '/health/x']) {
      const r = await fetch(`${base}${p}`, { headers: { accept: 'text/html' } });
      expect({ p, html: (await r.text()).includes('<div id="root">') }).toEqual({ p, html: false });
    }
    const q = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await q.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers 404 at /graphiql when introspection is off', async () => {
    let other: TestApp | undefined;
    try {
      other = await startApp(testConfig(f.db.url, { WEB_DIR: webDir, GRAPHQL_INTROSPECTION: 'false' }));
      const root = other.url.replace(/\/graphql$/, '');
      expect((await fetch(`${root}/graphiql`)).status).toBe(404);
      expect((await fetch(`${root}/`)).status).toBe(200);
    } finally {
      await other?.close();
    }
  });

  it('opens GraphiQL in the browser from the bundled package', async () => {
    await page.goto(`${base}/graphiql`);
    await page.waitForSelector('.graphiql-container', { timeout: 60000 });
  });

  it('head office: every panel shows the API answers, in Chinese first, then in English by the switch', async () => {
    await page.goto(`${base}/`);
    await page.evaluate(() => (globalThis as unknown as Win).localStorage.removeItem('dashboard.locale'));
    await signIn('admin');
    const states = await panelsSettled();
    expect(states).toEqual({
      comparison: 'ok',
      attainment: 'ok',
      pipeline: 'ok',
      trend: 'ok',
      receivables: 'ok',
      approvals: 'ok',
      'cycle-times': 'ok',
      'customer-tiers': 'ok',
      'partner-tiers': 'ok',
      complaints: 'ok',
    });
    expect(await page.textContent('header h1')).toBe('经营看板');
    const paint = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      now: performance.now(),
    }));
    console.log(`dashboard: first contentful paint ${paint.fcp} ms; head-office panels ready at ${paint.now} ms`);
    const shown = await cells();

    const ranking = await api<{ kpiRanking: { branchId: string; count: number; amount: string | null }[] }>(
      'admin',
      RANK,
      { in: { kpi: 'VALID_LEADS', period: month, by: 'BRANCH' } },
    );
    expect(ranking.kpiRanking.length).toBeGreaterThanOrEqual(2);
    for (const l of ranking.kpiRanking)
      expect(shown[`comparison:${l.branchId}:count`]).toEqual({ value: String(l.count), text: String(l.count) });
    expect(shown[`comparison:${f.org.a.id}:count`]!.value).toBe('3');

    const attainment = await api<{
      kpiAttainment: { branchId: string; target: string; actual: string; attainment: string }[];
    }>('admin', ATTAINMENT, { in: { kpi: 'VALID_LEADS', period: month, by: 'BRANCH' } });
    for (const l of attainment.kpiAttainment)
      for (const k of ['target', 'actual', 'attainment'] as const)
        expect(shown[`attainment:${l.branchId}:${k}`]!.value).toBe(l[k]);
    expect(shown[`attainment:${f.org.a.id}:attainment`]).toEqual({ value: '0.6000', text: '60%' });
    expect(shown[`attainment:${f.org.b.id}:attainment`]).toEqual({ value: '0.2500', text: '25%' });

    const trend = await api<{ kpiTrend: { period: string; count: number }[] }>('admin', TREND, {
      in: { kpi: 'VALID_LEADS', period: month, periods: 6 },
    });
    expect(trend.kpiTrend).toHaveLength(6);
    for (const p of trend.kpiTrend) expect(shown[`trend:${p.period}:count`]!.value).toBe(String(p.count));

    const rec = await api<{ branchReceivables: Record<string, string>[] }>('admin', RECEIVABLES);
    expect(rec.branchReceivables.length).toBeGreaterThanOrEqual(2);
    for (const r of rec.branchReceivables)
      for (const k of ['outstanding', 'notDue', 'days0to30', 'days31to60', 'days61to90', 'over90'])
        expect(shown[`receivables:${r.branchId}:${k}`]).toEqual({
          value: r[k],
          text: await moneyText(r[k]!, r.currency!),
        });
    expect(shown[`receivables:${f.org.a.id}:outstanding`]!.value).toBe('5000.75');
    expect(shown[`receivables:${f.org.b.id}:over90`]!.text).toContain('99,999.99');

    const overview = await api<{ approvalOverview: { branch: { id: string }; pending: number; stalled: number }[] }>(
      'admin',
      OVERVIEW,
    );
    expect(overview.approvalOverview.find((o) => o.branch.id === f.org.a.id)?.pending).toBe(1);
    for (const o of overview.approvalOverview) {
      expect(shown[`approvals:${o.branch.id}:pending`]!.value).toBe(String(o.pending));
      expect(shown[`approvals:${o.branch.id}:stalled`]!.value).toBe(String(o.stalled));
    }

    const counts = await api<{ complaintCounts: { branchId: string; state: string; count: number }[] }>(
      'admin',
      COMPLAINTS,
    );
    const total = (id: string) =>
      counts.complaintCounts.filter((c) => c.branchId === id).reduce((s, c) => s + c.count, 0);
    expect(shown[`complaints:${f.org.a.id}:total`]!.value).toBe(String(total(f.org.a.id)));
    expect(shown[`complaints:${f.org.b.id}:total`]!.value).toBe(String(total(f.org.b.id)));
    expect(total(f.org.a.id)).toBe(2);

    // ---- head-office figures (issue 15) ----
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
    const period = { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
    const pipeline = await api<{ salesPipeline: Record<string, string | number | null>[] }>('admin', PIPELINE, {
      in: period,
    });
    expect(pipeline.salesPipeline.map((p) => p.branchId).sort()).toEqual([f.org.a.id, f.org.b.id].sort());
    for (const p of pipeline.salesPipeline)
      for (const k of ['leadsCreated', 'leadsQualified', 'quotesSent', 'quotesWon', 'quotesLost', 'contractsSigned'])
        expect(shown[`pipeline:${p.branchId}:${k}`]!.value).toBe(String(p[k]));
    expect(shown[`pipeline:${f.org.a.id}:leadsCreated`]!.value).toBe('3');
    const pa = pipeline.salesPipeline.find((p) => p.branchId === f.org.a.id)!;
    expect(shown[`pipeline:${f.org.a.id}:signedAmount`]).toEqual({
      value: pa.signedAmount,
      text: await moneyText(pa.signedAmount as string, pa.currency as string),
    });
    expect(shown[`pipeline:${f.org.a.id}:winRate`]!.value).toBe(pa.winRate ?? '');

    const tiers = await api<{
      customerTierCounts: { branchId: string; tier: string; customers: number; overdueContacts: number }[];
    }>('admin', TIERS);
    for (const c of tiers.customerTierCounts)
      expect(shown[`customer-tiers:${c.branchId}:${c.tier}`]!.value).toBe(String(c.customers));
    const overdueOf = (id: string) =>
      tiers.customerTierCounts.filter((c) => c.branchId === id).reduce((n, c) => n + c.overdueContacts, 0);
    expect(shown[`customer-tiers:${f.org.a.id}:overdue`]!.value).toBe(String(overdueOf(f.org.a.id)));
    expect(overdueOf(f.org.a.id)).toBeGreaterThanOrEqual(1);

    const cycle = await api<{
      approvalCycleTimes: {
        branchId: string;
        subjectType: string;
        decided: number;
        medianHours: string;
        p90Hours: string;
      }[];
    }>('admin', CYCLE, { in: period });
    expect(cycle.approvalCycleTimes.find((c) => c.branchId === f.org.a.id && c.subjectType === 'QUOTE')?.decided).toBe(
      1,
    );
    for (const c of cycle.approvalCycleTimes) {
      expect(shown[`cycle-times:${c.branchId}:${c.subjectType}:decided`]!.value).toBe(String(c.decided));
      expect(shown[`cycle-times:${c.branchId}:${c.subjectType}:median`]!.value).toBe(c.medianHours);
      expect(shown[`cycle-times:${c.branchId}:${c.subjectType}:p90`]!.value).toBe(c.p90Hours);
    }

    const partners = await api<{
      partnerCountsByTier: { branch: { id: string }; tier: string | null; count: number }[];
    }>('admin', PARTNER_TIERS);
    expect(partners.partnerCountsByTier.find((p) => p.branch.id === f.org.b.id)?.count).toBe(1);
    for (const p of partners.partnerCountsByTier)
      expect(shown[`partner-tiers:${p.branch.id}:${p.tier ?? '-'}`]!.value).toBe(String(p.count));
    // ---- end head-office figures ----
    await page.screenshot({ path: join(SHOTS, 'head-office.png'), fullPage: true });

    // English by the switch, remembered by the browser (the session itself is memory only: sign in again).
    await page.click('[data-action=locale]');
    await page.waitForFunction(
      () => (globalThis as unknown as Win).document.querySelector('header h1')?.textContent === 'Operations dashboard',
    );
    expect(await page.textContent('[data-panel=receivables] h2')).toBe('Receivables ageing');
    const en = await cells();
    const r0 = rec.branchReceivables[0]!;
    expect(en[`receivables:${r0.branchId}:outstanding`]!.text).toBe(await moneyText(r0.outstanding!, r0.currency!));
    await signIn('admin');
    expect(await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.lang)).toBe('en');
    await panelsSettled();
    await page.screenshot({ path: join(SHOTS, 'head-office-en.png'), fullPage: true });
    await page.click('[data-action=locale]');
    await page.waitForFunction(
      () => (globalThis as unknown as Win).document.querySelector('header h1')?.textContent === '经营看板',
    );
  });

  it('head office drills into a branch: its people, receivables and complaints', async () => {
    await signIn('admin');
    await panelsSettled();
    await page.click(`[data-panel=comparison] a[href="/branches/${f.org.a.id}"]`);
    await page.waitForSelector(`[data-view=branch][data-branch="${f.org.a.id}"]`);
    const states = await panelsSettled();
    expect(states.people).toBe('ok');
    expect(Object.values(states)).not.toContain('error');
    const shown = await cells();
    const people = await api<{ kpiRanking: { branchId: string; personId: string; count: number }[] }>('admin', RANK, {
      in: { kpi: 'VALID_LEADS', period: month, by: 'PERSON', branchId: f.org.a.id },
    });
    for (const l of people.kpiRanking)
      expect(shown[`people:${l.branchId}:${l.personId}:count`]!.value).toBe(String(l.count));
    expect(shown[`people:${f.org.a.id}:${f.u.repA!.id}:count`]!.value).toBe('2');
    expect(Object.keys(shown).some((k) => k.includes(f.org.b.id))).toBe(false);
    expect(page.url()).toBe(`${base}/branches/${f.org.a.id}`);
  });

  it('a panel whose query fails says so (never a zero), the others still answer, and retry recovers it', async () => {
    // The receivables query answers an error, the complaints query never reaches the API.
    await page.route(`${base}/graphql`, async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('DashboardReceivables'))
        return route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            data: null,
            errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          }),
        });
      if (body.includes('DashboardComplaintCounts')) return route.abort('connectionrefused');
      return route.continue();
    });
    await signIn('admin');
    const states = await panelsSettled();
    expect(states).toMatchObject({ receivables: 'error', complaints: 'error', comparison: 'ok', approvals: 'ok' });
    const shown = await cells();
    expect(Object.keys(shown).filter((k) => k.startsWith('receivables:') || k.startsWith('complaints:'))).toEqual([]);
    expect(await page.textContent('[data-panel=receivables] [role=alert]')).toContain('boom');
    await page.unroute(`${base}/graphql`);
    await page.click('[data-panel=receivables] button');
    await page.click('[data-panel=complaints] button');
    expect(await panelsSettled()).toMatchObject({ receivables: 'ok', complaints: 'ok' });
  });

  it('a branch manager sees their branch and cannot open the head-office panels or another branch', async () => {
    await signIn('managerA');
    expect(await page.getAttribute('[data-view=branch]', 'data-branch')).toBe(f.org.a.id);
    expect(Object.values(await panelsSettled())).not.toContain('error');
    const shown = await cells();
    const rec = await api<{ branchReceivables: Record<string, string>[] }>('managerA', RECEIVABLES);
    expect(rec.branchReceivables.map((r) => r.branchId)).toEqual([f.org.a.id]);
    expect(shown[`receivables:${f.org.a.id}:outstanding`]!.value).toBe(rec.branchReceivables[0]!.outstanding);
    expect(Object.keys(shown).some((k) => k.includes(f.org.b.id))).toBe(false);
    const mine = await api<{
      myPendingApprovals: { totalCount: number; edges: { node: { request: { id: string; amount: string } } }[] };
    }>('managerA', MY_APPROVALS);
    expect(mine.myPendingApprovals.totalCount).toBe(1);
    expect(await page.getAttribute('[data-panel=my-approvals] table', 'data-total')).toBe('1');
    const req = mine.myPendingApprovals.edges[0]!.node.request;
    expect(shown[`my-approvals:${req.id}:amount`]).toEqual({
      value: req.amount,
      text: await moneyText(req.amount, 'CNY'),
    });
    await page.screenshot({ path: join(SHOTS, 'branch-manager.png'), fullPage: true });

    for (const path of ['/head-office', `/branches/${f.org.b.id}`]) {
      await signIn('managerA', path);
      await page.waitForSelector('[data-denied]');
      expect(await page.$$('[data-panel]')).toHaveLength(0);
    }
  });

  // ---- head-office figures (issue 15) ----
  it('head office drills from a figure to the rows behind it: overdue contacts, pending approvals', async () => {
    await signIn('admin');
    await panelsSettled();
    const overdue = await api<{ customers: { totalCount: number; edges: { node: { id: string; name: string } }[] } }>(
      'admin',
      OVERDUE_OF,
      { b: f.org.a.id },
    );
    await page.click(`[data-cell="customer-tiers:${f.org.a.id}:overdue"] [data-drill]`);
    await page.waitForSelector('[data-panel=drill][data-state=ok]');
    expect(await page.getAttribute('[data-panel=drill] table', 'data-total')).toBe(
      String(overdue.customers.totalCount),
    );
    const rows = await page.$$eval('[data-panel=drill] tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-row')),
    );
    expect(rows).toEqual(overdue.customers.edges.map((e) => e.node.id));
    expect(await page.textContent('[data-panel=drill]')).toContain('Dash Overdue Co');

    const pending = await api<{ pendingApprovals: { totalCount: number; edges: { node: { id: string } }[] } }>(
      'admin',
      PENDING_OF,
      { b: f.org.a.id },
    );
    expect(pending.pendingApprovals.totalCount).toBe(1);
    await page.click(`[data-cell="approvals:${f.org.a.id}:pending"] [data-drill]`);
    await page.waitForFunction(
      (id) =>
        (globalThis as unknown as Win).document.querySelector(
          `[data-panel=drill][data-state=ok] tr[data-row="${id}"]`,
        ) !== null,
      pending.pendingApprovals.edges[0]!.node.id,
    );
    expect(await page.getAttribute('[data-panel=drill] table', 'data-total')).toBe('1');
    await page.click('[data-action=close-drill]');
    expect(await page.$('[data-panel=drill]')).toBeNull();
  });

  it('the session survives a reload; signing out revokes it on the server and a reload shows the sign-in screen', async () => {
    await signIn('admin');
    await panelsSettled();
    await page.reload();
    await page.waitForSelector(`[data-user="${f.u.admin!.id}"]`, { timeout: 30000 });
    const kept = await page.evaluate(() =>
      (globalThis as unknown as Win).sessionStorage.getItem('dashboard.refreshToken'),
    );
    expect(kept).toBeTruthy();
    const out = page.waitForResponse((r) => (r.request().postData() ?? '').includes('DashboardLogout'));
    await page.click('[data-action=sign-out]');
    expect((await (await out).json()).data).toEqual({ logout: true });
    await page.waitForSelector('input[name=email]');
    await page.reload();
    await page.waitForSelector('input[name=email]');
    expect(await page.$('[data-user]')).toBeNull();
    // The token the tab held is revoked: the API refuses to renew it.
    const r = await gql(f.api.url, `mutation($t: String!) { refreshToken(token: $t) { accessToken } }`, { t: kept });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a branch manager gets no head-office figures: the API refuses them, the screen has no such panels', async () => {
    await signIn('managerA');
    await panelsSettled();
    for (const id of ['pipeline', 'cycle-times', 'customer-tiers', 'partner-tiers'])
      expect(await page.$(`[data-panel="${id}"]`)).toBeNull();
    const { accessToken } = await login(f.api.url, f.u.managerA!.email, PASSWORD);
    const refused = await gql(
      f.api.url,
      CYCLE,
      { in: { from: '2026-01-01', to: '2026-01-31' } },
      { token: accessToken },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const pending = await gql(f.api.url, PENDING_OF, { b: f.org.a.id }, { token: accessToken });
    expect(pending.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await gql<{ salesPipeline: { branchId: string }[] }>(
      f.api.url,
      PIPELINE,
      { in: { from: '2026-01-01', to: '2026-01-31', branchId: f.org.b.id } },
      { token: accessToken },
    );
    expect(own.body.data!.salesPipeline).toEqual([]);
  });
  // ---- end head-office figures ----

  // ---- queue view ----
  it("head office's administrator opens the queue view from the head-office screen; a manager has no link", async () => {
    let ops: TestApp | undefined;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      ops = await startApp(testConfig(f.db.url, { WEB_DIR: webDir, QUEUE_VIEW_ORGANIZATION_ID: f.org.id }));
      const root = ops.url.replace(/\/graphql$/, '');
      const tab = await context.newPage();
      const signInThere = async (who: string) => {
        await tab.goto(`${root}/`);
        await tab.waitForSelector('input[name=email], [data-action=sign-out]', { timeout: 30000 });
        if (await tab.$('[data-action=sign-out]')) await tab.click('[data-action=sign-out]');
        await tab.fill('input[name=email]', f.u[who]!.email);
        await tab.fill('input[name=password]', PASSWORD);
        await tab.click('button[type=submit]');
        await tab.waitForSelector(`[data-user="${f.u[who]!.id}"]`, { timeout: 30000 });
      };
      await signInThere('managerA');
      expect(await tab.$$('[data-queue-view]')).toHaveLength(0);
      await signInThere('admin');
      const board = tab.waitForResponse((r) => r.url().includes('/admin/queues/api/queues'), { timeout: 30000 });
      await tab.click('[data-queue-view]');
      const answer = await board;
      expect(answer.status()).toBe(200);
      const body = (await answer.json()) as { queues: { name: string }[] };
      expect(body.queues.map((q) => q.name)).toEqual(['jobs']);
      expect(new URL(tab.url()).pathname).toBe('/admin/queues/');
      const cookie = (await context.cookies(`${root}/admin/queues/`)).find((c) => c.name === 'queue_view');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin/queues' });
      // The cookie opens the board in another tab; without it the board is refused.
      const fresh = await context.newPage();
      const r = await fresh.goto(`${root}/admin/queues/`);
      expect(r?.status()).toBe(200);
      await context.clearCookies();
      const refused = await fresh.goto(`${root}/admin/queues/`);
      expect(refused?.status()).toBe(403);
    } finally {
      await context.close();
      await ops?.close();
      if (ops) await cleanRedis(ops.config);
    }
  });
  // ---- end queue view ----

  it('a sales rep sees their day: overdue contacts, tasks, quotes and quota, as the API answers', async () => {
    await signIn('repA');
    await page.waitForSelector('[data-view=my-day]');
    const states = await panelsSettled();
    expect(Object.keys(states).sort()).toEqual(['overdue-contacts', 'quota', 'quotes', 'tasks']);
    expect(Object.values(states).every((s) => s === 'ok' || s === 'empty')).toBe(true);
    const contacts = await api<{ customers: { totalCount: number } }>('repA', MY_CONTACTS, { u: f.u.repA!.id });
    expect(contacts.customers.totalCount).toBeGreaterThanOrEqual(1);
    expect(await page.getAttribute('[data-panel=overdue-contacts] table', 'data-total')).toBe(
      String(contacts.customers.totalCount),
    );
    expect(await page.textContent('[data-panel=overdue-contacts]')).toContain('Dash Overdue Co');
    expect(await page.getAttribute('[data-panel=quotes] table', 'data-total')).toBe('1');
    expect(await page.textContent('[data-panel=quotes]')).toContain('Dash pumps');
    const quota = await api<{
      repAttainment: { edges: { node: { metrics: { metric: string; actual: number }[] } }[] };
    }>('repA', MY_QUOTA, { u: f.u.repA!.id, p: month });
    const shown = await cells();
    for (const m of quota.repAttainment.edges[0]?.node.metrics ?? [])
      expect(shown[`quota:${m.metric}:actual`]!.value).toBe(String(m.actual));
    expect(await page.$('[data-panel=comparison]')).toBeNull();
    await page.screenshot({ path: join(SHOTS, 'my-day.png'), fullPage: true });
  });

  it('renews an access token that expires mid-session and retries the call, then signs out cleanly', async () => {
    await signIn('admin');
    await panelsSettled();
    const before = refreshes.length;
    // Past the 10 s lifetime of the access token: the next queries are refused once, refreshed and retried.
    await page.waitForTimeout(11000);
    // Sales amount (from closed orders): the menu offers the KPIs the rollups keep, not only the first six.
    await page.selectOption('select[name=kpi]', 'SALES_AMOUNT');
    const states = await panelsSettled();
    expect(Object.values(states).every((s) => s === 'ok' || s === 'empty')).toBe(true);
    // One renewal for the five panels' refused calls, each then retried with the new token.
    expect(refreshes.length).toBe(before + 1);
    await page.click('[data-action=sign-out]');
    await page.waitForSelector('input[name=email]');
    expect(await page.$('[data-user]')).toBeNull();
  });
});
