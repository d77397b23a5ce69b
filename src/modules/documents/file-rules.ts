import { DocumentKind } from './document.enums.js';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const SCANS = ['image/png', 'image/jpeg', 'image/tiff'];

/** What a person may upload for a document of a kind: content types (sniffed from the bytes) and a size. */
export interface FileRule {
  types: readonly string[];
  maxBytes: number;
}

const MB = 1024 * 1024;

/**
 * Per kind: internal papers are office files; external ones are mostly signed scans. Reports carry survey
 * data and scans of whole binders, hence the large limit; FILE_MAX_BYTES caps every kind.
 */
export const FILE_RULES: Readonly<Record<DocumentKind, FileRule>> = {
  NOTICE: { types: [PDF, DOCX, ...SCANS], maxBytes: 25 * MB },
  REPORT: { types: [PDF, DOCX, XLSX, PPTX, ...SCANS], maxBytes: 2048 * MB },
  PLAN: { types: [PDF, DOCX, XLSX, PPTX], maxBytes: 200 * MB },
  SUMMARY: { types: [PDF, DOCX, XLSX, PPTX], maxBytes: 200 * MB },
  CONTRACT: { types: [PDF, DOCX, ...SCANS], maxBytes: 100 * MB },
  AGREEMENT: { types: [PDF, DOCX, ...SCANS], maxBytes: 100 * MB },
  LETTER: { types: [PDF, DOCX, ...SCANS], maxBytes: 25 * MB },
  CERTIFICATE: { types: [PDF, ...SCANS], maxBytes: 25 * MB },
  QUALIFICATION: { types: [PDF, ...SCANS], maxBytes: 500 * MB },
};

/** The rule for a kind under the configured cap. */
export function fileRule(kind: DocumentKind, capBytes: number): FileRule {
  const rule = FILE_RULES[kind];
  return { types: rule.types, maxBytes: Math.min(rule.maxBytes, capBytes) };
}

/** Why a file name is refused, or undefined: a name is shown and offered for download, never used as a path. */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.trim().length === 0) return 'give the file a name';
  if ([...name].length > 255) return 'at most 255 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'no control characters (NUL, line breaks, tabs)';
  if (/[/\\]/.test(name)) return 'a file name, not a path: no / or \\';
  if (name === '.' || name === '..') return 'a file name, not a path';
  if (/[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return 'not valid Unicode text';
  return undefined;
}

/** A size a person reads: 25 MB, 2048 MB, 512 KB. */
export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.floor(bytes / MB)} MB` : `${Math.floor(bytes / 1024)} KB`;
}
