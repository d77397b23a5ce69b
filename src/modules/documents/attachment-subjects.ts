import { Injectable } from '@nestjs/common';

/**
 * A kind of row other modules attach files to, and the subject module's table holding those rows (keyed by
 * branch_id, id). Whoever sees the row may read the files attached to it, and nobody else gets them through it:
 * who sees a row is that table's row-level security (a rep's own rows, a tender's documents with the tender), read
 * in the same single statement for every kind, so a refusal costs what an unknown id costs.
 */
export interface AttachmentSubject {
  type: string;
  table: string;
}

/** The registry subject modules add themselves to at start (as approval subjects do). */
@Injectable()
export class AttachmentSubjects {
  private readonly subjects = new Map<string, AttachmentSubject>();

  register(subject: AttachmentSubject): void {
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(subject.type)) throw new Error(`bad attachment subject type "${subject.type}"`);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(subject.table)) throw new Error(`bad attachment table "${subject.table}"`);
    if (this.subjects.has(subject.type)) throw new Error(`attachment subject "${subject.type}" registered twice`);
    this.subjects.set(subject.type, subject);
  }

  get(type: string): AttachmentSubject | undefined {
    return this.subjects.get(type);
  }

  /** SQL: "file_attachments row `a` names a row the caller sees", over every registered kind. */
  seenSql(a = 'a'): string {
    const kinds = [...this.subjects.values()].map(
      (s) =>
        `(${a}.subject_type = '${s.type}' AND EXISTS (SELECT 1 FROM ${s.table} t ` +
        `WHERE t.branch_id = ${a}.branch_id AND t.id = ${a}.subject_id))`,
    );
    return kinds.length ? `(${kinds.join(' OR ')})` : 'false';
  }
}
