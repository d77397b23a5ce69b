import type { Readable } from 'node:stream';

/**
 * Where file contents live. Keys are made by the documents module (`<branchId>/<fileId>`), never taken from a
 * request. `put` either stores the whole stream under the key or leaves nothing there (a failed or aborted
 * upload never leaves a readable part behind).
 */
export interface ObjectStorage {
  readonly driver: 'local' | 's3';
  /** Stores the stream under the key; resolves when the object is complete and durable. */
  put(key: string, body: Readable): Promise<void>;
  /** The object's bytes as a stream; a missing object rejects with ObjectMissingError. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing a missing one is not an error (idempotent cleanup). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every object under a prefix, in key order, with when it was last written (the orphan sweep and the tests). */
  list(prefix: string): Promise<StoredObject[]>;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export class ObjectMissingError extends Error {
  constructor(readonly key: string) {
    super(`stored object ${key} is missing`);
  }
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** Whether a listed key is an object key (not, say, a local part file or something an operator put there). */
export function isObjectKey(key: string): boolean {
  return KEY.test(key);
}

/** The object key of a file: its branch and id, both UUIDs the server made; anything else is refused. */
export function objectKey(branchId: string, fileId: string): string {
  const key = `${branchId}/${fileId}`;
  if (!KEY.test(key)) throw new Error(`not an object key: ${key}`);
  return key;
}
