import { beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { hostileCases, insertCustomer, leaks, useFixture, type HostileCase } from '@app/testing';

const SEED = Number(process.env.HOSTILE_SEED ?? 20261207);
const CONCURRENCY = 6;

interface Finding {
  operation: string;
  path: string;
  label: string;
  user: string;
  problem: string;
  answer: string;
}

/**
 * Issue 9: a campaign generated from the served schema (every argument of every query and mutation, and the fields
 * of their input objects) with wrong types, extremes, malformed text, dates, decimals, ids, enums, tampered cursors
 * and explicit nulls, as head office, a branch manager, a sales rep and anonymously: no answer is an internal error,
 * a 5xx, a stack or SQL.
 */
describe('hostile input campaign', () => {
  // Login limits out of the way, so hostile logins reach the validation behind the limiter.
  const f = useFixture({ env: { LOGIN_MAX_PER_ACCOUNT: '10000', LOGIN_MAX_PER_CLIENT: '10000' } });
  let users: [string, string | undefined][];
  let customerId: string;

  beforeAll(async () => {
    users = [
      ['head office admin', f.tokens.admin],
      ['branch manager', f.tokens.managerA],
      ['sales rep', f.tokens.repA],
      ['anonymous', undefined],
    ];
    customerId = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'Hostile Co',
    });
  });

  it('answers every generated request without an internal error, a 5xx, a stack or SQL', async () => {
    // The schema the API serves (introspection itself is held to the depth limit, which its own query exceeds).
    const schema = f.api.app.get(GraphQLSchemaHost).schema;
    const cases = hostileCases(schema, {
      seed: SEED,
      fixtures: {
        ids: {
          default: '6f1c1f0e-3c2a-4d7e-9b1a-2f6f0f6c1a01',
          customerId,
          branchId: f.org.a.id,
          ownerId: f.org.users.repA.id,
          userId: f.org.users.rep2A.id,
          accountManagerId: f.org.users.repA.id,
        },
      },
      perArgument: 6,
      perField: 3,
      literalShare: 0.25,
    });
    // Baselines as every kind of user; hostile cases take the users in turn.
    const jobs: [HostileCase, number][] = [];
    cases.forEach((c, i) => {
      if (c.path === '(baseline)') users.forEach((_, u) => jobs.push([c, u]));
      else jobs.push([c, i % users.length]);
    });
    const findings: Finding[] = [];
    const codes = new Map<string, number>();
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < jobs.length) {
        const [c, u] = jobs[next++];
        const [user, token] = users[u];
        const res = await fetch(f.api.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query: c.query, variables: c.variables }),
        });
        const text = await res.text();
        let code = 'OK';
        try {
          const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
          code = body.errors?.[0]?.extensions?.code ?? 'OK';
        } catch {
          code = 'NOT_JSON';
        }
        codes.set(code, (codes.get(code) ?? 0) + 1);
        const problem = leaks(res.status, text) ?? (code === 'NOT_JSON' ? 'an answer that is not JSON' : undefined);
        if (problem)
          findings.push({
            operation: c.operation,
            path: c.path,
            label: c.label,
            user,
            problem,
            answer: text.slice(0, 300),
          });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `hostile input campaign (seed ${SEED}): ${jobs.length} requests from ${cases.length} cases in ${seconds.toFixed(0)} s; answers by code: ${JSON.stringify(Object.fromEntries([...codes].sort()))}`,
    );
    const distinct = [...new Map(findings.map((f) => [`${f.operation}|${f.path}|${f.label}`, f])).values()];
    expect(distinct).toEqual([]);
  }, 600_000);
});
