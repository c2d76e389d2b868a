import { ConfigError, loadConfig } from '../../config/app-config.js';

describe('the security and reliability settings', () => {
  it('defaults to same-origin only, 20 logins and 6 submits a minute, a 20 s deadline and the manyi Redis prefix', () => {
    const config = loadConfig({}, '/srv/manyi');
    expect(config.corsOrigins).toEqual([]);
    expect(config.rateLimits).toEqual({ loginPerMinute: 20, submitPerMinute: 6, uploadPerMinute: 30 });
    expect(config.uploadPendingMax).toBe(30);
    expect(config.requestDeadlineSeconds).toBe(20);
    expect(config.redisPrefix).toBe('manyi');
  });

  it('believes X-Forwarded-For only from loopback unless the proxies are named', () => {
    expect(loadConfig({}, '/srv/manyi').trustedProxies).toEqual(['127.0.0.1', '::1']);
    expect(loadConfig({ MANYI_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7' }, '/srv/manyi').trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
    ]);
    expect(() => loadConfig({ MANYI_TRUSTED_PROXIES: '*' }, '/srv/manyi')).toThrow(/MANYI_TRUSTED_PROXIES/);
    expect(() => loadConfig({ MANYI_TRUSTED_PROXIES: '10.0.0.0/33' }, '/srv/manyi')).toThrow(/MANYI_TRUSTED_PROXIES/);
  });

  it('reads the admin and h5 origins as a list', () => {
    const config = loadConfig({ MANYI_CORS_ORIGINS: 'https://admin.example.cn, https://h5.example.cn' }, '/srv/manyi');
    expect(config.corsOrigins).toEqual(['https://admin.example.cn', 'https://h5.example.cn']);
  });

  it('refuses a wildcard or a path as an origin, and a limit of zero, with one line naming the variable', () => {
    expect(() => loadConfig({ MANYI_CORS_ORIGINS: '*' }, '/srv/manyi')).toThrow(ConfigError);
    expect(() => loadConfig({ MANYI_CORS_ORIGINS: 'https://admin.example.cn/admin' }, '/srv/manyi')).toThrow(/MANYI_CORS_ORIGINS/);
    expect(() => loadConfig({ MANYI_RATE_LIMIT_LOGIN: '0' }, '/srv/manyi')).toThrow(/MANYI_RATE_LIMIT_LOGIN="0" is invalid/);
    expect(() => loadConfig({ MANYI_RATE_LIMIT_UPLOAD: '0' }, '/srv/manyi')).toThrow(/MANYI_RATE_LIMIT_UPLOAD="0" is invalid/);
    expect(() => loadConfig({ MANYI_UPLOAD_PENDING_MAX: 'many' }, '/srv/manyi')).toThrow(/MANYI_UPLOAD_PENDING_MAX="many" is invalid/);
    expect(() => loadConfig({ MANYI_REQUEST_DEADLINE: 'soon' }, '/srv/manyi')).toThrow(/MANYI_REQUEST_DEADLINE/);
    expect(() => loadConfig({ MANYI_REDIS_PREFIX: 'a b' }, '/srv/manyi')).toThrow(/MANYI_REDIS_PREFIX/);
  });
});
