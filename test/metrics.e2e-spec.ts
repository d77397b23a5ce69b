import { beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { gql, useFixture, type GqlResponse, type TestApp } from '@app/testing';

/** /metrics only for a scraper holding METRICS_TOKEN; introspection counted by the depth and complexity limits. */

const TOKEN = 'metrics-token-0123456789abcdef';
const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;

describe('/metrics and the limits on introspection', () => {
  const f = useFixture({ orgs: 0, env: { METRICS_TOKEN: TOKEN, GRAPHQL_INTROSPECTION: 'true' } });
  /** The same API without METRICS_TOKEN, on the same database. */
  let open: TestApp;
  const metricsUrl = (a: TestApp) => a.url.replace(/\/graphql$/, '/metrics');

  beforeAll(async () => {
    open = await f.startApp();
  });

  it('answers only the bearer of METRICS_TOKEN', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${TOKEN}`,
      TOKEN,
      `Bearer ${TOKEN}x`,
    ]) {
      const r = await fetch(metricsUrl(f.api), { headers: authorization ? { authorization } : {} });
      const text = await r.text();
      expect({ authorization, status: r.status }).toEqual({ authorization, status: 401 });
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(text).not.toContain('graphql_requests_total');
      expect(text).not.toContain('process_cpu');
    }
    const ok = await fetch(metricsUrl(f.api), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toContain('graphql_sql_statements');
  });

  it('is not served at all without METRICS_TOKEN', async () => {
    const r = await fetch(metricsUrl(open), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('process_cpu');
  });

  it('counts introspection fields towards the depth limit, up to the standard introspection query', async () => {
    // 16 deep: one past the standard introspection query (15), whatever the data limit (8 here).
    const deep = `{ __schema { types { ${'ofType { '.repeat(13)}name${' }'.repeat(13)} } } }`;
    const r = await gql(f.api.url, deep);
    expect(codeOf(r)).toBe('QUERY_TOO_DEEP');
    expect(r.body.data ?? null).toBeNull();
    // GraphiQL's and code generators' introspection query passes under the default limit.
    const standard = await gql<{ __schema: { types: unknown[] } }>(f.api.url, getIntrospectionQuery());
    expect(standard.body.errors).toBeUndefined();
    expect(standard.body.data?.__schema.types.length).toBeGreaterThan(100);
    const shallow = await gql<{ __schema: { queryType: { name: string } } }>(
      f.api.url,
      '{ __schema { queryType { name } } }',
    );
    expect(shallow.body.data?.__schema.queryType.name).toBe('Query');
  });

  it('counts introspection fields towards the complexity limit (5000 by default)', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`;
    // 3 per alias: 1666 aliases cost 4998, 1667 cost 5001.
    expect(codeOf(await gql(f.api.url, aliases(1667)))).toBe('QUERY_TOO_COMPLEX');
    expect((await gql(f.api.url, aliases(1666))).body.errors).toBeUndefined();
  });
});
