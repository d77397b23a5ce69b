import { describe, expect, it } from '@jest/globals';
import { DocumentKind } from './document.enums.js';
import { FILE_RULES, fileNameProblem, fileRule, sizeText } from './file-rules.js';

describe('file rules', () => {
  it('every kind has types and a size; the configured cap wins when lower', () => {
    for (const kind of Object.values(DocumentKind)) {
      expect(FILE_RULES[kind].types.length).toBeGreaterThan(0);
      expect(fileRule(kind, 1024).maxBytes).toBe(1024);
    }
    expect(fileRule(DocumentKind.LETTER, 2 ** 40).maxBytes).toBe(25 * 1024 * 1024);
    expect(sizeText(25 * 1024 * 1024)).toBe('25 MB');
    expect(sizeText(2048)).toBe('2 KB');
  });

  it.each([
    ['', 'give the file a name'],
    ['   ', 'give the file a name'],
    ['a\u0000b.pdf', 'no control characters (NUL, line breaks, tabs)'],
    ['a\nb.pdf', 'no control characters (NUL, line breaks, tabs)'],
    ['../etc/passwd', 'a file name, not a path: no / or \\'],
    ['C:\\x.pdf', 'a file name, not a path: no / or \\'],
    ['..', 'a file name, not a path'],
    ['x'.repeat(256), 'at most 255 characters'],
    ['\ud800.pdf', 'not valid Unicode text'],
  ])('%j is refused: %s', (name, problem) => {
    expect(fileNameProblem(name)).toBe(problem);
  });

  it.each(['合同 2026.pdf', 'Scan (1).jpeg', '..hidden.pdf', '😀.png', 'x'.repeat(255)])('%j is fine', (name) => {
    expect(fileNameProblem(name)).toBeUndefined();
  });
});
