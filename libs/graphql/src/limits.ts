import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

function depthOf(
  set: SelectionSetNode | undefined,
  frags: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let max = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      // Introspection fields (__schema, __type and all below them) count like any other: a nested
      // `ofType { ofType { ... } }` or `types { fields { type { fields ... } } }` is as deep as it looks
      // (depthLimit holds an introspection subtree to INTROSPECTION_DEPTH).
      max = Math.max(max, s.selectionSet ? 1 + depthOf(s.selectionSet, frags, seen) : 1);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(s.selectionSet, frags, seen));
    } else {
      const name = s.name.value;
      const f = frags.get(name);
      if (!f || seen.has(name)) continue;
      max = Math.max(max, depthOf(f.selectionSet, frags, new Set([...seen, name])));
    }
  }
  return max;
}

/**
 * The depth of the introspection query that graphql-js's getIntrospectionQuery builds (and GraphiQL and code
 * generators send): 15, from its nine-level TypeRef fragment. An introspection subtree is allowed that much, so the
 * standard tools work under the default limit of 8, and no deeper: `ofType { ofType { ... } }` past it is refused.
 */
export const INTROSPECTION_DEPTH = 15;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** Validation rule: refuses operations nested deeper than `max` fields (introspection: see INTROSPECTION_DEPTH). */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node: OperationDefinitionNode) {
      const frags = fragmentsOf(context.getDocument());
      const data: SelectionSetNode = {
        ...node.selectionSet,
        selections: node.selectionSet.selections.filter(
          (s) => !(s.kind === Kind.FIELD && INTROSPECTION_ROOTS.has(s.name.value)),
        ),
      };
      const introspection: SelectionSetNode = {
        ...node.selectionSet,
        selections: node.selectionSet.selections.filter(
          (s) => s.kind === Kind.FIELD && INTROSPECTION_ROOTS.has(s.name.value),
        ),
      };
      const introspectionMax = Math.max(max, INTROSPECTION_DEPTH);
      for (const [set, limit] of [
        [data, max],
        [introspection, introspectionMax],
      ] as const) {
        const depth = depthOf(set, frags, new Set());
        if (depth <= limit) continue;
        context.reportError(
          new GraphQLError(`Query depth ${depth} exceeds the limit of ${limit}; split it into smaller queries`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_DEEP' },
          }),
        );
        return;
      }
    },
  });
}

const LIST_ARGS = ['first', 'last', 'limit'];

/**
 * Estimated cost of an operation: every field costs 1, and a field taking `first`/`limit`
 * multiplies the cost of what it selects by that number (default `defaultList`).
 */
export function estimateComplexity(
  doc: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  defaultList = 20,
): number {
  const frags = fragmentsOf(doc);
  const argValue = (field: FieldNode): number | undefined => {
    for (const a of field.arguments ?? []) {
      if (!LIST_ARGS.includes(a.name.value)) continue;
      if (a.value.kind === Kind.INT) return Number(a.value.value);
      if (a.value.kind === Kind.VARIABLE) {
        const v = variables[a.value.name.value];
        if (typeof v === 'number') return v;
      }
      return defaultList;
    }
    return undefined;
  };
  const cost = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        // __typename is answered without a resolver (clients such as Apollo add it everywhere); every other
        // field counts, the introspection ones (__schema, __type, ...) included.
        if (s.name.value === '__typename') continue;
        const n = argValue(s);
        const inner = cost(s.selectionSet, seen);
        total += 1 + (n !== undefined ? Math.max(n, 1) * inner : inner);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        total += cost(s.selectionSet, seen);
      } else {
        const f = frags.get(s.name.value);
        if (f && !seen.has(s.name.value)) total += cost(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
    return total;
  };
  return cost(operation.selectionSet, new Set());
}
