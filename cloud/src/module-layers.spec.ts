import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module order (eslint.cloud-layers.js) is enforced by the root lint config: import snippets placed
 * virtually in cloud/src folders are linted with it, and a back-edge must be an error. ESLint runs in a
 * child process (its config loader does not run inside jest's module system).
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Probe {
  /** Where the snippet pretends to live, relative to cloud/src. */
  file: string;
  code: string;
}

function restrictedImports(probes: Probe[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    import tseslint from 'typescript-eslint';
    // The probes are not on disk, so no tsconfig holds them: the type-aware rules stay out of this run.
    const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }] });
    const probes = JSON.parse(process.argv[1]);
    const out = [];
    for (const p of probes) {
      const [result] = await eslint.lintText(p.code, { filePath: 'cloud/src/' + p.file });
      out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message.split("'")[1]));
    }
    console.log(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as string[][];
}

describe('the cloud module order in the lint config', () => {
  it('fails an import of a higher folder and passes the imports the order allows', () => {
    const cases: Array<Probe & { refused: string[] }> = [
      // Back-edges: a low module, common/ and a deeper folder importing upwards.
      { file: 'modules/audit/probe.ts', code: "import '../concerns/concerns.service.js';", refused: ['../concerns/concerns.service.js'] },
      { file: 'common/probe.ts', code: "import '../modules/auth/auth.guard.js';", refused: ['../modules/auth/auth.guard.js'] },
      { file: 'common/security/probe.ts', code: "export * from '../../app.module.js';", refused: ['../../app.module.js'] },
      {
        file: 'modules/news/fixtures/probe.ts',
        code: "import '../../../modules/visits/visits.service.js';",
        refused: ['../../../modules/visits/visits.service.js'],
      },
      { file: 'database/probe.ts', code: "import '../testing/test-app.js';", refused: ['../testing/test-app.js'] },
      // Downward imports and a composition root.
      {
        file: 'modules/concerns/probe.ts',
        code: "import '../audit/audit.service.js';\nimport '../../common/errors/app.exception.js';\nimport '../../database/driver-errors.js';",
        refused: [],
      },
      { file: 'demo/probe.ts', code: "import '../modules/wechat/wechat.module.js';", refused: [] },
      // Entity files may import any entity, and nothing else above them.
      {
        file: 'modules/auth/probe.entity.ts',
        code: "import '../concerns/concern.entity.js';\nimport '../concerns/concerns.service.js';",
        refused: ['../concerns/concerns.service.js'],
      },
      // A real file of a low module, too.
      {
        file: 'modules/uploads/uploads.service.ts',
        code: "import '../visits/visits.service.js';",
        refused: ['../visits/visits.service.js'],
      },
    ];
    expect(restrictedImports(cases)).toEqual(cases.map((c) => c.refused));
  }, 120_000);
});
