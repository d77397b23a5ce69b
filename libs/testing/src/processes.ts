import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { eventually } from './test-app.js';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  const r = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/**
 * A private redis-server without persistence (as the README's local set-up runs it): SIGKILL loses
 * everything, and start() on the same port comes back empty.
 */
export class RedisServer {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await eventually(() => answers(this.port), 5000, 50);
  }

  /** Kills the server at once (no shutdown, no save) and waits until the port is closed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await this.exited;
  }
}

const REGISTER = fileURLToPath(new URL('./ts-register.mjs', import.meta.url));
const WORKER = fileURLToPath(new URL('../../../src/worker.ts', import.meta.url));

/**
 * The real worker (`src/worker.ts`, as `npm run start:worker` runs it, from the sources) as a child
 * process of its own, so a test can SIGKILL it mid-batch.
 */
export class WorkerChild {
  private child?: ChildProcess;
  private tail = '';
  private exited?: Promise<void>;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', REGISTER, WORKER], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let running = false;
    const onData = (c: Buffer) => {
      const s = c.toString('utf8');
      if (s.includes('worker running')) running = true;
      this.tail = (this.tail + s).slice(-20000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (!running) {
      if (child.exitCode !== null) throw new Error(`worker exited with code ${child.exitCode}: ${this.tail}`);
      if (Date.now() > deadline) throw new Error(`worker did not start: ${this.tail}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Its recent log lines (JSON), for assertions and error messages. */
  output(): string {
    return this.tail;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await this.exited;
  }
}
