import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * Files a person can hold in their head (issue 10): no TypeScript file in src/ or libs/ over 400 lines. A file that
 * grows past it is split by what its parts do (a service's reads and writes, its after-delivery moves, ...).
 */
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const LIMIT = 400;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('file sizes', () => {
  it(`no file in src/ or libs/ is over ${LIMIT} lines`, () => {
    const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'libs'))];
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > LIMIT);
    expect(long).toEqual([]);
  });
});
