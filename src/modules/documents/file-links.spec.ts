import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signLink, verifyLink } from './file-links.js';

const SECRET = 's'.repeat(64);

describe('signed file links', () => {
  const claims = { branchId: randomUUID(), fileId: randomUUID(), userId: randomUUID(), expires: 2_000_000_000 };
  const q = () => Object.fromEntries(new URLSearchParams(signLink(SECRET, claims)));

  it('a link verifies for its file until it expires', () => {
    expect(verifyLink(SECRET, claims.fileId, q(), 1_999_999_999)).toEqual(claims);
    expect(verifyLink(SECRET, claims.fileId, q(), 2_000_000_000)).toBeUndefined();
  });

  it('any change to branch, file, person, expiry or signature, or another secret, voids it', () => {
    const other = randomUUID();
    const sig = q().sig;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verifyLink(SECRET, other, q(), 0)).toBeUndefined();
    expect(verifyLink(SECRET, claims.fileId, { ...q(), branch: other }, 0)).toBeUndefined();
    expect(verifyLink(SECRET, claims.fileId, { ...q(), user: other }, 0)).toBeUndefined();
    expect(verifyLink(SECRET, claims.fileId, { ...q(), expires: '2000000001' }, 0)).toBeUndefined();
    expect(verifyLink(SECRET, claims.fileId, { ...q(), sig: flipped }, 0)).toBeUndefined();
    expect(verifyLink(SECRET, claims.fileId, { ...q(), sig: 'short' }, 0)).toBeUndefined();
    expect(verifyLink(SECRET, claims.fileId, { ...q(), sig: ['a', 'b'] }, 0)).toBeUndefined();
    expect(verifyLink('t'.repeat(64), claims.fileId, q(), 0)).toBeUndefined();
    expect(verifyLink(SECRET, claims.fileId, {}, 0)).toBeUndefined();
  });
});
