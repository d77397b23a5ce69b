import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';

/**
 * A kind of row other modules attach files to. `visible` answers which of the given ids of one branch the caller
 * may see (the subject module's own rules: row-level security, a rep's own rows): whoever sees the row may read
 * the files attached to it, and nobody else gets them through it.
 */
export interface AttachmentSubject {
  type: string;
  visible(ctx: RequestContext, branchId: string, ids: readonly string[]): Promise<ReadonlySet<string>>;
}

/** The registry subject modules add themselves to at start (as approval subjects do). */
@Injectable()
export class AttachmentSubjects {
  private readonly subjects = new Map<string, AttachmentSubject>();

  register(subject: AttachmentSubject): void {
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(subject.type)) throw new Error(`bad attachment subject type "${subject.type}"`);
    if (this.subjects.has(subject.type)) throw new Error(`attachment subject "${subject.type}" registered twice`);
    this.subjects.set(subject.type, subject);
  }

  get(type: string): AttachmentSubject | undefined {
    return this.subjects.get(type);
  }
}
