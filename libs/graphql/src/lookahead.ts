import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function eachField(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  visit: (name: string, selectionSet: SelectionSetNode | undefined) => void,
  seen: Set<string>,
): void {
  for (const s of set.selections) {
    // A selection under @skip/@include may not run: leave it (and what it holds) to be loaded lazily.
    if (s.directives?.length) continue;
    if (s.kind === Kind.FIELD) {
      visit(s.name.value, s.selectionSet);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      eachField(s.selectionSet, fragments, visit, seen);
    } else {
      const name = s.name.value;
      const f = fragments[name];
      if (f && !seen.has(name)) eachField(f.selectionSet, fragments, visit, new Set(seen).add(name));
    }
  }
}

/**
 * Names of the fields the operation selects at `path` below the field being resolved, e.g. `['edges', 'node']`
 * of a connection: aliases resolved to field names, fragments followed. Selections carrying a directive
 * (@skip/@include) are left out, so whatever is prefetched from this list is something the operation reads.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = [];
  // graphql-js has already dropped the nodes of this field that @skip/@include turned off.
  for (const node of info.fieldNodes) if (node.selectionSet) sets.push(node.selectionSet);
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) {
      eachField(
        set,
        info.fragments,
        (name, sub) => {
          if (name === step && sub) next.push(sub);
        },
        new Set(),
      );
    }
    sets = next;
  }
  const names = new Set<string>();
  for (const set of sets) eachField(set, info.fragments, (name) => names.add(name), new Set());
  return names;
}
