import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayIn } from '@app/core';
import { pdf, upload, useFixture } from '@app/testing';
import { DocumentsJobs } from '../src/modules/documents/documents.jobs.js';

/**
 * Borrowing (借阅): an issued or archived document is asked for (the paper original, one person at a time, or a
 * copy), approved by the department head through the engine, due the n-th working day on the branch calendar,
 * renewed at most twice while not overdue, and returned to the archivist with a condition check. The worker
 * reminds the borrower on the due day, tells borrower and archivists the day after and the branch managers three
 * days after, once each, with two workers racing. Refusals are typed and change nothing.
 */

const dir = mkdtempSync(join(tmpdir(), 'docs-loans-'));
const QUIET = { DOCUMENT_LOAN_SCAN_MS: '3600000' };

const L = `id branchId documentId borrowerId medium purpose workingDays state approvalRequestId lentAt dueOn overdue
  renewals returnedAt returnCondition returnNote receivedById document { id title }`;
const REQUEST = `mutation($in: RequestDocumentLoanInput!) { requestDocumentLoan(input: $in) { ${L} } }`;
const RENEW = `mutation($id: ID!, $d: Int!) { renewDocumentLoan(id: $id, workingDays: $d) { ${L} } }`;
const RETURN = `mutation($id: ID!, $in: ReturnDocumentLoanInput!) { returnDocumentLoan(id: $id, input: $in) { ${L} } }`;
const GET = `query($id: ID!) { documentLoan(id: $id) { ${L} } }`;
const LIST = `query($f: DocumentLoanFilter) { documentLoans(first: 50, filter: $f) { totalCount edges { node { id state overdue } } } }`;

interface Loan {
  id: string;
  branchId: string;
  documentId: string;
  borrowerId: string;
  medium: string;
  state: string;
  approvalRequestId: string | null;
  lentAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  renewals: number;
  returnCondition: string | null;
  returnNote: string | null;
  receivedById: string | null;
  document: { id: string; title: string } | null;
}

describe('documents: loans', () => {
  const f = useFixture({
    env: { STORAGE_DIR: dir },
    workers: { count: 2, env: QUIET, firstScan: 'documents.loan-scan' },
    people: { archivistA: { branch: 'a', role: 'ARCHIVIST' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const base = () => f.api.url.replace(/\/graphql$/, '');
  let today: string;
  let issued: string;
  let draft: string;
  let secret: string;

  const docOf = async (who: string, confidentiality: string, issue: boolean) => {
    const r = await upload(base(), { token: f.tokens[who], query: 'kind=NOTICE', name: 'n.pdf', content: pdf(2048) });
    const fileId = (r.json.data!.file as { id: string }).id;
    const { createDocument: d } = await f.ok<{ createDocument: { id: string } }>(
      who,
      `mutation($in: CreateDocumentInput!) { createDocument(input: $in) { id } }`,
      { in: { kind: 'NOTICE', title: `Notice ${confidentiality}`, confidentiality, fileId } },
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
  const stepOf = async (requestId: string) =>
    (await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [requestId]))
      .rows[0].id as string;
  const ask = async (who: string, input: Record<string, unknown>) =>
    (
      await f.ok<{ requestDocumentLoan: Loan }>(who, REQUEST, {
        in: { documentId: issued, medium: 'PHYSICAL', purpose: 'Customer audit', workingDays: 2, ...input },
      })
    ).requestDocumentLoan;
  const approve = async (loan: Loan) => {
    await f.ok('managerA', `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, {
      s: await stepOf(loan.approvalRequestId!),
    });
    return (
      await f.ok<{ documentLoan: Loan }>(loan.borrowerId === f.u.repA.id ? 'repA' : 'managerA', GET, { id: loan.id })
    ).documentLoan;
  };
  const loansTable = async () =>
    (await f.owner.query(`SELECT to_jsonb(l)::text AS r FROM document_loans l ORDER BY id`)).rows.map((r) => r.r);

  beforeAll(async () => {
    // Branch A works every day but tomorrow (a holiday): 2 working days from today end the day after tomorrow + 1.
    today = todayIn('Asia/Shanghai');
    await f.owner.query(`INSERT INTO branch_calendars (branch_id, work_days) VALUES ($1, '{1,2,3,4,5,6,7}')`, [
      f.org.a.id,
    ]);
    await f.owner.query(`INSERT INTO branch_calendar_days (branch_id, day, kind) VALUES ($1, $2, 'HOLIDAY')`, [
      f.org.a.id,
      addDays(today, 1),
    ]);
    issued = await docOf('repA', 'INTERNAL', true);
    draft = await docOf('repA', 'INTERNAL', false);
    secret = await docOf('repA', 'SECRET', true);
  });

  let loan: Loan;

  it('asks for the original: REQUESTED, with an approval request to the department head', async () => {
    loan = await ask('repA', {});
    expect(loan).toMatchObject({
      branchId: f.org.a.id,
      documentId: issued,
      borrowerId: f.u.repA.id,
      medium: 'PHYSICAL',
      state: 'REQUESTED',
      lentAt: null,
      dueOn: null,
      overdue: false,
      document: { id: issued, title: 'Notice INTERNAL' },
    });
    expect(loan.approvalRequestId).toEqual(expect.any(String));
  });

  it('refuses what cannot be lent, typed, and changes nothing', async () => {
    const before = await loansTable();
    const refused = async (who: string, input: Record<string, unknown>) =>
      f.refused(who, REQUEST, {
        in: { documentId: issued, medium: 'PHYSICAL', purpose: 'Audit', workingDays: 2, ...input },
      });
    // One original at a time: asked for by repA already.
    expect(await refused('rep2A', {})).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/original/) });
    expect(await refused('rep2A', { documentId: draft })).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/DRAFT.*ISSUED or ARCHIVED/),
    });
    // A SECRET document a rep may not read answers as an unknown one.
    expect(await refused('rep2A', { documentId: secret })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused('repB', {})).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused('rep2A', { medium: 'ELECTRONIC', workingDays: 0 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['workingDays'],
    });
    expect(await refused('rep2A', { medium: 'ELECTRONIC', workingDays: 31 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['workingDays'],
    });
    expect(await refused('rep2A', { medium: 'ELECTRONIC', purpose: '  ' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['purpose'],
    });
    expect(await loansTable()).toEqual(before);
  });

  it('approved: LENT, due the 2nd working day on the branch calendar, the reminder set for that morning', async () => {
    loan = await approve(loan);
    expect(loan).toMatchObject({ state: 'LENT', dueOn: addDays(today, 3), overdue: false, renewals: 0 });
    const [row] = (
      await f.owner.query(
        `SELECT notice_stage, next_notice_at = ($2::date + time '09:00') AT TIME ZONE 'Asia/Shanghai' AS at_nine
         FROM document_loans WHERE id = $1`,
        [loan.id, loan.dueOn],
      )
    ).rows;
    expect(row).toEqual({ notice_stage: 0, at_nine: true });
  });

  it('a copy may be lent beside the original; rejected and withdrawn requests end', async () => {
    const copy = await ask('rep2A', { medium: 'ELECTRONIC' });
    const { rejectStep } = await f.ok<{ rejectStep: { status: string } }>(
      'managerA',
      `mutation($s: ID!) { rejectStep(stepId: $s, reason: "Not needed") { status } }`,
      { s: await stepOf(copy.approvalRequestId!) },
    );
    expect(rejectStep.status).toBe('REJECTED');
    expect((await f.ok<{ documentLoan: Loan }>('rep2A', GET, { id: copy.id })).documentLoan.state).toBe('REJECTED');
    const again = await ask('rep2A', { medium: 'ELECTRONIC' });
    await f.ok('rep2A', `mutation($r: ID!) { withdrawApproval(requestId: $r) { status } }`, {
      r: again.approvalRequestId,
    });
    expect((await f.ok<{ documentLoan: Loan }>('rep2A', GET, { id: again.id })).documentLoan.state).toBe('CANCELLED');
  });

  it('a rep sees their own loans; the branch register is the managers’ and archivist’s; branch B sees none', async () => {
    const ids = async (who: string, filter: Record<string, unknown> = {}) =>
      (
        await f.ok<{ documentLoans: { edges: { node: { id: string } }[] } }>(who, LIST, { f: filter })
      ).documentLoans.edges.map((e) => e.node.id);
    expect(await ids('repA')).toEqual([loan.id]);
    expect(await ids('rep2A')).toHaveLength(2);
    expect(await ids('rep2A')).not.toContain(loan.id);
    expect(await ids('archivistA')).toHaveLength(3);
    expect(await ids('managerA', { state: 'LENT' })).toEqual([loan.id]);
    expect(await ids('managerB')).toEqual([]);
    expect(await ids('admin', { branchId: f.org.a.id, overdue: false, state: 'LENT' })).toEqual([loan.id]);
    expect((await f.ok<{ documentLoan: Loan | null }>('rep2A', GET, { id: loan.id })).documentLoan).toBeNull();
  });

  it('renewed by the borrower or the archivist, at most twice; nobody else', async () => {
    expect(await f.refused('rep2A', RENEW, { id: loan.id, d: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await f.refused('financeA', RENEW, { id: loan.id, d: 1 })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await f.refused('repA', RENEW, { id: loan.id, d: 0 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['workingDays'],
    });
    const once = (await f.ok<{ renewDocumentLoan: Loan }>('repA', RENEW, { id: loan.id, d: 1 })).renewDocumentLoan;
    expect(once).toMatchObject({ dueOn: addDays(today, 4), renewals: 1 });
    const twice = (await f.ok<{ renewDocumentLoan: Loan }>('archivistA', RENEW, { id: loan.id, d: 2 }))
      .renewDocumentLoan;
    expect(twice).toMatchObject({ dueOn: addDays(today, 6), renewals: 2 });
    expect(await f.refused('repA', RENEW, { id: loan.id, d: 1 })).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/renewed 2 times/),
    });
  });

  it('the worker reminds on the due day, tells borrower and archivist after it, then the managers; once each', async () => {
    const scanBoth = async () =>
      (await Promise.all(f.workers.map((w) => w.get(DocumentsJobs).loanScan()))).reduce((n, r) => n + r.notices, 0);
    const due = () =>
      f.owner.query(`UPDATE document_loans SET next_notice_at = now() - interval '1 second' WHERE id = $1`, [loan.id]);
    const notices = async () =>
      (
        await f.owner.query<{ kind: string; user_id: string }>(
          `SELECT kind, user_id FROM notifications WHERE subject_id = $1 ORDER BY created_at, kind, user_id`,
          [loan.id],
        )
      ).rows;

    expect(await scanBoth()).toBe(0); // not yet due
    await due();
    expect(await scanBoth()).toBe(1);
    expect(await scanBoth()).toBe(0); // the next stage is the day after the due day
    await due();
    expect(await scanBoth()).toBe(2);
    await due();
    expect(await scanBoth()).toBe(1);
    await due();
    expect(await scanBoth()).toBe(0); // escalated: nothing more to say
    const byKind = (await notices()).map((n) => `${n.kind}:${n.user_id}`).sort();
    expect(byKind).toEqual(
      [
        `DOCUMENT_LOAN_DUE:${f.u.repA.id}`,
        `DOCUMENT_LOAN_OVERDUE:${f.u.repA.id}`,
        `DOCUMENT_LOAN_OVERDUE:${f.u.archivistA.id}`,
        `DOCUMENT_LOAN_ESCALATED:${f.u.managerA.id}`,
      ].sort(),
    );
    const stage = await f.owner.query(`SELECT notice_stage, next_notice_at FROM document_loans WHERE id = $1`, [
      loan.id,
    ]);
    expect(stage.rows).toEqual([{ notice_stage: 3, next_notice_at: null }]);
  });

  it('an overdue loan is not renewed: it is returned, with a note unless intact, by the archivist only', async () => {
    await f.owner.query(`UPDATE document_loans SET due_on = $2 WHERE id = $1`, [loan.id, addDays(today, -1)]);
    expect((await f.ok<{ documentLoan: Loan }>('repA', GET, { id: loan.id })).documentLoan.overdue).toBe(true);
    expect(
      (await f.ok<{ documentLoans: { edges: unknown[] } }>('managerA', LIST, { f: { overdue: true } })).documentLoans
        .edges,
    ).toHaveLength(1);
    const before = await loansTable();
    expect(await f.refused('archivistA', RENEW, { id: loan.id, d: 1 })).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/overdue/),
    });
    expect(await f.refused('repA', RETURN, { id: loan.id, in: { condition: 'INTACT' } })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await f.refused('archivistA', RETURN, { id: loan.id, in: { condition: 'DAMAGED' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['note'],
    });
    expect(await loansTable()).toEqual(before);

    const back = (
      await f.ok<{ returnDocumentLoan: Loan }>('archivistA', RETURN, {
        id: loan.id,
        in: { condition: 'DAMAGED', note: 'Page 3 torn' },
      })
    ).returnDocumentLoan;
    expect(back).toMatchObject({
      state: 'RETURNED',
      returnCondition: 'DAMAGED',
      returnNote: 'Page 3 torn',
      receivedById: f.u.archivistA.id,
      overdue: false,
    });
    expect(await f.refused('archivistA', RETURN, { id: loan.id, in: { condition: 'INTACT' } })).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/RETURNED.*LENT/),
    });
    const audit = await f.owner.query(
      `SELECT action FROM audit_log WHERE entity = 'documentLoan' AND entity_id = $1 ORDER BY created_at`,
      [loan.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['request', 'lend', 'renew', 'renew', 'return']);
    // The original is back: it may be asked for again.
    expect((await ask('rep2A', {})).state).toBe('REQUESTED');
  });
});
