import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectMissingError, type ObjectStorage, type StoredObject } from './object-storage.js';

/**
 * Files in a folder: `<dir>/<branchId>/<fileId>`. A put writes `<key>.<random>.part` and renames it into place
 * once the stream ended and was flushed, so a reader never sees a partial file and a failed put leaves nothing.
 */
export class LocalDiskStorage implements ObjectStorage {
  readonly driver = 'local' as const;
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.path(key);
    const part = `${target}.${randomUUID()}.part`;
    await mkdir(dirname(target), { recursive: true });
    // Opened before streaming, so the part exists when a failure removes it (a stream that opens lazily could
    // create it after the removal).
    const handle = await open(part, 'wx');
    try {
      await pipeline(body, handle.createWriteStream({ flush: true }));
      await rename(part, target);
    } catch (e) {
      await handle.close().catch(() => undefined);
      await rm(part, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    if (!(await this.exists(key))) throw new ObjectMissingError(key);
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => []);
    const found: StoredObject[] = [];
    for (const e of entries) {
      if (!e.isFile()) continue;
      const path = join(e.parentPath, e.name);
      const key = path
        .slice(this.root.length + 1)
        .split('\\')
        .join('/');
      if (!key.startsWith(prefix)) continue;
      // A file removed between the listing and its stat (a finished part renamed, a sweep) is simply not listed.
      const s = await stat(path).catch(() => null);
      if (s) found.push({ key, modifiedAt: s.mtime });
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private path(key: string): string {
    const p = resolve(this.root, key);
    // Keys are server-made UUID pairs; this is the last guard against one that would leave the folder.
    if (!p.startsWith(`${this.root}/`)) throw new Error(`object key outside the storage folder: ${key}`);
    return p;
  }
}
