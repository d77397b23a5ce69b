import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { get, type HttpAnswer, pdf, pdfChunks, PNG, upload, useFixture } from '@app/testing';
import { signLink } from '../src/modules/documents/file-links.js';

/**
 * Files over HTTP: the streamed multipart upload (type sniffed from the bytes, size limit per kind, SHA-256),
 * the authorized download and the signed link; a file of branch A unreadable from branch B by any id, path,
 * key or link; bad input and a connection cut half-way leave neither a row nor a stored object.
 */

const dir = mkdtempSync(join(tmpdir(), 'docs-files-'));
const MB = 1024 * 1024;

describe('document files over HTTP', () => {
  const f = useFixture({ env: { STORAGE_DIR: dir } });
  const base = () => f.api.url.replace(/\/graphql$/, '');
  const tok = (who: keyof typeof f.tokens) => f.tokens[who];

  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Every object in the storage folder (parts included) and every file row: what a refusal must not change. */
  const stored = async () => ({
    objects: (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort(),
    rows: (await f.owner.query('SELECT id FROM files ORDER BY id')).rows.map((r: { id: string }) => r.id),
  });

  const put = async (
    who: 'repA' | 'repB' | 'managerA' | 'admin',
    content = pdf(),
    query = 'kind=LETTER',
    name = 'Letter 1.pdf',
  ) => {
    const r = await upload(base(), { token: tok(who), query, name, content });
    expect({ status: r.status, errors: r.json.errors }).toEqual({ status: 201, errors: undefined });
    return r.json.data!.file as {
      id: string;
      branchId: string;
      sha256: string;
      sizeBytes: number;
      contentType: string;
      name: string;
    };
  };

  /** `send` starts the upload only after the files on disk were listed (an upload in flight has its part file). */
  const refusedUpload = async (send: () => Promise<HttpAnswer>, status: number, code: string, field?: string) => {
    const before = await stored();
    const a = await send();
    expect({ status: a.status, code: a.json.errors?.[0]?.extensions.code }).toEqual({ status, code });
    if (field) expect(a.json.errors?.[0]?.extensions.fields?.map((x) => x.field)).toEqual([field]);
    expect(await stored()).toEqual(before);
    return a.json.errors?.[0]?.message;
  };

  it('uploads a stream, records type, size and SHA-256 from the bytes, and downloads it back', async () => {
    const content = pdf(300 * 1024);
    const file = await put('repA', content, 'kind=LETTER', '合同 (signed).pdf');
    expect(file).toMatchObject({
      branchId: f.org.a.id,
      name: '合同 (signed).pdf',
      contentType: 'application/pdf',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      kind: 'LETTER',
      uploadedById: f.org.users.repA.id,
    });
    expect((await readdir(join(dir, f.org.a.id))).includes(file.id)).toBe(true);
    const audit = await f.owner.query(`SELECT action FROM audit_log WHERE entity = 'file' AND entity_id = $1`, [
      file.id,
    ]);
    expect(audit.rows).toEqual([{ action: 'upload' }]);

    const down = await get(base(), `/files/${file.id}/content`, { token: tok('managerA') });
    expect(down.status).toBe(200);
    expect(down.body.equals(content)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('合同 (signed).pdf')}`,
    );
    const meta = await f.ok<{ file: { id: string; sha256: string } }>(
      'managerA',
      `query($id: ID!) { file(id: $id) { id sha256 } }`,
      {
        id: file.id,
      },
    );
    expect(meta.file).toEqual({ id: file.id, sha256: file.sha256 });
  });

  it('a file of branch A is not readable from branch B by id, path, key or signed link', async () => {
    const a = await put('repA');
    const b = await put('repB');
    const notFound = (r: HttpAnswer) =>
      expect([r.status, r.json.errors?.[0]?.extensions.code]).toEqual([404, 'NOT_FOUND']);
    const random = randomUUID();
    const unknown = await get(base(), `/files/${random}/content`, { token: tok('repB') });
    notFound(unknown);
    // By id, as every person of B and as head office narrowed to B: the same answer as a random id.
    for (const who of ['repB', 'managerB'] as const)
      notFound(await get(base(), `/files/${a.id}/content`, { token: tok(who) }));
    notFound(await get(base(), `/files/${a.id}/content`, { token: tok('admin'), branchId: f.org.b.id }));
    // By path or key: the id is a UUID or nothing; the storage key is never an input.
    for (const path of [`${f.org.a.id}/${a.id}`, `..%2F${f.org.a.id}%2F${a.id}`, `${a.id}%00`, '..', 'x']) {
      notFound(await get(base(), `/files/${path}/content`, { token: tok('repB') }));
    }
    expect((await get(base(), `/files/../files/${a.id}/content`, { token: tok('repB') })).status).toBe(404);
    expect(
      (await f.ok<{ file: unknown }>('repB', `query($id: ID!) { file(id: $id) { id } }`, { id: a.id })).file,
    ).toBeNull();
    expect((await f.refused('repB', `query($id: ID!) { fileLink(id: $id) { url } }`, { id: a.id })).code).toBe(
      'NOT_FOUND',
    );

    // A's link works by itself, for A's file only.
    const { fileLink } = await f.ok<{ fileLink: { url: string; expiresAt: string } }>(
      'repA',
      `query($id: ID!) { fileLink(id: $id) { url expiresAt } }`,
      { id: a.id },
    );
    expect(new Date(fileLink.expiresAt).getTime() - Date.now()).toBeGreaterThan(290_000);
    const ok = await get(base(), fileLink.url);
    expect([ok.status, ok.body.equals(pdf())]).toEqual([200, true]);
    expect((await get(base(), fileLink.url, { token: tok('repA') })).status).toBe(200);
    // Copied to a B user (or to anyone else signed in), it answers as an unknown file.
    notFound(await get(base(), fileLink.url, { token: tok('repB') }));
    notFound(await get(base(), fileLink.url, { token: tok('managerA') }));
    // Altered: another file (B's), another branch, another person, a later expiry, another signature.
    const u = new URL(fileLink.url, base());
    const q = Object.fromEntries(u.searchParams);
    const alter = (over: Record<string, string>, id = a.id) =>
      `/files/${id}/content?${new URLSearchParams({ ...q, ...over })}`;
    notFound(await get(base(), alter({}, b.id)));
    notFound(await get(base(), alter({ branch: f.org.b.id })));
    notFound(await get(base(), alter({ user: f.org.users.repB.id })));
    notFound(await get(base(), alter({ expires: String(Number(q.expires) + 3600) })));
    notFound(await get(base(), alter({ sig: q.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })));
    // A link signed for A's file but naming branch B (as a B user might forge with the secret) finds nothing in B.
    const secret = f.api.config.fileLinkSecret;
    const expires = Math.floor(Date.now() / 1000) + 60;
    const forged = signLink(secret, { branchId: f.org.b.id, fileId: a.id, userId: f.org.users.repB.id, expires });
    notFound(await get(base(), `/files/${a.id}/content?${forged}`));
    // Expired, though well signed.
    const expired = signLink(secret, {
      branchId: f.org.a.id,
      fileId: a.id,
      userId: f.org.users.repA.id,
      expires: expires - 120,
    });
    notFound(await get(base(), `/files/${a.id}/content?${expired}`));
    // Without a token or a link: sign in first.
    expect((await get(base(), `/files/${a.id}/content`)).status).toBe(401);
  });

  it('refuses bad input with a typed error and stores nothing', async () => {
    const t = tok('repA');
    const b = base();
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', content: Buffer.from('just some text\n') }),
      400,
      'BAD_USER_INPUT',
      'file',
    );
    // A real PNG, but plans take office files only; a PDF named .png is still a PDF (the name says nothing).
    const msg = await refusedUpload(
      () => upload(b, { token: t, query: 'kind=PLAN', name: 'p.png', content: PNG }),
      400,
      'BAD_USER_INPUT',
      'file',
    );
    expect(msg).toContain('a image/png file is not accepted for this kind');
    expect((await put('repA', pdf(), 'kind=PLAN', 'looks-like.png')).contentType).toBe('application/pdf');
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', content: Buffer.alloc(0) }),
      400,
      'BAD_USER_INPUT',
      'file',
    );
    // Over LETTER's 25 MB: streamed without a length (found while reading), and declared up front.
    const big = () => pdfChunks(26 * MB);
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', content: big() }),
      413,
      'BAD_USER_INPUT',
      'file',
    );
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', content: big(), contentLength: 26 * MB + 400 }),
      413,
      'BAD_USER_INPUT',
      'file',
    );
    for (const name of ['../x.pdf', 'a/b.pdf', 'C:\\x.pdf', '..']) {
      await refusedUpload(
        () => upload(b, { token: t, query: 'kind=LETTER', name, content: pdf() }),
        400,
        'BAD_USER_INPUT',
        'name',
      );
    }
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', disposition: `filename*=UTF-8''a%00b.pdf`, content: pdf() }),
      400,
      'BAD_USER_INPUT',
      'name',
    );
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', disposition: `filename*=UTF-8''a%0Ab.pdf`, content: pdf() }),
      400,
      'BAD_USER_INPUT',
      'name',
    );
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=MEMO', content: pdf() }),
      400,
      'BAD_USER_INPUT',
      'kind',
    );
    await refusedUpload(() => upload(b, { token: t, query: '', content: pdf() }), 400, 'BAD_USER_INPUT', 'kind');
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', content: pdf(), contentType: 'application/pdf' }),
      400,
      'BAD_USER_INPUT',
      'file',
    );
    await refusedUpload(
      () => upload(b, { token: t, query: 'kind=LETTER', content: pdf(), contentType: 'multipart/form-data; x=1' }),
      400,
      'BAD_USER_INPUT',
      'file',
    );
    // Who: nobody signed in; a branch user naming another branch; head office without a branch.
    await refusedUpload(() => upload(b, { query: 'kind=LETTER', content: pdf() }), 401, 'UNAUTHENTICATED');
    await refusedUpload(
      () => upload(b, { token: t, query: `kind=LETTER&branchId=${f.org.b.id}`, content: pdf() }),
      403,
      'FORBIDDEN',
    );
    await refusedUpload(
      () => upload(b, { token: tok('admin'), query: 'kind=LETTER', content: pdf() }),
      400,
      'BAD_USER_INPUT',
      'branchId',
    );
    const hq = await put('admin', pdf(), `kind=LETTER&branchId=${f.org.b.id}`);
    expect(hq.branchId).toBe(f.org.b.id);
  });

  it('an upload cut off half-way leaves neither a row nor a stored object', async () => {
    const before = await stored();
    const r = await upload(base(), {
      token: tok('repA'),
      query: 'kind=REPORT',
      content: pdfChunks(40 * MB),
      contentLength: 40 * MB + 400,
      abortAfter: 12 * MB,
    });
    expect(r.status).toBe(0);
    // The server notices the cut connection and removes the part it was writing.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && JSON.stringify(await stored()) !== JSON.stringify(before))
      await new Promise((s) => setTimeout(s, 100));
    expect(await stored()).toEqual(before);
  });
});
