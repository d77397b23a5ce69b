import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import type { AppConfig, JsonLogger, RequestContext } from '@app/core';
import { estimateComplexity } from '@app/graphql';
import type { MetricsService } from './modules/ops/metrics.service.js';

interface Context extends BaseContext {
  ctx: RequestContext;
}

/**
 * Seconds to wait when the whole answer was rate-limited (every error TOO_MANY_REQUESTS and no field
 * answered), for a Retry-After header; undefined when anything else happened.
 */
export function rateLimitedFor(result: {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}): number | undefined {
  const errors = result.errors;
  if (!errors?.length || !errors.every((e) => e.extensions?.code === 'TOO_MANY_REQUESTS')) return undefined;
  if (result.data && Object.values(result.data).some((v) => v !== null)) return undefined;
  return Math.max(...errors.map((e) => Number(e.extensions?.retryAfterSeconds) || 1));
}

/**
 * One transaction per operation: opened by the first query, committed when the response is ready
 * (rolled back if any error happened), then measured and logged with request id, user and branch.
 */
export function operationPlugin(
  config: AppConfig,
  log: JsonLogger,
  metrics: MetricsService,
): ApolloServerPlugin<Context> {
  // Apollo keeps parsed documents (its document store), so a client's repeated operation arrives as the same
  // DocumentNode: its cost is estimated once, unless it depends on variables (`first: $n`).
  const costs = new WeakMap<OperationDefinitionNode, number>();
  // The access log line is at info: with a higher LOG_LEVEL its fields are not even gathered.
  const logsInfo = config.logLevel === 'debug' || config.logLevel === 'info';
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation) return;
          let cost = costs.get(operation);
          if (cost === undefined) {
            cost = estimateComplexity(document, operation, request.variables ?? {});
            if (!operation.variableDefinitions?.length) costs.set(operation, cost);
          }
          if (cost > config.graphqlMaxComplexity) {
            throw new GraphQLError(
              `Query complexity ${cost} exceeds the limit of ${config.graphqlMaxComplexity}; ask for smaller pages or fewer fields`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } },
            );
          }
        },
        async willSendResponse({ contextValue, response, operationName, errors }) {
          const ctx = contextValue.ctx;
          const body = response.body;
          const single = body.kind === 'single' ? body.singleResult : undefined;
          const ok = !errors?.length && !single?.errors?.length;
          let statements = 0;
          try {
            statements = await ctx.finish(ok);
          } catch (e) {
            log.error(e instanceof Error ? e : new Error(String(e)), undefined, 'commit');
            if (single) {
              single.data = null;
              single.errors = [
                { message: 'The change could not be saved; try again', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
              ];
            }
          }
          const retryAfter = single ? rateLimitedFor(single) : undefined;
          if (retryAfter !== undefined) {
            response.http.status = 429;
            response.http.headers.set('retry-after', String(retryAfter));
          }
          response.http.headers.set('x-request-id', ctx.requestId);
          response.http.headers.set('x-sql-statements', String(statements));
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = operationName ?? 'anonymous';
          const label = metrics.operationLabel(operationName);
          metrics.requests.inc({ operation: label, outcome: ok ? 'ok' : 'error' });
          metrics.duration.observe({ operation: label }, seconds);
          metrics.sqlStatements.observe(statements);
          if (logsInfo)
            log.write('info', 'graphql', {
              requestId: ctx.requestId,
              operation,
              userId: ctx.actor?.userId,
              branchIds: ctx.branchIds.length > 3 ? `${ctx.branchIds.length} branches` : ctx.branchIds,
              ok,
              ms: Math.round(seconds * 1000),
              sql: statements,
            });
        },
      };
    },
  };
}
