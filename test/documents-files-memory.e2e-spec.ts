import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { get, pdfChunks, upload, useFixture } from '@app/testing';

/**
 * Memory stays flat while a large file streams up and down through the API (which runs in this process, so the
 * process's RSS counts the server and the client together). DOCS_STREAM_MB sets the size: 1024 (the 1 GB,
 * about a minute on two busy cores) by default, less while iterating. RSS is sampled every 50 ms each direction.
 */

const MB = 1024 * 1024;
const SIZE = Number(process.env.DOCS_STREAM_MB || 1024) * MB;
/** Headroom for buffers in flight (socket, 64 KB file-type head, fs and hash buffers) and GC timing, not the file. */
const MAX_GROWTH = 96 * MB;
const dir = mkdtempSync(join(tmpdir(), 'docs-memory-'));

async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  global.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

describe(`a ${SIZE / MB} MB file streams up and down in flat memory`, () => {
  const f = useFixture({ env: { STORAGE_DIR: dir } });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uploads and downloads it with RSS growing by far less than its size', async () => {
    const base = f.api.url.replace(/\/graphql$/, '');
    // Warm up the route, the parsers and the pools with a small file, so the first large one measures streaming.
    await upload(base, { token: f.tokens.repA, query: 'kind=REPORT', content: pdfChunks(2 * MB) });

    const expected = createHash('sha256');
    for (const c of pdfChunks(SIZE)) expected.update(c);
    const sha = expected.digest('hex');

    const up = await peakRss(() =>
      upload(base, { token: f.tokens.repA, query: 'kind=REPORT', name: 'big.pdf', content: pdfChunks(SIZE) }),
    );
    expect(up.result.status).toBe(201);
    const file = up.result.json.data!.file as { id: string; sizeBytes: number; sha256: string };
    expect([file.sizeBytes, file.sha256]).toEqual([SIZE, sha]);

    const hash = createHash('sha256');
    let bytes = 0;
    const down = await peakRss(() =>
      get(base, `/files/${file.id}/content`, {
        token: f.tokens.managerA,
        sink: (c) => {
          bytes += c.length;
          hash.update(c);
        },
      }),
    );
    expect([down.result.status, bytes, hash.digest('hex')]).toEqual([200, SIZE, sha]);
    process.stdout.write(
      `documents memory: ${SIZE / MB} MB up +${(up.growth / MB).toFixed(1)} MB RSS, down +${(down.growth / MB).toFixed(1)} MB RSS\n`,
    );
    expect(up.growth).toBeLessThan(MAX_GROWTH);
    expect(down.growth).toBeLessThan(MAX_GROWTH);
  }, 600_000);
});
