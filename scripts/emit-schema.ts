/**
 * Emits the GraphQL schema the API serves to `schema.gql` (committed; CI fails when it drifts).
 *
 *   npm run schema:emit              writes schema.gql
 *   node dist/scripts/emit-schema.js --check   exits 1 when schema.gql differs from the code
 *
 * The schema is built the way GraphQLModule builds it for the app (code first, `autoSchemaFile`,
 * `sortSchema: true`): every provider class of the AppModule tree goes to GraphQLSchemaFactory, which
 * keeps the resolvers, and the result is sorted and printed. Nothing connects to PostgreSQL or Redis:
 * the module tree is only read, never instantiated.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory, SCALAR_NAME_METADATA } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { loadConfig } from '@app/core';
import { GraphQLDateTime, describeRootTypes } from '@app/graphql';
import { AppModule } from '../src/app.module.js';

export const SCHEMA_FILE = 'schema.gql';

const HEADER = `# ------------------------------------------------------
# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
# Regenerate with: npm run schema:emit
# ------------------------------------------------------

`;

type ModuleRef = Type | DynamicModule | ForwardReference | Promise<DynamicModule>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Ctor = Function;

function isDynamic(m: object): m is DynamicModule {
  return 'module' in m;
}

/** Every provider class of a module tree, as Nest's ResolversExplorerService would find them. */
function providerClasses(root: DynamicModule): Ctor[] {
  const seen = new Set<unknown>();
  const out = new Set<Ctor>();
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    if (ref instanceof Promise) throw new Error('emit-schema: async dynamic modules are not supported');
    if ('forwardRef' in ref) return visit(ref.forwardRef() as ModuleRef);
    const cls = isDynamic(ref) ? ref.module : ref;
    const imports: ModuleRef[] = [
      ...((Reflect.getMetadata('imports', cls) as ModuleRef[] | undefined) ?? []),
      ...((isDynamic(ref) ? ref.imports : undefined) ?? []),
    ];
    const providers: Provider[] = [
      ...((Reflect.getMetadata('providers', cls) as Provider[] | undefined) ?? []),
      ...((isDynamic(ref) ? ref.providers : undefined) ?? []),
    ];
    for (const p of providers) {
      if (typeof p === 'function') out.add(p);
      else if (p && 'useClass' in p && typeof p.useClass === 'function') out.add(p.useClass);
    }
    for (const i of imports) visit(i);
  };
  visit(root);
  return [...out];
}

/** The schema the API serves, built from the code alone (no database, no Redis). */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  // The configuration only shapes providers that are never created here.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const classes = providerClasses(AppModule.forRoot(config));
  const scalars = classes.filter((c) => Reflect.getMetadata(SCALAR_NAME_METADATA, c));
  const ctx = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await ctx.init();
    // The same scalar for Date fields as the API installs (app.module.ts), so its description is the one served.
    // The root types' descriptions too (app.module.ts's transformSchema).
    return describeRootTypes(
      await ctx
        .get(GraphQLSchemaFactory)
        .create(classes, scalars, { scalarsMap: [{ type: Date, scalar: GraphQLDateTime }] }),
    );
  } finally {
    await ctx.close();
  }
}

/** The text of schema.gql for a schema: sorted (as `sortSchema: true`) and printed. */
export function renderSchema(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The repository root: the nearest directory above this file that holds package.json. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export function schemaFilePath(): string {
  return join(repoRoot(), SCHEMA_FILE);
}

/** A short human hint of how two schema texts differ: lines only in one of them, first few each. */
export function diffHint(
  committed: string,
  current: string,
  labels: [string, string] = [SCHEMA_FILE, 'the code'],
  max = 15,
): string {
  const count = (text: string) => {
    const m = new Map<string, number>();
    for (const l of text.split('\n')) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const a = count(committed);
  const b = count(current);
  const only = (x: Map<string, number>, y: Map<string, number>) =>
    [...x].flatMap(([l, n]) => Array<string>(Math.max(0, n - (y.get(l) ?? 0))).fill(l)).filter((l) => l.trim());
  const removed = only(a, b);
  const added = only(b, a);
  const show = (sign: string, lines: string[]) =>
    lines
      .slice(0, max)
      .map((l) => `${sign} ${l}`)
      .join('\n') + (lines.length > max ? `\n${sign} ... ${lines.length - max} more` : '');
  const parts = [];
  if (removed.length) parts.push(`only in ${labels[0]}:\n${show('-', removed)}`);
  if (added.length) parts.push(`only in ${labels[1]}:\n${show('+', added)}`);
  return parts.join('\n') || 'the files differ in line order or whitespace';
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const file = schemaFilePath();
  const current = renderSchema(await buildAppSchema());
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (check) {
    if (committed === current) {
      console.log(`${SCHEMA_FILE} is up to date`);
      return 0;
    }
    console.error(`${SCHEMA_FILE} differs from the schema the code builds: run npm run schema:emit and commit it`);
    console.error(diffHint(committed, current));
    return 1;
  }
  if (committed === current) {
    console.log(`${SCHEMA_FILE} is up to date (${resolve(file)})`);
  } else {
    writeFileSync(file, current);
    console.log(`Wrote ${resolve(file)}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
