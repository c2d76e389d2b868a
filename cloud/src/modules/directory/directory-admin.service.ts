import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DirectoryCreateInput, DirectoryKind, DirectoryUpdateInput, DirectoryViews } from '@manyi/shared';
import { In, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { PublicCache } from '../../common/cache/public-cache.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Category } from './category.entity.js';
import { Compound } from './compound.entity.js';
import { Department } from './department.entity.js';
import { mapAdminDirectoryItem } from './directory.mapper.js';
import { RoutingRule } from './routing-rule.entity.js';
import { Street } from './street.entity.js';

type Row = Street | Compound | Department | Category | RoutingRule;

const ENTITIES: Record<DirectoryKind, EntityTarget<ObjectLiteral>> = {
  streets: Street,
  compounds: Compound,
  departments: Department,
  categories: Category,
  'routing-rules': RoutingRule,
};

/** The audit log's target type of each kind: the table's name. */
export const DIRECTORY_TARGET_TYPES: Record<DirectoryKind, string> = {
  streets: 'street',
  compounds: 'compound',
  departments: 'department',
  categories: 'category',
  'routing-rules': 'routing_rule',
};

/**
 * 目录管理: a district admin creates, edits, disables and re-enables directory items. Each write checks
 * what the item refers to (it must exist and be in use), keeps codes unique, and is audited in the
 * same transaction. Nothing is ever deleted: concerns, staff and rules keep their references.
 */
@Injectable()
export class DirectoryAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: PublicCache,
    private readonly cipher: FieldCipher,
  ) {}

  async list<K extends DirectoryKind>(kind: K): Promise<Array<DirectoryViews[K]>> {
    const order = kind === 'streets' || kind === 'categories' ? { sortOrder: 'ASC', id: 'ASC' } : { id: 'ASC' };
    const rows = (await this.dataSource.getRepository(ENTITIES[kind]).find({ order })) as Row[];
    return rows.map((row) => mapAdminDirectoryItem(kind, row));
  }

  async create<K extends DirectoryKind>(actor: StaffActor, kind: K, input: DirectoryCreateInput<K>): Promise<DirectoryViews[K]> {
    return this.changed(async (em) => {
      const { fields, webhook, audited } = this.withWebhook(input as Record<string, unknown>);
      if (typeof fields.code === 'string') await this.assertCodeFree(em, kind, fields.code);
      await this.assertReferences(em, kind, fields, null);
      const saved = (await em.save(em.create(ENTITIES[kind], { ...fields, ...webhook, disabled: false }))) as Row;
      await this.audit.record(em, actor, 'directory.create', { type: DIRECTORY_TARGET_TYPES[kind], id: saved.id }, { after: audited });
      return mapAdminDirectoryItem(kind, saved);
    });
  }

  async update<K extends DirectoryKind>(
    actor: StaffActor,
    kind: K,
    id: number,
    input: DirectoryUpdateInput<K>,
  ): Promise<DirectoryViews[K]> {
    return this.changed(async (em) => {
      const row = await this.find(em, kind, id);
      const given = Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined));
      const { fields: changes, webhook, audited } = this.withWebhook(given);
      const current = row as unknown as Record<string, unknown>;
      const before = Object.fromEntries(
        Object.keys(audited).map((k) => [k, k === 'alertWebhook' ? (current.alertWebhookHint ? 'set' : 'none') : current[k]]),
      );
      const merged = { ...current, ...changes };
      await this.assertReferences(em, kind, merged, row);
      Object.assign(row, changes, webhook);
      const saved = (await em.save(ENTITIES[kind], row)) as Row;
      await this.audit.record(em, actor, 'directory.update', { type: DIRECTORY_TARGET_TYPES[kind], id }, { before, after: audited });
      return mapAdminDirectoryItem(kind, saved);
    });
  }

  /** 停用 / 启用. */
  async setDisabled<K extends DirectoryKind>(actor: StaffActor, kind: K, id: number, disabled: boolean): Promise<DirectoryViews[K]> {
    return this.changed(async (em) => {
      const row = await this.find(em, kind, id);
      if (row.disabled !== disabled) {
        row.disabled = disabled;
        await em.save(ENTITIES[kind], row);
        await this.audit.record(em, actor, disabled ? 'directory.disable' : 'directory.enable', { type: DIRECTORY_TARGET_TYPES[kind], id });
      }
      return mapAdminDirectoryItem(kind, row);
    });
  }

  /**
   * A street's or department's group robot (企业微信群机器人): the address is a credential, so it is stored
   * encrypted with its masked form beside it, and the audit record says only that it was set or removed.
   */
  private withWebhook(input: Record<string, unknown>): {
    fields: Record<string, unknown>;
    webhook: { alertWebhookEncrypted?: string | null; alertWebhookHint?: string | null };
    audited: Record<string, unknown>;
  } {
    const { alertWebhookUrl, ...fields } = input;
    if (alertWebhookUrl === undefined) return { fields, webhook: {}, audited: fields };
    const url = alertWebhookUrl as string | null;
    return {
      fields,
      webhook: url
        ? { alertWebhookEncrypted: this.cipher.encrypt(url), alertWebhookHint: maskWebhookUrl(url) }
        : { alertWebhookEncrypted: null, alertWebhookHint: null },
      audited: { ...fields, alertWebhook: url ? 'set' : 'none' },
    };
  }

  /** Street and category names show in the public lists and the news feed: those cached answers go once it commits. */
  private changed<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.cache.afterWrite(['directory', 'news'], () => this.dataSource.transaction(work));
  }

  private async find(em: EntityManager, kind: DirectoryKind, id: number): Promise<Row> {
    const row = (await em.findOneBy(ENTITIES[kind], { id })) as Row | null;
    if (!row) throw new AppException('DIRECTORY_ITEM_NOT_FOUND');
    return row;
  }

  private async assertCodeFree(em: EntityManager, kind: DirectoryKind, code: string): Promise<void> {
    if (await em.existsBy(ENTITIES[kind], { code })) {
      throw new AppException('DIRECTORY_CODE_TAKEN', `代码「${code}」已被使用，请换一个`, [{ path: 'code', message: '代码已被使用' }]);
    }
  }

  /**
   * What an item refers to must exist and be in use; a category's place in the tree must keep the tree
   * two levels deep with request types on the leaves. `current` is the stored row when editing.
   */
  private async assertReferences(em: EntityManager, kind: DirectoryKind, v: Record<string, unknown>, current: Row | null): Promise<void> {
    const invalid = (path: string, message: string) => new AppException('DIRECTORY_REFERENCE_INVALID', message, [{ path, message }]);
    const enabled = async <T extends ObjectLiteral & { disabled: boolean }>(entity: EntityTarget<T>, id: unknown): Promise<T | null> => {
      if (typeof id !== 'number') return null;
      const row = (await em.findOneBy(entity, { id } as never)) as T | null;
      return row && !row.disabled ? row : null;
    };
    // Only references the request sets or changes must be in use: an item may keep pointing at one disabled since.
    const changed = (field: string) => !current || (current as unknown as Record<string, unknown>)[field] !== v[field];

    switch (kind) {
      case 'streets':
        return;
      case 'compounds':
        if (changed('streetId') && !(await enabled(Street, v.streetId))) throw invalid('streetId', '所属街道不存在或已停用');
        return;
      case 'departments':
        if (v.kind === 'street_office' && v.streetId == null) throw invalid('streetId', '街道科室必须选择所属街道');
        if (v.streetId != null && changed('streetId') && !(await enabled(Street, v.streetId)))
          throw invalid('streetId', '所属街道不存在或已停用');
        return;
      case 'categories': {
        if (v.parentId != null && changed('parentId')) {
          const parent = await enabled(Category, v.parentId);
          if (!parent || parent.id === current?.id) throw invalid('parentId', '上级类别不存在或已停用');
          if (parent.parentId !== null || parent.requestType !== null) throw invalid('parentId', '上级类别必须是一级分组');
        }
        if (v.parentId != null && v.requestType == null) throw invalid('requestType', '下级类别必须选择诉求性质');
        if (current && (v.parentId != null || v.requestType != null) && (await em.existsBy(Category, { parentId: current.id }))) {
          throw new AppException('DIRECTORY_CHANGE_NOT_ALLOWED', '该类别下还有下级类别，不能改为下级类别或设置诉求性质');
        }
        return;
      }
      case 'routing-rules': {
        if (changed('categoryId') && !(await enabled(Category, v.categoryId))) throw invalid('categoryId', '诉求类别不存在或已停用');
        if (v.streetId != null && changed('streetId') && !(await enabled(Street, v.streetId)))
          throw invalid('streetId', '街道不存在或已停用');
        if (v.compoundId != null) {
          if (v.streetId == null) throw invalid('compoundId', '指定居民区时必须同时指定街道');
          const compound = changed('compoundId')
            ? await enabled(Compound, v.compoundId)
            : await em.findOneBy(Compound, { id: v.compoundId as number });
          if (!compound || compound.streetId !== v.streetId) throw invalid('compoundId', '居民区不存在、已停用或不属于所选街道');
        }
        if (changed('leadDepartmentId') && !(await enabled(Department, v.leadDepartmentId)))
          throw invalid('leadDepartmentId', '主办部门不存在或已停用');
        const coHandlerIds = (v.coHandlerIds as number[] | undefined) ?? [];
        if (new Set(coHandlerIds).size !== coHandlerIds.length || coHandlerIds.includes(v.leadDepartmentId as number)) {
          throw invalid('coHandlerIds', '协办部门不能重复，也不能与主办部门相同');
        }
        const previous = new Set(current ? (current as RoutingRule).coHandlerIds : []);
        const added = coHandlerIds.filter((id) => !previous.has(id));
        if (added.length > 0) {
          const found = await em.findBy(Department, { id: In(added), disabled: false });
          if (found.length !== added.length) throw invalid('coHandlerIds', '协办部门不存在或已停用');
        }
        return;
      }
    }
  }
}

/**
 * A group robot's address as lists show it: the scheme and host, and the last four characters of its
 * key (https://qyapi.weixin.qq.com/…****a1b2) — enough to tell two apart, not enough to post.
 */
export function maskWebhookUrl(url: string): string {
  let origin = '';
  try {
    origin = new URL(url).origin;
  } catch {
    origin = '';
  }
  return `${origin}/…****${url.slice(-4)}`;
}
