import { resolve } from 'node:path';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig, parseDatabaseUrl, parsePhotoStore } from './app-config.js';

describe(loadConfig.name, () => {
  const cwd = '/srv/manyi';

  it('defaults to the embedded SQLite file under data/, port 3000 on loopback, demo mode and the preview login on', () => {
    const sut = loadConfig({}, cwd);
    expect(sut.database).toEqual({ kind: 'sqlite', path: resolve(cwd, 'data/manyi.sqlite') });
    expect(sut.port).toBe(3000);
    expect(sut.host).toBe('127.0.0.1');
    expect(sut.demo).toBe(true);
    expect(sut.previewLogin).toBe(true);
    expect(sut.demoPassword).toBe(DEFAULT_DEMO_PASSWORD);
    expect(sut.wechatAppId).toBeNull();
  });

  it('expires staff passwords after 90 days unless MANYI_PASSWORD_MAX_AGE_DAYS says otherwise (0: never)', () => {
    expect(loadConfig({}, cwd).passwordMaxAgeDays).toBe(90);
    expect(loadConfig({ MANYI_PASSWORD_MAX_AGE_DAYS: '0' }, cwd).passwordMaxAgeDays).toBe(0);
    expect(loadConfig({ MANYI_PASSWORD_MAX_AGE_DAYS: '30' }, cwd).passwordMaxAgeDays).toBe(30);
  });

  it('turns demo mode off by default on MySQL and lets MANYI_DEMO force it either way', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/manyi' }, cwd).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/manyi', MANYI_DEMO: '1' }, cwd).demo).toBe(true);
    expect(loadConfig({ MANYI_DEMO: '0' }, cwd).demo).toBe(false);
  });

  const WECHAT = { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: '0123456789abcdef0123456789abcdef' };

  it('keeps demo accounts off a deployment that forgot MANYI_DEMO: WeChat configured, or listening beyond loopback', () => {
    expect(loadConfig({ ...WECHAT }, cwd).demo).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0' }, cwd).demo).toBe(false);
    expect(loadConfig({ HOST: '10.0.0.5' }, cwd).demo).toBe(false);
    expect(loadConfig({ HOST: 'localhost' }, cwd).demo).toBe(true);
    expect(loadConfig({ HOST: '::1' }, cwd).demo).toBe(true);
    // Asked for explicitly, it is granted: a demo on a shared screen is a choice someone made.
    expect(loadConfig({ HOST: '0.0.0.0', MANYI_DEMO: '1' }, cwd).demo).toBe(true);
    expect(loadConfig({ ...WECHAT, MANYI_DEMO: '1' }, cwd).demo).toBe(true);
  });

  it('opens the preview login only when asked for or in demo mode, and never in WeChat mode', () => {
    // The reproduced case: MySQL without WeChat used to let anyone mint resident accounts.
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/manyi' }, cwd).previewLogin).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0' }, cwd).previewLogin).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/manyi', MANYI_PREVIEW_LOGIN: '1' }, cwd).previewLogin).toBe(true);
    expect(loadConfig({ MANYI_PREVIEW_LOGIN: '0' }, cwd)).toMatchObject({ demo: true, previewLogin: false });
    expect(loadConfig({ ...WECHAT, MANYI_DEMO: '1' }, cwd).previewLogin).toBe(false);
    expect(() => loadConfig({ ...WECHAT, MANYI_PREVIEW_LOGIN: '1' }, cwd)).toThrow(
      /^MANYI_PREVIEW_LOGIN=1 cannot be used with WECHAT_APPID/,
    );
    expect(() => loadConfig({ MANYI_PREVIEW_LOGIN: 'yes' }, cwd)).toThrow(/^MANYI_PREVIEW_LOGIN="yes" is invalid/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, cwd).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT="abc" is invalid/],
    [{ PORT: '70000' }, /^PORT="70000" is invalid: must be between 1 and 65535$/],
    [{ PORT: '-1' }, /^PORT="-1" is invalid/],
    [{ MANYI_DEMO: 'yes' }, /^MANYI_DEMO="yes" is invalid: must be 1 \(on\) or 0 \(off\)$/],
    [{ MANYI_DEMO_PASSWORD: 'short' }, /^MANYI_DEMO_PASSWORD=\(hidden\) is invalid/],
    [{ MANYI_PASSWORD_MAX_AGE_DAYS: 'ninety' }, /^MANYI_PASSWORD_MAX_AGE_DAYS=\(hidden\) is invalid: must be a whole number of days/],
    [{ MANYI_PASSWORD_MAX_AGE_DAYS: '-1' }, /^MANYI_PASSWORD_MAX_AGE_DAYS=\(hidden\) is invalid/],
    [{ WECHAT_APPID: 'wx0123456789abcdef' }, /^WECHAT_APPID is set but WECHAT_SECRET is not/],
    [{ WECHAT_SECRET: '0123456789abcdef0123456789abcdef' }, /^WECHAT_SECRET is set but WECHAT_APPID is not/],
    [{ WECHAT_APPID: 'my-app' }, /^WECHAT_APPID="my-app" is invalid: expected the mini-program AppID/],
    [{ WECHAT_SECRET: 'not-hex' }, /^WECHAT_SECRET=\(hidden\) is invalid: expected the AppSecret/],
    [{ WECHAT_MINIPROGRAM_STATE: 'beta' }, /^WECHAT_MINIPROGRAM_STATE="beta" is invalid: must be formal, trial or developer$/],
    [{ WECHAT_API_BASE: 'api.weixin.qq.com' }, /^WECHAT_API_BASE="api.weixin.qq.com" is invalid/],
    [{ MANYI_PUBLIC_URL: 'http://insecure.example' }, /^MANYI_PUBLIC_URL="http:\/\/insecure.example" is invalid/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL="loud" is invalid/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, /^DATABASE_URL scheme "postgres:" is not supported/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL is not a URL/],
    [{ DATABASE_URL: 'mysql://u:p@h:3306/' }, /^DATABASE_URL needs a host and a database name/],
    [{ DATABASE_URL: 'sqlite:' }, /^DATABASE_URL "sqlite:" has no file path/],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(ConfigError);
    try {
      loadConfig(env, cwd);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('MANYI_ROLE', () => {
  const cwd = '/srv/manyi';
  const DEPLOYED = { DATABASE_URL: 'mysql://u:p@db:3306/manyi', REDIS_URL: 'redis://cache:6379' };

  it('is all by default, so npm start runs everything in one process as before, on SQLite and without Redis too', () => {
    expect(loadConfig({}, cwd).role).toBe('all');
    expect(loadConfig({ MANYI_ROLE: 'all' }, cwd).role).toBe('all');
    expect(loadConfig({ MANYI_ROLE: '' }, cwd).role).toBe('all');
  });

  it.each(['api', 'worker'] as const)('accepts %s on MySQL with Redis, with demo mode and the preview login off', (role) => {
    expect(loadConfig({ ...DEPLOYED, MANYI_ROLE: role }, cwd)).toMatchObject({ role, demo: false, previewLogin: false });
    expect(loadConfig({ ...DEPLOYED, MANYI_ROLE: role, MANYI_DEMO: '0', MANYI_PREVIEW_LOGIN: '0' }, cwd).role).toBe(role);
  });

  it.each([
    [{ MANYI_ROLE: 'web' }, /^MANYI_ROLE="web" is invalid: must be api, worker or all$/],
    [{ MANYI_ROLE: 'API' }, /^MANYI_ROLE="API" is invalid/],
    [
      { MANYI_ROLE: 'api', REDIS_URL: DEPLOYED.REDIS_URL },
      /^MANYI_ROLE=api needs a MySQL\/MariaDB database \(DATABASE_URL=mysql:\/\/…\): SQLite serves one process only/,
    ],
    [
      { MANYI_ROLE: 'worker', REDIS_URL: DEPLOYED.REDIS_URL, DATABASE_URL: 'sqlite:/srv/manyi.sqlite' },
      /^MANYI_ROLE=worker needs a MySQL\/MariaDB database/,
    ],
    [{ MANYI_ROLE: 'api', DATABASE_URL: DEPLOYED.DATABASE_URL }, /^MANYI_ROLE=api needs REDIS_URL: /],
    [{ MANYI_ROLE: 'worker', DATABASE_URL: DEPLOYED.DATABASE_URL }, /^MANYI_ROLE=worker needs REDIS_URL: /],
    [
      { ...DEPLOYED, MANYI_ROLE: 'api', MANYI_PREVIEW_LOGIN: '1' },
      /^MANYI_ROLE=api cannot open the preview login \(MANYI_PREVIEW_LOGIN=1\): .*never a demo$/,
    ],
    [
      { ...DEPLOYED, MANYI_ROLE: 'worker', MANYI_DEMO: '1' },
      /^MANYI_ROLE=worker cannot run in demo mode \(MANYI_DEMO=1\): .*never a demo$/,
    ],
    [{ ...DEPLOYED, MANYI_ROLE: 'api', MANYI_DEMO: '1', MANYI_PREVIEW_LOGIN: '0' }, /^MANYI_ROLE=api cannot run in demo mode/],
  ])('refuses %j with one line saying why', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(ConfigError);
    expect(() => loadConfig(env, cwd)).toThrow(message);
  });

  it('leaves the all role free to run on SQLite, without Redis and in demo mode', () => {
    expect(loadConfig({ MANYI_ROLE: 'all', MANYI_DEMO: '1', MANYI_PREVIEW_LOGIN: '1' }, cwd)).toMatchObject({
      demo: true,
      previewLogin: true,
    });
  });
});

describe('WeChat settings', () => {
  const appId = 'wx0123456789abcdef';
  const secret = '0123456789abcdef0123456789abcdef';

  it('are absent in preview mode (no AppID)', () => {
    expect(loadConfig({}, '/srv').wechat).toBeNull();
  });

  it('default to the real API, the released mini-program and no templates', () => {
    expect(loadConfig({ WECHAT_APPID: appId, WECHAT_SECRET: secret }, '/srv').wechat).toEqual({
      appId,
      secret,
      apiBase: 'https://api.weixin.qq.com',
      templates: { replyPublished: null, progress: null, visit: null },
      miniprogramState: 'formal',
      pushToken: null,
    });
  });

  it('read the template ids, the mini-program state and the message-push token', () => {
    const sut = loadConfig(
      {
        WECHAT_APPID: appId,
        WECHAT_SECRET: secret,
        WECHAT_API_BASE: 'http://127.0.0.1:4010',
        WECHAT_TEMPLATE_REPLY: 'reply-id',
        WECHAT_TEMPLATE_PROGRESS: 'progress-id',
        WECHAT_TEMPLATE_VISIT: 'visit-id',
        WECHAT_MINIPROGRAM_STATE: 'trial',
        WECHAT_PUSH_TOKEN: 'pushToken1',
        MANYI_PUBLIC_URL: 'https://manyi.example.gov.cn',
      },
      '/srv',
    );
    expect(sut.wechat).toMatchObject({
      apiBase: 'http://127.0.0.1:4010',
      templates: { replyPublished: 'reply-id', progress: 'progress-id', visit: 'visit-id' },
      miniprogramState: 'trial',
      pushToken: 'pushToken1',
    });
    expect(sut.publicUrl).toBe('https://manyi.example.gov.cn');
  });
});

describe(parseDatabaseUrl.name, () => {
  it('reads a MySQL URL with escaped credentials and the default port', () => {
    expect(parseDatabaseUrl('mysql://man%40yi:p%2Fw@db.internal/manyi', '/d', '/c')).toMatchObject({
      kind: 'mysql',
      host: 'db.internal',
      port: 3306,
      username: 'man@yi',
      password: 'p/w',
      database: 'manyi',
    });
  });

  it('accepts mariadb:// as well as mysql://', () => {
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1:3307/t', '/d', '/c')).toMatchObject({ kind: 'mysql', port: 3307, username: 'root' });
  });

  it('resolves a relative sqlite: path against the working directory and keeps :memory:', () => {
    expect(parseDatabaseUrl('sqlite:tmp/x.sqlite', '/d', '/c')).toEqual({ kind: 'sqlite', path: '/c/tmp/x.sqlite' });
    expect(parseDatabaseUrl('sqlite:/abs/x.sqlite', '/d', '/c')).toEqual({ kind: 'sqlite', path: '/abs/x.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:', '/d', '/c')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });
});

describe('MANYI_PHOTO_STORE', () => {
  const cwd = '/srv/manyi';
  const COS = 's3://manyi-1250000000?endpoint=https://cos.ap-shanghai.myqcloud.com&region=ap-shanghai';
  const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDexample', AWS_SECRET_ACCESS_KEY: 'secret-example' };

  it('is the local photo folder when unset or empty', () => {
    expect(loadConfig({}, cwd).photoStore).toEqual({ kind: 'local' });
    expect(loadConfig({ MANYI_PHOTO_STORE: '' }, cwd).photoStore).toEqual({ kind: 'local' });
  });

  it('names a bucket, its endpoint and region, with the credentials from the AWS variables', () => {
    expect(loadConfig({ MANYI_PHOTO_STORE: COS, ...KEYS }, cwd).photoStore).toEqual({
      kind: 's3',
      bucket: 'manyi-1250000000',
      endpoint: 'https://cos.ap-shanghai.myqcloud.com',
      region: 'ap-shanghai',
      forcePathStyle: false,
      credentials: { accessKeyId: 'AKIDexample', secretAccessKey: 'secret-example' },
    });
    expect(
      loadConfig(
        { MANYI_PHOTO_STORE: 's3://photos?endpoint=http://minio:9000&forcePathStyle=true', ...KEYS, AWS_SESSION_TOKEN: 'tok' },
        cwd,
      ).photoStore,
    ).toMatchObject({ endpoint: 'http://minio:9000', region: 'us-east-1', forcePathStyle: true, credentials: { sessionToken: 'tok' } });
  });

  it('leaves credentials to the SDK’s default chain when no AWS key is set, and takes AWS_REGION when the URL has none', () => {
    expect(parsePhotoStore('s3://photos', { AWS_REGION: 'ap-guangzhou' })).toEqual({
      kind: 's3',
      bucket: 'photos',
      endpoint: null,
      region: 'ap-guangzhou',
      forcePathStyle: false,
      credentials: null,
    });
  });

  it.each([
    ['not a URL', 'photos', /is invalid: not a URL/],
    ['another scheme', 'https://cos.example.com/photos', /scheme "https:" is not supported/],
    ['an upper-case bucket', 's3://Photos', /bucket "Photos" is not a bucket name/],
    ['a path after the bucket', 's3://photos/2026', /nothing may follow the bucket name/],
    ['a misspelt parameter', 's3://photos?forcepathstyle=true', /unknown parameter "forcepathstyle"/],
    [
      'an endpoint that is not http(s)',
      's3://photos?endpoint=cos.ap-shanghai.myqcloud.com',
      /endpoint "cos.ap-shanghai.myqcloud.com" is not an http\(s\) address/,
    ],
    ['an endpoint with a path', 's3://photos?endpoint=https://cos.example.com/x', /must be a scheme and host only/],
    ['a bad region', 's3://photos?region=Shanghai 1', /region "Shanghai 1" is not a region name/],
    ['a bad forcePathStyle', 's3://photos?forcePathStyle=yes', /forcePathStyle must be true or false/],
  ])('refuses %s with one line naming the variable and the expected form', (_what, value, why) => {
    let error: unknown;
    try {
      loadConfig({ MANYI_PHOTO_STORE: value }, cwd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^MANYI_PHOTO_STORE=".*" is invalid: /);
    expect(message).toMatch(why);
    expect(message).toMatch(/expected s3:\/\/bucket\?endpoint=/);
    expect(message).not.toContain('\n');
  });

  it('refuses credentials in the URL without repeating them, and one AWS key without the other', () => {
    expect(() => loadConfig({ MANYI_PHOTO_STORE: 's3://AKID:secret@photos' }, cwd)).toThrow(
      /^MANYI_PHOTO_STORE=\(hidden\) is invalid: credentials do not belong in the URL/,
    );
    expect(() => loadConfig({ MANYI_PHOTO_STORE: 's3://photos', AWS_ACCESS_KEY_ID: 'AKID' }, cwd)).toThrow(
      /^AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY/,
    );
  });
});
