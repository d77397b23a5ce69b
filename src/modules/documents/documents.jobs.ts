import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  Database,
  JsonLogger,
  addDays,
  enterBranches,
  startOfLocalDay,
  type AppConfig,
  type RequestContext,
  type Tx,
} from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DocumentLoans, type DocumentLoan } from './document-loan.entity.js';
import { LoanState } from './document-loan.enums.js';
import { CheckResult } from './file-integrity.enums.js';
import { documentJobs } from './documents.job-catalogue.js';
import { OBJECT_STORAGE, ObjectMissingError, isObjectKey, type ObjectStorage } from './object-storage.js';

/** Files per claim; each is hashed outside any transaction, one after another. */
const CHECK_BATCH = 20;
/** How long a claimed file stays with its worker: a worker killed mid-check leaves it to the next scan after this. */
const CHECK_LEASE_SECONDS = 3600;
/** Keys per database question of the orphan sweep. */
const SWEEP_BATCH = 1000;
/** A local upload's unfinished part (`<key>.<uuid>.part`), left behind only by a process that died mid-write. */
const PART = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.[0-9a-f-]{36}\.part$/;

/** Loans per claim of the loan scan. */
const LOAN_BATCH = 100;
/** A loan this many days past its due day is escalated to the branch managers. */
export const LOAN_ESCALATE_AFTER_DAYS = 3;

/** Who hears of a loan at each stage the scan moves it to, and what they are told. */
const LOAN_STAGES: Record<number, { roles: Role[]; borrower: boolean; kind: string; title: string }> = {
  1: { roles: [], borrower: true, kind: 'DOCUMENT_LOAN_DUE', title: 'A borrowed document is due back today' },
  2: {
    roles: [Role.ARCHIVIST],
    borrower: true,
    kind: 'DOCUMENT_LOAN_OVERDUE',
    title: 'A borrowed document is overdue',
  },
  3: {
    roles: [Role.BRANCH_MANAGER],
    borrower: false,
    kind: 'DOCUMENT_LOAN_ESCALATED',
    title: `A borrowed document is ${LOAN_ESCALATE_AFTER_DAYS} days overdue`,
  },
};

interface ClaimedFile {
  branch_id: string;
  file_id: string;
  storage_key: string;
  sha256: string;
  head_office_id: string | null;
}

/**
 * The documents worker: the integrity re-check of the files that are the company's record (every version of an
 * issued or archived document) and the sweep of stored objects that no row names.
 */
@Injectable()
export class DocumentsJobs {
  private readonly log: JsonLogger;

  constructor(
    private readonly db: Database,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {
    this.log = new JsonLogger(config.logLevel, { process: 'worker', job: 'documents' });
  }

  /**
   * Claims due files (a short transaction that moves their due time a lease ahead), hashes each from the storage
   * with no transaction open, then records each result in its own transaction; goes on while claims come back full.
   */
  @ProcessJob(documentJobs.integrityScan)
  async integrityScan(): Promise<{ checked: number; problems: number }> {
    const total = { checked: 0, problems: 0 };
    for (;;) {
      const claimed = await this.db.run(
        { branchIds: [] },
        (tx) =>
          tx.query<ClaimedFile>(
            'SELECT branch_id, file_id, storage_key, sha256, head_office_id FROM claim_file_checks($1, $2)',
            [CHECK_BATCH, CHECK_LEASE_SECONDS],
          ),
        'system',
      );
      for (const file of claimed) {
        const found = await this.hash(file.storage_key);
        const result =
          found === null ? CheckResult.MISSING : found === file.sha256 ? CheckResult.OK : CheckResult.MISMATCH;
        total.checked += 1;
        if (await this.record(file, result, found)) total.problems += 1;
      }
      if (claimed.length < CHECK_BATCH) return total;
    }
  }

  /** SHA-256 of a stored object, or null when the storage no longer has it. */
  private async hash(key: string): Promise<string | null> {
    const digest = createHash('sha256');
    try {
      await pipeline(await this.storage.get(key), digest);
    } catch (e) {
      if (e instanceof ObjectMissingError) return null;
      throw e;
    }
    return digest.digest('hex');
  }

  /**
   * Writes the check's result and next due time; a bad result opens a problem (one open per file) and tells the
   * branch's archivists and head office's administrators once. True when a problem was opened.
   */
  private async record(file: ClaimedFile, result: CheckResult, found: string | null): Promise<boolean> {
    const branches = [file.branch_id, file.head_office_id].filter((b): b is string => !!b);
    return this.db.run(
      { branchIds: [] },
      async (tx) => {
        const ctx = await enterBranches(tx, branches);
        await tx.query(
          `UPDATE file_checks SET checked_at = now(), result = $3, found_sha256 = $4,
             due_at = now() + make_interval(hours => $5)
           WHERE branch_id = $1 AND file_id = $2`,
          [file.branch_id, file.file_id, result, found, this.config.fileCheckEveryHours],
        );
        if (result === CheckResult.OK) return false;
        const [problem] = await tx.query<{ id: string }>(
          `INSERT INTO file_integrity_problems (branch_id, id, file_id, problem, expected_sha256, found_sha256)
           VALUES ($1, gen_random_uuid(), $2, $3, $4, $5)
           ON CONFLICT (branch_id, file_id) WHERE resolved_at IS NULL DO NOTHING
           RETURNING id`,
          [file.branch_id, file.file_id, result, file.sha256, found],
        );
        if (!problem) return false;
        this.log.warn(`file ${file.storage_key} failed its integrity check: ${result}`);
        const people = await tx.query<{ user_id: string }>(
          `SELECT DISTINCT user_id FROM branch_directory
           WHERE (branch_id = $1 AND role = $2) OR (branch_id = $3 AND role = $4) ORDER BY 1`,
          [file.branch_id, Role.ARCHIVIST, file.head_office_id, Role.HQ_ADMIN],
        );
        await this.notifications.notifyMany(
          ctx,
          people.map((p) => ({
            branchId: file.branch_id,
            userId: p.user_id,
            kind: 'FILE_INTEGRITY_PROBLEM',
            title: result === CheckResult.MISSING ? 'A stored file is missing' : 'A stored file has changed',
            body:
              result === CheckResult.MISSING
                ? `File ${file.file_id} of an issued document is no longer in the storage.`
                : `File ${file.file_id} of an issued document no longer matches its SHA-256 ${file.sha256}.`,
            subjectType: 'file',
            subjectId: file.file_id,
            dedupeKey: `file-integrity:${problem.id}:${p.user_id}`,
          })),
        );
        return true;
      },
      'system',
    );
  }

  /**
   * Loans whose next notice is due, claimed SKIP LOCKED and handled in the claiming transaction: on the due day the
   * borrower is reminded; the day after, borrower and archivists are told it is overdue; LOAN_ESCALATE_AFTER_DAYS
   * days after, the branch managers. Each notice has a dedupe key per loan, due day and stage, so a retried batch
   * or a second replica tells nobody twice; a renewal starts the stages again for the new due day.
   */
  @ProcessJob(documentJobs.loanScan)
  async loanScan(): Promise<{ notices: number }> {
    const total = { notices: 0 };
    await scanDue(this.db, {
      batch: LOAN_BATCH,
      claim: (tx, batch) =>
        tx.query<{ branch_id: string; id: string }>('SELECT branch_id, id FROM claim_due_document_loans($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        for (const k of keys) total.notices += await this.loanNotice(ctx, tx, k.branch_id, k.id);
      },
    });
    return total;
  }

  private async loanNotice(ctx: RequestContext, tx: Tx, branchId: string, id: string): Promise<number> {
    const loan = await DocumentLoans.find(tx, { branchId, id });
    if (!loan || loan.state !== LoanState.LENT || !loan.nextNoticeAt || !loan.dueOn) return 0;
    const stage = loan.noticeStage + 1;
    if (!LOAN_STAGES[stage]) {
      // Everything was said already (a due time left behind by hand): nothing more to claim.
      await DocumentLoans.update(tx, DocumentLoans.keyOf(loan), { nextNoticeAt: null });
      return 0;
    }
    const [{ time_zone: tz }] = await tx.query<{ time_zone: string }>(
      'SELECT time_zone FROM scope_branches WHERE id = $1',
      [branchId],
    );
    const next =
      stage === 1
        ? startOfLocalDay(addDays(loan.dueOn, 1), tz)
        : stage === 2
          ? startOfLocalDay(addDays(loan.dueOn, 1 + LOAN_ESCALATE_AFTER_DAYS), tz)
          : null;
    await DocumentLoans.update(tx, DocumentLoans.keyOf(loan), { noticeStage: stage, nextNoticeAt: next });
    const to = LOAN_STAGES[stage];
    const people = to.roles.length
      ? await tx.query<{ user_id: string }>(
          'SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1 AND role = ANY($2::text[]) ORDER BY 1',
          [branchId, to.roles],
        )
      : [];
    const users = [...new Set([...(to.borrower ? [loan.borrowerId] : []), ...people.map((p) => p.user_id)])];
    return this.notifications.notifyMany(
      ctx,
      users.map((userId) => ({
        branchId,
        userId,
        kind: to.kind,
        title: to.title,
        body: this.loanBody(loan, stage),
        subjectType: 'document_loan',
        subjectId: loan.id,
        dedupeKey: `document-loan:${loan.id}:${loan.dueOn}:${stage}:${userId}`,
      })),
    );
  }

  private loanBody(loan: DocumentLoan, stage: number): string {
    const what = loan.medium === 'PHYSICAL' ? 'The paper original' : 'The electronic copy';
    const due = stage === 1 ? `is due back today, ${loan.dueOn}` : `was due back on ${loan.dueOn}`;
    return `${what} of document ${loan.documentId} lent on ${loan.lentAt?.toISOString().slice(0, 10)} ${due}: ${loan.purpose}`.slice(
      0,
      2000,
    );
  }

  /**
   * Removes stored objects older than the grace period that no file row names, and unfinished local parts as old:
   * what an upload leaves when its process dies between storing the bytes and committing the row. Younger ones
   * may be uploads still finishing (the row is written after the virus scan) and are left for a later sweep.
   */
  @ProcessJob(documentJobs.orphanSweep)
  async orphanSweep(): Promise<{ removed: number }> {
    const cutoff = Date.now() - this.config.fileOrphanGraceSeconds * 1000;
    const old = (await this.storage.list('')).filter((o) => o.modifiedAt.getTime() < cutoff);
    const doomed = old.filter((o) => PART.test(o.key)).map((o) => o.key);
    const keys = old.filter((o) => isObjectKey(o.key)).map((o) => o.key);
    for (let i = 0; i < keys.length; i += SWEEP_BATCH) {
      const unrecorded = await this.db.run(
        { branchIds: [] },
        (tx) =>
          tx.query<{ key: string }>('SELECT k AS key FROM unrecorded_storage_keys($1::text[]) AS k', [
            keys.slice(i, i + SWEEP_BATCH),
          ]),
        'system',
      );
      doomed.push(...unrecorded.map((r) => r.key));
    }
    for (const key of doomed) {
      await this.storage.delete(key);
      this.log.warn(`removed stored object ${key}: no file row names it`);
    }
    return { removed: doomed.length };
  }
}
