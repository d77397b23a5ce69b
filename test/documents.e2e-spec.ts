import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get, login, PASSWORD, pdf, upload, useFixture } from '@app/testing';

/**
 * Documents over GraphQL: drafted with a file, reviewed by the department head through the approval engine,
 * issued with a gap-free number per branch, kind and year, versions kept (an issued one changes only by a new
 * version), archived in number order; confidentiality by role, authorship and grant, every read of a
 * CONFIDENTIAL or SECRET document (metadata, file, link) recorded and listed; bad moves change nothing.
 */

const dir = mkdtempSync(join(tmpdir(), 'docs-documents-'));

const D = `id branchId kind title confidentiality state number currentVersion approvalRequestId createdById issuedAt archivedAt
  versions { version fileId note createdById file { id name sha256 } }`;

interface Doc {
  id: string;
  branchId: string;
  state: string;
  number: string | null;
  currentVersion: number;
  approvalRequestId: string | null;
  title: string;
  confidentiality: string;
  versions: { version: number; fileId: string; note: string | null; file: { id: string } | null }[];
}

describe('documents', () => {
  const f = useFixture({ env: { STORAGE_DIR: dir } });
  const tokens: Record<string, string> = {};
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** An archivist and a legal reviewer of branch A (the fixture has neither): same password, signed in. */
  beforeAll(async () => {
    for (const [key, role] of [
      ['archivistA', 'ARCHIVIST'],
      ['legalA', 'LEGAL'],
    ] as const) {
      const id = randomUUID();
      const email = `${key}.${id.slice(0, 6)}@test.example`.toLowerCase();
      await f.owner.query(
        `INSERT INTO users (id, organization_id, email, display_name, password_hash)
         SELECT $1, organization_id, $2, $3, password_hash FROM users WHERE id = $4`,
        [id, email, key, f.org.users.repA.id],
      );
      await f.owner.query('INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        id,
        f.org.a.id,
        role,
      ]);
      tokens[key] = (await login(f.api.url, email, PASSWORD)).accessToken;
      tokens[`${key}Id`] = id;
    }
  });

  const base = () => f.api.url.replace(/\/graphql$/, '');
  const gqlAs = async (token: string, doc: string, vars: Record<string, unknown> = {}) => {
    const r = await fetch(f.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: doc, variables: vars }),
    });
    return (await r.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions: { code: string } }[];
    };
  };

  const file = async (who: string, kind = 'NOTICE', bytes = 4096) => {
    const r = await upload(base(), {
      token: f.tokens[who as 'repA'] ?? tokens[who],
      query: `kind=${kind}`,
      name: `${kind}.pdf`,
      content: pdf(bytes),
    });
    expect(r.status).toBe(201);
    return (r.json.data!.file as { id: string }).id;
  };
  const CREATE = `mutation($in: CreateDocumentInput!) { createDocument(input: $in) { ${D} } }`;
  const GET = `query($id: ID!) { document(id: $id) { ${D} } }`;
  const SUBMIT = `mutation($id: ID!) { submitDocumentForReview(id: $id) { ${D} } }`;
  const ARCHIVE = `mutation($id: ID!) { archiveDocument(id: $id) { ${D} } }`;
  const VERSION = `mutation($id: ID!, $in: AddDocumentVersionInput!) { addDocumentVersion(id: $id, input: $in) { ${D} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateDocumentInput!) { updateDocument(id: $id, input: $in) { ${D} } }`;
  const READS = `query($id: ID!) { documentReads(documentId: $id, first: 50) { totalCount edges { node { readerId what fileId } } } }`;

  const create = async (who: string, input: Record<string, unknown> = {}): Promise<Doc> => {
    const kind = (input.kind as string) ?? 'NOTICE';
    const fileId = await file(who, kind);
    return (
      await f.ok<{ createDocument: Doc }>(who, CREATE, {
        in: { kind, title: 'Holiday notice', confidentiality: 'INTERNAL', fileId, ...input },
      })
    ).createDocument;
  };
  const stepOf = async (requestId: string) =>
    (await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [requestId]))
      .rows[0]?.id as string;
  const issue = async (who: string, doc: Doc): Promise<Doc> => {
    const submitted = (await f.ok<{ submitDocumentForReview: Doc }>(who, SUBMIT, { id: doc.id }))
      .submitDocumentForReview;
    expect(submitted.state).toBe('IN_REVIEW');
    await f.ok('managerA', `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`, {
      s: await stepOf(submitted.approvalRequestId!),
    });
    return (await f.ok<{ document: Doc }>(who, GET, { id: doc.id })).document;
  };
  const rows = async () =>
    (await f.owner.query(`SELECT to_jsonb(d)::text AS r FROM documents d ORDER BY id`)).rows
      .map((r: { r: string }) => r.r)
      .join('\n') + (await f.owner.query(`SELECT count(*) FROM document_versions`)).rows[0].count;

  it('draft, review by the department head, issue with a gap-free number, versions, archive in number order', async () => {
    const a = await create('repA', { title: 'Notice A' });
    expect(a).toMatchObject({ state: 'DRAFT', number: null, currentVersion: 1 });
    expect(a.versions).toHaveLength(1);
    const edited = (await f.ok<{ updateDocument: Doc }>('repA', UPDATE, { id: a.id, in: { title: 'Notice A (v2)' } }))
      .updateDocument;
    expect(edited.title).toBe('Notice A (v2)');

    const b = await create('repA', { title: 'Notice B' });
    const issuedA = await issue('repA', a);
    const issuedB = await issue('repA', b);
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    expect([issuedA.state, issuedA.number, issuedB.number]).toEqual([
      'ISSUED',
      `AA-TZ-${year}-0001`,
      `AA-TZ-${year}-0002`,
    ]);
    // Another kind counts on its own.
    const r = await issue('repA', await create('repA', { kind: 'REPORT', title: 'Q4 report' }));
    expect(r.number).toBe(`AA-BG-${year}-0001`);

    // Issued: edits refused naming both states; a new version is the way, kept with who and when.
    const before = await rows();
    const refused = await f.call('repA', UPDATE, { id: a.id, in: { title: 'x' } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    expect(refused.body.errors?.[0]?.message).toContain('ISSUED');
    expect(refused.body.errors?.[0]?.message).toContain('DRAFT');
    expect(await rows()).toBe(before);
    const v2 = (
      await f.ok<{ addDocumentVersion: Doc }>('repA', VERSION, {
        id: a.id,
        in: { fileId: await file('repA'), note: 'Dates fixed' },
      })
    ).addDocumentVersion;
    expect([v2.state, v2.number, v2.currentVersion, v2.versions.map((v) => [v.version, v.note])]).toEqual([
      'ISSUED',
      issuedA.number,
      2,
      [
        [1, null],
        [2, 'Dates fixed'],
      ],
    ]);

    // Archive in number order: B (0002) waits for A (0001); the archivist archives.
    const early = await gqlAs(tokens.archivistA, ARCHIVE, { id: b.id });
    expect(early.errors?.[0]?.extensions.code).toBe('INVALID_STATE');
    expect(early.errors?.[0]?.message).toContain(`archive AA-TZ-${year}-0001`);
    expect((await f.refused('repA', ARCHIVE, { id: a.id })).code).toBe('FORBIDDEN');
    expect(((await gqlAs(tokens.archivistA, ARCHIVE, { id: a.id })).data!.archiveDocument as Doc).state).toBe(
      'ARCHIVED',
    );
    expect(((await gqlAs(tokens.archivistA, ARCHIVE, { id: b.id })).data!.archiveDocument as Doc).state).toBe(
      'ARCHIVED',
    );
    const late = await f.call('repA', VERSION, { id: a.id, in: { fileId: await file('repA') } });
    expect(late.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
  });

  it('a returned or rejected review goes back to DRAFT without using a number', async () => {
    const d = await create('repA', { kind: 'PLAN', title: 'Plan' });
    const s = (await f.ok<{ submitDocumentForReview: Doc }>('repA', SUBMIT, { id: d.id })).submitDocumentForReview;
    const frozen = await f.call('repA', VERSION, { id: d.id, in: { fileId: await file('repA', 'PLAN') } });
    expect(frozen.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    await f.ok('managerA', `mutation($s: ID!) { returnStep(stepId: $s, comment: "Add the budget") { id } }`, {
      s: await stepOf(s.approvalRequestId!),
    });
    const back = (await f.ok<{ document: Doc }>('repA', GET, { id: d.id })).document;
    expect([back.state, back.number]).toEqual(['DRAFT', null]);
    const issued = await issue('repA', back);
    expect(issued.number).toMatch(/^AA-JH-\d{4}-0001$/);
  });

  it('confidentiality: by role, authorship and grant; every read of a CONFIDENTIAL document recorded and listed', async () => {
    const secret = await create('managerA', { title: 'Pricing strategy', confidentiality: 'CONFIDENTIAL' });
    const fileId = secret.versions[0].fileId;
    // A rep is not cleared: the document, its file and a link answer as unknown ids; nothing is recorded for them.
    expect((await f.ok<{ document: Doc | null }>('repA', GET, { id: secret.id })).document).toBeNull();
    expect(
      (await f.ok<{ file: unknown }>('repA', `query($id: ID!) { file(id: $id) { id } }`, { id: fileId })).file,
    ).toBeNull();
    expect((await get(base(), `/files/${fileId}/content`, { token: f.tokens.repA })).status).toBe(404);
    const list = await f.ok<{ documents: { edges: { node: { id: string } }[] } }>(
      'repA',
      `query { documents(first: 50, filter: { confidentiality: CONFIDENTIAL }) { edges { node { id } } } }`,
    );
    expect(list.documents.edges).toEqual([]);
    // Finance and legal are cleared; their reads are recorded (metadata, file, link).
    expect((await f.ok<{ document: Doc }>('financeA', GET, { id: secret.id })).document.id).toBe(secret.id);
    expect((await get(base(), `/files/${fileId}/content`, { token: f.tokens.financeA })).status).toBe(200);
    expect(
      (
        (await gqlAs(tokens.legalA, `query($id: ID!) { fileLink(id: $id) { url } }`, { id: fileId })).data!
          .fileLink as { url: string }
      ).url,
    ).toContain(fileId);
    // A grant opens it to the rep; a revoke closes it again.
    await f.ok('managerA', `mutation($d: ID!, $u: ID!) { grantDocumentAccess(documentId: $d, userId: $u) { id } }`, {
      d: secret.id,
      u: f.org.users.repA.id,
    });
    expect(
      (
        await f.refused(
          'managerA',
          `mutation($d: ID!, $u: ID!) { grantDocumentAccess(documentId: $d, userId: $u) { id } }`,
          { d: secret.id, u: f.org.users.repA.id },
        )
      ).code,
    ).toBe('CONFLICT');
    expect((await f.ok<{ document: Doc }>('repA', GET, { id: secret.id })).document.id).toBe(secret.id);
    await f.ok('managerA', `mutation($d: ID!, $u: ID!) { revokeDocumentAccess(documentId: $d, userId: $u) }`, {
      d: secret.id,
      u: f.org.users.repA.id,
    });
    expect((await f.ok<{ document: Doc | null }>('repA', GET, { id: secret.id })).document).toBeNull();
    // The audit is a query, for keepers of secrets; the rep cannot ask it.
    const reads = (
      await f.ok<{ documentReads: { totalCount: number; edges: { node: { readerId: string; what: string } }[] } }>(
        'managerA',
        READS,
        { id: secret.id },
      )
    ).documentReads;
    const seen = reads.edges.map((e) => `${e.node.what}:${e.node.readerId}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        `METADATA:${f.org.users.financeA.id}`,
        `FILE:${f.org.users.financeA.id}`,
        `LINK:${tokens.legalAId}`,
        `METADATA:${f.org.users.repA.id}`,
      ]),
    );
    expect(seen.filter((s) => s.endsWith(f.org.users.repA.id))).toEqual([`METADATA:${f.org.users.repA.id}`]);
    expect((await f.refused('repA', READS, { id: secret.id })).code).toBe('FORBIDDEN');
    // INTERNAL documents are not audited.
    const plain = await create('repA');
    await f.ok('financeA', GET, { id: plain.id });
    expect(
      (await f.owner.query('SELECT count(*)::int AS n FROM document_reads WHERE document_id = $1', [plain.id])).rows[0]
        .n,
    ).toBe(0);
  });

  it('refuses bad input and other branches’ ids, changing nothing', async () => {
    const before = await rows();
    const fileA = await file('repA');
    const fileB = await file('repB');
    const letter = await file('repA', 'LETTER');
    const cases: [string, Record<string, unknown>, string][] = [
      ['repA', { kind: 'NOTICE', title: 'x', confidentiality: 'INTERNAL', fileId: fileB }, 'NOT_FOUND'],
      ['repA', { kind: 'NOTICE', title: 'x', confidentiality: 'INTERNAL', fileId: letter }, 'BAD_USER_INPUT'],
      ['repA', { kind: 'NOTICE', title: '  ', confidentiality: 'INTERNAL', fileId: fileA }, 'BAD_USER_INPUT'],
      ['repA', { kind: 'NOTICE', title: 'x', confidentiality: 'INTERNAL', fileId: randomUUID() }, 'NOT_FOUND'],
      [
        'repA',
        { kind: 'NOTICE', title: 'x', confidentiality: 'INTERNAL', fileId: fileA, branchId: f.org.b.id },
        'FORBIDDEN',
      ],
      ['rep2A', { kind: 'NOTICE', title: 'x', confidentiality: 'INTERNAL', fileId: fileA }, 'NOT_FOUND'],
    ];
    for (const [who, input, code] of cases)
      expect({ input, code: (await f.refused(who, CREATE, { in: input })).code }).toEqual({ input, code });
    const a = await create('repA');
    const marker = await rows();
    expect(marker).not.toBe(before);
    // Another branch: the document answers as a random id, to every operation.
    for (const doc of [
      `query($id: ID!) { document(id: $id) { id } }`,
      SUBMIT,
      ARCHIVE,
      `mutation($id: ID!) { updateDocument(id: $id, input: { title: "x" }) { id } }`,
    ]) {
      const r = await f.call('managerB', doc, { id: a.id });
      if (r.body.errors) expect(r.body.errors[0].extensions?.code).toBe('NOT_FOUND');
      else expect(Object.values(r.body.data ?? {})).toEqual([null]);
    }
    expect((await f.refused('managerA', UPDATE, { id: a.id, in: {} })).code).toBe('BAD_USER_INPUT');
    // A file already in a document cannot start another.
    expect(
      (
        await f.refused('repA', CREATE, {
          in: { kind: 'NOTICE', title: 'again', confidentiality: 'INTERNAL', fileId: a.versions[0].fileId },
        })
      ).code,
    ).toBe('BAD_USER_INPUT');
    // Someone else's draft: not the author, not an editor.
    expect((await f.refused('rep2A', UPDATE, { id: a.id, in: { title: 'mine' } })).code).toBe('FORBIDDEN');
    expect(await rows()).toBe(marker);
  });
});
