import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { getMetadataArgsStorage } from 'typeorm';
import { definedTables } from '@app/core';
import { entities } from '../src/entities.js';

/**
 * Module walls (CONTRIBUTING.md "Module walls"): each table belongs to one module, named in its definition
 * (`defineTable(Entity, { module })`), and only that module's SQL names it. Imports are walled by ESLint
 * (eslint.config.js); this spec proves the lint rules bite and that their exception lists only shrink. No database.
 */

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const LIBS = 'libs';

/**
 * Views the branches module publishes to the runtime role for other modules to read (SELECT only, security_barrier,
 * filtered to the branches in scope): the branch time zone, currency and kind (scope_branches) and staff names and
 * roles (branch_directory), joined in the same statement so a scan or a list needs no extra round trip per branch.
 * Their columns are the branches module's published contract; writing them is a crossing (and the runtime role
 * cannot). Every view in migrations/ must be listed here with its owner.
 */
const SHARED_VIEWS: Record<string, string> = { scope_branches: 'branches', branch_directory: 'branches' };

interface SqlException {
  file: string;
  table: string;
  reason: string;
}

/**
 * SQL naming another module's table, to be replaced by a call to the owner's service. The list only shrinks: an
 * entry whose crossing is gone fails the third test until it is taken off.
 */
const SQL_EXCEPTIONS: SqlException[] = [
  {
    file: 'src/modules/customers/tiering-sql.ts',
    table: 'notifications',
    reason:
      're-tiering inserts the owners’ notices in the statement that changes the tiers; NotificationsService.notifyMany',
  },
  {
    file: 'src/modules/customers/tiering.jobs.ts',
    table: 'notifications',
    reason: 'the notice of a manual or large-purchase tier change is inserted by hand; NotificationsService.notifyMany',
  },
  {
    file: 'src/modules/orders/orders.service.ts',
    table: 'contracts',
    reason: 'release locks the backing contract FOR SHARE; needs a ContractsService method that does it',
  },
  {
    file: 'src/modules/market-research/marketing.service.ts',
    table: 'orders',
    reason:
      'campaign revenue sums the linked customers’ orders in the evaluation query; needs an OrdersService aggregate',
  },
  {
    file: 'src/modules/visits/quotas.service.ts',
    table: 'leads',
    reason: 'weekly quota actuals count valid leads per rep in one statement; needs a CustomersService count by rep',
  },
  {
    file: 'src/modules/visits/quotas.service.ts',
    table: 'quotes',
    reason: 'weekly quota actuals count sent quotes per rep in one statement; needs a QuotesService count by rep',
  },
  {
    file: 'src/modules/complaints/complaints.jobs.ts',
    table: 'customers',
    reason: 'the escalation notice joins the customer for its name; CustomersService by keys',
  },
  {
    file: 'src/modules/visits/visits.jobs.ts',
    table: 'customers',
    reason: 'urgent-report notices and task reminders join the customer for its name; CustomersService by keys',
  },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `src/modules/<m>/...` is module m; libs/core, jobs and graphql are one owner, `libs`. */
function moduleOf(file: string): string | undefined {
  const rel = relative(ROOT, resolve(ROOT, file));
  const m = /^src\/modules\/([^/]+)\//.exec(rel);
  if (m) return m[1];
  return rel.startsWith(`${LIBS}/`) ? LIBS : undefined;
}

/** Table -> owning module: from the definition when the entity has one, else from where its @Entity is declared. */
function tableOwners(): Map<string, string> {
  const declaredIn = new Map<string, string>();
  for (const f of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, LIBS))]) {
    for (const m of readFileSync(f, 'utf8').matchAll(/@Entity\(\s*'([a-z0-9_]+)'/g)) declaredIn.set(m[1], f);
  }
  const defined = new Map(definedTables().map((t) => [t.entity as unknown, t]));
  const owners = new Map<string, string>();
  for (const entity of entities as unknown[]) {
    const name = getMetadataArgsStorage().tables.find((t) => t.target === entity)?.name;
    if (!name) throw new Error(`${(entity as { name: string }).name} has no @Entity table name`);
    const owner = defined.get(entity)?.module ?? moduleOf(declaredIn.get(name) ?? '');
    if (!owner) throw new Error(`no owner for table ${name}`);
    owners.set(name, owner);
  }
  for (const [view, owner] of Object.entries(SHARED_VIEWS)) owners.set(view, owner);
  return owners;
}

interface SqlText {
  text: string;
  line: number;
}

/** The string and template literals of a source (a template's substitutions become `${…}`): where SQL lives. */
function sqlTexts(file: string, source: string): SqlText[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: SqlText[] = [];
  const visit = (node: ts.Node): void => {
    const line = () => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      out.push({ text: node.text, line: line() });
    } else if (ts.isTemplateExpression(node)) {
      out.push({
        text: node.head.text + node.templateSpans.map((s) => '${…}' + s.literal.text).join(''),
        line: line(),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

interface Crossing {
  file: string;
  line: number;
  module: string;
  table: string;
  owner: string;
  write: boolean;
}

const NAMED =
  /\b(delete\s+from|from|join|insert\s+into|into|update|truncate(?:\s+table)?|lock\s+table)\s+(?:only\s+)?(?:"?public"?\s*\.\s*)?"?([a-z_][a-z0-9_]*)\b/gi;

/** Tables of another module named in the SQL of `source` (a file of `module`); reads of a shared view are allowed. */
function crossings(file: string, source: string, owners: Map<string, string>): Crossing[] {
  const module = moduleOf(file);
  if (!module) return [];
  return sqlTexts(file, source).flatMap(({ text, line }) =>
    [...text.matchAll(NAMED)].flatMap((m) => {
      const table = m[2].toLowerCase();
      const owner = owners.get(table);
      const write = !/^(from|join)$/i.test(m[1]);
      if (!owner || owner === module) return [];
      if (table in SHARED_VIEWS && !write) return [];
      return [{ file, line: line + (text.slice(0, m.index).match(/\n/g)?.length ?? 0), module, table, owner, write }];
    }),
  );
}

/** Every module's and framework lib's source (libs/testing arranges rows for tests as a superuser: not scanned). */
function scannedFiles(): string[] {
  return [...sources(join(ROOT, 'src/modules')), ...sources(join(ROOT, LIBS))]
    .map((f) => relative(ROOT, f))
    .filter((f) => !f.startsWith(`${LIBS}/testing/`));
}

let scanned: Crossing[] | undefined;

/** The crossings in the tree (scanned once per run). */
function treeCrossings(owners: Map<string, string>): Crossing[] {
  scanned ??= scannedFiles().flatMap((f) => crossings(f, readFileSync(join(ROOT, f), 'utf8'), owners));
  return scanned;
}

const excepted = (c: Crossing, list: SqlException[]) => list.some((e) => e.file === c.file && e.table === c.table);

/** Exceptions no crossing needs any more. */
const stale = (found: Crossing[], list: SqlException[]) =>
  list.filter((e) => !found.some((c) => c.file === e.file && c.table === e.table));

describe('module walls: each table is named in SQL only by the module that owns it', () => {
  const owners = tableOwners();

  it('every table has one owner, and a definition names the module its entity lives in', () => {
    expect(owners.size).toBeGreaterThan(60);
    const misplaced = definedTables()
      .filter((t) => (entities as unknown[]).includes(t.entity))
      .filter((t) => {
        // The platform's own tables (audit_log, outbox) are defined in libs/core: their module is `libs`.
        const file = [...sources(join(ROOT, 'src/modules')), ...sources(join(ROOT, LIBS))].find((f) =>
          new RegExp(`@Entity\\(\\s*'${t.name}'`).test(readFileSync(f, 'utf8')),
        );
        return !file || moduleOf(file) !== t.module;
      })
      .map((t) => `${t.name} (module: '${t.module}')`);
    expect(misplaced).toEqual([]);
  });

  it('every view in migrations/ is a shared view with its owner, and no table is called like one', () => {
    const views = new Set<string>();
    for (const f of readdirSync(join(ROOT, 'migrations'))) {
      const text = readFileSync(join(ROOT, 'migrations', f), 'utf8');
      for (const m of text.matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+([a-z0-9_]+)/gi)) views.add(m[1]);
    }
    expect([...views].sort()).toEqual(Object.keys(SHARED_VIEWS).sort());
    for (const owner of Object.values(SHARED_VIEWS)) expect(existsSync(join(ROOT, 'src/modules', owner))).toBe(true);
    expect((entities as unknown[]).length + Object.keys(SHARED_VIEWS).length).toBe(owners.size);
  });

  it('no module names another module’s table in its SQL, except the listed crossings', () => {
    const found = treeCrossings(owners).filter((c) => !excepted(c, SQL_EXCEPTIONS));
    expect(
      found.map((c) => `${c.file}:${c.line} ${c.module} -> ${c.owner}.${c.table}${c.write ? ' (write)' : ''}`),
    ).toEqual([]);
  });

  it('the list of SQL exceptions only shrinks: each still names a crossing, with a reason', () => {
    expect(stale(treeCrossings(owners), SQL_EXCEPTIONS).map((e) => `${e.file} -> ${e.table}`)).toEqual([]);
    for (const e of SQL_EXCEPTIONS) expect(e.reason.length).toBeGreaterThan(20);
  });

  it('finds a planted crossing, in any SQL spelling, and leaves prose, own tables and shared-view reads alone', () => {
    const planted = [
      "const A = 'SELECT id FROM contracts WHERE branch_id = $1';",
      'const B = `SELECT o.id\n  FROM orders o\n  JOIN   customers c ON c.id = o.customer_id`;',
      'const C = `insert into notifications (branch_id) VALUES (${x})`;',
      'const D = \'UPDATE public."quotes" SET state = $1\';',
      "const E = 'DELETE FROM scope_branches';",
      '// SELECT * FROM contracts (a comment is no SQL)',
      "const F = 'SELECT 1 FROM order_lines l JOIN orders o USING (id) JOIN scope_branches sb ON true';",
      'const G = `FOR UPDATE SKIP LOCKED ON CONFLICT DO UPDATE SET x = 1`;',
    ].join('\n');
    const found = crossings('src/modules/orders/planted.ts', planted, owners);
    expect(found.map((c) => `${c.line} ${c.module} -> ${c.owner}.${c.table}${c.write ? ' (write)' : ''}`)).toEqual([
      '1 orders -> contracts.contracts',
      '4 orders -> customers.customers',
      '5 orders -> notifications.notifications (write)',
      '6 orders -> contracts.quotes (write)',
      '7 orders -> branches.scope_branches (write)',
    ]);
    expect(crossings('libs/jobs/src/planted.ts', "const q = 'SELECT 1 FROM customers';", owners)).toHaveLength(1);
    // An excepted crossing passes only for its file and table; the same SQL elsewhere is a crossing.
    const tiering = crossings('src/modules/customers/tiering.jobs.ts', "'INSERT INTO notifications'", owners);
    expect(tiering.filter((c) => !excepted(c, SQL_EXCEPTIONS))).toEqual([]);
    const elsewhere = crossings('src/modules/customers/leads.service.ts', "'INSERT INTO notifications'", owners);
    expect(elsewhere.filter((c) => !excepted(c, SQL_EXCEPTIONS))).toHaveLength(1);
  });

  it('an exception whose crossing is gone is reported stale', () => {
    const file = 'src/modules/orders/planted.ts';
    const found = crossings(file, "const q = 'SELECT title FROM contracts FOR SHARE';", owners);
    const still: SqlException = { file, table: 'contracts', reason: 'planted' };
    const gone: SqlException = { file, table: 'tenders', reason: 'planted' };
    expect(stale(found, [still, gone])).toEqual([gone]);
  });
});

interface Walls {
  WALLED_DEPTH: number;
  PUBLIC_SUFFIXES: string[];
  PUBLISHED: Record<string, Record<string, string>>;
  IMPORT_EXCEPTIONS: { from: string; to: string; reason: string }[];
  LIBS_EXCEPTIONS: { file: string; imports: string[]; reason: string }[];
  linted: Record<string, { line: number; message: string }[]>;
}

/** Planted sources linted with the repository's own eslint.config.js (in a child: ESLint loads it by URL). */
const PLANTED: Record<string, string> = {
  'src/modules/orders/planted-wall.ts': [
    "import { phoneKey } from '../customers/phone-key.js';",
    "import { Complaint, Complaints } from '../complaints/complaint.entity.js';",
    "import { CustomersService } from '../customers/customers.service.js';",
    "import { Permission } from '../branches/roles.js';",
    "import { OrderState } from './order.enums.js';",
    'export const all = [phoneKey, Complaint, Complaints, CustomersService, Permission, OrderState];',
  ].join('\n'),
  'src/modules/orders/dto/planted-wall.input.ts': [
    "import { branchToday } from '../../contracts/contract-due-dates.js';",
    "import { Order } from '../order.entity.js';",
    'export const all = [branchToday, Order];',
  ].join('\n'),
  'src/modules/complaints/planted-wall.ts': [
    "import { addWorkingHours } from '../approvals/working-time.js';",
    'export const all = [addWorkingHours];',
  ].join('\n'),
  'libs/jobs/src/planted-wall.ts':
    "import { AppModule } from '../../../src/app.module.js';\nexport const all = [AppModule];",
};

function lintWalls(): Walls {
  const script = `
    import { pathToFileURL } from 'node:url';
    const { ESLint } = await import('eslint');
    const config = await import(pathToFileURL(process.argv[1] + '/eslint.config.js').href);
    const eslint = new ESLint({ cwd: process.argv[1] });
    const linted = {};
    for (const [file, code] of Object.entries(JSON.parse(process.argv[2]))) {
      const [r] = await eslint.lintText(code, { filePath: process.argv[1] + '/' + file });
      linted[file] = r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => ({ line: m.line, message: m.message }));
    }
    const { WALLED_DEPTH, PUBLIC_SUFFIXES, PUBLISHED, IMPORT_EXCEPTIONS, LIBS_EXCEPTIONS } = config;
    console.log(JSON.stringify({ WALLED_DEPTH, PUBLIC_SUFFIXES, PUBLISHED, IMPORT_EXCEPTIONS, LIBS_EXCEPTIONS, linted }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, ROOT, JSON.stringify(PLANTED)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out) as Walls;
}

/** Relative imports (and re-exports) of a source, resolved to repository paths. */
function importsOf(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  return sf.statements.flatMap((s) => {
    const spec = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return [];
    return [relative(ROOT, resolve(ROOT, dirname(file), spec.text))];
  });
}

describe('module walls: imports (eslint.config.js)', () => {
  const walls = lintWalls();
  const moduleFiles = sources(join(ROOT, 'src/modules')).map((f) => relative(ROOT, f));

  it('lint refuses an internal file of another module, another module’s table definition and src/ from libs', () => {
    const lines = (file: string) => walls.linted[file].map((m) => m.line);
    expect(lines('src/modules/orders/planted-wall.ts')).toEqual([1, 2]);
    expect(walls.linted['src/modules/orders/planted-wall.ts'][1].message).toMatch(/'Complaints' import/);
    // contract-due-dates is contracts' own; working time moved to libs/core, so approvals' file is internal again.
    expect(lines('src/modules/orders/dto/planted-wall.input.ts')).toEqual([1]);
    expect(lines('src/modules/complaints/planted-wall.ts')).toEqual([1]);
    expect(lines('libs/jobs/src/planted-wall.ts')).toEqual([1]);
    for (const messages of Object.values(walls.linted))
      for (const m of messages) expect(m.message).toMatch(/Module walls/);
  });

  it('the import rules reach every folder level of every module', () => {
    // src/modules/<m>/file.ts is level 0; a deeper file than the config covers would import unchecked.
    const tooDeep = moduleFiles.filter((f) => f.split('/').length - 4 > walls.WALLED_DEPTH);
    expect(tooDeep).toEqual([]);
    expect(moduleFiles.some((f) => f.split('/').length - 4 === 1)).toBe(true);
  });

  it('every published file exists; every import exception names an internal file some import still needs', () => {
    for (const [owner, files] of Object.entries(walls.PUBLISHED)) {
      for (const f of Object.keys(files))
        expect(existsSync(join(ROOT, 'src/modules', owner, f.replace(/\.js$/, '.ts')))).toBe(true);
    }
    const unused = walls.IMPORT_EXCEPTIONS.filter((e) => {
      const target = `src/modules/${e.to.replace(/\.js$/, '.ts')}`;
      const publicFile = walls.PUBLIC_SUFFIXES.some((s) => e.to.endsWith(s));
      const used = moduleFiles
        .filter((f) => moduleOf(f) === e.from)
        .some((f) => importsOf(f).some((i) => `${i.replace(/\.js$/, '')}.ts` === target));
      return publicFile || !used || e.reason.length < 20;
    });
    expect(unused.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
    for (const e of walls.LIBS_EXCEPTIONS) {
      const used = importsOf(e.file);
      const wanted = e.imports.map((i) => relative(ROOT, resolve(ROOT, dirname(e.file), i)));
      expect(wanted.filter((w) => !used.includes(w))).toEqual([]);
    }
  });
});
