import {
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type DocumentNode,
  type Source,
  type ValueNode,
} from 'graphql';
import type { ScalarInputError } from './scalars.js';

interface PathIndex {
  /** Argument path of every literal value, by its start offset in the document: `input.lines[0].unitPrice`. */
  literals: Map<number, string>;
  /** Argument path where each variable is first used: `$in` → `input`. */
  variables: Map<string, string>;
}

function indexPaths(doc: DocumentNode): PathIndex {
  const index: PathIndex = { literals: new Map(), variables: new Map() };
  const walk = (value: ValueNode, path: string): void => {
    if (value.loc) index.literals.set(value.loc.start, path);
    if (value.kind === Kind.VARIABLE) {
      if (!index.variables.has(value.name.value)) index.variables.set(value.name.value, path);
    } else if (value.kind === Kind.OBJECT) {
      for (const f of value.fields) walk(f.value, `${path}.${f.name.value}`);
    } else if (value.kind === Kind.LIST) {
      value.values.forEach((v, i) => walk(v, `${path}[${i}]`));
    }
  };
  visit(doc, {
    Argument: (node) => walk(node.value, node.name.value),
    VariableDefinition: (node) => {
      if (node.defaultValue) walk(node.defaultValue, `$${node.variable.name.value}`);
    },
  });
  return index;
}

/** Indexes of the documents that failed lately: one parse per failing document, however many values it has wrong. */
const indexes = new WeakMap<Source, PathIndex>();

function indexOf(node: ASTNode | undefined): PathIndex | undefined {
  const source = node?.loc?.source;
  if (!source) return undefined;
  let index = indexes.get(source);
  if (!index) {
    try {
      index = indexPaths(parse(source));
    } catch {
      return undefined;
    }
    indexes.set(source, index);
  }
  return index;
}

// graphql-js: `Variable "$in" got invalid value 85.5 at "in.lines[0].unitPrice"; <the scalar's message>`.
const VARIABLE_AT = / at "[_A-Za-z]\w*((?:\.[_A-Za-z]\w*|\[\d+\])*)"$/;

/**
 * Where in the request the value a scalar refused sits, as the argument path the resolver's own validation uses
 * (`input.occurredAt`, `input.lines[0].unitPrice`): from the literal's place in the document, or from the variable's
 * path (graphql-js puts it in the message) and where the operation uses that variable.
 */
export function scalarErrorField(error: unknown, cause: ScalarInputError): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const node = error.nodes?.[0];
  if (node?.kind === Kind.VARIABLE_DEFINITION) {
    const name = node.variable.name.value;
    const suffix = `; ${cause.message}`;
    const text = error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
    const rest = VARIABLE_AT.exec(text)?.[1] ?? '';
    const used = indexOf(node)?.variables.get(name);
    return `${used ?? name}${rest}`;
  }
  if (node?.loc) return indexOf(node)?.literals.get(node.loc.start);
  return undefined;
}
