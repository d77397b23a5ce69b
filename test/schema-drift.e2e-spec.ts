import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { DataSource } from 'typeorm';
import { gql, useFixture } from '@app/testing';
import { entities } from '../src/entities.js';
import { buildAppSchema, diffHint, renderSchema, schemaFilePath } from '../scripts/emit-schema.js';

const ARRAY_ELEMENT: Record<string, string> = {
  _int2: 'smallint',
  _int4: 'integer',
  _int8: 'bigint',
  _text: 'text',
  _uuid: 'uuid',
  _numeric: 'numeric',
  _date: 'date',
};

const HINT = 'run npm run schema:emit and commit schema.gql';

/** Fails with the fix in the message (jest's own diff of two 300-line strings buries it). */
function expectSameSchema(committed: string, actual: string, what: string): void {
  if (committed !== actual) {
    throw new Error(`schema.gql has drifted from ${what}: ${HINT}\n${diffHint(committed, actual)}`);
  }
}

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  character_maximum_length: number | null;
  is_pk: boolean;
}

/** Tables the migration runner owns; no entity maps them. */
const NOT_ENTITIES = new Set(['migrations']);

/** Compares entity metadata with the migrated tables; returns one line per difference. */
function entityDrift(ds: DataSource, columns: DbColumn[]): string[] {
  const problems: string[] = [];
  const byTable = new Map<string, Map<string, DbColumn>>();
  for (const c of columns) {
    if (!byTable.has(c.table_name)) byTable.set(c.table_name, new Map());
    byTable.get(c.table_name)!.set(c.column_name, c);
  }
  const mapped = new Set<string>();
  for (const meta of ds.entityMetadatas) {
    const table = meta.tableName;
    mapped.add(table);
    const dbCols = byTable.get(table);
    if (!dbCols) {
      problems.push(`${meta.name}: table ${table} does not exist in the migrated schema`);
      continue;
    }
    const seen = new Set<string>();
    for (const col of meta.columns) {
      // A @VirtualColumn is computed by SQL when read (e.g. Complaint.overdue): no column to compare.
      if (col.isVirtualProperty) continue;
      const name = col.databaseName;
      seen.add(name);
      const db = dbCols.get(name);
      const where = `${meta.name}.${col.propertyName} (${table}.${name})`;
      if (!db) {
        problems.push(`${where}: no such column in the migrated schema`);
        continue;
      }
      const type = ds.driver.normalizeType(col);
      // An array column compares by its element type (information_schema names the array "_int2" and so on).
      const dbType =
        db.data_type === 'ARRAY'
          ? (ARRAY_ELEMENT[db.udt_name] ?? db.udt_name)
          : db.data_type === 'USER-DEFINED'
            ? db.udt_name
            : db.data_type;
      if (type !== dbType) problems.push(`${where}: entity type ${type}, database type ${dbType}`);
      if (col.isArray !== (db.data_type === 'ARRAY')) problems.push(`${where}: array in one and not in the other`);
      if (col.isNullable !== (db.is_nullable === 'YES')) {
        problems.push(`${where}: entity nullable=${col.isNullable}, database nullable=${db.is_nullable === 'YES'}`);
      }
      if (col.isPrimary !== db.is_pk) problems.push(`${where}: entity primary=${col.isPrimary}, database ${db.is_pk}`);
      if (col.length && db.character_maximum_length !== null && Number(col.length) !== db.character_maximum_length) {
        problems.push(`${where}: entity length ${col.length}, database ${db.character_maximum_length}`);
      }
    }
    for (const name of dbCols.keys()) {
      if (!seen.has(name)) problems.push(`${meta.name}: column ${table}.${name} is in the database but not the entity`);
    }
  }
  for (const table of byTable.keys()) {
    if (!mapped.has(table) && !NOT_ENTITIES.has(table)) {
      problems.push(`table ${table} has no entity in src/entities.ts`);
    }
  }
  return problems;
}

describe('schema drift: committed schema.gql and entities against the running code and migrated database', () => {
  const f = useFixture({ env: { GRAPHQL_INTROSPECTION: 'true', GRAPHQL_MAX_DEPTH: '50' } });

  /** The schema the running API serves, read by introspection and printed the way schema.gql is. */
  async function liveSchema(): Promise<string> {
    const r = await gql<IntrospectionQuery>(
      f.api.url,
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }),
    );
    expect(r.body.errors).toBeUndefined();
    return renderSchema(buildClientSchema(r.body.data!));
  }

  it('the schema served by the running API is exactly schema.gql', async () => {
    expectSameSchema(readFileSync(schemaFilePath(), 'utf8'), await liveSchema(), 'the schema the API serves');
  });

  it('scripts/emit-schema.ts builds the schema the API serves (so npm run schema:emit is the fix)', async () => {
    const live = await liveSchema();
    const emitted = renderSchema(await buildAppSchema());
    if (emitted !== live) {
      throw new Error(
        `scripts/emit-schema.ts no longer builds the schema the app serves: make it build like AppModule does\n${diffHint(live, emitted, ['the served schema', 'the emitted schema'])}`,
      );
    }
  });

  it('the drift check can fail: a changed schema is reported with the fix', () => {
    const committed = readFileSync(schemaFilePath(), 'utf8');
    const changed = committed.replace('\ntype Query {\n', '\ntype Query {\n  zzNotInTheCode: String\n');
    expect(changed).not.toBe(committed);
    expect(() => expectSameSchema(changed, committed, 'a test edit')).toThrow(
      /run npm run schema:emit[\s\S]*only in schema\.gql:\n- {3}zzNotInTheCode: String/,
    );
  });

  describe('TypeORM entities match the migrated tables', () => {
    let ds: DataSource;
    let columns: DbColumn[];

    beforeAll(async () => {
      // Metadata only: the data source is initialized on the test database but never queries through entities.
      ds = await new DataSource({
        type: 'postgres',
        url: f.db.url,
        entities,
        synchronize: false,
        logging: false,
      }).initialize();
      columns = (
        await f.owner.query<DbColumn>(
          `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.character_maximum_length,
                  EXISTS (
                    SELECT 1 FROM information_schema.table_constraints tc
                    JOIN information_schema.key_column_usage k
                      ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
                    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema
                      AND tc.table_name = c.table_name AND k.column_name = c.column_name
                  ) AS is_pk
           FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
           WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           ORDER BY c.table_name, c.ordinal_position`,
        )
      ).rows;
    });

    afterAll(async () => {
      if (ds?.isInitialized) await ds.destroy();
    });

    it('every entity column exists with the same type, nullability and key, and every table has an entity', () => {
      expect(ds.entityMetadatas.length).toBe(entities.length);
      expect(entityDrift(ds, columns)).toEqual([]);
    });

    it('the entity check can fail: a renamed, retyped, nullable or missing column is reported', () => {
      const tampered = columns
        .filter((c) => !(c.table_name === 'customers' && c.column_name === 'region'))
        .map((c) =>
          c.table_name === 'customers' && c.column_name === 'name'
            ? { ...c, is_nullable: 'YES' as const }
            : c.table_name === 'notifications' && c.column_name === 'read_at'
              ? { ...c, data_type: 'text' }
              : c,
        )
        .concat({ ...columns[0], table_name: 'customers', column_name: 'secret_column', is_pk: false })
        .concat({ ...columns[0], table_name: 'zz_unmapped', column_name: 'id', is_pk: true });
      const problems = entityDrift(ds, tampered);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Customer\.region .*no such column/),
          expect.stringMatching(/Customer\.name .*nullable=false, database nullable=true/),
          expect.stringMatching(/Notification\.readAt .*timestamp with time zone, database type text/),
          expect.stringMatching(/customers\.secret_column is in the database but not the entity/),
          expect.stringMatching(/table zz_unmapped has no entity/),
        ]),
      );
    });
  });
});
