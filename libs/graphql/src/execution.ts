import { versionInfo, type FieldNode, type GraphQLField } from 'graphql';
import * as valuesModule from 'graphql/execution/values.js';

type GetArgumentValues = (
  def: Pick<GraphQLField<unknown, unknown>, 'args'>,
  node: FieldNode,
  variableValues?: Record<string, unknown> | null,
) => Record<string, unknown>;

/** graphql-js 16 is CommonJS: its execute() reads `getArgumentValues` off this exports object on every field. */
const values = (valuesModule as unknown as { default?: { getArgumentValues?: GetArgumentValues } }).default;
const PATCHED = Symbol.for('commerce.argumentlessFieldFastPath');

/**
 * graphql-js 16 coerces the arguments of every field it executes, arguments or not, and does it with two
 * `Object.create(null)` objects (dictionary-mode in V8, a few hundred bytes each). A page of 50 customers runs
 * about 1,300 fields without arguments, so this was a third of everything the API allocated per request, paid
 * for in young-generation garbage collection. For a field that declares no arguments the coerced value is always
 * an empty object, so it is returned directly (`{}`); fields with arguments (and directives, which graphql-js
 * coerces through its own local binding) are untouched. Applied once, and only to graphql 16 where the internals
 * are as described; returns whether the fast path is in place.
 */
export function installArgumentlessFieldFastPath(): boolean {
  const original = values?.getArgumentValues as (GetArgumentValues & { [PATCHED]?: true }) | undefined;
  if (!values || typeof original !== 'function' || versionInfo.major !== 16) return false;
  if (original[PATCHED]) return true;
  const fast: GetArgumentValues & { [PATCHED]?: true } = (def, node, variableValues) =>
    def.args.length === 0 ? {} : original(def, node, variableValues);
  fast[PATCHED] = true;
  try {
    values.getArgumentValues = fast;
  } catch {
    return false;
  }
  return values.getArgumentValues === fast;
}
