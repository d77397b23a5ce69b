import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed download link is bound to: one file of one branch, the person it was made for, an expiry. */
export interface LinkClaims {
  branchId: string;
  fileId: string;
  userId: string;
  /** Unix seconds. */
  expires: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (secret: string, c: LinkClaims) =>
  createHmac('sha256', secret).update(`file-link:v1\n${c.branchId}\n${c.fileId}\n${c.userId}\n${c.expires}`).digest();

/** The query string of a link (the path carries the file id). */
export function signLink(secret: string, c: LinkClaims): string {
  const q = new URLSearchParams({
    branch: c.branchId,
    user: c.userId,
    expires: String(c.expires),
    sig: mac(secret, c).toString('base64url'),
  });
  return q.toString();
}

/**
 * The claims of a well-signed, unexpired link, or undefined: an altered branch, file, person, expiry or
 * signature, or an expired link, all answer the same (a link is proof of nothing else).
 */
export function verifyLink(
  secret: string,
  fileId: string,
  q: Record<string, unknown>,
  nowSeconds: number,
): LinkClaims | undefined {
  const { branch, user, expires, sig } = q;
  if (typeof branch !== 'string' || typeof user !== 'string' || typeof expires !== 'string') return undefined;
  if (typeof sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return undefined;
  if (!UUID.test(branch) || !UUID.test(user) || !UUID.test(fileId) || !/^\d{1,12}$/.test(expires)) return undefined;
  const claims: LinkClaims = { branchId: branch, fileId, userId: user, expires: Number(expires) };
  if (!timingSafeEqual(mac(secret, claims), Buffer.from(sig, 'base64url'))) return undefined;
  return claims.expires > nowSeconds ? claims : undefined;
}
