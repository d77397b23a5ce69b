import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { PASSWORD, cleanRedis, gql, insertCustomer, login, useFixture, type GqlResponse } from '@app/testing';

/** The secret testConfig() gives the app. */
const SECRET = 'test-secret-test-secret-test-secret-0001';
const MAX_PER_ACCOUNT = 3;
const MAX_PER_CLIENT = 8;

const LOGIN = `mutation($e: String!, $p: String!) {
  login(input: { email: $e, password: $p }) {
    accessToken refreshToken expiresIn user { id email memberships { role branch { id kind } } }
  } }`;
const REFRESH = 'mutation($t: String!) { refreshToken(token: $t) { accessToken refreshToken user { id } } }';
const ME = '{ me { id email } }';

interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; memberships: { role: string; branch: { id: string; kind: string } }[] };
}

const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;

/** A token in the product's own claim format (see token.service.ts), signed as the test wants. */
function accessClaims(userId: string, orgId: string, branchId: string, role: string, headOffice: 0 | 1) {
  return { sub: userId, org: orgId, m: [[branchId, role, headOffice]], v: 0 };
}

describe('authentication and branch scoping over GraphQL', () => {
  // Nobody signed in by the fixture: these tests log in themselves, under limits a fixture's logins would use up.
  const f = useFixture({
    orgs: 2,
    signIn: false,
    env: {
      LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      LOGIN_MAX_PER_CLIENT: String(MAX_PER_CLIENT),
      LOGIN_WINDOW_SECONDS: '600',
    },
  });

  const tryLogin = (email: string, password: string, headers?: Record<string, string>) =>
    gql<{ login: AuthPayload }>(f.api.url, LOGIN, { e: email, p: password }, { headers });
  const refresh = (token: string) =>
    gql<{ refreshToken: { accessToken: string; refreshToken: string; user: { id: string } } }>(f.api.url, REFRESH, {
      t: token,
    });

  // Every test starts with empty login counters (they live under this file's Redis prefix).
  beforeEach(async () => {
    await cleanRedis(f.api.config);
  });

  describe('login', () => {
    it('returns a token pair and the user with memberships; the access token works for me', async () => {
      const r = await tryLogin(f.org.users.managerA.email, PASSWORD);
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      const p = r.body.data!.login;
      expect(p.accessToken.split('.')).toHaveLength(3);
      expect(p.refreshToken.length).toBeGreaterThanOrEqual(32);
      expect(p.expiresIn).toBeGreaterThan(0);
      expect(p.user).toEqual({
        id: f.org.users.managerA.id,
        email: f.org.users.managerA.email,
        memberships: [{ role: 'BRANCH_MANAGER', branch: { id: f.org.a.id, kind: 'BRANCH' } }],
      });
      const me = await gql<{ me: { id: string; email: string } }>(f.api.url, ME, {}, { token: p.accessToken });
      expect(me.body.errors).toBeUndefined();
      expect(me.body.data!.me).toEqual({ id: f.org.users.managerA.id, email: f.org.users.managerA.email });
    });

    it('answers a wrong password and an unknown e-mail identically, without a token', async () => {
      const wrong = await tryLogin(f.org.users.repA.email, 'not-the-password');
      const unknown = await tryLogin('nobody.here@test.example', PASSWORD);
      for (const r of [wrong, unknown]) {
        expect(r.body.data?.login ?? null).toBeNull();
        expect(r.text).not.toContain('accessToken');
        expect(r.body.errors).toHaveLength(1);
      }
      expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
      expect(codeOf(unknown)).toBe(codeOf(wrong));
      expect(unknown.body.errors![0].message).toBe(wrong.body.errors![0].message);
      expect(unknown.status).toBe(wrong.status);
      expect(wrong.body.errors![0].message).not.toMatch(/not found|no such|unknown|exist/i);
    });

    it('e-mail matching is case-insensitive', async () => {
      const r = await tryLogin(f.org.users.repA.email.toUpperCase(), PASSWORD);
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data!.login.user.id).toBe(f.org.users.repA.id);
    });
  });

  const customers = '{ customers(first: 5) { totalCount } }';

  describe('access tokens', () => {
    it('me and customers without a token are UNAUTHENTICATED', async () => {
      for (const q of [ME, customers]) {
        const r = await gql(f.api.url, q);
        expect(codeOf(r)).toBe('UNAUTHENTICATED');
        expect(r.body.data ?? null).toBeNull();
      }
    });

    it('an Authorization header that is not "Bearer <token>" is UNAUTHENTICATED', async () => {
      const { accessToken } = await login(f.api.url, f.org.users.repA.email, PASSWORD);
      const r = await gql(f.api.url, ME, {}, { headers: { authorization: `Token ${accessToken}` } });
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
    });

    it('refuses tampered tokens: a flipped signature, another secret, alg none, a foreign issuer', async () => {
      const { accessToken } = await login(f.api.url, f.org.users.repA.email, PASSWORD);
      // The genuine token works, so every refusal below is due to the tampering alone.
      expect((await gql(f.api.url, ME, {}, { token: accessToken })).body.data).toBeTruthy();

      const [h, p, sig] = accessToken.split('.');
      const i = 10; // a character in the middle of the signature: all of its bits are significant
      const flipped = `${h}.${p}.${sig.slice(0, i)}${sig[i] === 'A' ? 'B' : 'A'}${sig.slice(i + 1)}`;
      const claims = jwt.decode(accessToken) as Record<string, unknown>;
      const bare = { sub: claims.sub, org: claims.org, m: claims.m };
      const otherSecret = jwt.sign(bare, 'another-secret-another-secret-another-secret', {
        algorithm: 'HS256',
        expiresIn: 600,
        issuer: 'commerce',
      });
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...bare, iss: 'commerce', iat: now, exp: now + 600 })}.`;
      const foreignIssuer = jwt.sign(bare, SECRET, { algorithm: 'HS256', expiresIn: 600, issuer: 'someone-else' });
      // An HS256 token "signed" with the secret as if it were a public key (algorithm confusion) is the same thing as
      // another secret; a payload swap under the genuine signature covers privilege escalation.
      const escalated = `${h}.${b64({ ...claims, m: [[f.org.hq.id, 'HQ_ADMIN', 1]] })}.${sig}`;

      for (const [label, token] of Object.entries({ flipped, otherSecret, algNone, foreignIssuer, escalated })) {
        for (const q of [ME, customers]) {
          const r = await gql(f.api.url, q, {}, { token });
          expect({ label, code: codeOf(r), data: r.body.data ?? null }).toEqual({
            label,
            code: 'UNAUTHENTICATED',
            data: null,
          });
        }
      }
    });

    it('an expired token is UNAUTHENTICATED, while the same claims unexpired are accepted', async () => {
      const u = f.org.users.managerA;
      const claims = accessClaims(u.id, f.org.id, u.branchId, u.role, 0);
      const now = Math.floor(Date.now() / 1000);
      const fresh = jwt.sign({ ...claims, iat: now - 60, exp: now + 600 }, SECRET, {
        algorithm: 'HS256',
        issuer: 'commerce',
      });
      const expired = jwt.sign({ ...claims, iat: now - 3600, exp: now - 60 }, SECRET, {
        algorithm: 'HS256',
        issuer: 'commerce',
      });
      const ok = await gql<{ me: { id: string } }>(f.api.url, ME, {}, { token: fresh });
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data!.me.id).toBe(u.id);

      const r = await gql(f.api.url, ME, {}, { token: expired });
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      expect(r.body.errors![0].message).toMatch(/expired/i);
      expect(r.body.data ?? null).toBeNull();
    });
  });

  describe('well-signed tokens with claims the product never issues', () => {
    const sign = (claims: object) =>
      jwt.sign(claims, SECRET, { algorithm: 'HS256', expiresIn: 600, issuer: 'commerce' });

    it('a sub that is not a uuid, or a membership in an unknown branch, is UNAUTHENTICATED (never an internal error)', async () => {
      const u = f.org.users.managerA;
      const genuine = accessClaims(u.id, f.org.id, u.branchId, u.role, 0);
      const unknownBranch = '00000000-0000-4000-8000-000000000000';
      const tokens = {
        subNotUuid: sign({ ...genuine, sub: 'not-a-uuid' }),
        subNumber: sign({ ...genuine, sub: 42 }),
        orgNotUuid: sign({ ...genuine, org: "x'; DROP TABLE users; --" }),
        unknownBranch: sign(accessClaims(u.id, f.org.id, unknownBranch, u.role, 0)),
        unknownBranchHq: sign(accessClaims(f.org.users.admin.id, f.org.id, unknownBranch, 'HQ_ADMIN', 1)),
        branchNotUuid: sign(accessClaims(u.id, f.org.id, 'branch-1', u.role, 0)),
        anotherOrgsBranch: sign(accessClaims(u.id, f.org.id, f.other.a.id, u.role, 0)),
        unknownRole: sign(accessClaims(u.id, f.org.id, u.branchId, 'ROOT', 0)),
        unknownUser: sign(accessClaims('00000000-0000-4000-8000-000000000001', f.org.id, u.branchId, u.role, 0)),
        noVersion: sign({ sub: u.id, org: f.org.id, m: [[u.branchId, u.role, 0]] }),
      };
      // The genuine claims, signed the same way, are accepted.
      expect((await gql(f.api.url, customers, {}, { token: sign(genuine) })).body.errors).toBeUndefined();
      for (const [label, token] of Object.entries(tokens)) {
        for (const q of [ME, customers]) {
          const r = await gql(f.api.url, q, {}, { token });
          expect({ label, q, code: codeOf(r), data: r.body.data ?? null }).toEqual({
            label,
            q,
            code: 'UNAUTHENTICATED',
            data: null,
          });
        }
      }
    });
  });

  describe('refresh tokens', () => {
    const familyOf = async (userId: string) =>
      (
        await f.owner.query<{ revoked: boolean; used: boolean }>(
          `SELECT revoked_at IS NOT NULL AS revoked, used_at IS NOT NULL AS used FROM refresh_tokens
           WHERE user_id = $1 ORDER BY created_at, id`,
          [userId],
        )
      ).rows;

    it('rotates: the new pair works, and its refresh token rotates again', async () => {
      const first = await login(f.api.url, f.org.users.rep2A.email, PASSWORD);
      const r = await refresh(first.refreshToken);
      expect(r.body.errors).toBeUndefined();
      const next = r.body.data!.refreshToken;
      expect(next.user.id).toBe(f.org.users.rep2A.id);
      expect(next.refreshToken).not.toBe(first.refreshToken);
      const me = await gql<{ me: { id: string } }>(f.api.url, ME, {}, { token: next.accessToken });
      expect(me.body.data!.me.id).toBe(f.org.users.rep2A.id);
      // The new refresh token rotates again.
      const again = await refresh(next.refreshToken);
      expect(again.body.errors).toBeUndefined();
      expect(again.body.data!.refreshToken.refreshToken).toBeTruthy();
    });

    it('reusing a refresh token is refused and revokes the whole family, the newest token included', async () => {
      const u = f.org.users.financeA;
      const t1 = await login(f.api.url, u.email, PASSWORD);
      const r2 = await refresh(t1.refreshToken);
      const t2 = r2.body.data!.refreshToken;
      const r3 = await refresh(t2.refreshToken);
      const t3 = r3.body.data!.refreshToken;
      expect(t3.refreshToken).toBeTruthy();
      // Another session of the same user (another family) must survive.
      const otherSession = await login(f.api.url, u.email, PASSWORD);

      const reuse = await refresh(t1.refreshToken);
      expect(codeOf(reuse)).toBe('UNAUTHENTICATED');
      expect(reuse.body.data?.refreshToken ?? null).toBeNull();
      expect(reuse.text).not.toContain('accessToken');

      const newest = await refresh(t3.refreshToken);
      expect(codeOf(newest)).toBe('UNAUTHENTICATED');
      expect(newest.body.data?.refreshToken ?? null).toBeNull();

      const rows = await familyOf(u.id);
      expect(rows).toHaveLength(4);
      expect(rows.slice(0, 3).every((row) => row.revoked)).toBe(true);
      expect(rows[3].revoked).toBe(false);
      const survivor = await refresh(otherSession.refreshToken);
      expect(survivor.body.errors).toBeUndefined();
    });

    it('an unknown refresh token is UNAUTHENTICATED', async () => {
      const r = await refresh('definitely-not-a-refresh-token');
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      expect(r.body.data?.refreshToken ?? null).toBeNull();
    });
  });

  describe('disabled accounts', () => {
    it('cannot log in (same answer as a wrong password) nor refresh', async () => {
      const u = f.org.users.repB;
      const session = await login(f.api.url, u.email, PASSWORD);
      await f.owner.query('UPDATE users SET disabled_at = now() WHERE id = $1', [u.id]);
      try {
        const wrong = await tryLogin(f.org.users.managerB.email, 'not-the-password');
        const r = await tryLogin(u.email, PASSWORD);
        expect(codeOf(r)).toBe('UNAUTHENTICATED');
        expect(r.body.errors![0].message).toBe(wrong.body.errors![0].message);
        expect(r.body.data?.login ?? null).toBeNull();

        const ref = await refresh(session.refreshToken);
        expect(codeOf(ref)).toBe('UNAUTHENTICATED');
        expect(ref.body.data?.refreshToken ?? null).toBeNull();
        expect(ref.text).not.toContain('accessToken');
      } finally {
        await f.owner.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [u.id]);
      }
      // Re-enabled, the same credentials work again: the refusal above was the flag.
      expect((await tryLogin(u.email, PASSWORD)).body.data?.login.user.id).toBe(u.id);
    });
  });

  describe('login rate limits', () => {
    it(`per account: after ${MAX_PER_ACCOUNT} wrong attempts even the right password is TOO_MANY_REQUESTS`, async () => {
      const email = f.org.users.rep2A.email;
      for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
        expect(codeOf(await tryLogin(email, `wrong-${i}`))).toBe('UNAUTHENTICATED');
      }
      const r = await tryLogin(email, PASSWORD);
      expect(codeOf(r)).toBe('TOO_MANY_REQUESTS');
      expect(r.body.data?.login ?? null).toBeNull();
      expect(r.text).not.toContain('accessToken');
      // When to try again: in the error, and (the whole answer being refused) as HTTP 429 with Retry-After.
      const retry = r.body.errors![0].extensions as { retryAfterSeconds?: number };
      expect(retry.retryAfterSeconds).toBeGreaterThan(590);
      expect(retry.retryAfterSeconds).toBeLessThanOrEqual(600);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe(String(retry.retryAfterSeconds));
      // Another account from the same client is not locked by it.
      expect((await tryLogin(f.org.users.managerA.email, PASSWORD)).body.data?.login.user.id).toBe(
        f.org.users.managerA.id,
      );
      // Nor does a different spelling of the same address get a fresh budget.
      expect(codeOf(await tryLogin(email.toUpperCase(), PASSWORD))).toBe('TOO_MANY_REQUESTS');
    });

    it(`per client: ${MAX_PER_CLIENT} attempts with different e-mails, then every login is refused`, async () => {
      for (let i = 0; i < MAX_PER_CLIENT; i++) {
        expect(codeOf(await tryLogin(`stranger${i}@test.example`, 'guess'))).toBe('UNAUTHENTICATED');
      }
      const blocked = await tryLogin(f.org.users.managerB.email, PASSWORD);
      expect(codeOf(blocked)).toBe('TOO_MANY_REQUESTS');
      // A spoofed X-Forwarded-For does not give the client a new address.
      const spoofed = await tryLogin(f.org.users.managerB.email, PASSWORD, { 'x-forwarded-for': '203.0.113.9' });
      expect(codeOf(spoofed)).toBe('TOO_MANY_REQUESTS');
    });

    it('counts every aliased login in one request', async () => {
      const email = f.org.users.managerB.email;
      const n = MAX_PER_ACCOUNT + 2;
      const fields = Array.from(
        { length: n },
        (_, i) => `a${i}: login(input: { email: $e, password: $p }) { accessToken }`,
      ).join('\n');
      const r = await gql<Record<string, { accessToken: string } | null>>(
        f.api.url,
        `mutation($e: String!, $p: String!) { ${fields} }`,
        { e: email, p: PASSWORD },
      );
      const codes = (r.body.errors ?? []).map((e) => `${e.path?.[0]}:${e.extensions?.code}`);
      expect(codes).toContain(`a${MAX_PER_ACCOUNT}:TOO_MANY_REQUESTS`);
      expect(codes.some((c) => c.startsWith('a0:') || c.startsWith(`a${MAX_PER_ACCOUNT - 1}:`))).toBe(false);
      // The refusal is field-level: the aliases within the budget still answer with their tokens.
      expect(r.status).toBe(200);
      expect(r.headers.get('retry-after')).toBeNull();
      const data = r.body.data!;
      for (let i = 0; i < n; i++) {
        if (i < MAX_PER_ACCOUNT) expect(data[`a${i}`]?.accessToken).toBeTruthy();
        else expect(data[`a${i}`]).toBeNull();
      }
      // The batch used up the account's budget: a separate request is refused too.
      expect(codeOf(await tryLogin(email, PASSWORD))).toBe('TOO_MANY_REQUESTS');
    });

    it('aliased wrong guesses in one request are limited too', async () => {
      const email = f.org.users.repA.email;
      const fields = Array.from(
        { length: MAX_PER_ACCOUNT + 3 },
        (_, i) => `g${i}: login(input: { email: $e, password: "guess-${i}" }) { accessToken }`,
      ).join('\n');
      const r = await gql<Record<string, unknown>>(f.api.url, `mutation($e: String!) { ${fields} }`, { e: email });
      expect(Object.values(r.body.data ?? {}).every((v) => v === null)).toBe(true);
      expect(r.text).not.toContain('accessToken"');
      // Whatever the batch executed counted: at most MAX_PER_ACCOUNT guesses were allowed in all.
      let allowed = 0;
      for (let i = 0; i < MAX_PER_ACCOUNT + 1; i++) {
        const c = codeOf(await tryLogin(email, `later-guess-${i}`));
        if (c === 'UNAUTHENTICATED') allowed++;
        else expect(c).toBe('TOO_MANY_REQUESTS');
      }
      const executedInBatch = (r.body.errors ?? []).filter((e) => e.extensions?.code === 'UNAUTHENTICATED').length;
      expect(executedInBatch).toBeGreaterThanOrEqual(1);
      expect(executedInBatch + allowed).toBe(MAX_PER_ACCOUNT);
    });
  });

  describe('X-Branch-Id', () => {
    const LIST = '{ customers(first: 50) { edges { node { id branchId } } } }';
    type List = { customers: { edges: { node: { id: string; branchId: string } }[] } };
    let inA: string;
    let inB: string;

    beforeAll(async () => {
      inA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.managerA.id, name: 'Scoped A' });
      inB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.managerB.id, name: 'Scoped B' });
    });

    it('head office sees every branch, and only the named branch when narrowed', async () => {
      const { accessToken } = await login(f.api.url, f.org.users.admin.email, PASSWORD);
      const all = await gql<List>(f.api.url, LIST, {}, { token: accessToken });
      expect(all.body.errors).toBeUndefined();
      const allIds = all.body.data!.customers.edges.map((e) => e.node.id);
      expect(allIds).toEqual(expect.arrayContaining([inA, inB]));

      const narrowed = await gql<List>(f.api.url, LIST, {}, { token: accessToken, branchId: f.org.a.id });
      expect(narrowed.body.errors).toBeUndefined();
      const nodes = narrowed.body.data!.customers.edges.map((e) => e.node);
      expect(nodes.map((n) => n.id)).toContain(inA);
      expect(nodes.map((n) => n.id)).not.toContain(inB);
      expect(new Set(nodes.map((n) => n.branchId))).toEqual(new Set([f.org.a.id]));
      // Upper-case ids name the same branch.
      const upper = await gql<List>(f.api.url, LIST, {}, { token: accessToken, branchId: f.org.b.id.toUpperCase() });
      expect(upper.body.data!.customers.edges.map((e) => e.node.id)).toEqual([inB]);
    });

    it("head office naming another organization's branch, or garbage, is FORBIDDEN", async () => {
      const { accessToken } = await login(f.api.url, f.org.users.admin.email, PASSWORD);
      for (const branchId of [f.other.a.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        const r = await gql(f.api.url, LIST, {}, { token: accessToken, branchId });
        expect({ branchId, code: codeOf(r), data: r.body.data ?? null }).toEqual({
          branchId,
          code: 'FORBIDDEN',
          data: null,
        });
      }
    });

    it("a branch user naming another branch's id is FORBIDDEN and sees nothing of it", async () => {
      const { accessToken } = await login(f.api.url, f.org.users.managerA.email, PASSWORD);
      const own = await gql<List>(f.api.url, LIST, {}, { token: accessToken, branchId: f.org.a.id });
      expect(own.body.data!.customers.edges.map((e) => e.node.id)).toContain(inA);
      for (const branchId of [f.org.b.id, f.org.hq.id, f.other.a.id]) {
        const r = await gql<List>(f.api.url, LIST, {}, { token: accessToken, branchId });
        expect({ branchId, code: codeOf(r), data: r.body.data ?? null }).toEqual({
          branchId,
          code: 'FORBIDDEN',
          data: null,
        });
        expect(r.text).not.toContain(inB);
      }
      // Writes are refused the same way: nothing lands in branch B.
      const before = await f.owner.query('SELECT count(*)::int AS n FROM customers WHERE branch_id = $1', [f.org.b.id]);
      const w = await gql(
        f.api.url,
        'mutation { createCustomer(input: { name: "Sneaky", tier: LOW }) { id } }',
        {},
        { token: accessToken, branchId: f.org.b.id },
      );
      expect(codeOf(w)).toBe('FORBIDDEN');
      const after = await f.owner.query('SELECT count(*)::int AS n FROM customers WHERE branch_id = $1', [f.org.b.id]);
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });
  });
});
