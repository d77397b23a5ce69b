import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { failureSqlstate, transientFailure, type AppConfig, type JsonLogger, type RequestContext } from '@app/core';
import { estimateComplexity } from '@app/graphql';
import type { MetricsService } from './modules/ops/metrics.service.js';

interface Context extends BaseContext {
  ctx: RequestContext;
}

/** HTTP status of an answer refused as a whole for a reason that passes (with a Retry-After header). */
const RETRY_STATUS: Record<string, number> = { TOO_MANY_REQUESTS: 429, SERVICE_BUSY: 503 };

/**
 * The HTTP status and seconds to wait when the whole answer was refused for one passing reason (every error
 * TOO_MANY_REQUESTS, or every error SERVICE_BUSY, and no field answered), for a Retry-After header; undefined when
 * anything else happened (a partial answer stays 200, each error carrying its retryAfterSeconds).
 */
export function retryLaterFor(result: {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}): { status: number; seconds: number } | undefined {
  const errors = result.errors;
  const code = errors?.[0]?.extensions?.code;
  const status = typeof code === 'string' ? RETRY_STATUS[code] : undefined;
  if (!errors || !status || !errors.every((e) => e.extensions?.code === code)) return undefined;
  if (result.data && Object.values(result.data).some((v) => v !== null)) return undefined;
  return { status, seconds: Math.max(...errors.map((e) => Number(e.extensions?.retryAfterSeconds) || 1)) };
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
        async didEncounterErrors({ errors, operationName, contextValue }) {
          // Transient database failures are logged here, where the operation is known; the answer carries no SQL.
          for (const e of errors) {
            let cause: unknown = e.originalError;
            while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
            const busy = transientFailure(cause);
            if (!busy) continue;
            log.write('warn', 'graphql service busy', {
              requestId: contextValue.ctx?.requestId,
              operation: operationName ?? 'anonymous',
              path: e.path?.join('.'),
              reason: busy.reason,
              sqlstate: failureSqlstate(cause),
              userId: contextValue.ctx?.actor?.userId,
            });
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
            // A commit refused as a serialization failure or a timeout rolled back: busy, retryable, nothing saved.
            const busy = transientFailure(e);
            if (busy) {
              log.write('warn', 'graphql service busy', {
                requestId: ctx.requestId,
                operation: operationName ?? 'anonymous',
                reason: busy.reason,
                sqlstate: failureSqlstate(e),
                at: 'commit',
              });
            } else log.error(e instanceof Error ? e : new Error(String(e)), undefined, 'commit');
            if (single) {
              single.data = null;
              single.errors = [
                busy
                  ? { message: busy.message, extensions: { code: busy.code, ...busy.extensions } }
                  : {
                      message: 'The change could not be saved; try again',
                      extensions: { code: 'INTERNAL_SERVER_ERROR' },
                    },
              ];
            }
          }
          const retryLater = single ? retryLaterFor(single) : undefined;
          if (retryLater !== undefined) {
            response.http.status = retryLater.status;
            response.http.headers.set('retry-after', String(retryLater.seconds));
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
