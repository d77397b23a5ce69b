import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { isoString } from './iso.js';

/** Business dates and instants outside these years are refused as typos (0000, -271821, 20260): a sane business range. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/**
 * A value a scalar refuses. The message says what the value must be, without naming it: the error formatter
 * (input-errors.ts) puts the field or argument path in front, from the variable path or the literal's place.
 */
export class ScalarInputError extends GraphQLError {
  constructor(
    readonly scalar: string,
    readonly expectation: string,
    node?: ValueNode,
  ) {
    super(`${scalar} ${expectation}`, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
    this.name = 'ScalarInputError';
  }
}

/** How a refused value is shown back: short, and as the client wrote it (a JSON number stays a number). */
function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number') text = Number.isFinite(value) ? `the number ${value}` : 'a number out of range';
  else if (typeof value === 'boolean') text = `the boolean ${value}`;
  else if (value === null) text = 'null';
  else if (Array.isArray(value)) text = 'a list';
  else if (typeof value === 'object') text = 'an object';
  else text = 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** What a literal was, for the message: `85.5` is the number 85.5, `"x"` the string. */
function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return [];
    case Kind.OBJECT:
      return {};
    default:
      return print(ast);
  }
}

const inRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_EXPECTED = `must be a calendar date written YYYY-MM-DD, such as "2026-12-07", in the years ${MIN_YEAR} to ${MAX_YEAR}`;

function parseDate(value: unknown, node?: ValueNode): string {
  if (typeof value === 'string') {
    const m = DATE.exec(value);
    if (m) {
      const [y, mo, d] = [+m[1], +m[2], +m[3]];
      if (inRange(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo)) return value;
    }
  }
  throw new ScalarInputError('Date', `${DATE_EXPECTED}, not ${shown(node ? literal(node) : value)}`, node);
}

/** A business day, `YYYY-MM-DD`, meant in the branch's time zone. */
export const GraphQLDate = new GraphQLScalarType({
  name: 'Date',
  description: `A calendar date (YYYY-MM-DD, years ${MIN_YEAR} to ${MAX_YEAR}) in the time zone of the branch it belongs to`,
  // Output is what is stored: no range check there.
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
  parseValue: (v) => parseDate(v),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;
const DECIMAL_EXPECTED =
  'must be a decimal number written as a string, such as "85.50" (up to 15 digits and 6 decimals)';

function parseDecimal(value: unknown, node?: ValueNode): string {
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  throw new ScalarInputError('Decimal', `${DECIMAL_EXPECTED}, not ${shown(node ? literal(node) : value)}`, node);
}

/** Money and quantities: exact decimals carried as strings, never floats. */
export const GraphQLDecimal = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1250000.00" (up to 15 digits and 6 decimals)',
  serialize: (v) => String(v),
  parseValue: (v) => parseDecimal(v),
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

// RFC 3339 section 5.6 date-time: the offset is required; 'T' and 'Z' may be lower case.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DATE_TIME_EXPECTED =
  'must be an RFC 3339 date-time with an offset, such as "2026-12-07T08:00:00+08:00" or "2026-12-07T00:00:00Z"' +
  ` (fractions of a second allowed), a real calendar date and time in the years ${MIN_YEAR} to ${MAX_YEAR}`;

/** The instant of an RFC 3339 date-time, or undefined when it is not one or not a real date and time. */
export function parseRfc3339(value: string): Date | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  // Second 60 (a leap second) cannot be represented by a JavaScript Date: refused rather than moved.
  if (!inRange(y) || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (!m[8]) {
    const [oh, om] = [+m[10], +m[11]];
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0; // beyond milliseconds: truncated
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000);
}

function parseDateTime(value: unknown, node?: ValueNode): Date {
  const date = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (date) return date;
  throw new ScalarInputError('DateTime', `${DATE_TIME_EXPECTED}, not ${shown(node ? literal(node) : value)}`, node);
}

/**
 * The `DateTime` scalar of every Date field (installed with `buildSchemaOptions.scalarsMap`): input is strict
 * RFC 3339 with an explicit offset (never JavaScript's lenient Date parsing, which read "07/12/2026" as 12 July),
 * output is `isoString` (UTC, milliseconds).
 */
export const GraphQLDateTime = new GraphQLScalarType({
  name: 'DateTime',
  description:
    'An instant, as an RFC 3339 date-time with an offset, e.g. "2026-12-07T08:00:00+08:00"; answered in UTC, e.g. "2026-12-07T00:00:00.000Z"',
  serialize: (value) => (value instanceof Date ? isoString(value) : null),
  parseValue: (v) => parseDateTime(v),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});
