import type { LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** One JSON object per line on stdout, so any log shipper can read it. */
export class JsonLogger implements LoggerService {
  private readonly min: number;

  constructor(
    level: LogLevel = 'info',
    private readonly base: Record<string, unknown> = {},
  ) {
    this.min = LEVELS[level];
  }

  write(level: Exclude<LogLevel, 'silent'>, msg: string, fields: Record<string, unknown> = {}): void {
    if (LEVELS[level] < this.min) return;
    process.stdout.write(
      JSON.stringify({ time: new Date().toISOString(), level, msg, ...this.base, ...fields }) + '\n',
    );
  }

  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }

  log(message: unknown, context?: unknown): void {
    this.write('info', String(message), context ? { context } : {});
  }

  error(message: unknown, trace?: unknown, context?: unknown): void {
    const fields: Record<string, unknown> = {};
    if (typeof trace === 'string') fields.trace = trace;
    if (context) fields.context = context;
    if (message instanceof Error) this.write('error', message.message, { ...fields, stack: message.stack });
    else this.write('error', String(message), fields);
  }

  warn(message: unknown, context?: unknown): void {
    this.write('warn', String(message), context ? { context } : {});
  }

  debug(message: unknown, context?: unknown): void {
    this.write('debug', String(message), context ? { context } : {});
  }

  verbose(message: unknown, context?: unknown): void {
    this.debug(message, context);
  }
}

export const LOGGER = Symbol('LOGGER');
