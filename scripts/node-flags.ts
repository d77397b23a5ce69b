import { existsSync, readFileSync } from 'node:fs';

// scripts/ in the source tree (tests), dist/scripts/ once built.
const PACKAGE_JSON = ['../package.json', '../../package.json']
  .map((p) => new URL(p, import.meta.url))
  .find((u) => existsSync(u) && (JSON.parse(readFileSync(u, 'utf8')) as { name?: string }).name === 'commerce-ops');

/**
 * The Node options an npm script gives its process (the `--flags` between `node` and the file in package.json),
 * so the demo and the bench run the API exactly as `npm start` does, e.g. with its young-generation size.
 */
export function nodeFlags(script: 'start' | 'start:worker'): string[] {
  if (!PACKAGE_JSON) throw new Error('package.json of commerce-ops not found beside scripts/');
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts?: Record<string, string> };
  const words = pkg.scripts?.[script]?.trim().split(/\s+/) ?? [];
  if (words[0] !== 'node') return [];
  const flags: string[] = [];
  for (const w of words.slice(1)) {
    if (!w.startsWith('--')) break;
    flags.push(w);
  }
  return flags;
}
