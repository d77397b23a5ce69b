import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  APP_CONFIG,
  AppError,
  ForbiddenError,
  LOGGER,
  NotFoundError,
  httpError,
  type AppConfig,
  type JsonLogger,
} from '@app/core';
import { AuthService } from '../branches/auth.service.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { CustomersService } from '../customers/customers.service.js';
import { statementPdf } from './reconciliation-pdf.js';
import { ReconciliationService } from './reconciliation.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * `GET /reconciliation-statements/:id/pdf`: the statement as a PDF for the customer to sign, streamed as it is drawn,
 * with the same bearer token, branch header and tenancy transaction as GraphQL (`receivables:read`); another
 * branch's statement answers 404 like an unknown id.
 */
@Controller('reconciliation-statements')
export class ReconciliationController {
  constructor(
    private readonly auth: AuthService,
    private readonly statements: ReconciliationService,
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
  ) {}

  @Get(':id/pdf')
  async pdf(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const ctx = await this.auth.contextFor({
      authorization: header(req, 'authorization'),
      branchHeader: header(req, 'x-branch-id'),
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
    let doc;
    try {
      const actor = ctx.requireActor();
      if (!can(actor.role, 'receivables:read')) {
        throw new ForbiddenError(`Your role ${actor.role} does not allow reading reconciliation statements`);
      }
      const s = UUID.test(id) ? await this.statements.findOne(ctx, id.toLowerCase()) : null;
      if (!s) throw new NotFoundError('ReconciliationStatement', id);
      const [lines, branch, customer] = [
        await this.statements.linesLoader(ctx).load(`${s.branchId}:${s.id}`),
        await this.branches.branch(ctx, s.branchId),
        await this.customers.byKeyLoader(ctx).load(`${s.branchId}:${s.customerId}`),
      ];
      await ctx.finish(true);
      doc = statementPdf(
        s,
        lines,
        { branchName: branch?.name ?? s.branchId, customerName: customer?.name ?? s.customerId },
        this.config.reconciliationPdfFont,
      );
      res.status(200);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="statement-${s.periodEnd}-${s.id}.pdf"`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
    } catch (e) {
      await ctx.finish(false).catch(() => undefined);
      if (!(e instanceof AppError)) this.log.error(e instanceof Error ? e : new Error(String(e)), undefined, 'finance');
      const { status, body, headers } = httpError(e);
      res.set(headers).status(status).json(body);
      return;
    }
    doc.pipe(res);
  }
}
