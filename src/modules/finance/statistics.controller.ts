import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  BadUserInputError,
  ForbiddenError,
  LOGGER,
  httpErrorOf,
  type JsonLogger,
  type RequestContext,
} from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { AuthService } from '../branches/auth.service.js';
import { can } from '../branches/roles.js';
import { StatisticsPeriod } from './statistics.enums.js';
import { CONTENT_TYPES, writeCsv, writeXlsx, type ExportFormat, type ExportLanguage } from './statistics-export.js';
import { StatisticsService } from './statistics.service.js';
import type { StatisticsQuery } from './statistics.types.js';

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const text = (q: Record<string, unknown>, name: string): string | undefined => {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw BadUserInputError.field(name, 'must be given once');
  return v;
};

const day = (q: Record<string, unknown>, name: string): string => {
  try {
    return GraphQLDate.parseValue(text(q, name)) as string;
  } catch (e) {
    throw BadUserInputError.field(name, (e as Error).message);
  }
};

/** The query string of an export, checked as GraphQL checks the same arguments. */
export function exportQuery(q: Record<string, unknown>): StatisticsQuery & { lang: ExportLanguage } {
  const period = text(q, 'period');
  if (period !== StatisticsPeriod.WEEK && period !== StatisticsPeriod.MONTH) {
    throw BadUserInputError.field('period', 'must be WEEK or MONTH');
  }
  const branchId = text(q, 'branchId');
  if (branchId !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(branchId)) {
    throw BadUserInputError.field('branchId', 'must be a branch id');
  }
  const target = text(q, 'target') ?? 'false';
  if (target !== 'true' && target !== 'false') throw BadUserInputError.field('target', 'must be true or false');
  const lang = text(q, 'lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw BadUserInputError.field('lang', 'must be zh or en');
  return { period, from: day(q, 'from'), to: day(q, 'to'), branchId, targetOnly: target === 'true', lang };
}

/**
 * Purchase statistics as downloads, beside GraphQL: `GET /statistics/purchases.csv|.xlsx?period=WEEK|MONTH&from=&to=
 * [&branchId=][&target=true][&lang=en]`, with the same bearer token, branch header and tenancy transaction as a
 * GraphQL request (row-level security scopes the rows: head office every branch or one, a rep their own contracts).
 * Rows are read in pages of EXPORT_PAGE and written as they come; errors before the first byte answer in the GraphQL
 * error shape, a failure after it cuts the download short.
 */
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly auth: AuthService,
    @Inject(LOGGER) private readonly log: JsonLogger,
  ) {}

  @Get('purchases.:format')
  async purchases(
    @Req() req: Request,
    @Res() res: Response,
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const ctx = await this.auth.contextFor({
      authorization: header(req, 'authorization'),
      branchHeader: header(req, 'x-branch-id'),
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
    try {
      if (format !== 'csv' && format !== 'xlsx') throw BadUserInputError.field('format', 'must be csv or xlsx');
      const q = exportQuery(query);
      if (!can(ctx.requireActor().role, 'statistics:read')) throw new ForbiddenError('You may not read statistics');
      const pages = this.statistics.pages(ctx, q);
      // The first page is read before the headers go out: bad arguments still answer as errors.
      const first = await pages.next();
      res.status(200);
      res.setHeader('Content-Type', CONTENT_TYPES[format as ExportFormat]);
      const name = `purchases-${q.period.toLowerCase()}-${q.from}-${q.to}${q.targetOnly ? '-target' : ''}.${format}`;
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
      const all = (async function* () {
        if (!first.done) yield first.value;
        yield* pages;
      })();
      await (format === 'csv' ? writeCsv(res, all, q.lang) : writeXlsx(res, all, q.lang));
      await ctx.finish(true);
    } catch (e) {
      await this.fail(res, ctx, e);
    }
  }

  private async fail(res: Response, ctx: RequestContext, e: unknown): Promise<void> {
    await ctx.finish(false).catch(() => undefined);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { status, known, body, headers } = httpErrorOf(e);
    res.set(headers);
    if (!known) this.log.error(e instanceof Error ? e : new Error(String(e)), undefined, 'statistics');
    res.status(status).json(body);
  }
}
