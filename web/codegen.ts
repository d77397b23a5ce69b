import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Operation types for the dashboard, generated from the API's schema.gql (`npm run web:codegen`; with `-- --check`
 * it only says whether web/src/gql is up to date, as CI does). Documents are strings: no GraphQL parser ships.
 */
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Decimal: 'string', Date: 'string', DateTime: 'string' },
      },
    },
  },
};

export default config;
