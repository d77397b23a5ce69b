import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlExceptionFilter } from '@nestjs/graphql';

const HTTP_CODES: Record<number, string> = { 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE' };

/**
 * Hands resolver errors to Apollo untouched; the error formatter maps and logs them once.
 * Errors outside GraphQL execution (a body that is not JSON, a body too large, an unknown path)
 * are answered as JSON in the GraphQL error shape, never as Express's HTML page with a stack trace.
 */
@Catch()
export class GraphQLPassThroughFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const adapter = this.httpAdapterHost?.httpAdapter;
      const response = host.getArgByIndex(1);
      if (adapter && !adapter.isHeadersSent(response)) {
        const message =
          status === 400 && exception.cause instanceof SyntaxError
            ? 'The request body is not valid JSON'
            : exception.message;
        adapter.reply(
          response,
          { errors: [{ message, extensions: { code: HTTP_CODES[status] ?? 'BAD_REQUEST' } }] },
          status,
        );
        return;
      }
    }
    // Anything else: Nest's JSON answer ({ statusCode, message }), a bare 500 for unknown errors, logged.
    return super.catch(exception, host);
  }
}
