import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Open311KeyCreatedView, Open311KeyView } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { Open311Error } from './open311.error.js';
import { Open311Key } from './open311-key.entity.js';

/** The key is 32 random bytes in hex; what is stored is its SHA-256. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

function mapKey(k: Open311Key): Open311KeyView {
  return {
    id: k.id,
    partner: k.partner,
    keyPrefix: k.keyPrefix,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
  };
}

/** Partners' Open311 API keys: issued and revoked by an admin (audited), checked on every partner call. */
@Injectable()
export class Open311KeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Issues a key; the answer is the only time anyone sees it. */
  async create(actor: StaffActor, partner: string): Promise<Open311KeyCreatedView> {
    const key = randomBytes(32).toString('hex');
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.save(
        em.create(Open311Key, { partner, keyHash: hashKey(key), keyPrefix: key.slice(0, 8), createdById: actor.staffId, revokedAt: null }),
      );
      await this.audit.record(em, actor, 'open311.key.create', { type: 'open311_key', id: row.id }, { partner });
      return row;
    });
    return { id: saved.id, key };
  }

  async list(): Promise<Open311KeyView[]> {
    const keys = await this.dataSource.getRepository(Open311Key).find({ order: { id: 'DESC' } });
    return keys.map(mapKey);
  }

  /** Revokes a key at once; revoking it again changes nothing and answers the same. */
  async revoke(actor: StaffActor, id: number, now = new Date()): Promise<Open311KeyView> {
    return this.dataSource.transaction(async (em) => {
      const key = await em.findOneBy(Open311Key, { id });
      if (!key) throw new AppException('NOT_FOUND', '接口密钥不存在');
      if (key.revokedAt) return mapKey(key);
      key.revokedAt = now;
      await em.update(Open311Key, { id }, { revokedAt: now });
      await this.audit.record(em, actor, 'open311.key.revoke', { type: 'open311_key', id }, { partner: key.partner });
      return mapKey(key);
    });
  }

  /** The live key a partner call carries, or 403 in the specification's shape. */
  async authenticate(key: unknown): Promise<Open311Key> {
    if (key === undefined || key === null || key === '') throw new Open311Error(403, '缺少 api_key：提交诉求需要合作方接口密钥');
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw new Open311Error(403, 'api_key 无效');
    const found = await this.dataSource.getRepository(Open311Key).findOneBy({ keyHash: hashKey(key) });
    if (!found) throw new Open311Error(403, 'api_key 无效');
    if (found.revokedAt) throw new Open311Error(403, 'api_key 已被吊销');
    return found;
  }
}
