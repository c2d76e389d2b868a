import { resolve } from 'node:path';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig, parseDatabaseUrl } from './app-config.js';

describe(loadConfig.name, () => {
  const cwd = '/srv/manyi';

  it('defaults to the embedded SQLite file under data/, port 3000 and demo mode on', () => {
    const sut = loadConfig({}, cwd);
    expect(sut.database).toEqual({ kind: 'sqlite', path: resolve(cwd, 'data/manyi.sqlite') });
    expect(sut.port).toBe(3000);
    expect(sut.demo).toBe(true);
    expect(sut.demoPassword).toBe(DEFAULT_DEMO_PASSWORD);
    expect(sut.wechatAppId).toBeNull();
  });

  it('turns demo mode off by default on MySQL and lets MANYI_DEMO force it either way', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/manyi' }, cwd).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/manyi', MANYI_DEMO: '1' }, cwd).demo).toBe(true);
    expect(loadConfig({ MANYI_DEMO: '0' }, cwd).demo).toBe(false);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, cwd).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT="abc" is invalid/],
    [{ PORT: '70000' }, /^PORT="70000" is invalid: must be between 1 and 65535$/],
    [{ PORT: '-1' }, /^PORT="-1" is invalid/],
    [{ MANYI_DEMO: 'yes' }, /^MANYI_DEMO="yes" is invalid: must be 1 \(on\) or 0 \(off\)$/],
    [{ MANYI_DEMO_PASSWORD: 'short' }, /^MANYI_DEMO_PASSWORD="short" is invalid/],
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
