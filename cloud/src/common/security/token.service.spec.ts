import { jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../config/app-config.js';
import { STAFF_TOKEN_TTL_SECONDS, TokenService } from './token.service.js';

const service = (tokenSecret = 'a-token-secret-of-at-least-32-characters') =>
  new TokenService({ tokenSecret, dataDir: 'unused-with-a-configured-secret' } as AppConfig);

describe('TokenService', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('checks the signature of a token once, then answers its claims from memory', () => {
    const tokens = service();
    const { token } = tokens.issue({ sub: 7, kind: 'staff', ver: 123 });
    const verify = jest.spyOn(JwtService.prototype, 'verify');
    expect(tokens.verify(token)).toEqual({ sub: 7, kind: 'staff', ver: 123 });
    expect(tokens.verify(token)).toEqual({ sub: 7, kind: 'staff', ver: 123 });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('still refuses a kept token once it has expired, with the expiry error', () => {
    jest.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z') });
    const tokens = service();
    const { token } = tokens.issue({ sub: 7, kind: 'staff', ver: 1 });
    expect(tokens.verify(token).sub).toBe(7);
    jest.setSystemTime(new Date(Date.now() + STAFF_TOKEN_TTL_SECONDS * 1000 - 1000));
    expect(tokens.verify(token).sub).toBe(7);
    jest.setSystemTime(new Date(Date.now() + 1000));
    expect(() => tokens.verify(token)).toThrow(expect.objectContaining({ name: 'TokenExpiredError' }) as Error);
  });

  it('refuses a token altered after a valid one was kept, and one signed with another key', () => {
    const tokens = service();
    const { token } = tokens.issue({ sub: 7, kind: 'resident', ver: 0 });
    tokens.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 8 })).toString('base64url')}.${signature}`;
    expect(() => tokens.verify(forged)).toThrow();
    const foreign = service('another-token-secret-of-32-characters-or-more').issue({ sub: 7, kind: 'resident', ver: 0 }).token;
    expect(() => tokens.verify(foreign)).toThrow();
  });
});
