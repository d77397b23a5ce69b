import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { gql, startApp, testConfig, cleanRedis } from '@app/testing';
import { api, owner, org1, tokens, snapshot, db, type Case } from './harness.js';

/** Isolation cases of The platform: staff directory, audit log, users, branches, the queue view. */
export const cases: Case[] = [
  {
    name: 'staffDirectory(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { staffDirectory(branchId: $id, first: 50) { totalCount edges { node { id email } } } }`,
  },
  {
    name: 'auditLog(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { auditLog(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'auditLog(filter: { actorId })',
    kind: 'user',
    colleagueAllowed: true,
    doc: `query($id: ID!) { auditLog(first: 50, filter: { actorId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'auditLog(filter: { entityId })',
    kind: 'customer',
    doc: `query($id: ID!) { auditLog(first: 50, filter: { entityId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'disableUser(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { disableUser(userId: $id) { id disabledAt } }`,
  },
  {
    name: 'enableUser(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { enableUser(userId: $id) { id disabledAt } }`,
  },
];

export function afterProbes(): void {
  it('createBranch and createUser by people who may not manage them are refused and change nothing', async () => {
    const before = await snapshot();
    const branch = 'mutation { createBranch(input: { code: "ZZ", name: "Probe branch" }) { id } }';
    for (const key of ['managerA1', 'repA1', 'financeA1', 'managerB1']) {
      const r = await gql(api.url, branch, {}, { token: tokens[key] });
      expect({ key, code: r.body.errors?.[0].extensions?.code }).toEqual({ key, code: 'FORBIDDEN' });
    }
    const user = `mutation($b: ID!, $role: Role!, $e: String!) { createUser(input: { branchId: $b, email: $e,
      displayName: "Probe", password: "probe-password-1", role: $role }) { id } }`;
    const tries: [string, string, string, string][] = [
      ['repA1', org1.a.id, 'SALES_REP', 'FORBIDDEN'],
      ['financeA1', org1.a.id, 'SALES_REP', 'FORBIDDEN'],
      ['managerA1', org1.a.id, 'HQ_ADMIN', 'BAD_USER_INPUT'],
      ['managerA1', org1.hq.id, 'HQ_ADMIN', 'FORBIDDEN'],
      ['admin2', org1.hq.id, 'HQ_ADMIN', 'FORBIDDEN'],
    ];
    for (const [key, b, role, code] of tries) {
      const r = await gql(
        api.url,
        user,
        { b, role, e: `probe.${key.toLowerCase()}@test.example` },
        { token: tokens[key] },
      );
      expect({ key, b, role, code: r.body.errors?.[0].extensions?.code }).toEqual({ key, b, role, code });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("queueViewLink: only the operating organization's head-office administrator; branches and the other organization are refused", async () => {
    // The queue holds every organization's jobs: the setting names one organization, here the first.
    const ops = await startApp(testConfig(db.url, { QUEUE_VIEW_ORGANIZATION_ID: org1.id }));
    try {
      const before = await snapshot();
      const link = 'mutation { queueViewLink { url expiresAt } }';
      for (const key of Object.keys(tokens)) {
        const r = await gql<{ queueViewLink: { url: string } }>(ops.url, link, {}, { token: tokens[key] });
        if (key === 'admin1') {
          expect(r.body.errors).toBeUndefined();
          const entered = await fetch(ops.url.replace(/\/graphql$/, '') + r.body.data!.queueViewLink.url, {
            redirect: 'manual',
          });
          expect(entered.status).toBe(303);
        } else {
          expect({ key, code: r.body.errors?.[0]?.extensions?.code, data: r.body.data ?? null }).toEqual({
            key,
            code: 'FORBIDDEN',
            data: null,
          });
        }
      }
      expect(await snapshot()).toEqual(before);
    } finally {
      await ops.close();
      await cleanRedis(ops.config);
    }
  });
}

/** Rows of the platform's tenant tables in every branch. */
export async function seedBranch(b: string): Promise<void> {
  await owner.query(
    `INSERT INTO audit_log (branch_id, id, actor_id, entity, entity_id, action, after)
         VALUES ($1, $2, NULL, 'seed', $1, 'create', '{"seed": true}')`,
    [b, randomUUID()],
  );
  await owner.query(
    `INSERT INTO outbox (branch_id, id, job_name, payload, published_at) VALUES ($1, $2, 'seed.noop', '{}', now())`,
    [b, randomUUID()],
  );
}
