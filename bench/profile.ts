/** Reads a V8 .cpuprofile and ranks where the API's CPU time went: functions by self time, and packages. */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Ranked {
  name: string;
  ms: number;
  pct: number;
  /** Time with this package anywhere on the stack (packages only). */
  inclusivePct?: number;
}

export interface ProfileSummary {
  /** Time covered by the samples, ms. */
  totalMs: number;
  /** Time the main thread was not idle, ms. */
  busyMs: number;
  functions: Ranked[];
  packages: Ranked[];
}

const PSEUDO = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** "graphql", "@nestjs/core", "app: src/modules/customers", "node core", or a V8 pseudo-frame such as "(garbage collector)". */
export function packageOfUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node core';
  const dist = url.lastIndexOf('/dist/');
  if (dist !== -1) {
    const parts = url.slice(dist + '/dist/'.length).split('/');
    return `app: ${parts.slice(0, Math.min(parts.length - 1, 3)).join('/')}`;
  }
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) return url.slice(nm + '/node_modules/'.length);
  const dist = url.lastIndexOf('/dist/');
  if (dist !== -1) return url.slice(dist + 1);
  return url;
}

const frameName = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;

export function summarizeProfile(p: CpuProfile, top = 20): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The nearest frame with a script url at or above a node: native code is charged to the JS that called it. */
  const jsFrame = (id: number): CallFrame | undefined => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (f.url) return f;
    }
    return undefined;
  };
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time since the previous sample: it belongs to the frame sampled before it.
  for (let i = 1; i < p.samples.length; i++) {
    const id = p.samples[i - 1];
    selfUs.set(id, (selfUs.get(id) ?? 0) + p.timeDeltas[i]);
  }
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    total += us;
    if (f.functionName === '(idle)') idle += us;
    let name: string;
    let owner: string;
    if (f.url) {
      name = frameName(f);
      owner = packageOfUrl(f.url);
    } else if (PSEUDO.has(f.functionName)) {
      name = owner = f.functionName;
    } else {
      const caller = jsFrame(id);
      name = `${f.functionName || '(native)'} (native, from ${caller ? frameName(caller) : '?'})`;
      owner = caller ? packageOfUrl(caller.url) : '(native)';
    }
    fn.set(name, (fn.get(name) ?? 0) + us);
    pkg.set(owner, (pkg.get(owner) ?? 0) + us);
    const onStack = new Set<string>([owner]);
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
      const u = byId.get(cur)!.callFrame.url;
      if (u) onStack.add(packageOfUrl(u));
    }
    for (const k of onStack) incl.set(k, (incl.get(k) ?? 0) + us);
  }
  const pct = (us: number) => (total ? (100 * us) / total : 0);
  const rank = (m: Map<string, number>, withIncl: boolean) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: us / 1000,
        pct: pct(us),
        ...(withIncl ? { inclusivePct: pct(incl.get(name) ?? us) } : {}),
      }));
  return {
    totalMs: total / 1000,
    busyMs: (total - idle) / 1000,
    functions: rank(fn, false),
    packages: rank(pkg, true),
  };
}
