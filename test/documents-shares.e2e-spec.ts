import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayIn } from '@app/core';
import { get, pdf, upload, useFixture } from '@app/testing';

/**
 * Sharing outside the company: a document leaves only under a recorded NDA (PUBLIC ones need none, SECRET ones
 * never), through a link with a random token that works for a few days, never beyond the NDA, and stops at once
 * when revoked. The recipient needs no account; every download is recorded with when and from where. A link with
 * any part altered, expired or revoked answers 404 like an unknown one, and refusals change nothing.
 */

const dir = mkdtempSync(join(tmpdir(), 'docs-shares-'));

const NDA = `mutation($in: RecordNdaInput!) { recordNda(input: $in) { id branchId counterparty counterpartyContact
  signedOn expiresOn fileId recordedById } }`;
const SHARE = `mutation($in: ShareDocumentInput!) { shareDocumentExternally(input: $in) {
  url share { id branchId documentId ndaId recipient purpose expiresAt sharedById revokedAt } } }`;
const REVOKE = `mutation($id: ID!) { revokeDocumentShare(id: $id) { id revokedAt revokedById } }`;
const SHARES = `query($f: DocumentShareFilter) { documentShares(first: 50, filter: $f) { totalCount
  edges { node { id documentId revokedAt downloads { fileId clientIp at } } } } }`;

interface Share {
  id: string;
  branchId: string;
  documentId: string;
  ndaId: string | null;
  expiresAt: string;
  revokedAt: string | null;
}

describe('documents: NDAs and external shares', () => {
  const f = useFixture({
    env: { STORAGE_DIR: dir },
    people: { legalA: { branch: 'a', role: 'LEGAL' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const base = () => f.api.url.replace(/\/graphql$/, '');
  const fileOf = async (who: string, kind: string, content = pdf(2048)) => {
    const r = await upload(base(), { token: f.tokens[who], query: `kind=${kind}`, name: `${kind}.pdf`, content });
    expect(r.status).toBe(201);
    return (r.json.data!.file as { id: string }).id;
  };
  const stepOf = async (requestId: string) =>
    (await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [requestId]))
      .rows[0].id as string;
  const docOf = async (who: string, confidentiality: string, issue: boolean, content = pdf(2048)) => {
    const fileId = await fileOf(who, 'LETTER', content);
    const { createDocument: d } = await f.ok<{ createDocument: { id: string } }>(
      who,
      `mutation($in: CreateDocumentInput!) { createDocument(input: $in) { id } }`,
      { in: { kind: 'LETTER', title: `Offer ${confidentiality}`, confidentiality, fileId } },
    );
    if (issue) {
      const { submitDocumentForReview: s } = await f.ok<{ submitDocumentForReview: { approvalRequestId: string } }>(
        who,
        `mutation($id: ID!) { submitDocumentForReview(id: $id) { approvalRequestId } }`,
        { id: d.id },
      );
      await f.ok('managerA', `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, {
        s: await stepOf(s.approvalRequestId),
      });
    }
    return d.id;
  };
  const table = async () =>
    (
      await f.owner.query(
        `SELECT (SELECT count(*) FROM nda_records)::int AS ndas, (SELECT count(*) FROM document_shares)::int AS shares,
                (SELECT count(*) FROM document_share_downloads)::int AS downloads,
                (SELECT count(*) FROM document_shares WHERE revoked_at IS NOT NULL)::int AS revoked`,
      )
    ).rows[0];

  let today: string;
  const original = pdf(5000);
  let internal: string;
  let publicDoc: string;
  let secret: string;
  let draft: string;
  let nda: { id: string };

  beforeAll(async () => {
    today = todayIn('Asia/Shanghai');
    internal = await docOf('repA', 'INTERNAL', true, original);
    publicDoc = await docOf('repA', 'PUBLIC', true);
    secret = await docOf('repA', 'SECRET', true);
    draft = await docOf('repA', 'INTERNAL', false);
  });

  it('records an NDA with the scan of the signed agreement; bad dates, files and people are refused', async () => {
    const agreement = await fileOf('legalA', 'AGREEMENT');
    const input = {
      counterparty: '上海华东设备有限公司',
      counterpartyContact: '王经理',
      signedOn: addDays(today, -10),
      expiresOn: addDays(today, 20),
      fileId: agreement,
    };
    const before = await table();
    expect(await f.refused('repA', NDA, { in: input })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await f.refused('legalA', NDA, { in: { ...input, signedOn: addDays(today, 1) } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['signedOn'],
    });
    expect(await f.refused('legalA', NDA, { in: { ...input, expiresOn: input.signedOn } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['expiresOn'],
    });
    expect(await f.refused('legalA', NDA, { in: { ...input, signedOn: '2026-13-45' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      await f.refused('legalA', NDA, { in: { ...input, fileId: await fileOf('legalA', 'NOTICE') } }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['fileId'] });
    expect(await f.refused('managerB', NDA, { in: input })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await table()).toEqual(before);

    nda = (await f.ok<{ recordNda: { id: string } }>('legalA', NDA, { in: input })).recordNda;
    expect(nda).toMatchObject({
      branchId: f.org.a.id,
      counterparty: '上海华东设备有限公司',
      signedOn: input.signedOn,
      expiresOn: input.expiresOn,
      fileId: agreement,
      recordedById: f.u.legalA.id,
    });
  });

  let share: Share;
  let url: string;

  it('shares an issued INTERNAL document under the NDA: the link opens it for someone without an account', async () => {
    const input = { documentId: internal, recipient: 'Li Lei, East China Equipment', purpose: 'Tender preparation' };
    expect(await f.refused('legalA', SHARE, { in: { ...input, days: 5 } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['ndaId'],
      message: expect.stringMatching(/INTERNAL document leaves the company only under an NDA/),
    });
    expect(await f.refused('legalA', SHARE, { in: { ...input, ndaId: nda.id, days: 25 } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['days'],
    });
    const made = (
      await f.ok<{ shareDocumentExternally: { url: string; share: Share } }>('legalA', SHARE, {
        in: { ...input, ndaId: nda.id, days: 5 },
      })
    ).shareDocumentExternally;
    ({ share, url } = made);
    expect(share).toMatchObject({ branchId: f.org.a.id, documentId: internal, ndaId: nda.id, revokedAt: null });
    const hours = (new Date(share.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(119);
    expect(hours).toBeLessThanOrEqual(120);
    expect(url).toMatch(/^\/files\/shared\/[0-9a-f-]{36}\/[0-9a-f-]{36}\?token=[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is kept.
    const stored = await f.owner.query(`SELECT token_sha256 FROM document_shares WHERE id = $1`, [share.id]);
    expect(stored.rows[0].token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(url).not.toContain(stored.rows[0].token_sha256);

    const r = await get(base(), url);
    expect(r.status).toBe(200);
    expect(r.body.equals(original)).toBe(true);
    const listed = await f.ok<{ documentShares: { edges: { node: { downloads: { clientIp: string }[] } }[] } }>(
      'managerA',
      SHARES,
      { f: { documentId: internal } },
    );
    expect(listed.documentShares.edges.map((e) => e.node.downloads.length)).toEqual([1]);
    expect(listed.documentShares.edges[0].node.downloads[0].clientIp).toMatch(/127\.0\.0\.1/);
  });

  it('a link with any part altered answers 404 like an unknown one, and records nothing', async () => {
    const before = await table();
    const token = url.split('token=')[1];
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      url.replace(`token=${token}`, `token=${flip(token)}`),
      url.replace(share.branchId, f.org.b.id),
      url.replace(share.id, '00000000-0000-4000-8000-000000000000'),
      url.replace(`?token=${token}`, ''),
      url.replace(`token=${token}`, 'token=short'),
    ]) {
      const r = await get(base(), bad);
      expect({ bad, status: r.status, code: r.json.errors?.[0].extensions.code }).toEqual({
        bad,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    expect(await table()).toEqual(before);
  });

  it('the link opens the version in force, and stops at once when revoked or expired', async () => {
    const v2 = pdf(6000);
    await f.ok(
      'repA',
      `mutation($id: ID!, $in: AddDocumentVersionInput!) { addDocumentVersion(id: $id, input: $in) { id } }`,
      {
        id: internal,
        in: { fileId: await fileOf('repA', 'LETTER', v2), note: 'Second edition' },
      },
    );
    expect((await get(base(), url)).body.equals(v2)).toBe(true);

    expect(await f.refused('repA', REVOKE, { id: share.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await f.refused('managerB', REVOKE, { id: share.id })).toMatchObject({ code: 'NOT_FOUND' });
    const revoked = (
      await f.ok<{ revokeDocumentShare: Share & { revokedById: string } }>('legalA', REVOKE, { id: share.id })
    ).revokeDocumentShare;
    expect(revoked.revokedById).toBe(f.u.legalA.id);
    expect((await get(base(), url)).status).toBe(404);
    expect(await f.refused('legalA', REVOKE, { id: share.id })).toMatchObject({ code: 'INVALID_STATE' });

    const fresh = (
      await f.ok<{ shareDocumentExternally: { url: string; share: Share } }>('managerA', SHARE, {
        in: { documentId: internal, ndaId: nda.id, recipient: 'Han Meimei', purpose: 'Review', days: 1 },
      })
    ).shareDocumentExternally;
    expect((await get(base(), fresh.url)).status).toBe(200);
    await f.owner.query(
      `UPDATE document_shares SET shared_at = now() - interval '2 days', expires_at = now() - interval '1 second'
       WHERE id = $1`,
      [fresh.share.id],
    );
    expect((await get(base(), fresh.url)).status).toBe(404);
    const active = await f.ok<{ documentShares: { totalCount: number } }>('managerA', SHARES, { f: { active: true } });
    expect(active.documentShares.totalCount).toBe(0);
  });

  it('PUBLIC documents need no NDA; SECRET ones and drafts never leave; an expired NDA covers nothing', async () => {
    const common = { recipient: 'Press office', purpose: 'Announcement', days: 3 };
    const pub = (
      await f.ok<{ shareDocumentExternally: { url: string; share: Share } }>('legalA', SHARE, {
        in: { ...common, documentId: publicDoc },
      })
    ).shareDocumentExternally;
    expect(pub.share.ndaId).toBeNull();
    const before = await table();
    expect(await f.refused('managerA', SHARE, { in: { ...common, documentId: secret, ndaId: nda.id } })).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/SECRET/),
    });
    expect(await f.refused('legalA', SHARE, { in: { ...common, documentId: draft, ndaId: nda.id } })).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/DRAFT/),
    });
    expect(await f.refused('repA', SHARE, { in: { ...common, documentId: internal, ndaId: nda.id } })).toMatchObject({
      code: 'FORBIDDEN',
    });
    await f.owner.query(`UPDATE nda_records SET signed_on = $2, expires_on = $3 WHERE id = $1`, [
      nda.id,
      addDays(today, -30),
      addDays(today, -1),
    ]);
    expect(await f.refused('legalA', SHARE, { in: { ...common, documentId: internal, ndaId: nda.id } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['ndaId'],
    });
    expect(await table()).toEqual(before);
  });

  it('the register is the keepers’: branch B and reps see nothing of branch A', async () => {
    expect(
      (await f.ok<{ documentShares: { totalCount: number } }>('managerB', SHARES, {})).documentShares.totalCount,
    ).toBe(0);
    expect(
      (await f.ok<{ documentShares: { totalCount: number } }>('admin', SHARES, {})).documentShares.totalCount,
    ).toBe(3);
    expect(await f.refused('repA', SHARES, {})).toMatchObject({ code: 'FORBIDDEN' });
    const ndas = `query($f: NdaRecordFilter) { ndaRecords(first: 10, filter: $f) { totalCount } }`;
    expect((await f.ok<{ ndaRecords: { totalCount: number } }>('legalA', ndas, {})).ndaRecords.totalCount).toBe(1);
    expect(
      (await f.ok<{ ndaRecords: { totalCount: number } }>('admin', ndas, { f: { branchId: f.org.b.id } })).ndaRecords
        .totalCount,
    ).toBe(0);
  });
});
