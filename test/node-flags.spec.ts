import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { nodeFlags } from '../scripts/node-flags.js';

describe('nodeFlags', () => {
  const scripts = (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;

  it('gives the demo the Node flags `npm start` runs the API with, and the worker its own', () => {
    expect(nodeFlags('start')).toEqual(scripts.start.split(/\s+/).filter((w) => w.startsWith('--')));
    expect(nodeFlags('start')).toContain('--max-semi-space-size=128');
    expect(nodeFlags('start')).toContain('--no-allocation-site-pretenuring');
    expect(nodeFlags('start:worker')).toEqual(scripts['start:worker'].split(/\s+/).filter((w) => w.startsWith('--')));
  });
});
