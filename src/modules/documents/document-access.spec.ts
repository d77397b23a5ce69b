import { describe, expect, it } from '@jest/globals';
import { audited, cleared, clearedLevels, documentMove, documentNumber } from './document-access.js';
import { Confidentiality, DocumentKind, DocumentState } from './document.enums.js';

describe('document rules', () => {
  it('clearance by role: everyone reads PUBLIC and INTERNAL; keepers CONFIDENTIAL; heads SECRET', () => {
    expect(clearedLevels('SALES_REP')).toEqual(['PUBLIC', 'INTERNAL']);
    expect(clearedLevels('ARCHIVIST')).toEqual(['PUBLIC', 'INTERNAL', 'CONFIDENTIAL']);
    expect(clearedLevels('LEGAL')).toEqual(['PUBLIC', 'INTERNAL', 'CONFIDENTIAL']);
    expect(clearedLevels('BRANCH_MANAGER')).toEqual(['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET']);
    expect(cleared('CLERK', Confidentiality.CONFIDENTIAL)).toBe(false);
    expect([
      audited(Confidentiality.INTERNAL),
      audited(Confidentiality.CONFIDENTIAL),
      audited(Confidentiality.SECRET),
    ]).toEqual([false, true, true]);
  });

  it('the lifecycle: draft, review, issued, archived; edits only in a draft, versions also once issued', () => {
    expect(documentMove(DocumentState.DRAFT, 'SUBMIT')).toEqual({ to: 'IN_REVIEW' });
    expect(documentMove(DocumentState.IN_REVIEW, 'APPROVE')).toEqual({ to: 'ISSUED' });
    expect(documentMove(DocumentState.IN_REVIEW, 'SEND_BACK')).toEqual({ to: 'DRAFT' });
    expect(documentMove(DocumentState.ISSUED, 'ARCHIVE')).toEqual({ to: 'ARCHIVED' });
    expect(documentMove(DocumentState.ISSUED, 'NEW_VERSION')).toEqual({ to: 'ISSUED' });
    expect(documentMove(DocumentState.ISSUED, 'EDIT')).toEqual({
      refused:
        'The document is ISSUED: to edit it (an issued document changes only by a new version), it must be DRAFT',
    });
    expect(documentMove(DocumentState.ARCHIVED, 'NEW_VERSION')).toEqual({
      refused: 'The document is ARCHIVED: to add a version, it must be DRAFT or ISSUED',
    });
    expect(documentMove(DocumentState.DRAFT, 'ARCHIVE')).toEqual({
      refused: 'The document is DRAFT: to archive it, it must be ISSUED',
    });
  });

  it('numbers: branch, the kind’s initials, year, four digits', () => {
    expect(documentNumber(DocumentKind.NOTICE, { branchCode: 'sh', year: 2026, sequence: 7 })).toBe('SH-TZ-2026-0007');
    expect(documentNumber(DocumentKind.QUALIFICATION, { branchCode: 'BJ', year: 2027, sequence: 12345 })).toBe(
      'BJ-ZZ-2027-12345',
    );
  });
});
