import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

import { REPO_ROOT } from '../support/service.js';

// The weapp build as WeChat will weigh it: the main package is every file outside the subpackage
// roots listed in app.json. WeChat refuses a main package over 2 MB; we hold ours to half of that so
// there is room to grow. Needs: npm run build:weapp -w @manyi/miniapp.

const WEAPP_DIST = join(REPO_ROOT, 'miniapp', 'dist', 'weapp');
const MAIN_PACKAGE_LIMIT = 1024 * 1024;
/** WeChat's limit for each subpackage. */
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;

async function filesUnder(dir: string): Promise<{ path: string; bytes: number }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return [{ path: relative(WEAPP_DIST, path).split(sep).join('/'), bytes: (await stat(path)).size }];
    }),
  );
  return nested.flat();
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('the weapp build', () => {
  it('keeps the main package under 1 MB, and every subpackage under WeChat’s 2 MB', async () => {
    if (!existsSync(join(WEAPP_DIST, 'app.json')))
      throw new Error('miniapp/dist/weapp/app.json missing: run npm run build:weapp -w @manyi/miniapp first');
    const app = JSON.parse(await readFile(join(WEAPP_DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
    const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
    expect(roots.length).toBeGreaterThan(0);

    const files = await filesUnder(WEAPP_DIST);
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    const bySubpackage = new Map(roots.map((root) => [root, 0]));
    let main = 0;
    for (const file of files) {
      const root = roots.find((r) => file.path.startsWith(r));
      if (root) bySubpackage.set(root, bySubpackage.get(root)! + file.bytes);
      else main += file.bytes;
    }

    console.log(
      [
        `weapp build: total ${kb(total)}, main package ${kb(main)} (limit ${kb(MAIN_PACKAGE_LIMIT)})`,
        ...[...bySubpackage].map(([root, bytes]) => `  subpackage ${root} ${kb(bytes)}`),
      ].join('\n'),
    );
    expect(main).toBeGreaterThan(0);
    expect(main).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
    for (const [, bytes] of bySubpackage) expect(bytes).toBeLessThanOrEqual(SUBPACKAGE_LIMIT);
  });
});
