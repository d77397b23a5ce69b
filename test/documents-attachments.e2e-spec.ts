import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get, insertCustomer, pdf, problem, upload, useFixture } from '@app/testing';
import { insertSignedContract } from './order-fixture.js';

/**
 * Attachments from other modules go through the documents module: the scan of a contract's signed original, the
 * file behind a tender's qualification document, the files of a visit report. Whoever sees the row may read its
 * files (the archivist, finance, the owner); a colleague rep and another branch get them as unknown ids; a file of
 * another branch, or one the caller may not read, is refused by name and nothing changes.
 */

const dir = mkdtempSync(join(tmpdir(), 'documents-attachments-'));
const ISO_DAY = 86_400_000;
/** A business day of the branches (Asia/Shanghai), n days from today. */
const day = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * ISO_DAY));

const RECEIVE = `mutation($id: ID!, $scan: ID) { markContractOriginalReceived(id: $id, scanFileId: $scan) {
  id originalReceived originalScans { id name sha256 } } }`;
const CONTRACT = `query($id: ID!) { contract(id: $id) { id originalReceived originalScans { id } } }`;
const FILE = `query($id: ID!) { file(id: $id) { id } }`;

describe('documents: files attached to contracts, tender documents and visit reports', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '10', STORAGE_DIR: dir },
    people: { archivistA: { branch: 'a', role: 'ARCHIVIST' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let customerA = '';
  const base = () => f.api.url.replace(/\/graphql$/, '');

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'Acme' });
  });

  /** A PDF uploaded through POST /files by `who`, its id. */
  async function uploaded(who: string, kind = 'CONTRACT', name = 'scan.pdf'): Promise<string> {
    const r = await upload(base(), { token: f.tokens[who], query: `kind=${kind}`, name, content: pdf() });
    expect({ status: r.status, errors: r.json.errors }).toEqual({ status: 201, errors: undefined });
    return (r.json.data!.file as { id: string }).id;
  }

  /** Whether `who` may read the file: its metadata and its bytes agree. */
  async function reads(who: string, fileId: string): Promise<boolean> {
    const meta = (await f.ok<{ file: { id: string } | null }>(who, FILE, { id: fileId })).file;
    const bytes = await get(base(), `/files/${fileId}/content`, { token: f.tokens[who] });
    expect(bytes.status === 200).toBe(meta !== null);
    return meta !== null;
  }

  const attachmentRows = async () =>
    Number((await f.owner.query<{ n: string }>(`SELECT count(*) AS n FROM file_attachments`)).rows[0].n);

  const signedContractOfRepA = () =>
    insertSignedContract(f.owner, { branchId: f.org.a.id, customerId: customerA, ownerId: f.org.users.repA.id });

  it('the archivist files a signed original with its scan: the owner and finance may read it, a colleague and branch B may not', async () => {
    const contract = await signedContractOfRepA();
    const scan = await uploaded('archivistA');
    expect(await reads('repA', scan)).toBe(false); // a loose file: its uploader and the keepers only
    const { markContractOriginalReceived: c } = await f.ok<{
      markContractOriginalReceived: { originalReceived: boolean; originalScans: { id: string }[] };
    }>('archivistA', RECEIVE, { id: contract, scan });
    expect(c.originalReceived).toBe(true);
    expect(c.originalScans.map((s) => s.id)).toEqual([scan]);
    expect(await reads('repA', scan)).toBe(true);
    expect(await reads('financeA', scan)).toBe(true);
    expect(await reads('rep2A', scan)).toBe(false);
    expect(await reads('managerB', scan)).toBe(false);
    expect((await f.ok<{ contract: unknown }>('rep2A', CONTRACT, { id: contract })).contract).toBeNull();
    const audit = await f.owner.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'original_received'`,
      [contract],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('an original received without a scan gets it later; without a scan twice it is refused', async () => {
    const contract = await signedContractOfRepA();
    await f.ok('repA', RECEIVE, { id: contract, scan: null });
    expect(problem(await f.call('repA', RECEIVE, { id: contract, scan: null })).code).toBe('INVALID_STATE');
    const scan = await uploaded('repA');
    const { markContractOriginalReceived: c } = await f.ok<{
      markContractOriginalReceived: { originalScans: { id: string }[] };
    }>('repA', RECEIVE, { id: contract, scan });
    expect(c.originalScans.map((s) => s.id)).toEqual([scan]);
    // The same scan again changes nothing.
    const again = await f.ok<{ markContractOriginalReceived: { originalScans: { id: string }[] } }>('repA', RECEIVE, {
      id: contract,
      scan,
    });
    expect(again.markContractOriginalReceived.originalScans).toHaveLength(1);
  });

  it('refuses a scan of another branch, one the caller may not read, an unknown or malformed id: nothing changes', async () => {
    const contract = await signedContractOfRepA();
    const ofB = await uploaded('managerB');
    const ofColleague = await uploaded('rep2A');
    const before = await attachmentRows();
    for (const scan of [ofB, ofColleague, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const p = problem(await f.call('repA', RECEIVE, { id: contract, scan }));
      expect({ code: p.code, fields: p.fields }).toEqual({ code: 'BAD_USER_INPUT', fields: ['scanFileId'] });
      expect(p.message).toMatch(/upload the scan of the signed original with POST \/files first/);
    }
    // A file that is a document's version keeps the document's clearance: it is not attached elsewhere.
    const docFile = await uploaded('repA', 'CONTRACT', 'terms.pdf');
    await f.ok('repA', `mutation($in: CreateDocumentInput!) { createDocument(input: $in) { id } }`, {
      in: { kind: 'CONTRACT', title: 'Supply terms', confidentiality: 'CONFIDENTIAL', fileId: docFile },
    });
    const asVersion = problem(await f.call('repA', RECEIVE, { id: contract, scan: docFile }));
    expect({ code: asVersion.code, fields: asVersion.fields }).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['scanFileId'],
    });
    expect(asVersion.message).toMatch(/version of a document/);
    expect(await attachmentRows()).toBe(before);
    const { contract: c } = await f.ok<{ contract: { originalReceived: boolean } }>('repA', CONTRACT, { id: contract });
    expect(c.originalReceived).toBe(false);
    // Branch B's people cannot attach to branch A's contract (an unknown id to them), a clerk of no contract rights
    // (a rep of another branch) neither.
    expect(problem(await f.call('managerB', RECEIVE, { id: contract, scan: ofB })).code).toBe('NOT_FOUND');
  });

  it('a tender document becomes ready with its prepared file, which whoever sees the tender may read', async () => {
    const deadline = new Date(Date.now() + 10 * ISO_DAY).toISOString();
    const { createTender: t } = await f.ok<{ createTender: { id: string } }>(
      'repA',
      `mutation($in: CreateTenderInput!) { createTender(input: $in) { id } }`,
      { in: { project: 'Pumps, phase 2', issuer: 'City Water', submissionDeadline: deadline, bidAmount: '880000.00' } },
    );
    const { addTenderDocument: d } = await f.ok<{ addTenderDocument: { id: string } }>(
      'repA',
      `mutation($in: AddTenderDocumentInput!) { addTenderDocument(input: $in) { id } }`,
      { in: { tenderId: t.id, name: 'Business licence' } },
    );
    const file = await uploaded('repA', 'QUALIFICATION', 'licence.pdf');
    const ATTACH = `mutation($id: ID!, $file: ID!) { attachTenderDocumentFile(id: $id, fileId: $file) {
      id ready files { id } } }`;
    const ofB = await uploaded('managerB', 'QUALIFICATION');
    expect(problem(await f.call('repA', ATTACH, { id: d.id, file: ofB })).fields).toEqual(['fileId']);
    const still = await f.owner.query<{ ready: boolean }>(`SELECT ready FROM tender_documents WHERE id = $1`, [d.id]);
    expect(still.rows[0].ready).toBe(false);
    const { attachTenderDocumentFile: a } = await f.ok<{
      attachTenderDocumentFile: { ready: boolean; files: { id: string }[] };
    }>('repA', ATTACH, { id: d.id, file });
    expect(a).toMatchObject({ ready: true, files: [{ id: file }] });
    expect(await reads('financeA', file)).toBe(true);
    expect(await reads('rep2A', file)).toBe(false);
    expect(await reads('repB', file)).toBe(false);
    expect(problem(await f.call('rep2A', ATTACH, { id: d.id, file })).code).toBe('NOT_FOUND');
  });

  it('a visit report carries its files; a file the reporter may not read refuses the whole report', async () => {
    const { planVisit: v } = await f.ok<{ planVisit: { id: string } }>(
      'repA',
      `mutation($in: PlanVisitInput!) { planVisit(input: $in) { id } }`,
      { in: { customerId: customerA, plannedOn: day(0), purpose: 'Present the upgrade' } },
    );
    const REPORT = `mutation($id: ID!, $in: VisitReportInput!) { fileVisitReport(id: $id, input: $in) {
      id state reportFiles { id name } } }`;
    const photo = await uploaded('repA', 'REPORT', 'site.pdf');
    const sheet = await uploaded('repA', 'REPORT', 'signed sheet.pdf');
    const ofColleague = await uploaded('rep2A', 'REPORT');
    const refused = problem(
      await f.call('repA', REPORT, { id: v.id, in: { summary: 'Met the buyer', fileIds: [photo, ofColleague] } }),
    );
    expect({ code: refused.code, fields: refused.fields }).toEqual({ code: 'BAD_USER_INPUT', fields: ['fileIds'] });
    expect(refused.message).toMatch(/the 2\. of 2/);
    const state = await f.owner.query<{ state: string }>(`SELECT state FROM visits WHERE id = $1`, [v.id]);
    expect(state.rows[0].state).toBe('PLANNED');
    const { fileVisitReport: r } = await f.ok<{ fileVisitReport: { state: string; reportFiles: { id: string }[] } }>(
      'repA',
      REPORT,
      { id: v.id, in: { summary: 'Met the buyer', fileIds: [photo, sheet] } },
    );
    expect(r.state).toBe('DONE');
    expect(r.reportFiles.map((x) => x.id)).toEqual([photo, sheet]);
    expect(await reads('financeA', sheet)).toBe(true);
    expect(await reads('rep2A', sheet)).toBe(false);
    expect(await reads('managerB', sheet)).toBe(false);
  });
});
