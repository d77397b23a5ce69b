import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, HttpAdapterHost } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { APP_CONFIG, CoreModule, LOGGER, type AppConfig, type JsonLogger } from '@app/core';
import {
  GraphQLPassThroughFilter,
  depthLimit,
  documentCache,
  formatGraphQLError,
  GraphQLDateTime,
  describeRootTypes,
  inputValidationPipe,
  installArgumentlessFieldFastPath,
  persistedQueryCache,
} from '@app/graphql';
import { entities } from './entities.js';
import { operationPlugin } from './graphql-operation.plugin.js';
import { AuthService } from './modules/branches/auth.service.js';
import { BranchesModule } from './modules/branches/branches.module.js';
import { ApprovalsModule } from './modules/approvals/approvals.module.js';
import { ComplaintsModule } from './modules/complaints/complaints.module.js';
import { FulfillmentModule } from './modules/fulfillment/fulfillment.module.js';
import { ContractsModule } from './modules/contracts/contracts.module.js';
import { FinanceModule } from './modules/finance/finance.module.js';
import { ReconciliationModule } from './modules/finance/reconciliation.module.js';
import { BudgetsModule } from './modules/finance/budgets.module.js';
import { StatisticsModule } from './modules/finance/statistics.module.js';
import { CustomersModule } from './modules/customers/customers.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { OrdersModule } from './modules/orders/orders.module.js';
import { TendersModule } from './modules/tenders/tenders.module.js';
import { ChannelsModule } from './modules/channels/channels.module.js';
import { MarketResearchModule } from './modules/market-research/research.module.js';
import { VisitsModule } from './modules/visits/visits.module.js';
import { DocumentsModule } from './modules/documents/documents.module.js';
import { PerformanceModule } from './modules/performance/performance.module.js';
import { MetricsService } from './modules/ops/metrics.service.js';
import { OpsModule } from './modules/ops/ops.module.js';
import { WebModule } from './web.module.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Express settings the API wants: no ETag hashing of every answer (GraphQL POSTs are not cached by HTTP). */
@Injectable()
class HttpSettings implements OnApplicationBootstrap {
  constructor(private readonly host: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const express = this.host.httpAdapter?.getInstance() as { set?: (k: string, v: unknown) => void } | undefined;
    express?.set?.('etag', false);
    express?.set?.('x-powered-by', false);
  }
}

@Module({})
export class AppModule {
  /** `extra` lets tests add a module (e.g. an approval subject) beside the product's own. */
  static forRoot(config: AppConfig, extra: { imports?: DynamicModule['imports'] } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...(extra.imports ?? []),
        CoreModule.forRoot({ config, entities, process: 'api' }),
        OpsModule,
        BranchesModule,
        NotificationsModule,
        CustomersModule,
        ApprovalsModule,
        ContractsModule,
        OrdersModule,
        TendersModule,
        ChannelsModule,
        MarketResearchModule,
        VisitsModule,
        ComplaintsModule,
        FulfillmentModule,
        FinanceModule,
        ReconciliationModule,
        BudgetsModule,
        StatisticsModule,
        DocumentsModule,
        PerformanceModule,
        WebModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [BranchesModule, OpsModule],
          inject: [AuthService, APP_CONFIG, LOGGER, MetricsService],
          useFactory: (auth: AuthService, cfg: AppConfig, log: JsonLogger, metrics: MetricsService) => {
            // Argument-less fields (nearly all of them) skip graphql-js's per-field argument coercion: see execution.ts.
            installArgumentlessFieldFastPath();
            return {
              autoSchemaFile: true,
              sortSchema: true,
              transformSchema: describeRootTypes,
              // Date fields keep the DateTime scalar, with a faster serializer (scalars.ts).
              buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: GraphQLDateTime }] },
              path: '/graphql',
              playground: false,
              introspection: cfg.graphqlIntrospection,
              includeStacktraceInErrorResponses: false,
              validationRules: [depthLimit(cfg.graphqlMaxDepth)],
              // Caches keyed by what clients send, bounded by count and size (bounded-cache.ts): Apollo's defaults
              // grew the heap by hundreds of MB under distinct hostile documents.
              documentStore: documentCache(),
              persistedQueries: { cache: persistedQueryCache() },
              // No HTTP caching of GraphQL answers here: the cache-control plugin would wrap every field resolver.
              plugins: [ApolloServerPluginCacheControlDisabled(), operationPlugin(cfg, log, metrics)],
              formatError: formatGraphQLError(log),
              context: async ({ req }: { req: Request }) => {
                const rid = header(req, 'x-request-id');
                return {
                  ctx: await auth.contextFor({
                    authorization: header(req, 'authorization'),
                    branchHeader: header(req, 'x-branch-id'),
                    requestId: rid && REQUEST_ID.test(rid) ? rid : undefined,
                    clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
                  }),
                };
              },
            };
          },
        }),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: GraphQLPassThroughFilter },
        HttpSettings,
      ],
    };
  }
}
