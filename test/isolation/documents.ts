import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, org1, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Documents: files, documents, grants, reads, integrity, loans, NDAs, shares, attachments. */
export interface DocumentsSlot {
  /** A stored LETTER file the slot's user uploaded (the row only: metadata and links need no bytes). */
  file: string;
  /** A DRAFT INTERNAL NOTICE the slot's user wrote (version 1: docFile), granted to that user, with a recorded read. */
  document: string;
  docFile: string;
  /** An open MISMATCH problem of the slot's `file`, found by the integrity scan. */
  integrityProblem: string;
  /** An ISSUED INTERNAL LETTER of the slot's user, and a LENT loan of its original to that user (due in 5 days). */
  issuedDocument: string;
  loan: string;
  /** An AGREEMENT file (the NDA scan), the NDA recorded on it (valid today), an external share of issuedDocument
   *  under it, with one download. */
  ndaFile: string;
  nda: string;
  share: string;
  /** A file attached to the slot's contract (the scan of its original), the slot's visit (a report file) and its
   *  tender document: readable through those rows only. */
  attachedFile: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'files',
  'documents',
  'document_versions',
  'document_number_counters',
  'document_grants',
  'document_reads',
  'file_checks',
  'file_integrity_problems',
  'document_loans',
  'nda_records',
  'document_shares',
  'document_share_downloads',
];

export const cases: Case[] = [
  {
    name: 'file(id) attached to a contract, a visit and a tender document',
    kind: 'attachedFile',
    doc: `query($id: ID!) { file(id: $id) { id name } }`,
  },
  {
    name: 'fileLink(id) attached',
    kind: 'attachedFile',
    doc: `query($id: ID!) { fileLink(id: $id) { url } }`,
  },
  {
    name: 'contract(id) { originalScans }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id originalScans { id } } }`,
  },
  {
    name: 'visit(id) { reportFiles }',
    kind: 'visit',
    doc: `query($id: ID!) { visit(id: $id) { id reportFiles { id } } }`,
  },
  {
    name: 'attachTenderDocumentFile(id)',
    kind: 'tenderDocument',
    doc: `mutation($id: ID!, $f: ID!) { attachTenderDocumentFile(id: $id, fileId: $f) { id files { id } } }`,
    vars: (id, me) => ({ id, f: me.own.ndaFile }),
  },
  {
    name: 'markContractOriginalReceived(id, scanFileId)',
    kind: 'contract',
    doc: `mutation($id: ID!, $f: ID) { markContractOriginalReceived(id: $id, scanFileId: $f) { id } }`,
    vars: (id, me) => ({ id, f: me.own.ndaFile }),
  },
  {
    name: 'file(id)',
    kind: 'file',
    doc: `query($id: ID!) { file(id: $id) { id name sha256 sizeBytes contentType } }`,
  },
  {
    name: 'fileLink(id)',
    kind: 'file',
    doc: `query($id: ID!) { fileLink(id: $id) { url expiresAt } }`,
  },
  {
    name: 'document(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `query($id: ID!) { document(id: $id) { id title versions { version file { id } } } }`,
  },
  {
    name: 'documents(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { documents(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documents with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { documents(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentReads(documentId)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `query($id: ID!) { documentReads(documentId: $id, first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createDocument(fileId)',
    kind: 'file',
    doc: `mutation($id: ID!, $branch: ID) { createDocument(input: { branchId: $branch, kind: LETTER, title: "Probe",
            confidentiality: INTERNAL, fileId: $id }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'createDocument(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createDocument(input: { branchId: $id, kind: LETTER, title: "Probe",
            confidentiality: INTERNAL, fileId: "00000000-0000-4000-8000-000000000001" }) { id } }`,
  },
  {
    name: 'updateDocument(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { updateDocument(id: $id, input: { title: "Probe" }) { id } }`,
  },
  {
    name: 'addDocumentVersion(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { addDocumentVersion(id: $id, input: { fileId: "00000000-0000-4000-8000-000000000001" }) { id } }`,
  },
  {
    name: 'submitDocumentForReview(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { submitDocumentForReview(id: $id) { id state } }`,
  },
  {
    name: 'archiveDocument(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { archiveDocument(id: $id) { id state } }`,
  },
  {
    name: 'grantDocumentAccess(documentId)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $u: ID!) { grantDocumentAccess(documentId: $id, userId: $u) { id } }`,
    vars: (id, me) => ({ id, u: me.user.id }),
  },
  {
    name: 'grantDocumentAccess(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $d: ID!) { grantDocumentAccess(documentId: $d, userId: $id) { id } }`,
    vars: (id, me) => ({ id, d: me.own.document }),
  },
  {
    name: 'revokeDocumentAccess(documentId)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $u: ID!) { revokeDocumentAccess(documentId: $id, userId: $u) }`,
    vars: (id, me) => ({ id, u: me.user.id }),
  },
  {
    name: 'revokeDocumentAccess(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $d: ID!) { revokeDocumentAccess(documentId: $d, userId: $id) }`,
    vars: (id, me) => ({ id, d: me.own.document }),
  },
  {
    name: 'fileIntegrityProblems(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { fileIntegrityProblems(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'fileIntegrityProblems with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { fileIntegrityProblems(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'resolveFileIntegrityProblem(id)',
    kind: 'integrityProblem',
    doc: `mutation($id: ID!) { resolveFileIntegrityProblem(id: $id, input: { resolution: "Probe" }) { id resolvedAt } }`,
  },
  {
    name: 'documentLoan(id)',
    kind: 'loan',
    doc: `query($id: ID!) { documentLoan(id: $id) { id state document { id } } }`,
  },
  {
    name: 'documentLoans(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { documentLoans(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentLoans with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { documentLoans(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentLoans(filter: { documentId })',
    kind: 'issuedDocument',
    doc: `query($id: ID!) { documentLoans(first: 50, filter: { documentId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'requestDocumentLoan(documentId)',
    kind: 'issuedDocument',
    // A colleague's INTERNAL document is the branch's to read, and so to borrow: legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { requestDocumentLoan(input: { documentId: $id, medium: ELECTRONIC, purpose: "Probe",
            workingDays: 1 }) { id } }`,
  },
  {
    name: 'renewDocumentLoan(id)',
    kind: 'loan',
    doc: `mutation($id: ID!) { renewDocumentLoan(id: $id, workingDays: 1) { id dueOn } }`,
  },
  {
    name: 'returnDocumentLoan(id)',
    kind: 'loan',
    doc: `mutation($id: ID!) { returnDocumentLoan(id: $id, input: { condition: INTACT }) { id state } }`,
  },
  {
    name: 'ndaRecords(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { ndaRecords(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentShares(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { documentShares(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id downloads { id } } } } }`,
  },
  {
    name: 'documentShares with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { documentShares(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentShares(filter: { documentId })',
    kind: 'issuedDocument',
    doc: `query($id: ID!) { documentShares(first: 50, filter: { documentId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'recordNda(fileId)',
    kind: 'ndaFile',
    doc: `mutation($id: ID!, $branch: ID) { recordNda(input: { branchId: $branch, counterparty: "Probe", signedOn: "2026-01-05",
            expiresOn: "2027-12-31", fileId: $id }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'recordNda(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $f: ID!) { recordNda(input: { branchId: $id, counterparty: "Probe", signedOn: "2026-01-05",
            expiresOn: "2027-12-31", fileId: $f }) { id } }`,
    vars: (id, me) => ({ id, f: me.own.ndaFile }),
  },
  {
    name: 'shareDocumentExternally(documentId)',
    kind: 'issuedDocument',
    doc: `mutation($id: ID!, $nda: ID) { shareDocumentExternally(input: { documentId: $id, ndaId: $nda, recipient: "Probe",
            purpose: "Probe", days: 1 }) { url } }`,
    vars: (id, me) => ({ id, nda: me.own.nda }),
  },
  {
    name: 'shareDocumentExternally(ndaId)',
    kind: 'nda',
    doc: `mutation($id: ID!, $d: ID!) { shareDocumentExternally(input: { documentId: $d, ndaId: $id, recipient: "Probe",
            purpose: "Probe", days: 1 }) { url } }`,
    vars: (id, me) => ({ id, d: me.own.issuedDocument }),
  },
  {
    name: 'revokeDocumentShare(id)',
    kind: 'share',
    doc: `mutation($id: ID!) { revokeDocumentShare(id: $id) { id revokedAt } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { contract, tenderDocument, visit } = slot;
  const file = randomUUID();
  await owner.query(
    `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'LETTER', $3, 'application/pdf', 1024, repeat('ab', 32), $5, $4)`,
    [branch, file, `${name} letter.pdf`, u.id, `${branch}/${file}`],
  );
  const docFile = randomUUID();
  await owner.query(
    `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'NOTICE', $3, 'application/pdf', 1024, repeat('cd', 32), $5, $4)`,
    [branch, docFile, `${name} notice.pdf`, u.id, `${branch}/${docFile}`],
  );
  const document = randomUUID();
  await owner.query(
    `INSERT INTO documents (branch_id, id, kind, title, confidentiality, created_by)
       VALUES ($1, $2, 'NOTICE', $3, 'INTERNAL', $4)`,
    [branch, document, `${name} notice`, u.id],
  );
  await owner.query(
    `INSERT INTO document_versions (branch_id, id, document_id, version, file_id, created_by) VALUES ($1, $2, $3, 1, $4, $5)`,
    [branch, randomUUID(), document, docFile, u.id],
  );
  await owner.query(
    `INSERT INTO document_grants (branch_id, id, document_id, user_id, granted_by) VALUES ($1, $2, $3, $4, $4)`,
    [branch, randomUUID(), document, u.id],
  );
  await owner.query(
    `INSERT INTO document_reads (branch_id, id, document_id, reader_id, what) VALUES ($1, $2, $3, $4, 'METADATA')`,
    [branch, randomUUID(), document, u.id],
  );
  await owner.query(
    `INSERT INTO document_number_counters (branch_id, kind, year, last) VALUES ($1, 'NOTICE', 2026, 1)
       ON CONFLICT DO NOTHING`,
    [branch],
  );
  await owner.query(
    `INSERT INTO file_checks (branch_id, file_id, due_at, checked_at, result, found_sha256)
       VALUES ($1, $2, now() + interval '7 days', now(), 'MISMATCH', repeat('ef', 32))`,
    [branch, file],
  );
  const integrityProblem = randomUUID();
  await owner.query(
    `INSERT INTO file_integrity_problems (branch_id, id, file_id, problem, expected_sha256, found_sha256)
       VALUES ($1, $2, $3, 'MISMATCH', repeat('ab', 32), repeat('ef', 32))`,
    [branch, integrityProblem, file],
  );
  const issuedDocument = randomUUID();
  await owner.query(
    `INSERT INTO documents (branch_id, id, kind, title, confidentiality, state, number, number_year, number_seq,
         issued_at, created_by)
       VALUES ($1, $2, 'LETTER', $3, 'INTERNAL', 'ISSUED', $4, 2026, $5, now(), $6)`,
    [branch, issuedDocument, `${name} letter`, `HJ-${issuedDocument}`, 1 + Math.floor(Math.random() * 1e6), u.id],
  );
  const loan = randomUUID();
  await owner.query(
    `INSERT INTO document_loans (branch_id, id, document_id, borrower_id, medium, purpose, working_days, state,
         lent_at, due_on)
       VALUES ($1, $2, $3, $4, 'PHYSICAL', 'Seed loan', 5, 'LENT', now(), current_date + 5)`,
    [branch, loan, issuedDocument, u.id],
  );
  const ndaFile = randomUUID();
  await owner.query(
    `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'AGREEMENT', $3, 'application/pdf', 1024, repeat('ee', 32), $5, $4)`,
    [branch, ndaFile, `${name} nda.pdf`, u.id, `${branch}/${ndaFile}`],
  );
  const nda = randomUUID();
  await owner.query(
    `INSERT INTO nda_records (branch_id, id, counterparty, signed_on, expires_on, file_id, recorded_by)
       VALUES ($1, $2, $3, current_date - 30, current_date + 300, $4, $5)`,
    [branch, nda, `${name} counterparty`, ndaFile, u.id],
  );
  const share = randomUUID();
  await owner.query(
    `INSERT INTO document_shares (branch_id, id, document_id, nda_id, recipient, purpose, token_sha256, expires_at,
         shared_by)
       VALUES ($1, $2, $3, $4, 'Seed recipient', 'Seed', repeat('0f', 32), now() + interval '5 days', $5)`,
    [branch, share, issuedDocument, nda, u.id],
  );
  await owner.query(
    `INSERT INTO document_share_downloads (branch_id, id, share_id, file_id, client_ip) VALUES ($1, $2, $3, $4, '10.0.0.1')`,
    [branch, randomUUID(), share, ndaFile],
  );
  const attachedFile = randomUUID();
  await owner.query(
    `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'CONTRACT', $3, 'application/pdf', 1024, repeat('ab', 32), $5, $4)`,
    [branch, attachedFile, `${name} original.pdf`, u.id, `${branch}/${attachedFile}`],
  );
  await owner.query(
    `INSERT INTO file_attachments (branch_id, id, file_id, subject_type, subject_id, purpose, attached_by)
       VALUES ($1, gen_random_uuid(), $2, 'CONTRACT', $3, 'SIGNED_ORIGINAL', $5),
              ($1, gen_random_uuid(), $2, 'VISIT', $4, 'REPORT', $5),
              ($1, gen_random_uuid(), $2, 'TENDER_DOCUMENT', $6, 'PREPARED', $5)`,
    [branch, attachedFile, contract, visit, u.id, tenderDocument],
  );
  Object.assign(slot, {
    file,
    document,
    docFile,
    integrityProblem,
    issuedDocument,
    loan,
    ndaFile,
    nda,
    share,
    attachedFile,
  });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  expect((await ok(rep, byName('file(id)'), { id: slots.A1.file })).file.id).toBe(slots.A1.file);
  expect((await ok(rep, byName('fileLink(id)'), { id: slots.A1.file })).fileLink.url).toContain(slots.A1.file);
  expect((await ok(rep, byName('document(id)'), { id: slots.A1.document })).document.id).toBe(slots.A1.document);
  await ok(rep, byName('updateDocument(id)'), { id: slots.A1.document });
  await ok(tokens.managerA1, byName('documentReads(documentId)'), { id: slots.A1.document });
  await ok(tokens.managerA1, byName('revokeDocumentAccess(documentId)'), {
    id: slots.A1.document,
    u: org1.users.repA.id,
  });
  await ok(tokens.managerA1, byName('grantDocumentAccess(documentId)'), {
    id: slots.A1.document,
    u: org1.users.repA.id,
  });
  await ok(rep, byName('createDocument(fileId)'), { id: slots.A1.file, branch: null });
  const problemIds = (
    await ok(tokens.managerA1, byName('fileIntegrityProblems(filter: { branchId })'), { id: org1.a.id })
  ).fileIntegrityProblems as unknown as { edges: { node: { id: string } }[] };
  const problemIdList = problemIds.edges.map((e) => e.node.id);
  expect(problemIdList.sort()).toEqual([slots.A1.integrityProblem, slots.A2.integrityProblem].sort());
  await ok(tokens.managerA1, byName('resolveFileIntegrityProblem(id)'), { id: slots.A1.integrityProblem });
  expect((await ok(rep, byName('documentLoan(id)'), { id: slots.A1.loan })).documentLoan.id).toBe(slots.A1.loan);
  expect(
    (await ok(rep, byName('documentLoans(filter: { documentId })'), { id: slots.A1.issuedDocument })).documentLoans
      .totalCount,
  ).toBe(1);
  await ok(rep, byName('requestDocumentLoan(documentId)'), { id: slots.A1.issuedDocument });
  await ok(rep, byName('renewDocumentLoan(id)'), { id: slots.A1.loan });
  await ok(tokens.managerA1, byName('returnDocumentLoan(id)'), { id: slots.A1.loan });
  const mgrA = tokens.managerA1;
  expect(
    (await ok(mgrA, byName('ndaRecords(filter: { branchId })'), { id: org1.a.id })).ndaRecords.totalCount,
  ).toBeGreaterThanOrEqual(1);
  expect(
    (await ok(mgrA, byName('documentShares(filter: { documentId })'), { id: slots.A1.issuedDocument })).documentShares
      .totalCount,
  ).toBe(1);
  await ok(mgrA, byName('recordNda(fileId)'), { id: slots.A1.ndaFile, branch: null });
  await ok(mgrA, byName('recordNda(branchId)'), { id: org1.a.id, f: slots.A1.ndaFile });
  await ok(mgrA, byName('shareDocumentExternally(documentId)'), { id: slots.A1.issuedDocument, nda: slots.A1.nda });
  await ok(mgrA, byName('shareDocumentExternally(ndaId)'), { id: slots.A1.nda, d: slots.A1.issuedDocument });
  await ok(mgrA, byName('revokeDocumentShare(id)'), { id: slots.A1.share });
}
