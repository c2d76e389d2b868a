import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { loadConfig } from '../../cloud/src/config/app-config.js';
import { deploymentProblems, type DeploymentProcess } from '../../cloud/src/config/deployment.js';
import { REPO_ROOT } from '../support/service.js';

/**
 * What a reviewer checks in the deployment files, without Docker or a cluster: the Dockerfile,
 * .dockerignore, deploy/compose.yaml with deploy/.env.example, every file of deploy/k8s/ and
 * container.config.json (微信云托管). Every process each of them runs gets its environment put together
 * as the platform would (the image's ENV under the manifest's), parsed by the service's own loadConfig
 * and held to deploymentProblems (cloud/src/config/deployment.ts): with the placeholders filled it
 * must be a complete deployment, and as committed (CHANGE_ME) it must be refused at start-up.
 */

type Json = Record<string, unknown>;
type Env = Record<string, string>;

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

const PLACEHOLDER = 'CHANGE_ME';
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|_KEY|DATABASE_URL|REDIS_URL/;

// ---- what the code says ------------------------------------------------------------------------

/** Every variable the service reads: the keys of app-config.ts's schema, its env.X reads and the AWS_* credentials. */
function variablesTheServiceReads(): Set<string> {
  const source = read('cloud/src/config/app-config.ts');
  const schema = source.slice(source.indexOf('const envSchema = z.object({'));
  const names = [
    ...schema.slice(0, schema.indexOf('\n});')).matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm),
    ...source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g),
    ...source.matchAll(/\b(AWS_[A-Z_]+)\b/g),
  ].map((match) => match[1]!);
  // Read by Node's libraries rather than by the service.
  return new Set([...names, 'NODE_ENV']);
}

/** The health probes' paths, from the controller: `/api/v1/health/<live|ready>`. */
function healthPath(probe: 'live' | 'ready'): string {
  const controller = read('cloud/src/modules/health/health.controller.ts');
  const prefix = /export const API_PREFIX = '([^']+)'/.exec(read('cloud/src/create-app.ts'))?.[1];
  const base = /@Controller\('([^']+)'\)/.exec(controller)?.[1];
  expect({ prefix, base, route: controller.includes(`@Get('${probe}')`) }).toEqual({ prefix: 'api/v1', base: 'health', route: true });
  return `/${prefix}/${base}/${probe}`;
}

const NODE_VERSION = /^MANYI_NODE_VERSION=(\S+)$/m.exec(read('scripts/use-node.sh'))?.[1];

/** A tag that never moves: a digest, a full x.y.z version, or MinIO's dated RELEASE tags. */
function isPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  if (!tag || tag === 'latest') return false;
  return /(^|[^\d.])v?\d+\.\d+\.\d+/.test(tag) || /^RELEASE\.\d{4}-\d{2}-\d{2}T/.test(tag);
}

// ---- environments ------------------------------------------------------------------------------

/** Stand-ins with the right shape for what an operator fills in. */
const FILLED: Record<string, string> = {
  DATABASE_URL: 'mysql://manyi:secret@db.internal:3306/manyi',
  REDIS_URL: 'redis://:secret@redis.internal:6379',
  MANYI_TOKEN_SECRET: 'token-secret-token-secret-token-secret-0123456789',
  MANYI_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  MANYI_PUBLIC_URL: 'https://manyi.example.gov.cn',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example-secret-access-key',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
  WECHAT_PUSH_TOKEN: 'manyiPush2026',
  WECHAT_TEMPLATE_REPLY: 'template-reply-id',
  WECHAT_TEMPLATE_PROGRESS: 'template-progress-id',
  // Compose's own passwords, which end up inside URLs.
  MYSQL_ROOT_PASSWORD: 'rootsecret',
  MANYI_DB_PASSWORD: 'dbsecret',
  REDIS_PASSWORD: 'redissecret',
  MINIO_ROOT_USER: 'minioadmin',
  MINIO_ROOT_PASSWORD: 'miniosecret',
};
/** Placeholders inside a longer value (the bucket of MANYI_PHOTO_STORE, the registry namespace). */
const FILLED_PART = 'manyi-photos-1250000000';

function fill(env: Env): Env {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      if (!value.includes(PLACEHOLDER)) return [name, value];
      if (value === PLACEHOLDER) {
        if (!(name in FILLED)) throw new Error(`${name}=${PLACEHOLDER}: add a stand-in for it to FILLED in this test`);
        return [name, FILLED[name]!];
      }
      return [name, value.replaceAll(PLACEHOLDER, FILLED_PART)];
    }),
  );
}

/** Holds one process's environment to the service's rules: refused as committed, a complete deployment once filled. */
function expectDeployable(where: string, process: DeploymentProcess, env: Env): void {
  const known = variablesTheServiceReads();
  expect({ where, unknown: Object.keys(env).filter((name) => !known.has(name)) }).toEqual({ where, unknown: [] });
  if (Object.values(env).some((value) => value.includes(PLACEHOLDER))) {
    expect(() => loadConfig(env, '/app')).toThrow(/invalid|needs|is set but/);
  }
  const config = loadConfig(fill(env), '/app');
  expect({ where, problems: deploymentProblems(config, process) }).toEqual({ where, problems: [] });
}

// ---- the Dockerfile ----------------------------------------------------------------------------

interface Stage {
  from: string;
  name: string | null;
  instructions: { keyword: string; args: string }[];
}

function dockerfileStages(): Stage[] {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, from = '', name = null] = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const stageArgs = (stage: Stage, keyword: string): string[] =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

/** The runtime stage's ENV: what every container of the image starts with. */
function imageEnv(): Env {
  const runtime = dockerfileStages().at(-1)!;
  const env: Env = {};
  for (const args of stageArgs(runtime, 'ENV'))
    for (const [, name, value] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[name!] = value!.replace(/^"|"$/g, '');
  return env;
}

describe('Dockerfile', () => {
  const stages = dockerfileStages();
  const [build, runtime] = [stages[0]!, stages.at(-1)!];

  it('builds in a stage on the project’s Node that runs scripts/build-release.sh, and runs on the slim image of the same Node and Debian', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(NODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(build.from).toMatch(new RegExp(`^node:${NODE_VERSION!.replaceAll('.', '\\.')}-[a-z]+(@sha256:[0-9a-f]{64})?$`));
    expect(runtime.from).toMatch(new RegExp(`^node:${NODE_VERSION!.replaceAll('.', '\\.')}-[a-z]+-slim(@sha256:[0-9a-f]{64})?$`));
    // Native addons compiled on one Debian release load on the same one.
    expect(runtime.from.replace(/^node:[\d.]+-([a-z]+)-slim.*$/, '$1')).toBe(build.from.replace(/^node:[\d.]+-([a-z]+).*$/, '$1'));
    for (const stage of stages) expect(isPinned(stage.from)).toBe(true);
    expect(stageArgs(build, 'RUN').some((args) => /\bscripts\/build-release\.sh\s+\S+/.test(args))).toBe(true);
  });

  it('holds only the release folder in the runtime stage, as a non-root user, with PORT, EXPOSE, HEALTHCHECK and the service as CMD', () => {
    const releaseFolder = /scripts\/build-release\.sh\s+(\S+)/.exec(stageArgs(build, 'RUN').join('\n'))![1]!;
    const copies = stageArgs(runtime, 'COPY');
    expect(copies.length).toBe(1);
    expect(copies[0]).toMatch(new RegExp(`^--from=${build.name}\\s+${releaseFolder}\\s+\\S+$`));

    const users = stageArgs(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);

    const env = imageEnv();
    expect(env).toMatchObject({ NODE_ENV: 'production', PORT: '3000', HOST: '0.0.0.0' });
    expect(stageArgs(runtime, 'EXPOSE')).toEqual([env.PORT]);

    const [healthcheck] = stageArgs(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node",/);
    expect(healthcheck).toContain(healthPath('live'));
    expect(stageArgs(runtime, 'CMD').map((args) => JSON.parse(args) as unknown)).toEqual([['node', 'cloud/dist/main.js']]);
  });

  it('leaves dependencies, builds, data, caches, test output, git and local secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const pattern of ['**/node_modules', '**/dist', '**/data', '.cache', '.git', 'tests/artifacts', '.env', '**/.env'])
      expect(ignored).toContain(pattern);
  });
});

// ---- Compose -----------------------------------------------------------------------------------

/** deploy/.env.example as Compose reads deploy/.env. */
function envExample(): Env {
  return Object.fromEntries(
    read('deploy/.env.example')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** Compose's ${VAR}, ${VAR:?message} and ${VAR:-default}; $$ stays a literal $. */
function interpolate(text: string, env: Env): string {
  return text.replace(/\$\$|\$\{([A-Z][A-Z0-9_]*)(?::([?-])([^}]*))?\}/g, (match, name?: string, kind?: string, rest?: string) => {
    if (match === '$$') return '$$';
    const value = env[name!];
    if (value === undefined || value === '') {
      if (kind === '?') throw new Error(`compose.yaml needs ${name}, which deploy/.env.example does not declare`);
      return kind === '-' ? (rest ?? '') : '';
    }
    return value;
  });
}

describe('deploy/compose.yaml', () => {
  const raw = read('deploy/compose.yaml');
  const example = envExample();
  const compose = obj(load(interpolate(raw, example)));
  const services = obj(compose.services);
  const service = (name: string): Json => obj(services[name]);
  const environment = (name: string): Env =>
    Object.fromEntries(Object.entries(obj(service(name).environment)).map(([key, value]) => [key, str(value)]));
  const dependsOn = (name: string): Json => obj(service(name).depends_on);
  const manyiServices = ['migrate', 'api', 'worker'];

  it('pins every image and builds the Manyi services from the repository’s Dockerfile', () => {
    for (const [name, definition] of Object.entries(services)) {
      expect({ name, pinned: isPinned(str(obj(definition).image)) }).toEqual({ name, pinned: true });
    }
    for (const name of manyiServices) {
      const build = obj(service(name).build);
      expect(existsSync(join(REPO_ROOT, 'deploy', str(build.context), str(build.dockerfile)))).toBe(true);
      expect(service(name).image).toBe(service('api').image);
    }
  });

  it('has MySQL 8, Redis 7 and MinIO with healthchecks, and a one-shot job that creates the photo bucket', () => {
    expect(service('mysql').image).toMatch(/^mysql:8\./);
    expect(service('redis').image).toMatch(/^redis:7\./);
    expect(service('minio').image).toMatch(/^minio\/minio:/);
    for (const name of ['mysql', 'redis', 'minio', 'api', 'worker'])
      expect({ name, test: obj(service(name).healthcheck).test }).toEqual({ name, test: expect.any(Array) });
    const bucketJob = Object.entries(services).find(([, definition]) => /mc mb /.test(JSON.stringify(obj(definition).command)));
    expect(bucketJob).toBeDefined();
    const bucket = /^s3:\/\/([^?]+)/.exec(environment('api').MANYI_PHOTO_STORE ?? '')?.[1];
    expect(JSON.stringify(obj(bucketJob![1]).command)).toContain(`local/${bucket}`);
    expect(dependsOn('api')[bucketJob![0]]).toEqual({ condition: 'service_completed_successfully' });
  });

  it('migrates once before two api instances and one worker start, which wait for it to succeed', () => {
    expect(service('migrate').command).toEqual(['node', 'cloud/dist/main.js', 'migrate']);
    expect(service('migrate').restart).toBe('no');
    expect(dependsOn('migrate').mysql).toEqual({ condition: 'service_healthy' });
    for (const name of ['api', 'worker']) {
      expect(dependsOn(name).migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(dependsOn(name).redis).toEqual({ condition: 'service_healthy' });
    }
    expect(environment('api').MANYI_ROLE).toBe('api');
    expect(environment('worker').MANYI_ROLE).toBe('worker');
    expect(obj(service('api').deploy).replicas).toBeGreaterThanOrEqual(2);
    expect(obj(service('worker').deploy).replicas).toBe(1);
    expect(JSON.stringify(obj(service('api').healthcheck).test)).toContain(healthPath('ready'));
  });

  it('runs the Manyi services as a non-root user on a read-only file system with resource limits', () => {
    for (const name of manyiServices) {
      expect(str(service(name).user)).toMatch(/^[1-9]\d*(:\d+)?$/);
      expect(service(name).read_only).toBe(true);
    }
    for (const name of ['api', 'worker']) {
      const limits = obj(obj(obj(service(name).deploy).resources).limits);
      expect({ name, cpus: limits.cpus, memory: limits.memory }).toEqual({ name, cpus: expect.anything(), memory: expect.anything() });
    }
  });

  it('takes every secret from deploy/.env, whose example holds placeholders only', () => {
    const rawCompose = obj(load(raw));
    const rawEnvironment = obj(obj(rawCompose['x-manyi']).environment);
    for (const [name, value] of Object.entries(rawEnvironment))
      if (SECRET_NAME.test(name)) expect({ name, value: str(value) }).toEqual({ name, value: expect.stringMatching(/\$\{[A-Z_]+:\?/) });
    for (const [name, value] of Object.entries(example))
      if (SECRET_NAME.test(name) || value !== '') expect({ name, value }).toEqual({ name, value: PLACEHOLDER });
    expect(read('.gitignore')).toMatch(/^\.env$/m);
  });

  it('gives migrate, api and worker every variable the service needs to run as a deployment', () => {
    const processes: Record<string, DeploymentProcess> = { migrate: 'migrate', api: 'api', worker: 'worker' };
    for (const name of manyiServices) {
      // Filled as an operator fills deploy/.env, then interpolated as Compose does.
      const filled = obj(obj(load(interpolate(raw, fill(example)))).services);
      const env = { ...imageEnv(), ...environment(name) };
      const filledEnv = {
        ...imageEnv(),
        ...Object.fromEntries(Object.entries(obj(obj(filled[name]).environment)).map(([k, v]) => [k, str(v)])),
      };
      expectDeployable(`compose ${name}`, processes[name]!, env);
      expect({ name, problems: deploymentProblems(loadConfig(filledEnv, '/app'), processes[name]!) }).toEqual({ name, problems: [] });
    }
  });
});

// ---- Kubernetes --------------------------------------------------------------------------------

describe('deploy/k8s', () => {
  const files = readdirSync(join(REPO_ROOT, 'deploy/k8s')).filter((file) => /\.ya?ml$/.test(file));
  const documents = files.flatMap((file) =>
    loadAll(read(`deploy/k8s/${file}`), null, { filename: file })
      .filter((document) => document !== null)
      .map((document) => ({ file, ...obj(document) }) as Json & { file: string }),
  );
  const ofKind = (kind: string): Json[] => documents.filter((document) => document.kind === kind);
  const named = (kind: string, name: string): Json => {
    const found = ofKind(kind).find((document) => obj(document.metadata).name === name);
    if (!found) throw new Error(`deploy/k8s has no ${kind} ${name}`);
    return found;
  };
  const podSpec = (workload: Json): Json => obj(obj(obj(workload.spec).template).spec);
  const container = (workload: Json): Json => obj(list(podSpec(workload).containers)[0]);
  const configMap = obj(named('ConfigMap', 'manyi-config').data);
  const secret = obj(named('Secret', 'manyi-secrets').stringData);

  const api = named('Deployment', 'manyi-api');
  const worker = named('Deployment', 'manyi-worker');
  const migrate = named('Job', 'manyi-migrate');
  const workloads: [string, Json, DeploymentProcess][] = [
    ['api', api, 'api'],
    ['worker', worker, 'worker'],
    ['migrate', migrate, 'migrate'],
  ];

  /** What the container's process sees: the image's ENV, then envFrom in order, then env. */
  function containerEnv(workload: Json): Env {
    const env: Env = { ...imageEnv() };
    for (const source of list(container(workload).envFrom).map(obj)) {
      if (obj(source.configMapRef).name === 'manyi-config') Object.assign(env, configMap);
      else if (obj(source.secretRef).name === 'manyi-secrets') Object.assign(env, secret);
      else throw new Error(`envFrom ${JSON.stringify(source)} names nothing in deploy/k8s`);
    }
    for (const variable of list(container(workload).env).map(obj)) env[str(variable.name)] = str(variable.value);
    return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, str(value)]));
  }

  it('parses every file, and the kustomization lists files that exist (without the Secret template and the Job)', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const document of documents)
      expect({ file: document.file, apiVersion: typeof document.apiVersion, kind: typeof document.kind }).toEqual({
        file: document.file,
        apiVersion: 'string',
        kind: 'string',
      });
    const resources = list(ofKind('Kustomization')[0]?.resources).map(str);
    for (const resource of resources) expect(files).toContain(resource);
    expect(resources).not.toContain('secret.yaml');
    expect(resources).not.toContain('migrate-job.yaml');
  });

  it('runs one pinned image everywhere, non-root, with requests and limits and a read-only root file system', () => {
    for (const [name, workload] of workloads) {
      const spec = podSpec(workload);
      const main = container(workload);
      expect({ name, pinned: isPinned(str(main.image)) }).toEqual({ name, pinned: true });
      expect(main.image).toBe(container(api).image);
      expect(obj(spec.securityContext)).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) });
      expect(obj(spec.securityContext).runAsUser).not.toBe(0);
      expect(obj(main.securityContext)).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      // A read-only root needs somewhere to write temporary files.
      expect(list(main.volumeMounts).map((mount) => obj(mount).mountPath)).toContain('/tmp');
      const resources = obj(main.resources);
      for (const kind of ['requests', 'limits'])
        expect({ name, kind, ...obj(resources[kind]) }).toMatchObject({ name, kind, cpu: expect.anything(), memory: expect.anything() });
    }
  });

  it('probes the api and the worker on their live and ready routes, on a port the container declares', () => {
    for (const [name, workload, role] of workloads.filter(([, , role]) => role !== 'migrate')) {
      const main = container(workload);
      expect({ name, role: containerEnv(workload).MANYI_ROLE }).toEqual({ name, role });
      const ports = list(main.ports).flatMap((port) => [obj(port).name, obj(port).containerPort]);
      expect(ports).toContain(Number(imageEnv().PORT));
      for (const [probe, path] of [
        ['livenessProbe', healthPath('live')],
        ['readinessProbe', healthPath('ready')],
      ] as const) {
        const httpGet = obj(obj(main[probe]).httpGet);
        expect({ name, probe, path: httpGet.path }).toEqual({ name, probe, path });
        expect(ports).toContain(httpGet.port);
      }
    }
    expect(obj(api.spec).replicas).toBeGreaterThanOrEqual(2);
  });

  it('serves the api through a Service, scales it with an HPA and keeps one through disruptions (PDB)', () => {
    const labels = obj(obj(obj(api.spec).template).metadata).labels;
    const service = ofKind('Service').find((document) => JSON.stringify(obj(document.spec).selector) === JSON.stringify(labels));
    expect(service).toBeDefined();
    const portNames = list(container(api).ports).flatMap((port) => [obj(port).name, obj(port).containerPort]);
    for (const port of list(obj(service!.spec).ports)) expect(portNames).toContain(obj(port).targetPort);

    const hpa = ofKind('HorizontalPodAutoscaler')[0]!;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(obj(obj(hpa.spec).scaleTargetRef)).toMatchObject({ kind: 'Deployment', name: 'manyi-api' });
    expect(obj(hpa.spec).minReplicas).toBeGreaterThanOrEqual(2);
    expect(obj(hpa.spec).maxReplicas).toBeGreaterThan(obj(hpa.spec).minReplicas as number);

    const pdb = ofKind('PodDisruptionBudget')[0]!;
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(obj(obj(pdb.spec).selector).matchLabels).toEqual(labels);
    expect(obj(pdb.spec).minAvailable ?? obj(pdb.spec).maxUnavailable).toBeDefined();
  });

  it('migrates in a Job that runs `manyi migrate` once', () => {
    expect(container(migrate).command).toEqual(['node', 'cloud/dist/main.js', 'migrate']);
    expect(['Never', 'OnFailure']).toContain(podSpec(migrate).restartPolicy);
  });

  it('keeps secrets in the Secret, as placeholders, and nothing secret in the ConfigMap or the manifests', () => {
    for (const name of Object.keys(configMap)) expect({ name, secret: SECRET_NAME.test(name) }).toEqual({ name, secret: false });
    for (const [name, value] of Object.entries(secret)) expect({ name, value }).toEqual({ name, value: PLACEHOLDER });
    for (const [, workload] of workloads)
      for (const variable of list(container(workload).env).map(obj)) expect(SECRET_NAME.test(str(variable.name))).toBe(false);
  });

  it('gives the api, the worker and the Job every variable the service needs to run as a deployment', () => {
    for (const [name, workload, process] of workloads) expectDeployable(`k8s ${name}`, process, containerEnv(workload));
  });
});

// ---- 微信云托管 -----------------------------------------------------------------------------------

describe('container.config.json (微信云托管)', () => {
  const config = JSON.parse(read('container.config.json')) as Json;
  const envParams = Object.fromEntries(Object.entries(obj(config.envParams)).map(([name, value]) => [name, value as string]));

  it('builds the repository’s Dockerfile, listens on the image’s port, and sizes and scales the service', () => {
    expect(existsSync(join(REPO_ROOT, str(config.buildDir), str(config.dockerfilePath)))).toBe(true);
    expect(config.containerPort).toBe(Number(imageEnv().PORT));
    expect(config.containerPort).not.toBe(9100); // reserved by 云托管
    expect(config).toMatchObject({ cpu: expect.any(Number), mem: expect.any(Number), policyType: expect.stringMatching(/^(cpu|mem)$/) });
    expect(config.minNum).toBeGreaterThanOrEqual(1);
    expect(config.maxNum).toBeGreaterThanOrEqual(config.minNum as number);
    expect(config.policyThreshold).toBeGreaterThan(0);
    expect(config.policyThreshold).toBeLessThanOrEqual(100);
    for (const value of Object.values(envParams)) expect(typeof value).toBe('string');
  });

  it('runs the api with every variable the service needs, its secrets as placeholders', () => {
    expect(envParams.MANYI_ROLE).toBe('api');
    expect(envParams.PORT ?? imageEnv().PORT).toBe(String(config.containerPort));
    for (const [name, value] of Object.entries(envParams))
      if (SECRET_NAME.test(name)) expect({ name, value }).toEqual({ name, value: PLACEHOLDER });
    expectDeployable('container.config.json', 'api', { ...imageEnv(), ...envParams });
  });
});
