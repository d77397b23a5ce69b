import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { fileTypeFromBuffer } from 'file-type';
import { BadUserInputError } from '@app/core';
import { sizeText, type FileRule } from './file-rules.js';

/** Bytes looked at to tell the content type (file-type reads at most this much of a header). */
const SNIFF_BYTES = 64 * 1024;

/** Over the kind's size limit: BAD_USER_INPUT on the `file` field, answered over HTTP as 413. */
export class FileTooLargeError extends BadUserInputError {
  constructor(maxBytes: number) {
    super(`file: the file is larger than ${sizeText(maxBytes)}, the limit for this kind`, [
      { field: 'file', message: `the file is larger than ${sizeText(maxBytes)}, the limit for this kind` },
    ]);
  }
}

/** The one file part of a multipart upload, as it arrives (nothing is buffered beyond the sniffing head). */
export interface UploadPart {
  name: string;
  stream: Readable;
}

/**
 * Waits for the first file part of a multipart/form-data request. Field parts are ignored; a second file, or a
 * body without a file, is refused. Path components are kept (preservePath) so the name check can refuse them
 * instead of silently dropping them.
 */
export function firstFilePart(req: IncomingMessage): Promise<UploadPart> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data;/i.test(type)) {
    return Promise.reject(
      BadUserInputError.field('file', 'send the file as multipart/form-data with one file part named "file"'),
    );
  }
  return new Promise<UploadPart>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        preservePath: true,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 20 },
      });
    } catch {
      reject(BadUserInputError.field('file', 'the multipart body has no boundary'));
      return;
    }
    let got = false;
    bb.on('file', (_field, stream, info) => {
      got = true;
      resolve({ name: info.filename ?? '', stream });
    });
    bb.on('error', (e) => reject(got ? e : BadUserInputError.field('file', 'the multipart body is malformed')));
    bb.on('close', () => {
      if (!got) reject(BadUserInputError.field('file', 'the request has no file part'));
    });
    req.on('aborted', () => bb.destroy(new Error('the upload was interrupted')));
    req.pipe(bb);
  });
}

/** What the bytes turned out to be, known once the stream has ended. */
export interface Inspected {
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * The part's bytes passed through unchanged, while their size is limited, their SHA-256 computed and their
 * content type sniffed from the first bytes (refused before anything is stored). Errors end the stream, so the
 * storage's put fails and leaves nothing.
 */
export function inspect(src: Readable, rule: FileRule, out: Partial<Inspected>): Readable {
  const hash = createHash('sha256');
  let size = 0;
  const sniff = async (head: Buffer) => {
    const found = await fileTypeFromBuffer(head);
    if (!found || !rule.types.includes(found.mime)) {
      throw BadUserInputError.field(
        'file',
        `${found ? `a ${found.mime} file` : 'this content'} is not accepted for this kind: send ${rule.types.join(', ')}`,
      );
    }
    out.contentType = found.mime;
  };
  async function* pass(): AsyncGenerator<Buffer> {
    let head: Buffer[] | null = [];
    let headBytes = 0;
    for await (const chunk of src as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > rule.maxBytes) {
        throw new FileTooLargeError(rule.maxBytes);
      }
      hash.update(chunk);
      if (head) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes < SNIFF_BYTES) continue;
        const first = Buffer.concat(head);
        head = null;
        await sniff(first);
        yield first;
        continue;
      }
      yield chunk;
    }
    if ((src as { truncated?: boolean }).truncated) throw new Error('the upload was cut short');
    if (size === 0) throw BadUserInputError.field('file', 'the file is empty');
    if (head) {
      const first = Buffer.concat(head);
      await sniff(first);
      yield first;
    }
    out.sizeBytes = size;
    out.sha256 = hash.digest('hex');
  }
  return Readable.from(pass(), { objectMode: false });
}
