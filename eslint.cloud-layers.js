// The one-way order of cloud/src folders (issue 22), lowest first: a folder may import only from folders
// BELOW it (and from itself). Read it with docs/architecture.md, which draws the same order.
//
// - config/, openapi/, common/ and database/ are the floor: what several modules share (settings, error
//   types, the caller's Actor, the one FieldCipher, the WeChat API client, the schema helpers).
// - modules/ from low to high: a module that others build on sits lower. A back-edge is broken by moving
//   the shared piece down or the upper piece up, or by the lower module declaring what it needs as an
//   abstract class that the higher one provides — never by forwardRef, moduleRef lookups or re-exports.
// - Exceptions: a *.entity.ts file may import any other module's entity file (the schema is one graph and
//   TypeORM relations need the class); database/entities.ts (the entity registry) and the migrations may
//   import every entity. Composition roots (app.module, main, cli, worker, create-app, backup/, demo/,
//   testing/, reliability/) sit on top and may import anything; *.spec.ts files are not checked.
//
// eslint.config.js turns this into no-restricted-imports rules; cloud/src/module-layers.spec.ts proves
// that a back-edge fails the lint.

/** Lowest first. Paths are relative to cloud/src; a top-level file is named without its extension. */
export const CLOUD_LAYERS = [
  'config',
  'openapi',
  'common',
  'database',
  'modules/audit',
  'modules/auth',
  'modules/content-check',
  'modules/directory',
  'modules/deadlines',
  'modules/news',
  'modules/knowledge',
  'modules/staff',
  'modules/alerts',
  'modules/notifications',
  'modules/uploads',
  'modules/concerns',
  'modules/followers',
  'modules/board',
  'modules/visits',
  'modules/open311',
  'modules/me',
  'modules/health',
  'modules/admin',
  'modules/audit-search',
  'modules/wechat',
];

/** Composition roots and test support: above every layer, may import anything, imported by none below. */
export const CLOUD_ROOTS = ['backup', 'demo', 'testing', 'reliability', 'app.module', 'main', 'cli', 'worker', 'create-app'];

/** Files that, like entity files, may import every module's entity files. */
export const ENTITY_REGISTRIES = ['database/entities.ts', 'database/migrations/*.ts'];

const SRC = 'cloud/src';
/** Folder levels below cloud/src/<layer>/ that are checked (today's deepest source files sit two below). */
const MAX_DEPTH = 4;
const TOP_LEVEL_FILES = new Set(['app.module', 'main', 'cli', 'worker', 'create-app']);
const SPECS = `${SRC}/**/*.spec.ts`;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every relative way to name `target` from a file in `fromDir`: `../concerns/…` and `../../modules/concerns/…` alike. */
function specPrefixes(fromDir, target) {
  const from = fromDir.split('/');
  const to = target.split('/');
  const forms = [];
  for (let shared = 0; shared < to.length && shared <= from.length; shared++) {
    if (shared > 0 && from[shared - 1] !== to[shared - 1]) break;
    const up = from.length - shared;
    forms.push((up === 0 ? './' : '../'.repeat(up)) + to.slice(shared).join('/'));
  }
  return forms;
}

/** A regex for an import of `target` (a folder, or a top-level file such as app.module) from a file in `fromDir`. */
function targetRegex(fromDir, target, entitiesAllowed) {
  const names = `(?:${specPrefixes(fromDir, target).map(escape).join('|')})`;
  if (TOP_LEVEL_FILES.has(target)) return `^${names}(?:\\.js)?$`;
  return `^${names}/${entitiesAllowed ? '(?!.*\\.entity\\.js$)' : ''}`;
}

/** no-restricted-imports options for a file of `layer` in `fromDir`: nothing above the layer. */
function restriction(layer, fromDir, entitiesAllowed) {
  const above = [...CLOUD_LAYERS.slice(CLOUD_LAYERS.indexOf(layer) + 1), ...CLOUD_ROOTS];
  return [
    'error',
    {
      patterns: above.map((target) => ({
        regex: targetRegex(fromDir, target, entitiesAllowed),
        message: `${layer} sits below ${target} in the module order (eslint.cloud-layers.js, docs/architecture.md): move the shared piece down or this piece up.`,
      })),
    },
  ];
}

/**
 * Flat-config blocks, one per layer, folder depth and kind of file (plain, entity), each forbidding every
 * import above the layer. The regexes depend on the depth only, so the folder names in between are `*`.
 */
export function cloudLayerRules() {
  const blocks = [];
  const registries = ENTITY_REGISTRIES.map((g) => `${SRC}/${g}`);
  for (const layer of CLOUD_LAYERS) {
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const fromDir = [layer, ...Array(depth).fill('*')].join('/');
      const glob = `${SRC}/${fromDir}/`;
      const layerRegistries = ENTITY_REGISTRIES.filter(
        (g) => g.startsWith(`${layer}/`) && g.split('/').length - layer.split('/').length === depth + 1,
      ).map((g) => `${SRC}/${g}`);
      blocks.push({
        files: [`${glob}*.ts`],
        ignores: [SPECS, '**/*.entity.ts', ...registries],
        rules: { 'no-restricted-imports': restriction(layer, fromDir, false) },
      });
      blocks.push({
        files: [`${glob}*.entity.ts`, ...layerRegistries],
        ignores: [SPECS],
        rules: { 'no-restricted-imports': restriction(layer, fromDir, true) },
      });
    }
  }
  return blocks;
}
