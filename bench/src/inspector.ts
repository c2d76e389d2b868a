/**
 * The service's own view of a run, through the inspector it was started with (`--inspect`, bench only):
 * a CPU profile of one load run (Profiler domain), and the event-loop delay histogram and GC pauses of
 * another (Runtime.evaluate into the service's process). Node 24's global WebSocket speaks the protocol.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './cloud.js';

/** The event-loop probe's timer: it is due every TICK_MS, and how late it runs is the loop's delay. */
const TICK_MS = 10;

export class Inspector {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  /** The inspector of the process listening for it on `port` (GET /json/list names its WebSocket). */
  static async connect(port: number): Promise<Inspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
    const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', () => reject(new Error(`no inspector on port ${port}`)), { once: true });
    });
    return new Inspector(socket);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  /** An expression evaluated in the inspected process; its value comes back as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.send<{
      result: { value?: string };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression: `JSON.stringify(${expression})` });
    if (answer.exceptionDetails)
      throw new Error(`in the service: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    return JSON.parse(answer.result.value ?? 'null') as T;
  }

  /** The CPU profile of the process while `work` runs (sampled every 250 µs). */
  async profile(work: () => Promise<unknown>): Promise<CpuProfile> {
    await this.send('Profiler.enable');
    await this.send('Profiler.setSamplingInterval', { interval: 250 });
    await this.send('Profiler.start');
    let profile: CpuProfile;
    try {
      await work();
    } finally {
      profile = (await this.send<{ profile: CpuProfile }>('Profiler.stop')).profile;
      await this.send('Profiler.disable');
    }
    return profile;
  }

  /** Starts recording the event-loop delay and GC pauses in the inspected process (see loopAndGc). */
  startLoopAndGc(): Promise<unknown> {
    return this.evaluate(`(() => {
      const { monitorEventLoopDelay, PerformanceObserver } = process.getBuiltinModule('node:perf_hooks');
      const probe = (globalThis[Symbol.for('manyi.bench.probe')] ??= {});
      probe.delay?.disable();
      probe.observer?.disconnect();
      probe.delay = monitorEventLoopDelay({ resolution: ${TICK_MS} });
      probe.delay.enable();
      probe.gc = { count: 0, major: 0, totalMs: 0, maxMs: 0 };
      const record = (entries) => {
        for (const e of entries) {
          probe.gc.count++;
          if (e.detail?.kind === 4) probe.gc.major++;
          probe.gc.totalMs += e.duration;
          probe.gc.maxMs = Math.max(probe.gc.maxMs, e.duration);
        }
      };
      probe.record = record;
      probe.observer = new PerformanceObserver((list) => record(list.getEntries()));
      probe.observer.observe({ entryTypes: ['gc'] });
      return true;
    })()`);
  }

  /** What was recorded since startLoopAndGc, in ms; recording stops. */
  stopLoopAndGc(): Promise<LoopAndGc> {
    return this.evaluate<LoopAndGc>(`(() => {
      const probe = globalThis[Symbol.for('manyi.bench.probe')];
      probe.record(probe.observer.takeRecords());
      probe.observer.disconnect();
      probe.delay.disable();
      // The histogram holds each whole tick; what matters is how late it came.
      const late = (ns) => Math.max(0, ns / 1e6 - ${TICK_MS});
      return { delay: { p50: late(probe.delay.percentile(50)), p99: late(probe.delay.percentile(99)), max: late(probe.delay.max) }, gc: probe.gc };
    })()`);
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Event-loop delay (monitorEventLoopDelay: how late a timer due every TICK_MS ran) and
 * GC pauses (count, of which major = mark-sweep-compact, total and longest), all in ms.
 */
export interface LoopAndGc {
  delay: { p50: number; p99: number; max: number };
  gc: { count: number; major: number; totalMs: number; maxMs: number };
}

export const loopAndGcNote = (x: LoopAndGc) =>
  `loop delay p50 ${x.delay.p50.toFixed(1)} · p99 ${x.delay.p99.toFixed(1)} · max ${x.delay.max.toFixed(0)} ms; ` +
  `GC ${x.gc.count}× (${x.gc.major} major) ${x.gc.totalMs.toFixed(0)} ms, longest ${x.gc.maxMs.toFixed(1)} ms`;

/** The part of a V8 .cpuprofile the summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  function: string;
  /** url:line (1-based), relative to the repository for its own files. */
  where: string;
  selfMs: number;
  percent: number;
}

/**
 * Self time per frame: each sample's time (the delta to the next sample) goes to the node it hit,
 * summed over every node of the same function (one function is many nodes, one per call path).
 */
export function topFrames(profile: CpuProfile, count: number): Frame[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, Frame>();
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = nodes.get(profile.samples[i]!)!;
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}\u0000${where}`;
    const entry = self.get(key) ?? { function: frame.functionName || '(anonymous)', where, selfMs: 0, percent: 0 };
    entry.selfMs += delta;
    self.set(key, entry);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  return [...self.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count)
    .map((f) => ({ ...f, percent: (f.selfMs / total) * 100 }));
}

function shortUrl(url: string): string {
  if (!url.startsWith('file://')) return url;
  const path = relative(ROOT, fileURLToPath(url));
  return path.replace(/^node_modules\//, '');
}

export const frameLine = (f: Frame) =>
  `${f.selfMs.toFixed(0).padStart(6)} ms ${f.percent.toFixed(1).padStart(5)} %  ${f.function}${f.where ? `  ${f.where}` : ''}`;
