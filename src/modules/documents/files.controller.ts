import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, LOGGER, httpError, type JsonLogger, type RequestContext } from '@app/core';
import { AuthService } from '../branches/auth.service.js';
import { DocumentSharesService } from './document-shares.service.js';
import { FilesService, type FileContent } from './files.service.js';
import { FileTooLargeError, firstFilePart } from './upload-stream.js';

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Files over HTTP, beside GraphQL (which carries their metadata and links): a streamed multipart upload and
 * two ways to download, with the same bearer token, branch header and tenancy transaction as a GraphQL request.
 * Errors answer in the GraphQL error shape with the same codes.
 */
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly shares: DocumentSharesService,
    private readonly auth: AuthService,
    @Inject(LOGGER) private readonly log: JsonLogger,
  ) {}

  /** `POST /files?kind=REPORT[&branchId=]`, multipart/form-data with one file part: answers the stored file. */
  @Post()
  async upload(
    @Req() req: Request,
    @Res() res: Response,
    @Query('kind') kind?: string,
    @Query('branchId') branchId?: string,
  ): Promise<void> {
    const ctx = await this.contextOf(req);
    await this.answer(req, res, ctx, async () => {
      const target = this.files.prepareUpload(ctx, { kind, branchId });
      const declared = Number(header(req, 'content-length'));
      if (Number.isFinite(declared) && declared > this.files.maxBytes(target.kind) + 64 * 1024) {
        throw new FileTooLargeError(this.files.maxBytes(target.kind));
      }
      const file = await this.files.upload(ctx, target, await firstFilePart(req));
      res.status(HttpStatus.CREATED).json({ data: { file } });
    });
  }

  /**
   * `GET /files/:id/content`: with `Authorization: Bearer`, any file the person may read; with the query of a
   * signed link (`fileLink` in GraphQL), that file only, until the link expires.
   */
  @Get(':id/content')
  async download(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const ctx = await this.contextOf(req);
    await this.answer(req, res, ctx, async () => {
      const content = 'sig' in query ? await this.files.redeem(ctx, id, query) : await this.files.open(ctx, id);
      await ctx.finish(true);
      await this.send(res, content);
    });
  }

  /**
   * `GET /files/shared/:branchId/:shareId?token=`: an external share's link (`shareDocumentExternally`), for someone
   * outside the company: no token of ours, the document's version in force while the share is neither revoked nor
   * expired; every download recorded. Anything else answers 404 like an unknown link.
   */
  @Get('shared/:branchId/:shareId')
  async shared(
    @Req() req: Request,
    @Res() res: Response,
    @Param('branchId') branchId: string,
    @Param('shareId') shareId: string,
    @Query('token') token: unknown,
  ): Promise<void> {
    const ctx = await this.contextOf(req);
    await this.answer(req, res, ctx, async () => {
      const content = await this.shares.open(branchId, shareId, token, req.ip ?? req.socket.remoteAddress ?? '');
      await ctx.finish(true);
      await this.send(res, content);
    });
  }

  private async send(res: Response, { file, stream }: FileContent): Promise<void> {
    res.status(HttpStatus.OK);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.sizeBytes));
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
    await pipeline(stream, res);
  }

  private contextOf(req: Request): Promise<RequestContext> {
    return this.auth.contextFor({
      authorization: header(req, 'authorization'),
      branchHeader: header(req, 'x-branch-id'),
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
  }

  /** Runs the work; on a typed error, rolls back and answers it; anything else is logged and a bare 500. */
  private async answer(req: Request, res: Response, ctx: RequestContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      await ctx.finish(false).catch(() => undefined);
      if (res.headersSent) {
        // A download cut off half-way: the client sees a short body against Content-Length.
        res.destroy();
        return;
      }
      if (!(e instanceof AppError)) this.log.error(e instanceof Error ? e : new Error(String(e)), undefined, 'files');
      const { status, body, headers } = httpError(e, 'The file could not be handled; try again');
      res.set(headers);
      // The rest of an unread upload is not wanted: close the connection after answering.
      if (!(req as IncomingMessage).readableEnded) res.setHeader('Connection', 'close');
      res.status(e instanceof FileTooLargeError ? 413 : status).json(body);
    }
  }
}
