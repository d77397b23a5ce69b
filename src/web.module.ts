import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Inject, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/core';

/** Paths the API answers itself: the dashboard never shadows them (nor anything below them). */
export const API_PATHS = ['/graphql', '/files', '/health', '/metrics', '/admin/queues'];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * The dashboard's production build (npm run build writes web/dist): hashed assets under /assets/ with a year's
 * immutable cache, index.html (never cached) for every other GET that wants HTML (the app's client routes), and
 * GraphiQL at /graphiql only while introspection is on. Everything else falls through to the API (and its 404).
 */
export function webMiddleware(config: Pick<AppConfig, 'webDir' | 'graphqlIntrospection'>) {
  const dir = resolve(config.webDir);
  const page = (name: string) => join(dir, name);
  const assets = express.static(dir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: (res, file) => {
      res.setHeader(
        'cache-control',
        file.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendPage = (res: Response, next: NextFunction, name: string) => {
    if (!existsSync(page(name))) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(page(name), (err) => err && next(err));
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path;
    if (API_PATHS.some((p) => under(path, p))) return next();
    if (path === '/graphiql' || path === '/graphiql/')
      return config.graphqlIntrospection ? sendPage(res, next, 'graphiql.html') : next();
    // The HTML pages only through their routes (graphiql.html would bypass the introspection switch).
    if (path.endsWith('.html')) return next();
    if (extname(path)) return assets(req, res, next);
    if (!req.accepts('html')) return next();
    return sendPage(res, next, 'index.html');
  };
}

/** Serves the dashboard beside the API (see webMiddleware). */
@Module({})
export class WebModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(webMiddleware(this.config)).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
