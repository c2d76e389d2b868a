import { isLoopbackHost, type AppConfig } from './app-config.js';

/** The processes of a deployment of several instances: `manyi migrate` once, then api and worker instances. */
export type DeploymentProcess = 'api' | 'worker' | 'migrate';

/** One thing a deployment lacks: the variable that fixes it, and why it matters. */
export interface DeploymentProblem {
  variable: string;
  problem: string;
}

/**
 * What a deployment of several instances (the image in Compose, Kubernetes or 微信云托管) must configure
 * beyond what start-up itself refuses, checked on the parsed configuration of one of its processes.
 * Every default that suits one machine and quietly splits several instances apart is here: a key in
 * each instance's own data folder, photos on its own disk, the loopback address. The manifest test
 * (tests/deploy) holds every manifest in deploy/ and container.config.json to it; an empty list means
 * the process is configured as a deployment should be.
 */
export function deploymentProblems(config: AppConfig, process: DeploymentProcess): DeploymentProblem[] {
  const problems: DeploymentProblem[] = [];
  const need = (ok: boolean, variable: string, problem: string): void => {
    if (!ok) problems.push({ variable, problem });
  };
  need(
    config.database.kind === 'mysql',
    'DATABASE_URL',
    'mysql://user:password@host:3306/database — every process shares one MySQL/MariaDB database',
  );
  if (process === 'migrate') return problems;

  need(config.role === process, 'MANYI_ROLE', `must be ${process}: with all, every instance would run the scheduled jobs`);
  need(
    config.redisUrl !== null,
    'REDIS_URL',
    'the api and worker hand photos, jobs and the WeChat access token to each other through Redis',
  );
  need(!isLoopbackHost(config.host), 'HOST', '0.0.0.0: on loopback neither the load balancer nor the health probes reach the process');
  need(
    config.tokenSecret !== null,
    'MANYI_TOKEN_SECRET',
    'the same value everywhere: otherwise each instance signs sessions with a key of its own and the others refuse them',
  );
  need(
    config.dataKey !== null,
    'MANYI_DATA_KEY',
    'the same value everywhere: otherwise each instance encrypts phone numbers with a key of its own that the others cannot read',
  );
  need(
    config.photoStore.kind === 's3',
    'MANYI_PHOTO_STORE',
    's3://bucket?endpoint=…: a photo stored on one instance’s disk cannot be served or processed by another',
  );
  need(
    config.photoStore.kind !== 's3' || config.photoStore.credentials !== null,
    'AWS_ACCESS_KEY_ID',
    'with AWS_SECRET_ACCESS_KEY: the photo store’s credentials',
  );
  need(config.wechat !== null, 'WECHAT_APPID', 'with WECHAT_SECRET: without them residents cannot sign in through WeChat');
  need(
    config.wechat?.templates.replyPublished != null && config.wechat.templates.progress != null,
    'WECHAT_TEMPLATE_REPLY',
    'with WECHAT_TEMPLATE_PROGRESS: without them residents hear of replies and progress only in the in-app inbox',
  );
  need(config.publicUrl !== null, 'MANYI_PUBLIC_URL', 'WeChat’s image check downloads photos from this https address');
  if (process === 'api') {
    need(
      config.wechat?.pushToken != null,
      'WECHAT_PUSH_TOKEN',
      'the image check’s verdicts arrive at /api/v1/wechat/callback, refused without the token',
    );
    need(
      config.trustedProxies.some((entry) => !isLoopbackHost(entry.split('/')[0] ?? '')),
      'MANYI_TRUSTED_PROXIES',
      'the load balancer’s addresses: otherwise every resident shares its address for the per-address login limit',
    );
  }
  return problems;
}
