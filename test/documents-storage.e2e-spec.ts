import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { loadConfig } from '@app/core';
import { LocalDiskStorage } from '../src/modules/documents/local-disk.storage.js';
import { objectKey, ObjectMissingError, type ObjectStorage } from '../src/modules/documents/object-storage.js';
import { S3Storage } from '../src/modules/documents/s3.storage.js';
import { storageFrom } from '../src/modules/documents/storage.provider.js';

/**
 * The storage interface's contract, held by both implementations: local disk, and S3 against an S3-compatible
 * server (s3rver, from npm) this file starts on 127.0.0.1 itself. A put that fails half-way leaves nothing.
 */

const chunks = function* (n: number, size: number, failAfter?: number) {
  for (let i = 0; i < n; i++) {
    if (failAfter !== undefined && i === failAfter) throw new Error('client went away');
    yield Buffer.alloc(size, i % 251);
  }
};

const read = async (s: Readable): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

describe('object storage', () => {
  let dir: string;
  let s3dir: string;
  let server: S3rver;
  let s3: S3Storage;
  let local: LocalDiskStorage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docs-local-'));
    s3dir = await mkdtemp(join(tmpdir(), 'docs-s3rver-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir });
    const { port } = await server.run();
    const config = loadConfig({
      NODE_ENV: 'test',
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: 'docs-test',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    });
    s3 = storageFrom(config.storage) as S3Storage;
    await s3.client.send(new CreateBucketCommand({ Bucket: 'docs-test' }));
    local = storageFrom(loadConfig({ NODE_ENV: 'test', STORAGE_DIR: dir }).storage) as LocalDiskStorage;
  });

  afterAll(async () => {
    s3?.client.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(s3dir, { recursive: true, force: true });
  });

  const both = (): [string, ObjectStorage][] => [
    ['local', local],
    ['s3', s3],
  ];

  it('chooses the implementation from the configuration', () => {
    expect(local).toBeInstanceOf(LocalDiskStorage);
    expect(s3).toBeInstanceOf(S3Storage);
    expect(loadConfig({ NODE_ENV: 'test' }).storage).toEqual({ driver: 'local', dir: './var/files' });
  });

  it.each([0, 1])('stores, reads, lists and deletes a multi-part object (%s)', async (i) => {
    const [, storage] = both()[i];
    const branch = randomUUID();
    const key = objectKey(branch, randomUUID());
    // 20 MiB: three S3 parts of 8 MiB.
    await storage.put(key, Readable.from(chunks(20, 1024 * 1024)));
    expect(await storage.exists(key)).toBe(true);
    const back = await read(await storage.get(key));
    expect(back.length).toBe(20 * 1024 * 1024);
    expect(back.equals(Buffer.concat([...chunks(20, 1024 * 1024)]))).toBe(true);
    const before = Date.now();
    const listed = await storage.list(`${branch}/`);
    expect(listed.map((o) => o.key)).toEqual([key]);
    // When it was written (within the last minute): the orphan sweep spares objects younger than its grace period.
    expect(Math.abs(listed[0].modifiedAt.getTime() - before)).toBeLessThan(60_000);
    await storage.delete(key);
    await storage.delete(key); // idempotent
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectMissingError);
  });

  it.each([0, 1])('a put whose stream fails half-way leaves no object (%s)', async (i) => {
    const [name, storage] = both()[i];
    const branch = randomUUID();
    const key = objectKey(branch, randomUUID());
    // Small (one part, before any request) and large (after two 8 MiB parts went up).
    await expect(storage.put(key, Readable.from(chunks(4, 1024, 2)))).rejects.toThrow('client went away');
    await expect(storage.put(key, Readable.from(chunks(24, 1024 * 1024, 18)))).rejects.toThrow('client went away');
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.list(`${branch}/`)).toEqual([]);
    if (name === 'local') expect(await readdir(join(dir, branch))).toEqual([]); // no .part file left either
  });

  it('refuses keys the server did not make', () => {
    expect(() => objectKey('../etc', randomUUID())).toThrow('not an object key');
    expect(() => objectKey(randomUUID(), 'x/../../y')).toThrow('not an object key');
  });
});
