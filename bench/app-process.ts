import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { nodeFlags } from '../scripts/node-flags.js';

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const PROFILE_PRELOAD = fileURLToPath(new URL('./profile-preload.js', import.meta.url));

/** The Node options `npm start` gives the API, so the bench measures the API as it is deployed. */
export const startFlags = (): string[] => nodeFlags('start');

export interface AppOptions {
  name: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  runtimeRole: string;
  poolSize: number;
  logLevel: string;
  /** When set, the child loads the profiler hook and writes a CPU profile here on demand (SIGUSR2). */
  profileFile?: string;
  /** More environment for the child (e.g. STORAGE_DIR). */
  env?: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP exchange over the given keep-alive agent. */
export function httpRequest(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: http.OutgoingHttpHeaders,
  payload?: Buffer,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The real API, `node dist/src/main.js`, as a child process with its own event loop. */
export class AppProcess {
  private child?: ChildProcess;
  private stderrTail = '';
  private exited?: Promise<number | null>;
  port = 0;
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

  constructor(readonly opts: AppOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const args = [...startFlags(), ...(this.opts.profileFile ? ['--import', PROFILE_PRELOAD] : []), MAIN];
    const child = spawn(process.execPath, args, {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATABASE_URL: this.opts.databaseUrl,
        REDIS_URL: this.opts.redisUrl,
        REDIS_PREFIX: this.opts.redisPrefix,
        PORT: String(this.port),
        JWT_SECRET: randomBytes(32).toString('hex'),
        ACCESS_TOKEN_TTL_SECONDS: '86400',
        DB_POOL_SIZE: String(this.opts.poolSize),
        DB_RUNTIME_ROLE: this.opts.runtimeRole,
        DB_ALLOW_BYPASSRLS: '1',
        LOG_LEVEL: this.opts.logLevel,
        ...(this.opts.profileFile ? { BENCH_PROFILE_FILE: this.opts.profileFile } : {}),
        ...this.opts.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (c: Buffer) => {
      this.stderrTail = (this.stderrTail + c.toString('utf8')).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    // A loaded machine (other suites, nice 19) may take longer to boot: BENCH_APP_START_SECONDS (60).
    const deadline = Date.now() + Number(process.env.BENCH_APP_START_SECONDS ?? 60) * 1000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`${this.opts.name} app exited with code ${child.exitCode}: ${this.stderrTail.trim()}`);
      }
      try {
        const r = await httpRequest(this.agent, this.port, 'GET', '/health', {});
        if (r.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${this.opts.name} app did not become healthy: ${this.stderrTail}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Sends an operation and returns the parsed body and the statement count header. */
  async graphql(
    query: string,
    token?: string,
  ): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] }; statements: number }> {
    const payload = Buffer.from(JSON.stringify({ query }));
    const r = await httpRequest(
      this.agent,
      this.port,
      'POST',
      '/graphql',
      {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'content-length': payload.length,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      payload,
    );
    return {
      status: r.status,
      body: JSON.parse(r.body.toString('utf8')),
      statements: Number(r.headers['x-sql-statements'] ?? NaN),
    };
  }

  async login(email: string, password: string): Promise<string> {
    const r = await this.graphql(
      `mutation { login(input: { email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)} }) { accessToken } }`,
    );
    const token = (r.body.data as { login?: { accessToken?: string } } | undefined)?.login?.accessToken;
    if (!token) throw new Error(`login as ${email} failed on ${this.opts.name}: ${JSON.stringify(r.body)}`);
    return token;
  }

  /**
   * A request function for the load loops: the same operation every time. Checks the status and that no
   * error came back (a byte search, so the generator spends little CPU), and returns the statement header.
   */
  requester(query: string, token: string): () => Promise<number> {
    const payload = Buffer.from(JSON.stringify({ query }));
    const headers = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      'content-length': payload.length,
      authorization: `Bearer ${token}`,
    };
    return async () => {
      const r = await httpRequest(this.agent, this.port, 'POST', '/graphql', headers, payload);
      if (r.status !== 200 || r.body.indexOf('"errors"') !== -1) {
        throw new Error(`HTTP ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
      }
      return Number(r.headers['x-sql-statements'] ?? NaN);
    };
  }

  signal(sig: NodeJS.Signals): void {
    this.child?.kill(sig);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}
