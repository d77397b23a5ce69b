import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { EnumValue, POOLS, RawLiteral, seededRandom, type Value } from './hostile-values.js';

/**
 * A generated hostile-input campaign (issue 9): for every argument of every query and mutation of the served schema,
 * and every field of the input objects they take, requests carrying wrong types, extremes, malformed text, dates,
 * decimals, ids and enums, tampered cursors and explicit nulls. Deterministic: the same seed gives the same requests.
 */

export interface HostileCase {
  /** `mutation createCustomer`. */
  operation: string;
  /** Where the hostile value sits: `input.contacts[0].email`, or `(baseline)`. */
  path: string;
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Plausible values by argument or field name, so a hostile value elsewhere reaches the code behind validation. */
export interface Fixtures {
  ids: Record<string, string>;
}

function sampleScalar(name: string, field: string, fx: Fixtures): Value {
  switch (name) {
    case 'ID':
      return fx.ids[field] ?? fx.ids.default;
    case 'Int':
      return field === 'first' || field === 'limit' ? 5 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'Decimal':
      return '1.00';
    case 'Date':
      return '2026-12-01';
    case 'DateTime':
      return '2026-12-01T08:00:00+08:00';
    default:
      if (/email/i.test(field)) return 'hostile@example.com';
      if (/password/i.test(field)) return 'hostile-pass-2026';
      if (/currency/i.test(field)) return 'CNY';
      if (/timeZone/i.test(field)) return 'Asia/Shanghai';
      return 'text';
  }
}

/** A value of `type` with every required field filled in. */
export function sample(type: GraphQLInputType, field: string, fx: Fixtures, depth = 0): Value {
  if (isNonNullType(type)) return sample(type.ofType, field, fx, depth);
  if (isListType(type)) return [sample(type.ofType, field, fx, depth)];
  if (isEnumType(type)) return new EnumValue(type.getValues()[0].name);
  if (isScalarType(type)) return sampleScalar(type.name, field, fx);
  const out: Record<string, Value> = {};
  if (depth > 4) return out;
  for (const f of Object.values(type.getFields())) {
    if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = sample(f.type, f.name, fx, depth + 1);
  }
  return out;
}

interface Leaf {
  /** Steps from the argument: field names and list indexes. */
  steps: (string | number)[];
  type: GraphQLInputType;
  name: string;
}

function leavesOf(type: GraphQLInputType, name: string, steps: (string | number)[], depth: number, out: Leaf[]): void {
  out.push({ steps, type, name });
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const item = isNonNullType(inner.ofType) ? inner.ofType.ofType : inner.ofType;
    if (isInputObjectType(item) && depth < 3) {
      for (const f of Object.values(item.getFields())) leavesOf(f.type, f.name, [...steps, 0, f.name], depth + 1, out);
    }
  } else if (isInputObjectType(inner) && depth < 3) {
    for (const f of Object.values(inner.getFields())) leavesOf(f.type, f.name, [...steps, f.name], depth + 1, out);
  }
}

function poolFor(leaf: Leaf): [string, Value][] {
  const inner = isNonNullType(leaf.type) ? leaf.type.ofType : leaf.type;
  if (isListType(inner)) return POOLS.List;
  if (isInputObjectType(inner)) return POOLS.Object;
  if (isEnumType(inner)) return POOLS.Enum;
  if (leaf.name === 'after' || leaf.name === 'before') return POOLS.Cursor;
  const named = getNamedType(inner);
  return POOLS[named.name] ?? POOLS.String;
}

function clone(v: Value): Value {
  if (Array.isArray(v)) return v.map(clone);
  if (v && typeof v === 'object' && !(v instanceof EnumValue) && !(v instanceof RawLiteral)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  }
  return v;
}

/** Puts `value` at `steps` inside `root`, creating the objects and lists on the way from samples. */
function setAt(root: Value, steps: (string | number)[], value: Value): Value {
  if (steps.length === 0) return value;
  const [head, ...rest] = steps;
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? root : [{}];
    list[head] = setAt(list[head] ?? {}, rest, value);
    return list;
  }
  const obj = root && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, Value>) : {};
  obj[head] = setAt(obj[head], rest, value);
  return obj;
}

function hasRaw(v: Value): boolean {
  if (v instanceof RawLiteral) return true;
  if (Array.isArray(v)) return v.some(hasRaw);
  if (v && typeof v === 'object' && !(v instanceof EnumValue)) return Object.values(v).some(hasRaw);
  return false;
}

/** A value as a GraphQL literal. */
export function toLiteral(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof RawLiteral) return v.text;
  if (v instanceof EnumValue) return v.name;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(toLiteral).join(', ')}]`;
  return `{ ${Object.entries(v as Record<string, Value>)
    .map(([k, x]) => `${k}: ${toLiteral(x)}`)
    .join(', ')} }`;
}

/** A value as JSON for the variables (enum values as their names). */
function toJson(v: Value): unknown {
  if (v instanceof EnumValue) return v.name;
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

function selection(field: GraphQLField<unknown, unknown>): string {
  return isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
}

function request(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: Map<GraphQLArgument, Value>,
  literal: boolean,
): { query: string; variables: Record<string, unknown> } {
  const defs: string[] = [];
  const uses: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const [arg, value] of args) {
    if (literal || hasRaw(value)) {
      uses.push(`${arg.name}: ${toLiteral(value)}`);
    } else {
      defs.push(`$${arg.name}: ${String(arg.type)}`);
      uses.push(`${arg.name}: $${arg.name}`);
      variables[arg.name] = toJson(value);
    }
  }
  const head = defs.length ? `${kind} Hostile(${defs.join(', ')})` : `${kind} Hostile`;
  const call = uses.length ? `${field.name}(${uses.join(', ')})` : field.name;
  return { query: `${head} { ${call}${selection(field)} }`, variables };
}

export interface CampaignOptions {
  seed: number;
  fixtures: Fixtures;
  /** Hostile values tried per argument (top level) and per nested input field. */
  perArgument: number;
  perField: number;
  /** Share of cases sent as literals in the document rather than as variables. */
  literalShare: number;
}

/** Every case of the campaign: per root field a baseline, then the hostile values for every argument and input field. */
export function hostileCases(schema: GraphQLSchema, o: CampaignOptions): HostileCase[] {
  const rnd = seededRandom(o.seed);
  const pick = <T>(pool: T[], n: number): T[] => {
    const copy = [...pool];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };
  const cases: HostileCase[] = [];
  const roots: ['query' | 'mutation', GraphQLField<unknown, unknown>][] = [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => ['query', f] as ['query', typeof f]),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => ['mutation', f] as ['mutation', typeof f]),
  ];
  for (const [kind, field] of roots) {
    if (field.name.startsWith('__')) continue;
    const baseline = new Map<GraphQLArgument, Value>();
    for (const a of field.args) {
      if (isNonNullType(a.type) && a.defaultValue === undefined) baseline.set(a, sample(a.type, a.name, o.fixtures));
    }
    cases.push({
      operation: `${kind} ${field.name}`,
      path: '(baseline)',
      label: 'plausible values',
      ...request(kind, field, baseline, false),
    });
    for (const a of field.args) {
      const leaves: Leaf[] = [];
      leavesOf(a.type, a.name, [], 0, leaves);
      for (const leaf of leaves) {
        const n = leaf.steps.length === 0 ? o.perArgument : o.perField;
        for (const [label, hostile] of pick(poolFor(leaf), n)) {
          const args = new Map([...baseline].map(([k, v]) => [k, clone(v)]));
          const base = args.get(a) ?? sample(a.type, a.name, o.fixtures);
          args.set(a, setAt(clone(base), leaf.steps, clone(hostile)));
          const path = [a.name, ...leaf.steps].reduce<string>(
            (p, s) => (typeof s === 'number' ? `${p}[${s}]` : p ? `${p}.${s}` : s),
            '',
          );
          cases.push({
            operation: `${kind} ${field.name}`,
            path,
            label,
            ...request(kind, field, args, rnd() < o.literalShare),
          });
        }
      }
    }
  }
  return cases;
}

/** What an answer must never show: an internal error, a stack frame, SQL. */
export function leaks(status: number, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  if (text.includes('INTERNAL_SERVER_ERROR')) return 'INTERNAL_SERVER_ERROR';
  if (/\bat \S+ \(?\/\S+:\d+:\d+/.test(text) || /\\n\s+at /.test(text) || text.includes('node_modules'))
    return 'a stack';
  if (
    /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/.test(text) ||
    /syntax error at or near|violates/.test(text)
  ) {
    return 'SQL';
  }
  return undefined;
}
