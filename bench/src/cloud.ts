import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (bench/dist/… → ../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A module of the built service (cloud/dist), typed by the caller: the bench drives the built service
 * as `npm start` runs it, and reuses a few of its benchmark helpers without compiling them twice.
 */
export async function loadCloudModule<T>(path: string): Promise<T> {
  const file = join(ROOT, 'cloud/dist', path);
  if (!existsSync(file)) throw new Error(`cloud/dist/${path} is missing: build the service first (npm run build -w @manyi/cloud)`);
  return (await import(pathToFileURL(file).href)) as T;
}
