/**
 * 我要反映 under load: residents arrive at a fixed rate (an open model: arrivals do not wait for earlier
 * answers); each uploads a photo (or none), then submits the concern with an Idempotency-Key — one in
 * twenty retries that submit at once, as a client would after a lost answer. Afterwards every
 * acknowledged concern must be in the database, and no key may have made two; and since photos are
 * re-encoded by a job after their upload is answered, the run waits for that job to finish every
 * acknowledged photo (reported, and so the next rate does not pay for this one's backlog).
 *
 * Given the service's process id it also reads the process's CPU time at the first arrival, at the last
 * answer and when the last photo is re-encoded: what a submit costs (ackPathCpu) and how fast the job drains.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type mysql from 'mysql2/promise';
import sharp from 'sharp';
import { processCpuSeconds } from './processes.js';

export interface SubmitResult {
  rate: number;
  offered: number;
  acknowledged: number;
  failed: number;
  /** Acknowledged submissions per second, from the first arrival to the last answer. */
  throughput: number;
  /**
   * How long after the last arrival its answer came, in ms: a service that keeps pace with the offered
   * rate answers it about as fast as any other; one that does not has a queue to work off first.
   */
  lastAnswerAfterLastArrival: number;
  p50: number;
  p99: number;
  /** Acknowledged (201) concerns missing from the database. */
  missing: number;
  /** Keys that made more than one concern, and retries that were answered with a different concern. */
  duplicates: number;
  /** Seconds after the last answer until every acknowledged photo was re-encoded (null: not measured). */
  photosProcessedAfter: number | null;
  /** Acknowledged photos not re-encoded when the wait gave up, or marked failed: lost photos. */
  photosUnprocessed: number;
  /** Acknowledged uploads, and how many of them were already re-encoded at the last answer. */
  photos: number;
  photosReadyAtLastAnswer: number;
  /** Seconds from the first acknowledged photo to the last one re-encoded (null: no photo, or not all done). */
  drainSeconds: number | null;
  /** The service process's CPU seconds from the first arrival to the last answer, and from then to the last photo re-encoded. */
  cpuToLastAnswer: number | null;
  cpuAfterLastAnswer: number | null;
}

/** How long the run waits for the photo job to catch up before it counts what is left as lost. */
const PHOTO_WAIT_MS = 180_000;

/**
 * A photo as the mini-program uploads it — already scaled down and recompressed on the phone — with
 * noise, so it does not compress away. Made once.
 */
export async function benchPhoto(): Promise<Buffer> {
  const width = 800;
  const height = 600;
  const raw = randomBytes(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .blur(3)
    .jpeg({ quality: 80 })
    .toBuffer();
}

export async function submitAtRate(
  base: string,
  db: mysql.Connection,
  options: {
    rate: number;
    seconds: number;
    tokens: string[];
    /** The photo each resident uploads first; null: the concern goes without one. */
    photo: Buffer | null;
    compoundId: number;
    categoryId: number;
    /** The service's process id, for its CPU time; without it the CPU is not measured. */
    servicePid?: number;
  },
): Promise<SubmitResult> {
  const run = randomBytes(4).toString('hex');
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const acknowledged = new Map<string, number>();
  const photoIds: number[] = [];
  let firstPhotoAt: number | null = null;
  let failed = 0;
  let replayMismatch = 0;
  const failures = new Map<string, number>();
  const fail = (why: string) => {
    failed++;
    failures.set(why, (failures.get(why) ?? 0) + 1);
  };

  const one = async (i: number) => {
    const started = performance.now();
    const token = options.tokens[i % options.tokens.length]!;
    const auth = { authorization: `Bearer ${token}` };
    try {
      const attached: number[] = [];
      if (options.photo) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(options.photo)], { type: 'image/jpeg' }), 'photo.jpg');
        const upload = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: auth, body: form });
        if (upload.status !== 201) return fail(`upload ${upload.status}`);
        const photo = (await upload.json()) as { id: number };
        firstPhotoAt ??= performance.now();
        photoIds.push(photo.id);
        attached.push(photo.id);
      }
      const key = `bench-${run}-${i}`;
      const body = JSON.stringify({
        categoryId: options.categoryId,
        compoundId: options.compoundId,
        title: `压测诉求 ${i}`,
        description: '楼道灯坏了很久，晚上出入不便，希望尽快修理。',
        photoIds: attached,
      });
      const submit = () =>
        fetch(`${base}/api/v1/concerns`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
          body,
        });
      const retry = i % 20 === 0;
      const answers = await Promise.all(retry ? [submit(), submit()] : [submit()]);
      const views = await Promise.all(answers.map(async (a) => ({ status: a.status, body: (await a.json()) as { id?: number } })));
      if (views.some((v) => v.status !== 201)) return fail(`submit ${views.map((v) => v.status).join('/')}`);
      if (new Set(views.map((v) => v.body.id)).size !== 1) replayMismatch++;
      acknowledged.set(key, views[0]!.body.id!);
      latencies.push(performance.now() - started);
    } catch (error) {
      fail((error as Error).message.slice(0, 60));
    }
  };

  const cpu = () => (options.servicePid === undefined ? null : processCpuSeconds(options.servicePid));
  const pending: Array<Promise<void>> = [];
  const cpuAtStart = cpu();
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(one(i));
  }
  await Promise.all(pending);
  const lastAnswer = performance.now();
  const cpuAtLastAnswer = cpu();
  const elapsed = (lastAnswer - started) / 1000;
  const readyAtLastAnswer = await countPhotos(db, photoIds, 'ready');

  // Zero loss: every acknowledged concern is there, under its key, once.
  const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT id, idempotency_key FROM concern WHERE idempotency_key LIKE ? ORDER BY id', [
    `bench-${run}-%`,
  ]);
  const stored = new Map<string, number[]>();
  for (const r of rows) stored.set(String(r.idempotency_key), [...(stored.get(String(r.idempotency_key)) ?? []), Number(r.id)]);
  let missing = 0;
  for (const [key, id] of acknowledged) if (!stored.get(key)?.includes(id)) missing++;
  const duplicates = [...stored.values()].filter((ids) => ids.length > 1).length + replayMismatch;
  if (failures.size) process.stderr.write(`  submit at ${options.rate}/s: ${JSON.stringify(Object.fromEntries(failures))}\n`);

  const photos = await waitForPhotos(db, photoIds);
  const cpuAtLastPhoto = photos.after === null ? null : cpu();
  const lastPhotoAt = photos.after === null ? null : lastAnswer + photos.after * 1000;
  if (photos.after !== null && photoIds.length)
    process.stderr.write(`  submit at ${options.rate}/s: every photo re-encoded ${photos.after.toFixed(1)} s after the last answer\n`);
  if (photos.left) process.stderr.write(`  submit at ${options.rate}/s: ${photos.left} acknowledged photos not re-encoded\n`);

  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return {
    rate: options.rate,
    offered: total,
    acknowledged: acknowledged.size,
    failed,
    throughput: acknowledged.size / elapsed,
    lastAnswerAfterLastArrival: lastAnswer - (started + ((total - 1) * 1000) / options.rate),
    p50: at(50),
    p99: at(99),
    missing,
    duplicates,
    photosProcessedAfter: photos.after,
    photosUnprocessed: photos.left,
    photos: photoIds.length,
    photosReadyAtLastAnswer: readyAtLastAnswer,
    drainSeconds: firstPhotoAt !== null && lastPhotoAt !== null ? (lastPhotoAt - firstPhotoAt) / 1000 : null,
    cpuToLastAnswer: cpuAtStart !== null && cpuAtLastAnswer !== null ? cpuAtLastAnswer - cpuAtStart : null,
    cpuAfterLastAnswer: cpuAtLastAnswer !== null && cpuAtLastPhoto !== null ? cpuAtLastPhoto - cpuAtLastAnswer : null,
  };
}

/** Fewer photos than this re-encoded after the last answer say too little about the re-encoding's own CPU. */
const MIN_DRAIN_TAIL = 10;

/**
 * What the acknowledgement path costs, in CPU ms per submit with a photo. The service re-encodes photos in
 * its own process while it answers (the in-process line, role `all`), so the process's CPU up to the last
 * answer holds some re-encoding too. Its cost per photo is read where the process did nothing else: after
 * the last answer, while it drained the backlog (the run with the longest backlog, at least
 * MIN_DRAIN_TAIL photos). The acknowledgement path is the CPU up to the last answer less the photos
 * re-encoded by then at that cost. Null when no run left a backlog to measure the re-encoding on.
 */
export function ackPathCpu(results: readonly SubmitResult[]): {
  perPhotoMs: number | null;
  perSubmitMs: Map<SubmitResult, number | null>;
} {
  const tails = results
    .map((r) => ({ r, tail: r.photos - r.photosReadyAtLastAnswer }))
    .filter(({ r, tail }) => tail >= MIN_DRAIN_TAIL && r.cpuAfterLastAnswer !== null)
    .sort((a, b) => b.tail - a.tail);
  const best = tails[0];
  const perPhotoMs = best ? (best.r.cpuAfterLastAnswer! * 1000) / best.tail : null;
  const perSubmitMs = new Map<SubmitResult, number | null>();
  for (const r of results)
    perSubmitMs.set(
      r,
      perPhotoMs === null || r.cpuToLastAnswer === null || r.acknowledged === 0
        ? null
        : (r.cpuToLastAnswer * 1000 - r.photosReadyAtLastAnswer * perPhotoMs) / r.acknowledged,
    );
  return { perPhotoMs, perSubmitMs };
}

/** How many of the photos have `status`. */
async function countPhotos(db: mysql.Connection, ids: number[], status: string): Promise<number> {
  if (ids.length === 0) return 0;
  try {
    const [[row]] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM photo WHERE id IN (?) AND status = ?', [ids, status]);
    return Number(row!.n);
  } catch (error) {
    // An earlier build without the photo job: nothing is re-encoded afterwards (see waitForPhotos).
    if ((error as { code?: string }).code === 'ER_BAD_FIELD_ERROR') return 0;
    throw error;
  }
}

/**
 * Waits until none of the photos is still `pending` (re-encoded by the job), up to PHOTO_WAIT_MS. A
 * service without the photo job (no `status` column: an earlier build) is not waited for.
 */
async function waitForPhotos(db: mysql.Connection, ids: number[]): Promise<{ after: number | null; left: number }> {
  if (ids.length === 0) return { after: 0, left: 0 };
  const started = performance.now();
  for (;;) {
    let left: number;
    try {
      const [[row]] = await db.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM photo WHERE id IN (?) AND status <> 'ready'`, [ids]);
      left = Number(row!.n);
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_BAD_FIELD_ERROR') return { after: null, left: 0 };
      throw error;
    }
    const waited = performance.now() - started;
    if (left === 0) return { after: waited / 1000, left: 0 };
    if (waited > PHOTO_WAIT_MS) return { after: null, left };
    await sleep(100);
  }
}
