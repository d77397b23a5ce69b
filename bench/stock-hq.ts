/**
 * The rest of the stock part (issue 11), on the stock bench's database after its movement and page figures:
 * - Shipment creation with its stock movement: BENCH_STOCK_SHIPMENTS createShipment (FROM_STOCK, one line) of as
 *   many RELEASED orders at BENCH_STOCK_SHIP_CLIENTS (50) concurrent clients, against a raw-SQL floor doing the same
 *   reads and writes per shipment in one transaction as the superuser (order locked, its lines and what shipped,
 *   stock level, movement and its audit row, shipment, line, event and its audit row) at the same concurrency.
 * - Head office's stockValues and signingToShipment over BENCH_STOCK_HQ_BRANCHES (50) branches x the catalogue
 *   (BENCH_STOCK_PRODUCTS, 10,000) on hand, and BENCH_STOCK_HQ_ORDERS (200,000) signed orders over the last year,
 *   each against its hand-written statement (no RLS), measured like the other read scenarios; the answers are
 *   compared once before measuring, at BENCH_STOCK_HQ_CLIENTS (2) concurrent clients.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import pg from 'pg';
import type { AppProcess } from './app-process.js';
import type { BenchConfig } from './config.js';
import { measureHqScenarios } from './hq-scenarios.js';
import { mdTable, resultRows, RESULT_HEAD, type Target } from './report.js';
import { BENCH_PASSWORD } from './seed.js';

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const HQ_EMAIL = 'admin@stock.bench.example';

export interface StockIds {
  org: string;
  hq: string;
  branch: string;
  manager: string;
  location: string;
}

interface ShipOrder {
  order: string;
  line: string;
  product: string;
}

/** Wall seconds for `n` calls at `clients` concurrent clients (each its share, one after another). */
async function burst(clients: number, n: number, one: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) await one(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * Head office's world: branches beyond the first with a location and a customer each, every product on hand in
 * every branch, a head-office admin, `orders` signed orders spread over the last 365 days (nine in ten shipped 1 to
 * 72 hours after signing, the rest waiting), and 2 x `ships` RELEASED orders of the first branch, one line each.
 */
async function seedHq(
  c: pg.Client,
  ids: StockIds,
  n: { branches: number; orders: number; ships: number },
): Promise<{ api: ShipOrder[]; raw: ShipOrder[] }> {
  const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
  const admin = randomUUID();
  await c.query(
    `INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, 'HQ Admin', $4)`,
    [admin, ids.org, HQ_EMAIL, hash],
  );
  await c.query(`INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, 'HQ_ADMIN')`, [
    randomUUID(),
    admin,
    ids.hq,
  ]);
  await c.query(
    `INSERT INTO branches (id, organization_id, code, name, kind)
     SELECT md5('stock-hq:branch:' || i)::uuid, $1, 'S' || i, 'Branch S' || i, 'BRANCH' FROM generate_series(2, $2::int) i`,
    [ids.org, n.branches],
  );
  // A manager of each new branch owns its customers and orders (an owner is a person of the branch).
  await c.query(
    `INSERT INTO users (id, organization_id, email, display_name, password_hash)
     SELECT md5('stock-hq:user:' || b.id)::uuid, b.organization_id, 'manager.' || lower(b.code) || '@stock.bench.example',
       'Manager ' || b.code, $3
     FROM branches b WHERE b.organization_id = $1 AND b.kind = 'BRANCH' AND b.id <> $2`,
    [ids.org, ids.branch, hash],
  );
  await c.query(
    `INSERT INTO memberships (id, user_id, branch_id, role)
     SELECT gen_random_uuid(), md5('stock-hq:user:' || b.id)::uuid, b.id, 'BRANCH_MANAGER'
     FROM branches b WHERE b.organization_id = $1 AND b.kind = 'BRANCH' AND b.id <> $2`,
    [ids.org, ids.branch],
  );
  const branches = (
    await c.query<{ id: string }>(
      `SELECT id FROM branches WHERE organization_id = $1 AND kind = 'BRANCH' ORDER BY code`,
      [ids.org],
    )
  ).rows.map((r) => r.id);
  await c.query(
    `INSERT INTO warehouse_locations (branch_id, id, code, name, created_by)
     SELECT b, gen_random_uuid(), 'MAIN', 'Main', $2 FROM unnest($1::uuid[]) b WHERE b <> $3`,
    [branches, ids.manager, ids.branch],
  );
  await c.query(
    `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
     SELECT w.branch_id, gen_random_uuid(), p.organization_id, p.id, w.id, 1 + (abs(hashtext(p.id::text)) % 50)
     FROM warehouse_locations w CROSS JOIN products p WHERE w.branch_id <> $1 AND p.organization_id = $2`,
    [ids.branch, ids.org],
  );
  await c.query(
    `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at, status)
     SELECT b, md5('stock-hq:customer:' || b)::uuid, 'Customer of ' || b, 'MEDIUM',
       CASE WHEN b = $3::uuid THEN $2::uuid ELSE md5('stock-hq:user:' || b)::uuid END, now() + interval '30 days', 'ACTIVE'
     FROM unnest($1::uuid[]) b`,
    [branches, ids.manager, ids.branch],
  );
  // A signed contract per branch backs its orders (a RELEASED order has a contract or an approval).
  await c.query(
    `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
       number, signed_on, version, created_by)
     SELECT b, md5('stock-hq:contract:' || b)::uuid, md5('stock-hq:customer:' || b)::uuid, 'Frame', 100000000, 'CNY',
       current_date - 400, current_date + 400, o.id, 'SIGNED', 'HT-' || left(b::text, 8), current_date - 400, 1, o.id
     FROM unnest($1::uuid[]) b
     CROSS JOIN LATERAL (SELECT CASE WHEN b = $3::uuid THEN $2::uuid ELSE md5('stock-hq:user:' || b)::uuid END AS id) o`,
    [branches, ids.manager, ids.branch],
  );
  // Signed orders: i-th order of the run in branch i % branches, signed i/orders of a year ago.
  await c.query(
    `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, received_on, amount, currency, state,
       created_by, signed_at, ship_by, first_shipped_at, released_at, contract_id)
     SELECT b.id, gen_random_uuid(), md5('stock-hq:customer:' || b.id)::uuid, b.owner, 'PHONE', (s.at)::date, 1000,
       'CNY', CASE WHEN i % 10 = 0 THEN 'CONFIRMED' ELSE 'RELEASED' END, b.owner, s.at, s.at + interval '1 day',
       CASE WHEN i % 10 = 0 THEN NULL ELSE s.at + (1 + i % 72) * interval '1 hour' END,
       CASE WHEN i % 10 = 0 THEN NULL ELSE s.at + interval '30 minutes' END, md5('stock-hq:contract:' || b.id)::uuid
     FROM generate_series(1, $3::int) i
     CROSS JOIN LATERAL (SELECT $1::uuid[] AS ids) a
     CROSS JOIN LATERAL (SELECT a.ids[1 + i % array_length(a.ids, 1)] AS id) bi
     CROSS JOIN LATERAL (SELECT bi.id, CASE WHEN bi.id = $4::uuid THEN $2::uuid
       ELSE md5('stock-hq:user:' || bi.id)::uuid END AS owner) b
     CROSS JOIN LATERAL (SELECT now() - (i::float8 / $3::int) * interval '365 days' AS at) s`,
    [branches, ids.manager, n.orders, ids.branch],
  );
  // The shipments' orders: RELEASED in the first branch, one line of one unit of a product on hand.
  const ship = (
    await c.query<ShipOrder>(
      `WITH o AS (
         INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, received_on, amount, currency, state,
           created_by, signed_at, ship_by, released_at, contract_id)
         SELECT $1::uuid, gen_random_uuid(), md5('stock-hq:customer:' || $1::text)::uuid, $2::uuid, 'PHONE', current_date,
           100, 'CNY',
           'RELEASED', $2::uuid, now(), now() + interval '1 day', now(), md5('stock-hq:contract:' || $1::text)::uuid
         FROM generate_series(1, $3::int) RETURNING id),
       n AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM o),
       p AS (SELECT id, organization_id, row_number() OVER (ORDER BY code) AS k FROM products WHERE organization_id = $4)
       INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total,
         organization_id, product_id)
       SELECT $1::uuid, gen_random_uuid(), n.id, 1, 'Bench goods', 1, 100, 100, p.organization_id, p.id
       FROM n JOIN p ON p.k = n.k
       RETURNING order_id AS "order", id AS line, product_id AS product`,
      [ids.branch, ids.manager, 2 * n.ships, ids.org],
    )
  ).rows;
  await c.query('VACUUM (ANALYZE)');
  return { api: ship.slice(0, n.ships), raw: ship.slice(n.ships) };
}

/** One shipment of one order line by hand: the reads and writes createShipment makes, in one transaction. */
async function rawShipment(pool: pg.Pool, ids: StockIds, s: ShipOrder): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const [order] = (
      await c.query<{ state: string }>('SELECT state FROM orders WHERE branch_id = $1 AND id = $2 FOR UPDATE', [
        ids.branch,
        s.order,
      ])
    ).rows;
    if (order?.state !== 'RELEASED') throw new Error(`raw shipment: order ${s.order} is ${order?.state}`);
    await c.query('SELECT id, quantity, product_id FROM order_lines WHERE branch_id = $1 AND order_id = $2', [
      ids.branch,
      s.order,
    ]);
    await c.query(
      `SELECT l.order_line_id, sum(l.quantity) FROM shipment_lines l JOIN shipments x
         ON x.branch_id = l.branch_id AND x.id = l.shipment_id AND x.status <> 'CANCELLED'
       WHERE l.branch_id = $1 AND l.order_id = $2 GROUP BY 1`,
      [ids.branch, s.order],
    );
    const [level] = (
      await c.query<{ on_hand: string }>(
        `UPDATE stock_levels SET on_hand = on_hand - 1, updated_at = now()
         WHERE branch_id = $1 AND product_id = $2 AND location_id = $3 AND on_hand >= 1 RETURNING on_hand::text`,
        [ids.branch, s.product, ids.location],
      )
    ).rows;
    if (!level) throw new Error(`raw shipment: no stock of ${s.product}`);
    const shipment = randomUUID();
    const movement = randomUUID();
    await c.query(
      `INSERT INTO stock_movements (branch_id, id, organization_id, product_id, location_id, cause, quantity,
         on_hand_after, reference, actor_id) VALUES ($1, $2, $3, $4, $5, 'SHIPMENT', -1, $6, $7, $8)`,
      [ids.branch, movement, ids.org, s.product, ids.location, level.on_hand, `Shipment ${shipment}`, ids.manager],
    );
    await c.query(
      `INSERT INTO audit_log (branch_id, id, actor_id, entity, entity_id, action, after)
       VALUES ($1, gen_random_uuid(), $2, 'stockMovement', $3, 'shipment', '{}'::jsonb)`,
      [ids.branch, ids.manager, movement],
    );
    await c.query(
      `INSERT INTO shipments (branch_id, id, order_id, mode, location_id, consignee_place, consignee_person, created_by)
       VALUES ($1, $2, $3, 'FROM_STOCK', $4, 'Bench site', 'Bench person', $5)`,
      [ids.branch, shipment, s.order, ids.location, ids.manager],
    );
    await c.query(
      `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
         quantity) VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, 1)`,
      [ids.branch, shipment, s.order, s.line, ids.org, s.product],
    );
    await c.query(
      `INSERT INTO shipment_events (branch_id, id, shipment_id, to_status, at, actor_id)
       VALUES ($1, gen_random_uuid(), $2, 'PREPARED', now(), $3)`,
      [ids.branch, shipment, ids.manager],
    );
    await c.query(
      `INSERT INTO audit_log (branch_id, id, actor_id, entity, entity_id, action, after)
       VALUES ($1, gen_random_uuid(), $2, 'shipment', $3, 'create', '{}'::jsonb)`,
      [ids.branch, ids.manager, shipment],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

const STOCK_VALUES_RAW = `SELECT l.branch_id AS "branchId", p.currency, round(sum(l.on_hand * p.cost_price), 2)::text AS value,
    sum(l.on_hand)::text AS quantity
  FROM stock_levels l JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id
  WHERE l.branch_id = ANY($1::uuid[]) GROUP BY l.branch_id, p.currency ORDER BY l.branch_id, p.currency`;

const hours = (interval: string) => `extract(epoch FROM ${interval}) / 3600`;
const BREACHED = `coalesce(o.first_shipped_at > o.ship_by OR (o.first_shipped_at IS NULL
  AND o.state NOT IN ('CANCELLED', 'REJECTED') AND now() > o.ship_by), false)`;
const SHIPPING_RAW = `WITH b AS (SELECT id, code, time_zone FROM branches WHERE id = ANY($1::uuid[])),
  s AS (
    SELECT o.branch_id, count(*) AS signed, count(o.first_shipped_at) AS shipped,
      round(avg(${hours('o.first_shipped_at - o.signed_at')}), 2) AS avg_h,
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('o.first_shipped_at - o.signed_at')}))::numeric, 2) AS median_h,
      count(*) FILTER (WHERE ${BREACHED}) AS breaches
    FROM b JOIN orders o ON o.branch_id = b.id AND o.signed_at >= $2::date::timestamp AT TIME ZONE b.time_zone
      AND o.signed_at < ($3::date + 1)::timestamp AT TIME ZONE b.time_zone
    GROUP BY o.branch_id),
  w AS (
    SELECT o.branch_id, count(*) AS waiting FROM b JOIN orders o ON o.branch_id = b.id
      AND o.state IN ('CONFIRMED', 'APPROVED') GROUP BY o.branch_id)
  SELECT b.id AS "branchId", coalesce(s.signed, 0)::int AS signed, coalesce(s.shipped, 0)::int AS shipped,
    s.avg_h::text AS "averageHours", s.median_h::text AS "medianHours", coalesce(s.breaches, 0)::int AS breaches,
    coalesce(w.waiting, 0)::int AS "awaitingRelease"
  FROM b LEFT JOIN s ON s.branch_id = b.id LEFT JOIN w ON w.branch_id = b.id ORDER BY b.code, b.id`;

export interface StockHqOutput {
  markdown: string;
  targets: Target[];
}

export async function runStockHq(
  cfg: BenchConfig,
  app: AppProcess,
  pool: pg.Pool,
  admin: pg.Client,
  ids: StockIds,
  managerToken: string,
  log: (s: string) => void,
): Promise<StockHqOutput> {
  const n = {
    branches: Number(process.env.BENCH_STOCK_HQ_BRANCHES ?? 50),
    orders: Number(process.env.BENCH_STOCK_HQ_ORDERS ?? 200_000),
    ships: Number(process.env.BENCH_STOCK_SHIPMENTS ?? 1000),
  };
  const clients = Number(process.env.BENCH_STOCK_SHIP_CLIENTS ?? 50);
  // Each head-office figure aggregates the whole world (500,000 levels, a year of orders): a few clients at a time,
  // as head office asks; at 50 the raw floor alone takes 17-47 s a request on this 2-core machine.
  const hqClients = Number(process.env.BENCH_STOCK_HQ_CLIENTS ?? 2);
  const seedStarted = performance.now();
  const ship = await seedHq(admin, ids, n);
  const products = Number((await admin.query('SELECT count(*) FROM products')).rows[0].count);
  log(
    `Stock HQ: seeded ${n.branches} branches x ${products} products on hand, ${n.orders} signed orders, ` +
      `${2 * n.ships} released orders to ship (${f1((performance.now() - seedStarted) / 1000)} s)`,
  );
  const before = Number((await admin.query('SELECT count(*) FROM stock_movements')).rows[0].count);
  const create = ship.api.map((s) =>
    app.requester(
      `mutation { createShipment(input: { orderId: "${s.order}", mode: FROM_STOCK, locationId: "${ids.location}",
         consigneePlace: "Bench site", consigneePerson: "Bench person",
         lines: [{ orderLineId: "${s.line}", productId: "${s.product}", quantity: "1" }] }) { id } }`,
      managerToken,
    ),
  );
  const apiSeconds = await burst(clients, n.ships, (i) => create[i]());
  const floorSeconds = await burst(clients, n.ships, (i) => rawShipment(pool, ids, ship.raw[i]));
  const [check] = (
    await admin.query<{ shipments: number; moves: number }>(
      `SELECT (SELECT count(*) FROM shipments)::int AS shipments, (SELECT count(*) FROM stock_movements)::int - $1 AS moves`,
      [before],
    )
  ).rows;
  if (check.shipments !== 2 * n.ships || check.moves !== 2 * n.ships) {
    throw new Error(`stock bench: expected ${2 * n.ships} shipments and movements, got ${JSON.stringify(check)}`);
  }
  const apiRate = n.ships / apiSeconds;
  const floorRate = n.ships / floorSeconds;
  log(
    `Stock HQ: ${n.ships} shipments through the API in ${f1(apiSeconds)} s (${f1(apiRate)}/s), raw floor ` +
      `${f1(floorSeconds)} s (${f1(floorRate)}/s): ${f1(floorRate / apiRate)}x`,
  );

  const hqToken = await app.login(HQ_EMAIL, BENCH_PASSWORD);
  const branchIds = (
    await admin.query<{ id: string }>('SELECT id FROM branches WHERE organization_id = $1', [ids.org])
  ).rows.map((r) => r.id);
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 864e5));
  const [from, to] = [day(-364), day(0)];
  const VALUES_GQL = `{ stockValues { branchId currency value quantity } }`;
  const SHIPPING_GQL = `{ signingToShipment(input: { from: "${from}", to: "${to}" }) { branchId signed shipped
    averageHours medianHours breaches awaitingRelease } }`;
  // The GraphQL answers are the hand-written statements' answers (branches without rows aside).
  const gql = async (doc: string, token: string) => {
    const r = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: doc }),
    });
    return ((await r.json()) as { data: Record<string, unknown> }).data;
  };
  const sameAs = async (doc: string, field: string, sql: string, params: unknown[]) => {
    const api = (await gql(doc, hqToken))[field] as Record<string, unknown>[];
    const raw = (await admin.query(sql, params)).rows as Record<string, unknown>[];
    const key = (rows: Record<string, unknown>[]) =>
      JSON.stringify(rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort());
    const apiRows = api.filter((r) => raw.some((x) => x.branchId === r.branchId));
    if (key(apiRows) !== key(raw) || raw.length < n.branches) {
      throw new Error(`stock bench: ${field} differs from its raw statement (${apiRows.length} vs ${raw.length} rows)`);
    }
  };
  await sameAs(VALUES_GQL, 'stockValues', STOCK_VALUES_RAW, [branchIds]);
  await sameAs(SHIPPING_GQL, 'signingToShipment', SHIPPING_RAW, [branchIds.filter((b) => b !== ids.hq), from, to]);
  const reads = await measureHqScenarios(
    { ...cfg, clients: hqClients },
    admin,
    app,
    [
      {
        key: 'raw-stock-values',
        label: `raw SQL: stock value per branch (${n.branches} x ${products})`,
        kind: 'raw',
        request: async () => (await pool.query(STOCK_VALUES_RAW, [branchIds]), 1),
      },
      {
        key: 'gql-stock-values',
        label: 'GraphQL: stockValues (head office)',
        kind: 'graphql',
        floorKey: 'raw-stock-values',
        request: app.requester(VALUES_GQL, hqToken),
      },
      {
        key: 'raw-signing-to-shipment',
        label: `raw SQL: signing to shipment per branch (${n.orders} orders, a year)`,
        kind: 'raw',
        request: async () => (await pool.query(SHIPPING_RAW, [branchIds, from, to]), 1),
      },
      {
        key: 'gql-signing-to-shipment',
        label: 'GraphQL: signingToShipment (head office, a year)',
        kind: 'graphql',
        floorKey: 'raw-signing-to-shipment',
        request: app.requester(SHIPPING_GQL, hqToken),
      },
    ],
    log,
  );
  const ratio = (rawKey: string, gqlKey: string) => {
    const raw = reads.find((r) => r.key === rawKey)!;
    const g = reads.find((r) => r.key === gqlKey)!;
    return `${f1(raw.summary.rps / g.summary.rps)}x (p50 ${f1(g.summary.p50)} ms vs ${f1(raw.summary.p50)} ms)`;
  };
  const writes = mdTable(
    ['Shipments', 'clients', 'shipments', 'seconds', 'shipments/s', 'floor / API'],
    [
      [
        'raw SQL floor (superuser, no RLS): the same reads and writes',
        String(clients),
        String(n.ships),
        f1(floorSeconds),
        f1(floorRate),
        '1.0',
      ],
      [
        'GraphQL createShipment FROM_STOCK (app_runtime, RLS)',
        String(clients),
        String(n.ships),
        f1(apiSeconds),
        f1(apiRate),
        f1(floorRate / apiRate),
      ],
    ],
    [1, 2, 3, 4, 5],
  );
  const markdown = [
    `Head office's world on the same database: ${n.branches} branches x ${products} products on hand ` +
      `(${n.branches * products} stock levels), ${n.orders} orders signed over the last year.`,
    '',
    writes,
    '',
    `Head-office reads at ${hqClients} concurrent clients:`,
    '',
    mdTable(RESULT_HEAD, resultRows(reads)),
  ].join('\n');
  const targets: Target[] = [
    {
      name: 'Stock: shipments with stock movements through the API vs raw floor',
      goal: 'measured (no target set)',
      measured: `${f1(floorRate / apiRate)}x slower (${f1(apiRate)}/s vs ${f1(floorRate)}/s at ${clients} clients)`,
      pass: true,
    },
    {
      name: 'Stock: head-office stockValues vs raw floor',
      goal: 'measured (no target set)',
      measured: ratio('raw-stock-values', 'gql-stock-values'),
      pass: true,
    },
    {
      name: 'Stock: head-office signingToShipment vs raw floor',
      goal: 'measured (no target set)',
      measured: ratio('raw-signing-to-shipment', 'gql-signing-to-shipment'),
      pass: true,
    },
  ];
  return { markdown, targets };
}
