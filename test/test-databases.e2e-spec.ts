import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { TEST_DB_PREFIX, dbUrl, runDatabasePrefix, templateDatabase } from '@app/testing';
// @ts-expect-error: plain ESM modules Jest runs outside its module system; typed by their use here.
import globalSetup from '../libs/testing/src/global-setup.mjs';
// @ts-expect-error: as above.
import { dropRunDatabases } from '../libs/testing/src/global-teardown.mjs';

/**
 * The test set-up shares one PostgreSQL server with other checkouts and runs: it drops only the databases its own
 * run created, never an idle database of another run that happens to share the prefix.
 */
describe('test databases', () => {
  const admin = new pg.Client({ connectionString: dbUrl('postgres') });
  const created: string[] = [];
  const exists = async (name: string) =>
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  const create = async (name: string) => {
    await admin.query(`CREATE DATABASE "${name}"`);
    created.push(name);
  };

  afterAll(async () => {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('names every database of this run after the run, the template included', () => {
    expect(runDatabasePrefix()).toBe(`${TEST_DB_PREFIX}_${process.env.TEST_RUN_ID}`);
    expect(templateDatabase()).toBe(`${runDatabasePrefix()}_template`);
  });

  it("the global set-up leaves another run's idle databases alone, and the teardown drops only its run's", async () => {
    await admin.connect();
    const other = `${TEST_DB_PREFIX}_${randomBytes(5).toString('hex')}`;
    const otherTemplate = `${TEST_DB_PREFIX}_${randomBytes(4).toString('hex')}_template`;
    const fakeRun = `r${randomBytes(5).toString('hex')}`;
    const fakeRunDbs = [`${TEST_DB_PREFIX}_${fakeRun}_template`, `${TEST_DB_PREFIX}_${fakeRun}_0a1b2c3d4e`];
    for (const name of [other, otherTemplate, ...fakeRunDbs]) await create(name);

    const runId = process.env.TEST_RUN_ID;
    try {
      await globalSetup();
    } finally {
      process.env.TEST_RUN_ID = runId;
    }
    expect({ other: await exists(other), otherTemplate: await exists(otherTemplate) }).toEqual({
      other: true,
      otherTemplate: true,
    });

    const dropped: string[] = await dropRunDatabases(TEST_DB_PREFIX, fakeRun);
    expect(dropped).toEqual([...fakeRunDbs].sort());
    expect({ other: await exists(other), otherTemplate: await exists(otherTemplate) }).toEqual({
      other: true,
      otherTemplate: true,
    });
    for (const name of fakeRunDbs) expect({ name, exists: await exists(name) }).toEqual({ name, exists: false });
    await expect(dropRunDatabases(TEST_DB_PREFIX, "x'; DROP")).rejects.toThrow('unusual test run id');
  });
});
