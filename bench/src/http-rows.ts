/**
 * The HTTP rows of `npm run bench` (docs/benchmarks.md): the service against ceilings that cannot be
 * wrong, every contender a process of its own and the load generator another (load.ts), the contenders
 * of a row measured in alternated rounds, then one more run of the service alone under the CPU profiler.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureAnswer, type CapturedAnswer, type CapturedAnswers } from './answers.js';
import { ROOT } from './cloud.js';
import { sameAnswer } from './detail-ceiling-check.js';
import { load, type LoadOptions, type LoadResult } from './http.js';
import { Inspector, frameLine, loopAndGcNote, topFrames, type LoopAndGc } from './inspector.js';
import { serviceArgs, startServer, type Server } from './processes.js';

export interface HttpSetup {
  /** The service, started with its inspector on `inspectPort`. */
  service: Server;
  inspectPort: number;
  /** The service's environment: a "before" build is started with the same. */
  serviceEnv: Record<string, string>;
  /** The service's port; the other servers take the next ones (+1 … +6). */
  port: number;
  databaseUrl: string;
  tokenSecret: string;
  dataDir: string;
  seconds: number;
  rounds: number;
  /** How long to wait, at most, for the 1-minute load average to fall to QUIET_LOAD before a row. */
  settleSeconds: number;
  /** An earlier build of the service inside the repository (e.g. cloud/dist-before), measured beside it. */
  beforeDist: string | null;
  /** Only the rows whose name starts with one of these (e.g. feed, resident-detail); all when empty. */
  only: string[];
  /** Where the CPU profiles go, relative to the repository (gitignored). */
  resultsDir: string;
  streetCode: string;
  resident: { token: string; concernId: number };
  supervisorToken: string;
}

export interface HttpRow {
  what: string;
  manyi: string;
  before: string;
  bare: string;
  ratio: string;
  target: string;
  met: string;
  explain: string;
}

/** The machine counts as quiet below this 1-minute load average. */
const QUIET_LOAD = 0.5;
/** A row at a fixed rate: its p99 target, and the share of the rate it must deliver. */
const RATE = 1000;
const RATE_P99_MS = 25;
const RATE_DELIVERED = 0.95;

interface Contender {
  name: string;
  url: string;
  /** The service's builds only: their event loop and GC are recorded during each measured run. */
  inspector: Inspector | null;
  role: 'service' | 'before' | 'baseline';
}

interface Run {
  result: LoadResult;
  loop: LoopAndGc | null;
}

interface RowSpec {
  slug: string;
  what: string;
  path: string;
  headers?: Record<string, string>;
  options: Omit<LoadOptions, 'seconds' | 'headers'>;
  contenders: Contender[];
  /** The contender the service's share is taken of, and the share it must reach (none: for information). */
  share?: { of: Contender; target?: { atLeast: number; label: string } };
  note?: string;
}

export async function measureHttp(setup: HttpSetup, row: (r: HttpRow) => void): Promise<{ notes: string[]; under: string[] }> {
  const { port } = setup;
  const started: Server[] = [];
  const inspectors: Inspector[] = [];
  const under: string[] = [];
  try {
    const feedPath = `/api/v1/news?street=${setup.streetCode}`;
    const feed = await answerOf(setup.service.url, feedPath);
    const firstArticle = (JSON.parse(Buffer.from(feed.body, 'base64').toString()) as { items: Array<{ id: number }> }).items[0];
    if (!firstArticle) throw new Error(`${feedPath} has no article: the data set holds no news for ${setup.streetCode}`);
    const resident = { authorization: `Bearer ${setup.resident.token}` };
    const supervisor = { authorization: `Bearer ${setup.supervisorToken}` };
    const paths = {
      floor: '/api/v1/client-config',
      feed: feedPath,
      article: `/api/v1/news/${firstArticle.id}`,
      directory: '/api/v1/categories',
      residentDetail: `/api/v1/concerns/${setup.resident.concernId}`,
      staffDetail: `/api/v1/admin/concerns/${setup.resident.concernId}`,
    };

    // The bare servers answer the public paths with the service's own answers, headers included.
    const answers: CapturedAnswers = {};
    for (const path of [paths.floor, paths.feed, paths.article, paths.directory]) answers[path] = await answerOf(setup.service.url, path);
    const file = join(setup.dataDir, 'answers.json');
    writeFileSync(file, JSON.stringify(answers));
    const bareNode = await startServer(
      'bare node:http',
      [join(ROOT, 'bench/dist/bare-node.js'), String(port + 2), file],
      port + 2,
      {},
      '/health',
    );
    started.push(bareNode);
    const bareFastify = await startServer(
      'bare Fastify',
      [join(ROOT, 'bench/dist/bare-server.js'), String(port + 1), file],
      port + 1,
      {},
      '/health',
    );
    started.push(bareFastify);
    for (const bare of [bareNode, bareFastify])
      for (const [path, answer] of Object.entries(answers)) assertSameAnswer(path, answer, await captureAnswer(bare.url, path));

    // The hand-written Fastify + mysql2 detail handler, once it is built.
    const ceilingScript = join(ROOT, 'bench/dist/detail-ceiling.js');
    const ceiling = existsSync(ceilingScript)
      ? await startServer(
          'the detail ceiling',
          [ceilingScript, String(port + 3), setup.databaseUrl, setup.tokenSecret],
          port + 3,
          // The service's own settings (the data key for the reporter's phone, the password rules).
          setup.serviceEnv,
          '/health',
        )
      : null;
    if (ceiling) started.push(ceiling);

    // The earlier build, on the same database with the same environment (see docs/benchmarks.md).
    let before: Server | null = null;
    if (setup.beforeDist) {
      const dist = resolve(ROOT, setup.beforeDist);
      if (!existsSync(join(dist, 'main.js'))) throw new Error(`BENCH_BEFORE_DIST=${setup.beforeDist} holds no main.js`);
      before = await startServer(
        'the before build',
        serviceArgs({ inspectPort: port + 6, dist }),
        port + 4,
        { ...setup.serviceEnv, PORT: String(port + 4) },
        '/api/v1/health',
      );
      started.push(before);
    }

    const serviceInspector = await Inspector.connect(setup.inspectPort);
    inspectors.push(serviceInspector);
    const service: Contender = { name: 'service', url: setup.service.url, inspector: serviceInspector, role: 'service' };
    const beforeInspector = before ? await Inspector.connect(port + 6) : null;
    if (beforeInspector) inspectors.push(beforeInspector);
    const builds = before
      ? [service, { name: 'before', url: before.url, inspector: beforeInspector, role: 'before' } as Contender]
      : [service];
    const node: Contender = { name: 'node:http', url: bareNode.url, inspector: null, role: 'baseline' };
    const fastify: Contender = { name: 'Fastify', url: bareFastify.url, inspector: null, role: 'baseline' };
    const detailCeiling: Contender | null = ceiling ? { name: 'ceiling', url: ceiling.url, inspector: null, role: 'baseline' } : null;
    for (const [path, headers, token] of [
      [paths.residentDetail, resident, setup.resident.token],
      [paths.staffDetail, supervisor, setup.supervisorToken],
    ] as const) {
      for (const b of builds) await expectOk(b.url, path, headers, b.name);
      // The ceiling must do the same work: the same JSON, field for field, or it measures something else.
      const difference = ceiling && (await sameAnswer(service.url, ceiling.url, path, token));
      if (difference) throw new Error(`the detail ceiling answers otherwise than the service: ${difference}`);
    }

    const specs: RowSpec[] = [];
    const publicReads = [
      { slug: 'floor', what: 'framework floor: client config (no database)', path: paths.floor, target: false },
      { slug: 'feed', what: `news feed page (?street=${setup.streetCode})`, path: paths.feed, target: true },
      { slug: 'article', what: 'news article', path: paths.article, target: true },
      { slug: 'categories', what: 'directory: categories', path: paths.directory, target: true },
    ];
    for (const e of publicReads)
      for (const connections of [10, 50])
        specs.push({
          slug: `${e.slug}-c${connections}`,
          what: `${e.what}, ${connections} connections (${bytes(answers[e.path]!)} B)`,
          path: e.path,
          options: { connections },
          contenders: [...builds, node, fastify],
          share: { of: node, target: e.target ? { atLeast: 0.6, label: '≥ 60% of bare node:http' } : undefined },
        });
    const details = [
      { slug: 'resident-detail', what: 'concern detail, as its resident', path: paths.residentDetail, headers: resident },
      { slug: 'staff-detail', what: 'concern detail, staff workbench', path: paths.staffDetail, headers: supervisor },
    ];
    for (const e of details)
      for (const connections of [10, 50])
        specs.push({
          slug: `${e.slug}-c${connections}`,
          what: `${e.what}, ${connections} connections`,
          path: e.path,
          headers: e.headers,
          options: { connections },
          contenders: detailCeiling ? [...builds, detailCeiling] : builds,
          share: detailCeiling
            ? { of: detailCeiling, target: { atLeast: 0.5, label: '≥ 50% of the Fastify + mysql2 ceiling' } }
            : undefined,
          note: detailCeiling ? undefined : 'no ceiling: bench/dist/detail-ceiling.js is not built',
        });
    for (const e of [
      { slug: 'feed', what: 'news feed page', path: paths.feed, headers: undefined, reference: node },
      {
        slug: 'resident-detail',
        what: 'concern detail, as its resident',
        path: paths.residentDetail,
        headers: resident,
        reference: detailCeiling,
      },
    ])
      specs.push({
        slug: `${e.slug}-${RATE}rps`,
        what: `${e.what}, at ${RATE.toLocaleString('en')} req/s`,
        path: e.path,
        headers: e.headers,
        options: { connections: 50, rate: RATE },
        contenders: e.reference ? [...builds, e.reference] : builds,
      });

    mkdirSync(join(ROOT, setup.resultsDir), { recursive: true });
    const warmed = new Set<string>();
    for (const spec of specs.filter((s) => setup.only.length === 0 || setup.only.some((name) => s.slug.startsWith(name)))) {
      const machine = await quiet(setup.settleSeconds);
      process.stderr.write(`  ${spec.what}\n`);
      const options = (seconds: number): LoadOptions => ({ ...spec.options, seconds, headers: spec.headers });
      // One short unmeasured run per contender and path first: JIT, caches and connection pools warm.
      for (const c of spec.contenders)
        if (!warmed.has(c.url + spec.path)) {
          warmed.add(c.url + spec.path);
          await load(c.url + spec.path, options(Math.min(2, setup.seconds)));
        }
      const runs = new Map<Contender, Run[]>(spec.contenders.map((c) => [c, []]));
      for (let round = 0; round < setup.rounds; round++)
        for (const c of rotate(spec.contenders, round)) {
          await c.inspector?.startLoopAndGc();
          const result = await load(c.url + spec.path, options(setup.seconds));
          const loop = c.inspector ? await c.inspector.stopLoopAndGc() : null;
          runs.get(c)!.push({ result, loop });
        }
      for (const [c, r] of runs)
        process.stderr.write(`    ${c.name}: ${r.map((x) => `${num(x.result.rps)}/s p99 ${ms(x.result.p99)}`).join(', ')}\n`);

      // The profile: one more run of the service alone, the same load.
      const profile = await serviceInspector.profile(() => load(service.url + spec.path, options(setup.seconds)));
      const saved = join(setup.resultsDir, `${spec.slug}.cpuprofile`);
      writeFileSync(join(ROOT, saved), JSON.stringify(profile));
      const frames = topFrames(profile, 15);
      const heading = `CPU profile of the service, ${spec.what} (${saved}), self time:`;
      writeFileSync(join(ROOT, setup.resultsDir, `${spec.slug}.txt`), [heading, ...frames.map(frameLine)].join('\n') + '\n');
      under.push(heading, ...frames.slice(0, 5).map((f) => `  ${frameLine(f)}`));

      row(rowOf(spec, runs, machine));
    }

    const pids = [
      `the service (pid ${setup.service.pid}, with --inspect)`,
      ...(before ? [`the before build ${setup.beforeDist} (pid ${before.pid}, with --inspect)`] : []),
      `bare node:http (pid ${bareNode.pid})`,
      `bare Fastify (pid ${bareFastify.pid})`,
      ...(ceiling ? [`the Fastify + mysql2 detail ceiling (pid ${ceiling.pid})`] : []),
    ];
    const sent = Object.keys(answers[paths.feed]!.headers).join(', ');
    const notes = [
      `HTTP: each server in a process of its own — ${pids.join(', ')} — and the load generator (autocannon, bench/dist/load.js) ` +
        `in a new process for every run; the bench's own process only starts them and reads the results.`,
      `HTTP: ${setup.rounds} alternated round${setup.rounds === 1 ? '' : 's'} of ${setup.seconds} s per contender and row (order rotated each round); ` +
        `median req/s, p50/p99 of the median run. The bare servers send the service's bytes and response headers (less Date, ` +
        `Content-Length, Connection), checked at start; the feed's: ${sent}. CPU profiles: ${setup.resultsDir}/<row>.cpuprofile and .txt.`,
    ];
    return { notes, under };
  } finally {
    for (const i of inspectors) i.close();
    for (const s of started.reverse()) await s.stop();
  }
}

function rowOf(spec: RowSpec, runs: Map<Contender, Run[]>, machine: string): HttpRow {
  const medians = new Map([...runs].map(([c, r]) => [c, median(r)]));
  const of = (role: Contender['role']) => [...medians].find(([c]) => c.role === role)?.[1];
  const service = of('service')!;
  const before = of('before');
  const rate = spec.options.rate;
  const cell = (m: Median) => httpCell(m, rate !== undefined);
  const baselines = [...medians].filter(([c]) => c.role === 'baseline');
  const loops = [
    service.run.loop && `service: ${loopAndGcNote(service.run.loop)}`,
    before?.run.loop && `before: loop delay p99 ${before.run.loop.delay.p99.toFixed(1)} ms, GC ${before.run.loop.gc.count}×`,
  ].filter(Boolean);
  const explain = [machine, ...loops, spec.note].filter(Boolean).join('; ');
  const common = {
    what: spec.what,
    manyi: cell(service),
    before: before ? cell(before) : '',
    bare: baselines.map(([c, m]) => `${c.name} ${cell(m)}`).join('; '),
    explain,
  };
  if (rate !== undefined) {
    const delivered = (m: Median) => m.run.result.p99 < RATE_P99_MS && m.run.result.failed === 0 && m.rps >= rate * RATE_DELIVERED;
    return {
      ...common,
      ratio: '',
      target: `p99 < ${RATE_P99_MS} ms, ≥ ${RATE_DELIVERED * 100}% of the rate, no failures`,
      met: yes(delivered(service)) + (before ? ` (before: ${yes(delivered(before))})` : ''),
    };
  }
  if (!spec.share) return { ...common, ratio: '', target: '', met: '' };
  const reference = medians.get(spec.share.of)!;
  const share = (m: Median) => m.rps / reference.rps;
  const ratio = `${percent(share(service))} of ${spec.share.of.name}${before ? ` (before ${percent(share(before))})` : ''}`;
  const target = spec.share.target;
  if (!target) return { ...common, ratio, target: '', met: '' };
  const reaches = (m: Median) => share(m) >= target.atLeast && m.run.result.failed === 0;
  return {
    ...common,
    ratio,
    target: target.label,
    met: yes(reaches(service)) + (before ? ` (before: ${yes(reaches(before))})` : ''),
  };
}

interface Median {
  rps: number;
  /** The run of the median rate (the lower of the two middle ones for an even count). */
  run: Run;
}

function median(runs: Run[]): Median {
  const sorted = [...runs].sort((a, b) => a.result.rps - b.result.rps);
  const middle = Math.floor((sorted.length - 1) / 2);
  const rps = sorted.length % 2 ? sorted[middle]!.result.rps : (sorted[middle]!.result.rps + sorted[middle + 1]!.result.rps) / 2;
  return { rps, run: sorted[middle]! };
}

/** Round r starts at the r-th contender: A B C, B C A, C A B… */
const rotate = <T>(items: T[], round: number) => items.map((_, i) => items[(i + round) % items.length]!);

/**
 * Waits (up to `settleSeconds`) for the 1-minute load average to fall below QUIET_LOAD, then reports
 * it and how busy the CPUs were over one second — the bench itself idle — and warns when not quiet.
 */
async function quiet(settleSeconds: number): Promise<string> {
  const deadline = Date.now() + settleSeconds * 1000;
  while (loadavg()[0]! > QUIET_LOAD && Date.now() < deadline) await sleep(1000);
  const busy = await cpuBusy(1000);
  const averages = loadavg();
  const busyMachine = averages[0]! > QUIET_LOAD;
  const text = `machine: load ${averages.map((x) => x.toFixed(2)).join(' ')}, CPU ${busy.toFixed(0)}% busy${busyMachine ? ' (not quiet)' : ''}`;
  const warning = busyMachine ? ` — WARNING: 1-minute load above ${QUIET_LOAD}; absolute figures move with the other load` : '';
  process.stderr.write(`  ${text}${warning}\n`);
  return text;
}

async function cpuBusy(periodMs: number): Promise<number> {
  const times = () =>
    cpus().reduce((t, c) => ({ idle: t.idle + c.times.idle, all: t.all + Object.values(c.times).reduce((a, b) => a + b, 0) }), {
      idle: 0,
      all: 0,
    });
  const a = times();
  await sleep(periodMs);
  const b = times();
  return b.all === a.all ? 0 : (1 - (b.idle - a.idle) / (b.all - a.all)) * 100;
}

async function answerOf(base: string, path: string): Promise<CapturedAnswer> {
  const answer = await captureAnswer(base, path);
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${Buffer.from(answer.body, 'base64').toString()}`);
  return answer;
}

async function expectOk(base: string, path: string, headers: Record<string, string>, name: string): Promise<void> {
  const answer = await captureAnswer(base, path, headers);
  if (answer.status !== 200) throw new Error(`${name} ${path}: ${answer.status} ${Buffer.from(answer.body, 'base64').toString()}`);
}

/** A bare server must send what the service sent, or its ceiling measures something else. */
function assertSameAnswer(path: string, expected: CapturedAnswer, actual: CapturedAnswer): void {
  const same =
    actual.status === expected.status &&
    actual.body === expected.body &&
    JSON.stringify(Object.entries(actual.headers).sort()) === JSON.stringify(Object.entries(expected.headers).sort());
  if (!same) throw new Error(`a bare server answers ${path} otherwise than the service:\n${JSON.stringify({ expected, actual }, null, 1)}`);
}

const bytes = (a: CapturedAnswer) => num(Buffer.from(a.body, 'base64').length);
const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(1) : x.toFixed(0));
const num = (x: number) => Math.round(x).toLocaleString('en');
const percent = (x: number) => `${(x * 100).toFixed(0)}%`;
const yes = (ok: boolean) => (ok ? 'yes' : 'NO');

function httpCell(m: Median, withMax: boolean): string {
  const r = m.run.result;
  return (
    `${num(m.rps)} req/s · p50 ${ms(r.p50)} · p99 ${ms(r.p99)}${withMax ? ` · max ${ms(r.max)}` : ''} ms` +
    (r.failed ? ` · ${num(r.failed)} failed` : '')
  );
}
