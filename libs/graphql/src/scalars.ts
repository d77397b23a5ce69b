import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isoString } from './iso.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: unknown): string {
  if (typeof value === 'string') {
    const m = DATE.exec(value);
    if (m) {
      const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]) return value;
    }
  }
  throw new GraphQLError(`Date must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** A business day, `YYYY-MM-DD`, meant in the branch's time zone. */
export const GraphQLDate = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date (YYYY-MM-DD) in the time zone of the branch it belongs to',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : parseDate(v)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  throw new GraphQLError(
    `Decimal must be a string such as "1234.50" (up to 15 digits, 6 decimals), got ${JSON.stringify(value)}`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

/** Money and quantities: exact decimals carried as strings, never floats. */
export const GraphQLDecimal = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1250000.00"',
  serialize: (v) => String(v),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});

/**
 * The `DateTime` scalar of every Date field: Nest's GraphQLISODateTime (same name, description, parsing and output),
 * serializing with `isoString` instead of the builtin toISOString. Installed with `buildSchemaOptions.scalarsMap`.
 */
export const GraphQLDateTime = new GraphQLScalarType({
  name: GraphQLISODateTime.name,
  description: GraphQLISODateTime.description,
  serialize: (value) => (value instanceof Date ? isoString(value) : null),
  parseValue: GraphQLISODateTime.parseValue,
  parseLiteral: GraphQLISODateTime.parseLiteral,
});
