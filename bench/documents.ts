/**
 * The documents part of `npm run bench` (issue 14), on its own small database: upload and download throughput of
 * 1 MB and 100 MB files through the API (`POST /files`, streamed multipart, sniffed, hashed and stored on the local
 * disk; `GET /files/:id/content`, streamed back) against the raw floor: the same bytes written (flushed, like the
 * storage's writes) and read by Node straight to and from the same disk, in the same run. Each round does one of
 * each in turn, so both see the same machine; the figures are MB/s over all rounds of a size.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import pg from 'pg';
import { Redis } from 'ioredis';
import { ensureDatabase, runMigrations } from '@app/core';
import { migrations } from '../migrations/index.js';
import { AppProcess } from './app-process.js';
import type { BenchConfig } from './config.js';
import { mdTable, type Target } from './report.js';
import { BENCH_PASSWORD } from './seed.js';

const MB = 1024 * 1024;
const ORG = "md5('docs-bench:org')::uuid";
const BRANCH = "md5('docs-bench:branch')::uuid";
const HQ = "md5('docs-bench:hq')::uuid";
const MANAGER = 'manager@docs.bench.example';

export interface DocumentsOutput {
  targets: Target[];
  markdown: string;
  text: string;
}

interface SizeResult {
  mb: number;
  rounds: number;
  /** MB/s over all rounds: API upload, floor write, API download, floor read. */
  upload: number;
  write: number;
  download: number;
  read: number;
  /** Every download had the uploaded length and SHA-256 (Digest header and bytes). */
  intact: boolean;
}

/** The part's database: migrated, one organization with a branch and its manager (reused while it holds them). */
async function prepare(url: string): Promise<void> {
  await ensureDatabase(url);
  await runMigrations(url, migrations);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const had = await c.query(`SELECT 1 FROM users WHERE email = $1`, [MANAGER]);
    if (had.rowCount) return;
    const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
    await c.query('BEGIN');
    await c.query(`INSERT INTO organizations (id, name) VALUES (${ORG}, 'Docs Bench Trading Co.')`);
    await c.query(
      `INSERT INTO branches (id, organization_id, code, name, kind)
       VALUES (${HQ}, ${ORG}, 'HQ', 'Head Office', 'HEAD_OFFICE'), (${BRANCH}, ${ORG}, 'D01', 'Branch D01', 'BRANCH')`,
    );
    await c.query(
      `INSERT INTO users (id, organization_id, email, display_name, password_hash)
       VALUES (md5('docs-bench:manager')::uuid, ${ORG}, $1, 'Docs Manager', $2)`,
      [MANAGER, hash],
    );
    await c.query(
      `INSERT INTO memberships (id, user_id, branch_id, role)
       VALUES (md5('docs-bench:membership')::uuid, md5('docs-bench:manager')::uuid, ${BRANCH}, 'BRANCH_MANAGER')`,
    );
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

/** A PDF the sniffer accepts: a PDF header, then random bytes, `bytes` long. */
function pdf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  return Buffer.concat([head, randomBytes(bytes - head.length)]);
}

/** POST /files?kind=REPORT, the multipart body written in 1 MB chunks; answers the stored file's id. */
function upload(app: AppProcess, token: string, body: Buffer): Promise<string> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\n` +
      `Content-Type: application/pdf\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: app.port,
        method: 'POST',
        path: '/files?kind=REPORT',
        agent: app.agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': pre.length + body.length + post.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 201) return reject(new Error(`upload: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
          resolve((JSON.parse(text) as { data: { file: { id: string } } }).data.file.id);
        });
      },
    );
    req.on('error', reject);
    req.write(pre);
    for (let at = 0; at < body.length; at += MB) req.write(body.subarray(at, at + MB));
    req.end(post);
  });
}

/** GET /files/:id/content, hashing the bytes as they come (as a client that keeps them would write them). */
function download(
  app: AppProcess,
  token: string,
  id: string,
): Promise<{ bytes: number; sha256: string; digest: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: app.port,
        method: 'GET',
        path: `/files/${id}/content`,
        agent: app.agent,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`download: HTTP ${res.statusCode}`));
        }
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          hash.update(c);
        });
        res.on('error', reject);
        res.on('end', () => resolve({ bytes, sha256: hash.digest('hex'), digest: String(res.headers.digest ?? '') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The floor's read: the file streamed from disk and hashed, as the download's client does with what it gets. */
async function readBack(path: string): Promise<number> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const c of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    bytes += (c as Buffer).length;
    hash.update(c as Buffer);
  }
  hash.digest();
  return bytes;
}

async function measureSize(
  app: AppProcess,
  token: string,
  floorDir: string,
  mb: number,
  rounds: number,
  ids: string[],
): Promise<SizeResult> {
  const body = pdf(mb * MB);
  const sha = createHash('sha256').update(body).digest('hex');
  const digest = `sha-256=${Buffer.from(sha, 'hex').toString('base64')}`;
  const t = { upload: 0, write: 0, download: 0, read: 0 };
  let intact = true;
  const timed = async <T>(k: keyof typeof t, fn: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await fn();
    t[k] += (performance.now() - s) / 1000;
    return r;
  };
  for (let i = 0; i < rounds; i++) {
    const path = join(floorDir, randomUUID());
    // The storage writes a part file, flushes it on close and renames it into place: the floor flushes too.
    await timed('write', () => writeFile(path, body, { flush: true }));
    const id = await timed('upload', () => upload(app, token, body));
    ids.push(id);
    const back = await timed('read', () => readBack(path));
    const got = await timed('download', () => download(app, token, id));
    intact &&= back === body.length && got.bytes === body.length && got.sha256 === sha && got.digest === digest;
    await rm(path);
  }
  const total = mb * rounds;
  return {
    mb,
    rounds,
    upload: total / t.upload,
    write: total / t.write,
    download: total / t.download,
    read: total / t.read,
    intact,
  };
}

export async function runDocuments(cfg: BenchConfig, log: (s: string) => void): Promise<DocumentsOutput> {
  const started = new Date();
  const loadBefore = loadavg();
  const url = cfg.docsDatabaseUrl;
  await prepare(url);
  // The storage folder and the floor's folder side by side on the same disk (under the checkout's var/).
  await mkdir(join(process.cwd(), 'var'), { recursive: true });
  const root = await mkdtemp(join(process.cwd(), 'var', 'bench-docs-'));
  const floorDir = join(root, 'floor');
  await mkdir(floorDir);
  const tag = `{bench-${process.pid}-docs}`;
  const app = new AppProcess({
    name: 'documents',
    databaseUrl: url,
    redisUrl: cfg.redisUrl,
    redisPrefix: tag,
    runtimeRole: 'app_runtime',
    poolSize: cfg.poolSize,
    logLevel: 'warn',
    env: { STORAGE_DIR: join(root, 'api') },
  });
  const ids: string[] = [];
  const results: SizeResult[] = [];
  try {
    await app.start();
    const token = await app.login(MANAGER, BENCH_PASSWORD);
    for (const [mb, rounds] of [
      [1, cfg.docsSmallRounds],
      [100, cfg.docsLargeRounds],
    ] as const) {
      const r = await measureSize(app, token, floorDir, mb, rounds, ids);
      results.push(r);
      log(
        `Documents: ${mb} MB x ${rounds}: upload ${r.upload.toFixed(1)} MB/s vs write ${r.write.toFixed(1)} MB/s ` +
          `(${(r.upload / r.write).toFixed(2)}x); download ${r.download.toFixed(1)} MB/s vs read ` +
          `${r.read.toFixed(1)} MB/s (${(r.download / r.read).toFixed(2)}x); intact: ${r.intact}`,
      );
    }
  } finally {
    await app.stop().catch(() => undefined);
    // The stored objects go with the folder; their rows go too, so the database holds no file without its bytes.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('DELETE FROM files WHERE id = ANY($1::uuid[])', [ids]).catch(() => undefined);
    await c.end();
    await rm(root, { recursive: true, force: true });
    const r = new Redis(cfg.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${tag}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
    r.disconnect();
  }
  return report(results, started, loadBefore, loadavg());
}

function report(results: SizeResult[], started: Date, before: number[], after: number[]): DocumentsOutput {
  const f1 = (n: number) => n.toFixed(1);
  const targets: Target[] = results.flatMap((r) => [
    {
      name: `Documents: upload of ${r.mb} MB files through the API vs Node writing the same bytes to the same disk`,
      goal: 'bytes stored intact; ratio reported (the issue sets no number)',
      measured: `${(r.upload / r.write).toFixed(2)}x (${f1(r.upload)} vs ${f1(r.write)} MB/s, ${r.rounds} files)`,
      pass: r.intact,
    },
    {
      name: `Documents: download of ${r.mb} MB files through the API vs Node reading them from the same disk`,
      goal: 'the same bytes (SHA-256) back; ratio reported (the issue sets no number)',
      measured: `${(r.download / r.read).toFixed(2)}x (${f1(r.download)} vs ${f1(r.read)} MB/s, ${r.rounds} files)`,
      pass: r.intact,
    },
  ]);
  const rows = results.map((r) => [
    `${r.mb} MB x ${r.rounds}`,
    f1(r.upload),
    f1(r.write),
    `${(r.upload / r.write).toFixed(2)}x`,
    f1(r.download),
    f1(r.read),
    `${(r.download / r.read).toFixed(2)}x`,
    r.intact ? 'yes' : '**no**',
  ]);
  const table = mdTable(
    [
      'Files',
      'API upload MB/s',
      'Floor write MB/s',
      'Upload vs floor',
      'API download MB/s',
      'Floor read MB/s',
      'Download vs floor',
      'Intact',
    ],
    rows,
  );
  const markdown = [
    '## Documents: upload and download throughput',
    '',
    `Run ${started.toISOString()}; load average ${before.map((x) => x.toFixed(2)).join(' ')} before, ` +
      `${after.map((x) => x.toFixed(2)).join(' ')} after, on ${cpus().length} cores. Reproduce: \`BENCH_ONLY=documents npm run bench\`.`,
    '',
    table,
    '',
    'One API process (local-disk storage) and the bench on the same machine. Upload: `POST /files?kind=REPORT` with a ' +
      'streamed multipart body (the API sniffs the type, hashes, counts and stores the bytes, then records the row); ' +
      'the floor: `writeFile` of the same bytes with `flush` (the storage flushes its part file before renaming it). ' +
      'Download: `GET /files/:id/content` (the row read under row-level security, then the object streamed), the ' +
      'client hashing what arrives; the floor: the same file streamed from disk and hashed. Each round does one of ' +
      'each in turn; MB/s is over all rounds of a size.',
  ].join('\n');
  const text = [
    'Documents',
    ...results.map(
      (r) =>
        `  ${r.mb} MB x ${r.rounds}: upload ${f1(r.upload)} vs ${f1(r.write)} MB/s, download ${f1(r.download)} vs ${f1(r.read)} MB/s`,
    ),
  ].join('\n');
  return { targets, markdown, text };
}
