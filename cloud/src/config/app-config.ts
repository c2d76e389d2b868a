import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The environment, parsed and validated once at start-up. A bad value stops the service with one line
 * that names the variable and says what is expected — never a stack trace.
 */
export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'mysql'; url: string; host: string; port: number; username: string; password: string; database: string };

/**
 * Where photo bytes live (MANYI_PHOTO_STORE). `local`: the folder `<dataDir>/photos`. `s3`: a bucket
 * reached through the S3 API (Tencent COS, MinIO, Ceph, AWS). Credentials are AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN); without them the SDK's default credential chain.
 */
export type PhotoStoreConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      bucket: string;
      /** https://cos.ap-shanghai.myqcloud.com, http://minio:9000; null: AWS S3 itself. */
      endpoint: string | null;
      region: string;
      /** `host/bucket/key` rather than `bucket.host/key`: MinIO and most self-hosted stores want it. */
      forcePathStyle: boolean;
      credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
    };

/**
 * What this process does (MANYI_ROLE). `all`: everything in one process, as `npm start` always did.
 * `api`: HTTP only — no scheduled job, no photo processing. `worker`: the jobs and photo processing,
 * and only a health port. The split roles need MySQL/MariaDB and Redis, and never migrate at start.
 */
export type AppRole = 'all' | 'api' | 'worker';

export interface AppConfig {
  role: AppRole;
  port: number;
  host: string;
  database: DatabaseConfig;
  /**
   * Seed the demo district and its staff accounts. On by default only when nothing real is configured:
   * the embedded database, no WeChat AppID, listening on loopback; `MANYI_DEMO=1` asks for it anyway.
   */
  demo: boolean;
  /**
   * The preview login (anyone may open a resident account without WeChat): with `MANYI_PREVIEW_LOGIN=1`,
   * or by default in demo mode; never in WeChat mode.
   */
  previewLogin: boolean;
  demoPassword: string;
  /** Folder for the embedded database file and uploaded photos. */
  dataDir: string;
  /** Where photos are stored: the local folder `<dataDir>/photos` unless MANYI_PHOTO_STORE names a bucket. */
  photoStore: PhotoStoreConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Without an AppID the service runs in preview mode: a development login for the h5 build. */
  wechatAppId: string | null;
  /** The rest of the WeChat settings; null exactly when wechatAppId is (preview mode). */
  wechat: WechatConfig | null;
  /**
   * Where the internet reaches this service (https://manyi.example.gov.cn), for URLs handed to others —
   * WeChat's image check must download the photo. Unset: the image check is skipped.
   */
  publicUrl: string | null;
  /**
   * Secret that signs session tokens. Unset: a random one is kept in `<dataDir>/token-secret`, which
   * suits one instance; several instances behind a load balancer must share MANYI_TOKEN_SECRET.
   */
  tokenSecret: string | null;
  /** Key (32 bytes, base64) that encrypts phone numbers at rest; unset: kept in `<dataDir>/data-key`. */
  dataKey: string | null;
  /** Built front ends the service serves, when they exist. */
  h5Dir: string;
  adminDir: string;
  /**
   * Redis shared by several instances (rate limits, scheduled jobs, the WeChat access token). Unset: one
   * instance keeps these in its own memory, which is right for the embedded default.
   */
  redisUrl: string | null;
  /**
   * Origins whose pages may call the API from a browser (the admin page and the h5 build when they are
   * served elsewhere). Default: none besides the service's own origin, which needs no CORS.
   */
  corsOrigins: string[];
  /**
   * Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is believed. Default: loopback
   * only, so a client reaching the service directly cannot pick its own address and dodge the per-address
   * login limit.
   */
  trustedProxies: string[];
  /** Requests allowed per minute: logins per client address, concern submits per resident, photo uploads per account. */
  rateLimits: { loginPerMinute: number; submitPerMinute: number; uploadPerMinute: number };
  /** Photos an account (resident or staff) may hold uploaded but not yet attached to a concern or reply. */
  uploadPendingMax: number;
  /** A request still waiting after this many seconds (a hanging database) is answered 503 with Retry-After. */
  requestDeadlineSeconds: number;
  /** Prefix of every Redis key the service writes (rate-limit counts, job schedules): several deployments may share one Redis. */
  redisPrefix: string;
  /** A staff password older than this many days must be changed before anything else; 0: never expires. */
  passwordMaxAgeDays: number;
}

/** The subscribe-message templates (订阅消息模板) the service sends, by what they announce. */
export interface WechatTemplates {
  /** 答复已发布: the department's reply is published — the message with priority. */
  replyPublished: string | null;
  /** 办理进度: accepted, rejected, closed. */
  progress: string | null;
  /** 走访提醒: a visit tomorrow, a place freed, a visit called off. */
  visit: string | null;
}

export interface WechatConfig {
  appId: string;
  secret: string;
  /** https://api.weixin.qq.com in production; the tests' fake WeChat server otherwise. */
  apiBase: string;
  templates: WechatTemplates;
  /** Which build of the mini-program a subscribe message opens. */
  miniprogramState: 'formal' | 'trial' | 'developer';
  /** 消息推送 Token: signs WeChat's calls to /api/v1/wechat/callback; unset: the callback is refused. */
  pushToken: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_DEMO_PASSWORD = 'manyi-demo-2026';

const EXPECTED_DATABASE_URL = 'expected sqlite:<file path> or mysql://user:password@host:3306/database';

export function parseDatabaseUrl(raw: string | undefined, dataDir: string, cwd: string): DatabaseConfig {
  if (raw === undefined || raw.trim() === '') return { kind: 'sqlite', path: resolve(dataDir, 'manyi.sqlite') };
  const value = raw.trim();
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new ConfigError(`DATABASE_URL "${value}" has no file path: ${EXPECTED_DATABASE_URL}`);
    return { kind: 'sqlite', path: path === ':memory:' ? path : isAbsolute(path) ? path : resolve(cwd, path) };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a URL: ${EXPECTED_DATABASE_URL}`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new ConfigError(`DATABASE_URL scheme "${url.protocol}" is not supported: ${EXPECTED_DATABASE_URL}`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database) throw new ConfigError(`DATABASE_URL needs a host and a database name: ${EXPECTED_DATABASE_URL}`);
  const port = url.port ? Number(url.port) : 3306;
  return {
    kind: 'mysql',
    url: value,
    host: url.hostname,
    port,
    username: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database,
  };
}

const EXPECTED_PHOTO_STORE = 'expected s3://bucket?endpoint=https://host&region=…&forcePathStyle=true|false';
const PHOTO_STORE_PARAMETERS = new Set(['endpoint', 'region', 'forcePathStyle']);

/**
 * MANYI_PHOTO_STORE: unset → the local folder; `s3://bucket?endpoint=…&region=…&forcePathStyle=…` → a
 * bucket through the S3 API. Credentials never go in the URL: they come from the AWS_* variables of `env`.
 */
export function parsePhotoStore(raw: string | undefined, env: Record<string, string | undefined> = {}): PhotoStoreConfig {
  if (raw === undefined || raw.trim() === '') return { kind: 'local' };
  const value = raw.trim();
  const fail = (why: string): never => {
    // A URL that carries a password anyway is not echoed into the log.
    const shown = /^[a-z0-9]+:\/\/[^/?#]*@/i.test(value) ? '(hidden)' : JSON.stringify(value);
    throw new ConfigError(`MANYI_PHOTO_STORE=${shown} is invalid: ${why}; ${EXPECTED_PHOTO_STORE}`);
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('not a URL');
  }
  if (url.protocol !== 's3:') return fail(`scheme "${url.protocol}" is not supported`);
  if (url.username || url.password) return fail('credentials do not belong in the URL (use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    return fail(`bucket "${bucket}" is not a bucket name (3–63 lowercase letters, digits, . and -)`);
  if (url.port || (url.pathname !== '' && url.pathname !== '/') || url.hash)
    return fail('nothing may follow the bucket name but ?parameters');
  for (const name of url.searchParams.keys()) if (!PHOTO_STORE_PARAMETERS.has(name)) return fail(`unknown parameter "${name}"`);

  const endpointValue = url.searchParams.get('endpoint');
  let endpoint: string | null = null;
  if (endpointValue !== null) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(endpointValue);
    } catch {
      // reported below
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname)
      return fail(`endpoint "${endpointValue}" is not an http(s) address`);
    if (parsed.username || parsed.password || parsed.search || parsed.hash || (parsed.pathname !== '/' && parsed.pathname !== ''))
      return fail(`endpoint "${endpointValue}" must be a scheme and host only, e.g. https://cos.ap-shanghai.myqcloud.com`);
    endpoint = parsed.origin;
  }
  const region = url.searchParams.get('region') ?? env.AWS_REGION ?? 'us-east-1';
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(region)) return fail(`region "${region}" is not a region name such as ap-shanghai`);
  const pathStyle = url.searchParams.get('forcePathStyle');
  if (pathStyle !== null && pathStyle !== 'true' && pathStyle !== 'false') return fail('forcePathStyle must be true or false');

  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new ConfigError(
      `${accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set without ${accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'}: the photo store needs both`,
    );
  return {
    kind: 's3',
    bucket,
    endpoint,
    region,
    forcePathStyle: pathStyle === 'true',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : null,
  };
}

const perMinute = z
  .string()
  .regex(/^[1-9]\d{0,6}$/, 'must be a whole number of requests per minute, at least 1')
  .transform(Number);

/** What a key must be, whether it comes from the environment or from its file in the data folder. */
export interface KeyRule {
  valid: (value: string) => boolean;
  message: string;
}

/** Signs session tokens (HMAC): an empty or short key would make them forgeable. */
export const TOKEN_SECRET_RULE: KeyRule = { valid: (v) => v.length >= 32, message: 'must be at least 32 characters' };

/** Encrypts personal fields (AES-256-GCM). */
export const DATA_KEY_RULE: KeyRule = {
  valid: (v) => Buffer.from(v, 'base64').length === 32,
  message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
};

const envSchema = z.object({
  MANYI_ROLE: z.enum(['all', 'api', 'worker'], { error: 'must be api, worker or all' }).default('all'),
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number between 1 and 65535')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, 'must be between 1 and 65535')
    .default(3000),
  // Loopback unless told otherwise: a service reachable from the network is a deployment, set on purpose.
  HOST: z.string().min(1).default('127.0.0.1'),
  MANYI_DEMO: z.enum(['0', '1'], { error: 'must be 1 (on) or 0 (off)' }).optional(),
  MANYI_PREVIEW_LOGIN: z.enum(['0', '1'], { error: 'must be 1 (on) or 0 (off)' }).optional(),
  MANYI_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  MANYI_DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WECHAT_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'expected the mini-program AppID, wx followed by 16 hex digits')
    .optional(),
  WECHAT_SECRET: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'expected the AppSecret, 32 hex digits')
    .optional(),
  WECHAT_API_BASE: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(:\d+)?$/, 'expected a scheme and host without a path, e.g. https://api.weixin.qq.com')
    .default('https://api.weixin.qq.com'),
  WECHAT_TEMPLATE_REPLY: z.string().max(64, 'a template id is at most 64 characters').optional(),
  WECHAT_TEMPLATE_PROGRESS: z.string().max(64, 'a template id is at most 64 characters').optional(),
  WECHAT_TEMPLATE_VISIT: z.string().max(64, 'a template id is at most 64 characters').optional(),
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer'], { error: 'must be formal, trial or developer' }).default('formal'),
  WECHAT_PUSH_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/, '3 to 32 letters or digits, as the WeChat console accepts')
    .optional(),
  MANYI_PUBLIC_URL: z
    .string()
    .regex(/^https:\/\/[^\s]+[^/\s]$/, 'expected the https:// address the internet reaches this service at, without a trailing /')
    .optional(),
  MANYI_TOKEN_SECRET: z.string().refine(TOKEN_SECRET_RULE.valid, TOKEN_SECRET_RULE.message).optional(),
  MANYI_DATA_KEY: z.string().refine(DATA_KEY_RULE.valid, DATA_KEY_RULE.message).optional(),
  MANYI_H5_DIR: z.string().optional(),
  MANYI_ADMIN_DIR: z.string().optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'expected redis://host:6379 (or rediss:// for TLS)')
    .optional(),
  MANYI_CORS_ORIGINS: z
    .string()
    .regex(/^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/, 'expected comma-separated origins like https://admin.example.cn')
    .optional(),
  MANYI_TRUSTED_PROXIES: z
    .string()
    .refine(
      (v) => v.split(',').every((entry) => isProxyAddress(entry.trim())),
      'expected comma-separated IP addresses or CIDR ranges like 10.0.0.0/8',
    )
    .optional(),
  MANYI_RATE_LIMIT_LOGIN: perMinute.default(20),
  MANYI_RATE_LIMIT_SUBMIT: perMinute.default(6),
  MANYI_RATE_LIMIT_UPLOAD: perMinute.default(30),
  // A report takes at most 9 photos; 30 leaves room for retries and second thoughts, not for a photo store.
  MANYI_UPLOAD_PENDING_MAX: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'must be a whole number of photos, at least 1')
    .transform(Number)
    .default(30),
  MANYI_REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/i, 'expected 1–32 letters, digits, - or _')
    .default('manyi'),
  MANYI_REQUEST_DEADLINE: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, 'must be a whole number of seconds, at least 1')
    .transform(Number)
    .default(20),
  MANYI_PASSWORD_MAX_AGE_DAYS: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number of days (0: passwords never expire)')
    .transform(Number)
    .default(90),
});

/** Whether the service listens only where this machine reaches it. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isProxyAddress(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * The api and worker roles are several processes that share their work through Redis and one server
 * database: SQLite (one file on one machine) and a missing Redis would each split the deployment in
 * two without a word, and a deployment of several instances is never a demo.
 */
function assertSplitRole(
  role: 'api' | 'worker',
  {
    database,
    redisUrl,
    demo,
    previewLogin,
  }: { database: DatabaseConfig; redisUrl: string | undefined; demo: boolean; previewLogin: boolean },
): void {
  const setting = `MANYI_ROLE=${role}`;
  if (database.kind === 'sqlite')
    throw new ConfigError(
      `${setting} needs a MySQL/MariaDB database (DATABASE_URL=mysql://…): SQLite serves one process only — use MANYI_ROLE=all with it`,
    );
  if (!redisUrl)
    throw new ConfigError(
      `${setting} needs REDIS_URL: the api and worker roles hand photos and scheduled jobs to each other through Redis`,
    );
  if (demo) throw new ConfigError(`${setting} cannot run in demo mode (MANYI_DEMO=1): a deployment of several instances is never a demo`);
  if (previewLogin)
    throw new ConfigError(
      `${setting} cannot open the preview login (MANYI_PREVIEW_LOGIN=1): a deployment of several instances is never a demo`,
    );
}

/** Reads the environment (by default `process.env`); throws a ConfigError with one clear line on a bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  // Empty strings mean "unset", as they do in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    // A secret's value never reaches the log, even a wrong one.
    const shown = /SECRET|TOKEN|KEY|PASSWORD/.test(name) ? '(hidden)' : JSON.stringify(env[name] ?? '');
    throw new ConfigError(`${name}=${shown} is invalid: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.MANYI_DATA_DIR ?? 'data');
  const database = parseDatabaseUrl(env.DATABASE_URL, dataDir, cwd);
  const photoStore = parsePhotoStore(env.MANYI_PHOTO_STORE, present);
  if (e.WECHAT_APPID && !e.WECHAT_SECRET)
    throw new ConfigError('WECHAT_APPID is set but WECHAT_SECRET is not: both come from the WeChat console (开发管理 → 开发设置)');
  if (e.WECHAT_SECRET && !e.WECHAT_APPID)
    throw new ConfigError('WECHAT_SECRET is set but WECHAT_APPID is not: set both, or neither for preview mode');
  if (e.MANYI_PREVIEW_LOGIN === '1' && e.WECHAT_APPID)
    throw new ConfigError('MANYI_PREVIEW_LOGIN=1 cannot be used with WECHAT_APPID: in WeChat mode residents sign in through WeChat');
  // Published demo passwords must not open a deployment someone forgot to configure: by default demo
  // mode needs every sign of a trial on one machine.
  const demo = e.MANYI_DEMO === undefined ? database.kind === 'sqlite' && !e.WECHAT_APPID && isLoopbackHost(e.HOST) : e.MANYI_DEMO === '1';
  const previewLogin = e.MANYI_PREVIEW_LOGIN === undefined ? demo && !e.WECHAT_APPID : e.MANYI_PREVIEW_LOGIN === '1';
  if (e.MANYI_ROLE !== 'all') assertSplitRole(e.MANYI_ROLE, { database, redisUrl: e.REDIS_URL, demo, previewLogin });
  return {
    role: e.MANYI_ROLE,
    port: e.PORT,
    host: e.HOST,
    database,
    demo,
    previewLogin,
    demoPassword: e.MANYI_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    dataDir,
    photoStore,
    logLevel: e.LOG_LEVEL,
    wechatAppId: e.WECHAT_APPID ?? null,
    wechat:
      e.WECHAT_APPID && e.WECHAT_SECRET
        ? {
            appId: e.WECHAT_APPID,
            secret: e.WECHAT_SECRET,
            apiBase: e.WECHAT_API_BASE,
            templates: {
              replyPublished: e.WECHAT_TEMPLATE_REPLY ?? null,
              progress: e.WECHAT_TEMPLATE_PROGRESS ?? null,
              visit: e.WECHAT_TEMPLATE_VISIT ?? null,
            },
            miniprogramState: e.WECHAT_MINIPROGRAM_STATE,
            pushToken: e.WECHAT_PUSH_TOKEN ?? null,
          }
        : null,
    publicUrl: e.MANYI_PUBLIC_URL ?? null,
    tokenSecret: e.MANYI_TOKEN_SECRET ?? null,
    dataKey: e.MANYI_DATA_KEY ?? null,
    h5Dir: resolve(cwd, e.MANYI_H5_DIR ?? 'miniapp/dist/h5'),
    adminDir: resolve(cwd, e.MANYI_ADMIN_DIR ?? 'cloud/admin/dist'),
    redisUrl: e.REDIS_URL ?? null,
    corsOrigins: (e.MANYI_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    trustedProxies: (e.MANYI_TRUSTED_PROXIES ?? '127.0.0.1,::1').split(',').map((entry) => entry.trim()),
    rateLimits: {
      loginPerMinute: e.MANYI_RATE_LIMIT_LOGIN,
      submitPerMinute: e.MANYI_RATE_LIMIT_SUBMIT,
      uploadPerMinute: e.MANYI_RATE_LIMIT_UPLOAD,
    },
    uploadPendingMax: e.MANYI_UPLOAD_PENDING_MAX,
    requestDeadlineSeconds: e.MANYI_REQUEST_DEADLINE,
    redisPrefix: e.MANYI_REDIS_PREFIX,
    passwordMaxAgeDays: e.MANYI_PASSWORD_MAX_AGE_DAYS,
  };
}
