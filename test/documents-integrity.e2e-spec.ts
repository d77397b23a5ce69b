import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { pdf, upload, useFixture } from '@app/testing';
import { DocumentsJobs } from '../src/modules/documents/documents.jobs.js';

/**
 * The documents worker keeps the record sound: the files of issued and archived documents are re-read on a
 * schedule and their SHA-256 compared with the one recorded at upload; a changed or missing file opens one
 * problem, told once to the branch's archivist and head office's administrators, listed for them and resolved
 * with a note; stored objects that no row names (an upload cut off by a crash) are removed after a grace period.
 * Two workers scan side by side throughout: each file is checked once per round, each problem opened once.
 */

const dir = mkdtempSync(join(tmpdir(), 'docs-integrity-'));
const QUIET = { FILE_CHECK_SCAN_MS: '86400000', FILE_ORPHAN_SWEEP_MS: '86400000' };

const PROBLEMS = `query($f: FileIntegrityProblemFilter) { fileIntegrityProblems(first: 50, filter: $f) {
  totalCount edges { node { id branchId fileId problem expectedSha256 foundSha256 resolvedAt resolvedById resolution } } } }`;
const RESOLVE = `mutation($id: ID!, $r: String!) { resolveFileIntegrityProblem(id: $id, input: { resolution: $r }) {
  id resolvedAt resolvedById resolution } }`;

interface ProblemRow {
  id: string;
  branchId: string;
  fileId: string;
  problem: string;
  expectedSha256: string;
  foundSha256: string | null;
  resolvedAt: string | null;
  resolvedById: string | null;
  resolution: string | null;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('documents: integrity re-check and orphan sweep', () => {
  const f = useFixture({
    env: { STORAGE_DIR: dir, FILE_ORPHAN_GRACE_SECONDS: '3600', FILE_CHECK_EVERY_HOURS: '168' },
    workers: { count: 2, env: QUIET, firstScan: 'documents.integrity-scan' },
    people: { archivistA: { branch: 'a', role: 'ARCHIVIST' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const base = () => f.api.url.replace(/\/graphql$/, '');
  const pathOf = (branchId: string, fileId: string) => join(dir, branchId, fileId);
  /** Both workers' scans at the same moment; the figures of the two added up. */
  const scanBoth = async () => {
    const r = await Promise.all(f.workers.map((w) => w.get(DocumentsJobs).integrityScan()));
    return { checked: r[0].checked + r[1].checked, problems: r[0].problems + r[1].problems };
  };
  const makeDue = () => f.owner.query(`UPDATE file_checks SET due_at = now() - interval '1 second'`);
  const notices = async () =>
    (
      await f.owner.query<{ user_id: string; kind: string; subject_id: string }>(
        `SELECT user_id, kind, subject_id FROM notifications WHERE kind = 'FILE_INTEGRITY_PROBLEM' ORDER BY user_id`,
      )
    ).rows;
  const problemsAs = async (who: string, filter: Record<string, unknown> = {}) =>
    (
      await f.ok<{ fileIntegrityProblems: { edges: { node: ProblemRow }[] } }>(who, PROBLEMS, { f: filter })
    ).fileIntegrityProblems.edges.map((e) => e.node);

  const uploadAs = async (who: string, bytes: Buffer, kind = 'NOTICE') => {
    const r = await upload(base(), { token: f.tokens[who], query: `kind=${kind}`, name: 'notice.pdf', content: bytes });
    expect(r.status).toBe(201);
    return (r.json.data!.file as { id: string; branchId: string }).id;
  };
  /** A NOTICE drafted by `who` with `bytes` as version 1; issued (reviewed by the branch manager) unless `draft`. */
  const documentOf = async (who: string, bytes: Buffer, issue: boolean) => {
    const fileId = await uploadAs(who, bytes);
    const { createDocument: doc } = await f.ok<{ createDocument: { id: string; branchId: string } }>(
      who,
      `mutation($in: CreateDocumentInput!) { createDocument(input: $in) { id branchId } }`,
      { in: { kind: 'NOTICE', title: 'Integrity notice', confidentiality: 'INTERNAL', fileId } },
    );
    if (issue) {
      const { submitDocumentForReview: s } = await f.ok<{ submitDocumentForReview: { approvalRequestId: string } }>(
        who,
        `mutation($id: ID!) { submitDocumentForReview(id: $id) { approvalRequestId } }`,
        { id: doc.id },
      );
      const step = (
        await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
          s.approvalRequestId,
        ])
      ).rows[0].id as string;
      const manager = doc.branchId === f.org.a.id ? 'managerA' : 'managerB';
      await f.ok(manager, `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, { s: step });
    }
    return { doc, fileId, branchId: doc.branchId };
  };

  const original = pdf(8192);
  let issuedA: { fileId: string; branchId: string };
  let issuedB: { fileId: string; branchId: string };
  let draftA: { fileId: string; branchId: string };

  it('checks every file of issued documents once per round, across two workers, and leaves drafts alone', async () => {
    issuedA = await documentOf('repA', original, true);
    issuedB = await documentOf('repB', pdf(4096), true);
    draftA = await documentOf('rep2A', pdf(2048), false);

    expect(await scanBoth()).toEqual({ checked: 2, problems: 0 });
    const checks = await f.owner.query(
      `SELECT file_id, result, checked_at IS NOT NULL AS checked,
              due_at BETWEEN now() + interval '167 hours' AND now() + interval '169 hours' AS next_in_a_week
       FROM file_checks ORDER BY file_id`,
    );
    expect(checks.rows).toEqual(
      [issuedA.fileId, issuedB.fileId].sort().map((file_id) => ({
        file_id,
        result: 'OK',
        checked: true,
        next_in_a_week: true,
      })),
    );
    // Nothing is due again until its week is up, and the draft's file is never a record to check.
    expect(await scanBoth()).toEqual({ checked: 0, problems: 0 });
    expect((await f.owner.query(`SELECT 1 FROM file_checks WHERE file_id = $1`, [draftA.fileId])).rowCount).toBe(0);
  });

  it('a changed file opens one problem, told once to the archivist and head office, found by later rounds again', async () => {
    const tampered = Buffer.concat([original.subarray(0, 100), Buffer.from('TAMPERED'), original.subarray(108)]);
    await writeFile(pathOf(issuedA.branchId, issuedA.fileId), tampered);
    await makeDue();

    expect(await scanBoth()).toEqual({ checked: 2, problems: 1 });
    const [p] = await problemsAs('archivistA');
    expect(p).toEqual({
      id: expect.any(String),
      branchId: f.org.a.id,
      fileId: issuedA.fileId,
      problem: 'MISMATCH',
      expectedSha256: sha(original),
      foundSha256: sha(tampered),
      resolvedAt: null,
      resolvedById: null,
      resolution: null,
    });
    const told = [f.u.archivistA.id, f.u.admin.id].sort();
    expect(await notices()).toEqual(
      told.map((user_id) => ({ user_id, kind: 'FILE_INTEGRITY_PROBLEM', subject_id: issuedA.fileId })),
    );

    // Still wrong next round: the open problem stands, nobody is told twice.
    await makeDue();
    expect(await scanBoth()).toEqual({ checked: 2, problems: 0 });
    expect(await problemsAs('admin')).toHaveLength(1);
    expect(await notices()).toHaveLength(2);
    const last = await f.owner.query(`SELECT result, found_sha256 FROM file_checks WHERE file_id = $1`, [
      issuedA.fileId,
    ]);
    expect(last.rows).toEqual([{ result: 'MISMATCH', found_sha256: sha(tampered) }]);
  });

  it('lists problems to the archivist, managers and head office of their branches only; reps are refused', async () => {
    expect((await problemsAs('managerA')).map((p) => p.fileId)).toEqual([issuedA.fileId]);
    expect(await problemsAs('managerB')).toEqual([]);
    expect((await problemsAs('admin', { branchId: f.org.a.id })).map((p) => p.fileId)).toEqual([issuedA.fileId]);
    expect(await problemsAs('admin', { branchId: f.org.b.id })).toEqual([]);
    expect(await problemsAs('admin', { open: false })).toEqual([]);
    expect(await f.refused('repA', PROBLEMS, {})).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('resolving takes a note from the archivist, re-checks at once, and a restored file stays quiet', async () => {
    const [p] = await problemsAs('archivistA');
    const before = (await f.owner.query(`SELECT to_jsonb(p)::text AS r FROM file_integrity_problems p`)).rows;
    expect(await f.refused('repA', RESOLVE, { id: p.id, r: 'Restored' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await f.refused('archivistA', RESOLVE, { id: p.id, r: '   ' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['resolution'],
    });
    expect(await f.refused('managerB', RESOLVE, { id: p.id, r: 'Restored' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await f.owner.query(`SELECT to_jsonb(p)::text AS r FROM file_integrity_problems p`)).rows).toEqual(before);

    await writeFile(pathOf(issuedA.branchId, issuedA.fileId), original);
    const { resolveFileIntegrityProblem: done } = await f.ok<{ resolveFileIntegrityProblem: ProblemRow }>(
      'archivistA',
      RESOLVE,
      { id: p.id, r: 'Restored from the backup of 2026-12-01' },
    );
    expect(done).toMatchObject({
      resolvedById: f.u.archivistA.id,
      resolution: 'Restored from the backup of 2026-12-01',
    });
    expect(await f.refused('archivistA', RESOLVE, { id: p.id, r: 'Again' })).toMatchObject({ code: 'INVALID_STATE' });
    const audit = await f.owner.query(
      `SELECT action FROM audit_log WHERE entity = 'fileIntegrityProblem' AND entity_id = $1`,
      [p.id],
    );
    expect(audit.rows).toEqual([{ action: 'resolved' }]);

    // Only the resolved file was due; it is whole again: no new problem.
    expect(await scanBoth()).toEqual({ checked: 1, problems: 0 });
    expect(await problemsAs('archivistA', { open: true })).toEqual([]);
  });

  it('a missing file is reported as MISSING', async () => {
    await rm(pathOf(issuedB.branchId, issuedB.fileId));
    await makeDue();
    expect(await scanBoth()).toEqual({ checked: 2, problems: 1 });
    const open = await problemsAs('admin', { open: true });
    expect(open).toEqual([expect.objectContaining({ fileId: issuedB.fileId, problem: 'MISSING', foundSha256: null })]);
    // Branch B has no archivist: head office alone is told.
    expect((await notices()).filter((n) => n.subject_id === issuedB.fileId)).toEqual([
      { user_id: f.u.admin.id, kind: 'FILE_INTEGRITY_PROBLEM', subject_id: issuedB.fileId },
    ]);
  });

  it('a worker that dies holding a claim leaves the file to the next scan once the lease runs out', async () => {
    await makeDue();
    // A claim as a dying worker makes it: the due time moves a lease ahead, and no result is ever written.
    const claimed = await f.owner.query(`SELECT file_id FROM claim_file_checks(50, 3600)`);
    expect(claimed.rowCount).toBe(2);
    expect(await scanBoth()).toEqual({ checked: 0, problems: 0 });
    await makeDue(); // the lease ran out
    expect((await scanBoth()).checked).toBe(2);
  });

  it('removes stored objects no row names once past the grace period, and nothing else', async () => {
    const branch = f.org.a.id;
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    const orphan = randomUUID();
    const young = randomUUID();
    const part = `${randomUUID()}.${randomUUID()}.part`;
    await mkdir(join(dir, branch), { recursive: true });
    for (const name of [orphan, young, part]) await writeFile(join(dir, branch, name), pdf(1024));
    await utimes(join(dir, branch, orphan), old, old);
    await utimes(join(dir, branch, part), old, old);
    // Recorded files as old as the orphan stay, whatever their document's state.
    await utimes(pathOf(draftA.branchId, draftA.fileId), old, old);
    // Something an operator put there that is no object key is not the sweep's to remove.
    await writeFile(join(dir, 'README.txt'), 'kept');
    await utimes(join(dir, 'README.txt'), old, old);

    const removed = await Promise.all(f.workers.map((w) => w.get(DocumentsJobs).orphanSweep()));
    expect(removed[0].removed + removed[1].removed).toBeGreaterThanOrEqual(2);
    const exists = (p: string) =>
      stat(p).then(
        () => true,
        () => false,
      );
    expect({
      orphan: await exists(join(dir, branch, orphan)),
      part: await exists(join(dir, branch, part)),
      young: await exists(join(dir, branch, young)),
      draft: await exists(pathOf(draftA.branchId, draftA.fileId)),
      issued: await exists(pathOf(issuedA.branchId, issuedA.fileId)),
      readme: await exists(join(dir, 'README.txt')),
    }).toEqual({ orphan: false, part: false, young: true, draft: true, issued: true, readme: true });
  });
});
