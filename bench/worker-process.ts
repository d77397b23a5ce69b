import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('../src/worker.js', import.meta.url));

export interface WorkerOptions {
  name: string;
  databaseUrl: string;
  redisUrl: string;
  /** Replicas of one deployment share the prefix, so they share the queue and its job schedulers. */
  redisPrefix: string;
  poolSize: number;
  logLevel: string;
  /** Extra environment (e.g. APPROVAL_SCAN_MS for a short iteration run); empty means production defaults. */
  env?: Record<string, string>;
}

/** The real worker, `node dist/src/worker.js` (as `npm run start:worker` runs it), as a child process. */
export class WorkerProcess {
  private child?: ChildProcess;
  private tail = '';
  private exited?: Promise<number | null>;

  constructor(readonly opts: WorkerOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [WORKER], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATABASE_URL: this.opts.databaseUrl,
        REDIS_URL: this.opts.redisUrl,
        REDIS_PREFIX: this.opts.redisPrefix,
        JWT_SECRET: randomBytes(32).toString('hex'),
        DB_POOL_SIZE: String(this.opts.poolSize),
        // "worker running" is an info line: the bench waits for it, then the level only filters the rest.
        LOG_LEVEL: 'info',
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let running = false;
    const onData = (c: Buffer) => {
      const s = c.toString('utf8');
      if (s.includes('worker running')) running = true;
      this.tail = (this.tail + s).slice(-4000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!running) {
      if (child.exitCode !== null)
        throw new Error(`${this.opts.name} exited with code ${child.exitCode}: ${this.tail}`);
      if (Date.now() > deadline) throw new Error(`${this.opts.name} did not start: ${this.tail}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Recent output, for an error message. */
  output(): string {
    return this.tail;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(killer);
  }
}
