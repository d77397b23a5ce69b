import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ---- Module walls (CONTRIBUTING.md "Module walls"; test/module-walls.spec.ts proves these rules bite) ----

const ROOT = new URL('.', import.meta.url).pathname;
const MODULES_DIR = 'src/modules';

/** Folder levels below a module folder the import rules cover (module-walls.spec.ts checks none is deeper). */
export const WALLED_DEPTH = 3;

/** The business modules: one folder each under src/modules. */
export const MODULES = readdirSync(join(ROOT, MODULES_DIR)).filter((n) =>
  statSync(join(ROOT, MODULES_DIR, n)).isDirectory(),
);

/**
 * What any module may import from another: its Nest module, its services (the module's API), its entities (tables
 * that are also the GraphQL object types, for fields and parameters), its enums and its types (inputs, connections).
 * Everything else in a module folder (helpers, SQL, jobs, loaders, resolvers, dto) is its own business.
 */
export const PUBLIC_SUFFIXES = ['.module.js', '.service.js', '.entity.js', '.enums.js', '.types.js'];

/** Files a module publishes beyond those suffixes, on purpose: part of its API, not a crossing to remove. */
export const PUBLISHED = {
  branches: {
    'roles.js': 'the one permission matrix every resolver checks with @RequirePermission',
    'auth.decorators.js': '@RequirePermission, @Public and @Ctx: how every resolver states who may call it',
    'acting-branch.js': 'the rule for which branch a write goes to, the same for every module',
    'ref-fields.js': 'the branch and person reference fields every object type resolves through BranchesService',
  },
  approvals: {
    'approval-subjects.js': 'the registry (a provider ApprovalsModule exports) subject modules register with',
  },
  documents: {
    'attachment-subjects.js': 'the registry (a provider DocumentsModule exports) modules attaching files register with',
  },
};

/**
 * Imports that cross a wall today and are to be removed: importer module -> owner/file, and why it still stands.
 * The list only shrinks: test/module-walls.spec.ts fails on an entry no import needs any more.
 */
/** @type {{ from: string; to: string; reason: string }[]} */
export const IMPORT_EXCEPTIONS = [];

/** libs/* is framework code and never imports from src/; the exceptions, with why. */
export const LIBS_EXCEPTIONS = [
  {
    file: 'libs/testing/src/test-app.ts',
    imports: ['../../../src/app.module.js', '../../../src/worker.module.js'],
    reason: 'the test fixture boots the whole app and worker; nothing in src/ or the other libs imports libs/testing',
  },
];

/** The table definitions (`export const X = defineTable(...)`) in each module's entity files, by module. */
function tableDefinitions(module) {
  const dir = join(ROOT, MODULES_DIR, module);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.entity.ts'))
    .flatMap((n) =>
      [...readFileSync(join(dir, n), 'utf8').matchAll(/export const (\w+) = defineTable\(/g)].map((m) => m[1]),
    );
}

const WALL =
  'Module walls: import another module only through its public surface (*.module, *.service, *.entity, *.enums, ' +
  '*.types or a file it publishes in eslint.config.js); see CONTRIBUTING.md "Module walls".';
const TABLE_WALL =
  "Module walls: another module's table definition is its internals (lock, change, insert); call its service.";

/** no-restricted-imports for the files of `module` that sit `depth` folders below the module folder. */
function moduleWall(module, depth) {
  const up = '../'.repeat(depth + 1);
  const allowed = [
    `!${up}${module}/**`,
    ...PUBLIC_SUFFIXES.map((s) => `!${up}*/*${s}`),
    ...Object.entries(PUBLISHED).flatMap(([owner, files]) => Object.keys(files).map((f) => `!${up}${owner}/${f}`)),
    ...IMPORT_EXCEPTIONS.filter((e) => e.from === module).map((e) => `!${up}${e.to}`),
  ];
  const foreignTables = MODULES.filter((m) => m !== module).flatMap(tableDefinitions);
  return {
    files: [`${MODULES_DIR}/${module}/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [`${up}*/**`, ...allowed], message: WALL },
            ...(foreignTables.length
              ? [{ group: [`${up}*/*.entity.js`], importNames: foreignTables, message: TABLE_WALL }]
              : []),
          ],
        },
      ],
    },
  };
}

const LIBS_WALL =
  'Module walls: libs/* is framework code and never imports from src/ (CONTRIBUTING.md "Module walls").';

function libsWall(allow = []) {
  const group = [1, 2, 3].map((d) => `${'../'.repeat(d + 2)}src/**`);
  return {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: [...group, ...allow.map((a) => `!${a}`)], message: LIBS_WALL }] },
    ],
  };
}

const walls = [
  ...MODULES.flatMap((m) => Array.from({ length: WALLED_DEPTH + 1 }, (_, d) => moduleWall(m, d))),
  { files: ['libs/**/*.ts'], rules: libsWall() },
  ...LIBS_EXCEPTIONS.map((e) => ({ files: [e.file], rules: libsWall(e.imports) })),
];

// ---- end module walls ----

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'web/dist/**', 'web/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        Headers: 'readonly',
        NodeJS: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...walls,
);
