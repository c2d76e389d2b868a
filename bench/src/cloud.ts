import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (bench/dist/… → ../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The built service to measure: cloud/dist, or BENCH_CLOUD_DIST (a copy of an earlier build inside the
 * repository, so its packages resolve) to measure a "before" beside an "after".
 */
export const CLOUD_DIST = resolve(ROOT, process.env.BENCH_CLOUD_DIST ?? 'cloud/dist');

/**
 * A module of the built service (cloud/dist), typed by the caller: the bench drives the built service
 * as `npm start` runs it, and reuses a few of its benchmark helpers without compiling them twice.
 */
export async function loadCloudModule<T>(path: string): Promise<T> {
  const file = join(CLOUD_DIST, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the service first (npm run build -w @manyi/cloud)`);
  return (await import(pathToFileURL(file).href)) as T;
}
