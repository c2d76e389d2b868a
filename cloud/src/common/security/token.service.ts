import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG } from '../../config/config.module.js';
import { TOKEN_SECRET_RULE, type AppConfig } from '../../config/app-config.js';
import { configuredOrLocalSecret } from '../secrets/local-secret.js';

/** What a session token says. `ver` ties a staff token to the password it was issued under. */
export interface TokenClaims {
  sub: number;
  kind: 'staff' | 'resident';
  ver: number;
}

/** Staff sessions are a working day; residents stay signed in on their phone for a month. */
export const STAFF_TOKEN_TTL_SECONDS = 8 * 60 * 60;
export const RESIDENT_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/** Tokens whose signature was checked, kept per instance: the sessions active at once, with room to spare. */
const MAX_VERIFIED_TOKENS = 50_000;

/** Issues and verifies signed session tokens (HS256 JWT). */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /**
   * The claims of tokens already verified, by the token itself: a session sends the same token on
   * every request, and checking its signature again (jsonwebtoken parses and HMACs it each time) was
   * most of the guard's CPU once the account state was kept. Expiry is still checked on every use.
   */
  private readonly verified = new LRUCache<string, TokenClaims & { exp: number }>({ max: MAX_VERIFIED_TOKENS });

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A KeyObject made once: given a string, jsonwebtoken first tries it as a PEM public key on every
    // verify and builds the secret key from it only after that throws — a tenth of a request's CPU.
    const key = createSecretKey(
      Buffer.from(configuredOrLocalSecret(config.tokenSecret, config.dataDir, 'token-secret', TOKEN_SECRET_RULE)),
    );
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: 'HS256', issuer: 'manyi' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'manyi' },
    });
  }

  issue(claims: TokenClaims): { token: string; expiresIn: number } {
    const expiresIn = claims.kind === 'staff' ? STAFF_TOKEN_TTL_SECONDS : RESIDENT_TOKEN_TTL_SECONDS;
    return { token: this.jwt.sign({ ...claims }, { expiresIn }), expiresIn };
  }

  /** The claims of a valid token; throws `TokenExpiredError` or `JsonWebTokenError` otherwise. */
  verify(token: string): TokenClaims {
    const kept = this.verified.get(token);
    // jsonwebtoken's own rule (expired from the second `exp` names); an expired one goes through it again to throw its error.
    if (kept) {
      if (Math.floor(Date.now() / 1000) < kept.exp) return { sub: kept.sub, kind: kept.kind, ver: kept.ver };
      this.verified.delete(token);
    }
    const claims = this.jwt.verify<TokenClaims & { exp: number }>(token);
    if ((claims.kind !== 'staff' && claims.kind !== 'resident') || !Number.isInteger(claims.sub)) throw new Error('malformed token');
    if (Number.isInteger(claims.exp)) this.verified.set(token, { sub: claims.sub, kind: claims.kind, ver: claims.ver, exp: claims.exp });
    return { sub: claims.sub, kind: claims.kind, ver: claims.ver };
  }
}
