import { formatNumber } from '@app/core';
import { Role } from '../branches/roles.js';
import { Confidentiality, DocumentState } from './document.enums.js';

/** The levels a role reads without a grant. PUBLIC and INTERNAL: everyone in the branch. */
const CLEARANCE: Readonly<Record<Confidentiality, ReadonlySet<string>>> = {
  PUBLIC: new Set(Object.values(Role)),
  INTERNAL: new Set(Object.values(Role)),
  CONFIDENTIAL: new Set([
    Role.HQ_ADMIN,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.LEGAL,
    Role.FINANCE,
    Role.ARCHIVIST,
  ]),
  SECRET: new Set([Role.HQ_ADMIN, Role.LEADERSHIP, Role.BRANCH_MANAGER]),
};

/** Whether a role's clearance covers a level (the author and grantees read regardless). */
export function cleared(role: string, level: Confidentiality): boolean {
  return CLEARANCE[level].has(role);
}

/** The levels a role is cleared for, for SQL (`confidentiality = ANY($n)`). */
export function clearedLevels(role: string): Confidentiality[] {
  return Object.values(Confidentiality).filter((l) => cleared(role, l));
}

/** Reads of these levels are audited (document_reads), metadata and files alike. */
export function audited(level: Confidentiality): boolean {
  return level === Confidentiality.CONFIDENTIAL || level === Confidentiality.SECRET;
}

export type DocumentMove = 'SUBMIT' | 'APPROVE' | 'SEND_BACK' | 'ARCHIVE' | 'EDIT' | 'NEW_VERSION';

const MOVES: Record<DocumentMove, { from: DocumentState[]; to?: DocumentState; verb: string }> = {
  SUBMIT: { from: [DocumentState.DRAFT], to: DocumentState.IN_REVIEW, verb: 'submit it for review' },
  APPROVE: { from: [DocumentState.IN_REVIEW], to: DocumentState.ISSUED, verb: 'issue it' },
  SEND_BACK: { from: [DocumentState.IN_REVIEW], to: DocumentState.DRAFT, verb: 'send it back' },
  ARCHIVE: { from: [DocumentState.ISSUED], to: DocumentState.ARCHIVED, verb: 'archive it' },
  // Title and level change only in a draft; an issued document changes only by a new version.
  EDIT: { from: [DocumentState.DRAFT], verb: 'edit it (an issued document changes only by a new version)' },
  NEW_VERSION: { from: [DocumentState.DRAFT, DocumentState.ISSUED], verb: 'add a version' },
};

/** The state after a move, or the reason it is refused (naming both states). */
export function documentMove(state: DocumentState, move: DocumentMove): { to: DocumentState } | { refused: string } {
  const m = MOVES[move];
  if (!m.from.includes(state)) {
    return { refused: `The document is ${state}: to ${m.verb}, it must be ${m.from.join(' or ')}` };
  }
  return { to: m.to ?? state };
}

const PREFIX: Record<string, string> = {
  NOTICE: 'TZ',
  REPORT: 'BG',
  PLAN: 'JH',
  SUMMARY: 'ZJ',
  CONTRACT: 'HT',
  AGREEMENT: 'XY',
  LETTER: 'HJ',
  CERTIFICATE: 'ZS',
  QUALIFICATION: 'ZZ',
};

/** The numbering rule of a kind: branch code, the kind's pinyin initials (通知 TZ, 报告 BG ...), year, sequence. */
export function documentNumber(kind: string, parts: { branchCode: string; year: number; sequence: number }): string {
  return formatNumber(`{BRANCH}-${PREFIX[kind]}-{YYYY}-{NNNN}`, parts);
}
