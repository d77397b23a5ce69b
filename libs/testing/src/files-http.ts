import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';

/** HTTP helpers of the file tests: streamed multipart uploads (POST /files) and downloads against the booted API. */

/** A small valid PDF prefix; file-type knows PDF by its first bytes. */
export const pdf = (bytes = 2048): Buffer => {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length), 0x20)]);
};
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** Chunks of a PDF of `total` bytes, made as they are read (nothing the size of the file is held). */
export function* pdfChunks(total: number, chunk = 1024 * 1024): Generator<Buffer> {
  const first = pdf(Math.min(total, chunk));
  yield first;
  const filler = Buffer.alloc(chunk, 0x41);
  for (let sent = first.length; sent < total; sent += chunk)
    yield total - sent >= chunk ? filler : filler.subarray(0, total - sent);
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json: {
    data?: { file?: Record<string, unknown> };
    errors?: { message: string; extensions: { code: string; fields?: { field: string }[] } }[];
  };
}

function collect(res: http.IncomingMessage): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('error', reject);
    res.on('end', () => {
      const body = Buffer.concat(parts);
      let json: HttpAnswer['json'] = {};
      try {
        json = JSON.parse(body.toString('utf8')) as HttpAnswer['json'];
      } catch {
        // a file, not JSON
      }
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
    });
  });
}

export interface UploadOptions {
  token?: string;
  branchId?: string;
  /** Query string after /files (kind=...&branchId=...). */
  query: string;
  name?: string;
  /** Raw Content-Disposition parameters for the file part instead of filename="name". */
  disposition?: string;
  content: Buffer | Iterable<Buffer>;
  /** Send a Content-Length (the body's real one when true). */
  contentLength?: number | boolean;
  /** Cut the connection after this many content bytes. */
  abortAfter?: number;
  contentType?: string;
}

/** POST /files as multipart/form-data, the body streamed from `content`. */
export function upload(base: string, o: UploadOptions): Promise<HttpAnswer> {
  const boundary = `----docs${randomBytes(8).toString('hex')}`;
  const disposition = o.disposition ?? `filename="${o.name ?? 'file.pdf'}"`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunks = Buffer.isBuffer(o.content) ? [o.content] : o.content;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': o.contentType ?? `multipart/form-data; boundary=${boundary}`,
  };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.branchId) headers['x-branch-id'] = o.branchId;
  if (typeof o.contentLength === 'number') headers['content-length'] = o.contentLength;
  else if (o.contentLength === true && Buffer.isBuffer(o.content)) {
    headers['content-length'] = pre.length + o.content.length + post.length;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/files?${o.query}`, { method: 'POST', headers }, (res) =>
      collect(res).then(resolve, reject),
    );
    req.on('error', (e) =>
      o.abortAfter !== undefined ? resolve({ status: 0, headers: {}, body: Buffer.alloc(0), json: {} }) : reject(e),
    );
    const body = Readable.from(
      (function* () {
        yield pre;
        let sent = 0;
        for (const c of chunks) {
          if (o.abortAfter !== undefined && sent + c.length > o.abortAfter) {
            setTimeout(() => req.destroy(), 200);
            return;
          }
          sent += c.length;
          yield c;
        }
        yield post;
      })(),
    );
    body.pipe(req);
  });
}

/** GET a path of the API (a download), with an optional token; `sink` consumes the body without keeping it. */
export function get(
  base: string,
  path: string,
  opts: { token?: string; branchId?: string; sink?: (chunk: Buffer) => void } = {},
): Promise<HttpAnswer> {
  const headers: http.OutgoingHttpHeaders = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.branchId) headers['x-branch-id'] = opts.branchId;
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers }, (res) => {
        if (!opts.sink) return void collect(res).then(resolve, reject);
        res.on('data', opts.sink);
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0), json: {} }),
        );
      })
      .on('error', reject);
  });
}
