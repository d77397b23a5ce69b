import type { GraphQLSchema } from 'graphql';

/**
 * Descriptions of the root types, which code-first decorators cannot carry. Applied to the schema the API serves
 * (GraphQLModule's transformSchema) and to the one scripts/emit-schema.ts prints, so both stay identical.
 */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) {
    query.description =
      'Reads. Every answer is limited to the branches you may see: your own branch, or every branch of your ' +
      'organization for head office (narrow with the X-Branch-Id header or a branchId argument)';
  }
  if (mutation) {
    mutation.description =
      'Writes. Each runs in one transaction with an audit row; bad input is refused with BAD_USER_INPUT naming ' +
      'the fields, a move the lifecycle does not allow with INVALID_STATE, and nothing is changed';
  }
  return schema;
}
