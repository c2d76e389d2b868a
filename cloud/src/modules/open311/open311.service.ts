import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FINAL_CONCERN_STATUSES, createConcernSchema, type CreateConcernInput, type ServiceRequestView } from '@manyi/shared';
import { Brackets, In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { ConcernEvent } from '../concerns/concern-event.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { ConcernsService } from '../concerns/concerns.service.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import { Open311Error } from './open311.error.js';
import { w3cDateTime, type Open311Document } from './open311-format.js';
import { parseRequestQuery, parseServiceRequest, titleFrom, type ServiceRequestInput } from './open311-input.js';
import { Open311Key } from './open311-key.entity.js';
import { Open311KeysService } from './open311-keys.service.js';
import { Open311RateLimiter } from './open311-rate-limiter.js';
import { Open311Request } from './open311-request.entity.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { ATTRIBUTE_CODES, mapService, mapServiceDefinition, mapServiceRequest } from './open311.mapper.js';

/** The GeoReport v2 specification this endpoint implements, and when this endpoint last changed. */
export const GEOREPORT_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-11-29T00:00:00+08:00';

/** Timeline steps whose public text a GeoReport client may read: a rejection's reason, a published reply. */
const PUBLISHED_ACTIONS = ['reject', 'approve-reply'] as const;

/**
 * Open311 GeoReport v2 over Manyi's concerns. A request a partner files becomes a normal concern
 * (`source = open311`) through ConcernsService, so it follows the same loop, clocks and rules; what it
 * answers about concerns is only their public side.
 */
@Injectable()
export class Open311Service {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: Open311KeysService,
    private readonly limiter: Open311RateLimiter,
    private readonly concerns: ConcernsService,
    private readonly cipher: FieldCipher,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  discovery(baseUrl: string): Open311Document {
    return {
      root: 'discovery',
      item: null,
      value: {
        changeset: CHANGESET,
        contact: '徐汇区“满意”平台管理员（接口密钥由管理员发放）',
        key_service: '请联系平台管理员申请 api_key',
        endpoints: [
          {
            specification: GEOREPORT_SPECIFICATION,
            url: `${baseUrl}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      },
    };
  }

  async services(): Promise<Open311Document> {
    // A disabled (停用) category is no longer offered; with its parent disabled, its leaves go too.
    const categories = await this.dataSource
      .getRepository(Category)
      .find({ where: { disabled: false }, order: { sortOrder: 'ASC', id: 'ASC' } });
    const byId = new Map(categories.map((c) => [c.id, c]));
    const parents = categories.filter((c) => c.parentId === null);
    const leaves = parents.flatMap((p) => categories.filter((c) => c.parentId === p.id && c.requestType !== null));
    return {
      root: 'services',
      item: 'service',
      value: leaves.map((leaf) => mapService(leaf, byId.get(leaf.parentId!), this.deadlines.settings().resolveWorkingDays)),
    };
  }

  async serviceDefinition(serviceCode: string): Promise<Open311Document> {
    const leaf = await this.leafService(serviceCode);
    return { root: 'service_definition', item: null, value: mapServiceDefinition(leaf, await this.compoundChoices()) };
  }

  /** POST requests: key, rate, service, then the report itself; the concern and the partner's record commit together. */
  async submit(params: Record<string, unknown>, now = new Date()): Promise<Open311Document> {
    const key = await this.keys.authenticate(params.api_key);
    await this.limiter.consume(key.id, now.getTime());
    const serviceCode = typeof params.service_code === 'string' ? params.service_code.trim() : '';
    if (!serviceCode) throw new Open311Error(400, '缺少 service_code');
    const leaf = await this.leafService(serviceCode);
    const request = parseServiceRequest(params);
    const input = await this.concernInput(request, leaf);

    const concern = await this.dataSource.transaction(async (em) => {
      const created = await this.concerns.submitFromPartner(em, input, now);
      const { firstName, lastName, email } = request.contact;
      await em.insert(Open311Request, {
        concernId: created.id,
        keyId: key.id,
        mediaUrl: request.mediaUrl,
        contactEncrypted: firstName || lastName || email ? this.cipher.encrypt(JSON.stringify({ firstName, lastName, email })) : null,
      });
      return created;
    });
    return {
      root: 'service_requests',
      item: 'request',
      value: [
        {
          service_request_id: concern.code,
          service_notice: `已收到，诉求编号 ${concern.code}，街道将于 ${w3cDateTime(concern.dueAt)} 前受理`,
          account_id: null,
        },
      ],
    };
  }

  /** GET requests: the public side of the concerns the query selects, newest first, a page at a time. */
  async search(params: Record<string, unknown>, now = new Date()): Promise<Open311Document> {
    const caller = await this.optionalCaller(params.api_key);
    const query = parseRequestQuery(params, now);
    const qb = this.dataSource.getRepository(Concern).createQueryBuilder('c');
    this.visibleTo(qb, caller);
    if (query.ids) {
      qb.andWhere('c.code IN (:...ids)', { ids: query.ids });
    } else {
      qb.andWhere('c.created_at >= :from AND c.created_at <= :to', { from: query.from, to: query.to });
      if (query.serviceCodes) {
        const categories = await this.dataSource.getRepository(Category).findBy({ code: In(query.serviceCodes) });
        const unknown = query.serviceCodes.filter((code) => !categories.some((c) => c.code === code));
        if (unknown.length) throw new Open311Error(404, `service_code ${unknown.join(',')} 不存在`);
        qb.andWhere('c.category_id IN (:...categoryIds)', { categoryIds: categories.map((c) => c.id) });
      }
      if (query.status === 'closed') qb.andWhere('c.status IN (:...final)', { final: FINAL_CONCERN_STATUSES });
      if (query.status === 'open') qb.andWhere('c.status NOT IN (:...final)', { final: FINAL_CONCERN_STATUSES });
    }
    const rows = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getMany();
    return { root: 'service_requests', item: 'request', value: await this.mapRequests(rows, caller) };
  }

  /** GET requests/{id}: one request, as a list of one; 404 when it does not exist or is not the caller's to see. */
  async one(serviceRequestId: string, apiKey: unknown): Promise<Open311Document> {
    const caller = await this.optionalCaller(apiKey);
    const qb = this.dataSource.getRepository(Concern).createQueryBuilder('c').where('c.code = :code', { code: serviceRequestId });
    this.visibleTo(qb, caller);
    const concern = await qb.getOne();
    if (!concern) throw new Open311Error(404, `service_request_id ${serviceRequestId} 不存在`);
    return { root: 'service_requests', item: 'request', value: await this.mapRequests([concern], caller) };
  }

  /**
   * GET tokens/{token}: requests are filed at once and answer with their id, so the token of a request
   * is its id; clients that always poll tokens get the id back.
   */
  async token(token: string): Promise<Open311Document> {
    const concern = await this.dataSource.getRepository(Concern).findOneBy({ code: token, source: 'open311' });
    if (!concern) throw new Open311Error(404, `token ${token} 不存在`);
    return { root: 'service_requests', item: 'request', value: [{ service_request_id: concern.code, token }] };
  }

  private async leafService(code: string): Promise<Category> {
    const leaf = await this.dataSource.getRepository(Category).findOneBy({ code, disabled: false });
    if (!leaf || leaf.requestType === null) throw new Open311Error(404, `service_code ${code} 不存在`);
    return leaf;
  }

  /** Every compound as a choice, named with its street so that same-named compounds stay apart. */
  private async compoundChoices(): Promise<Array<{ code: string; name: string }>> {
    const [compounds, streets] = await Promise.all([
      this.dataSource.getRepository(Compound).find({ where: { disabled: false }, order: { streetId: 'ASC', id: 'ASC' } }),
      this.dataSource.getRepository(Street).find(),
    ]);
    const streetNames = new Map(streets.map((s) => [s.id, s.name]));
    return compounds.map((c) => ({ code: c.code, name: `${streetNames.get(c.streetId) ?? ''}${c.name}` }));
  }

  /** The partner's fields as a resident's report, checked by the same schema the mini-program's form uses. */
  private async concernInput(request: ServiceRequestInput, leaf: Category): Promise<CreateConcernInput> {
    const named = request.attributes[ATTRIBUTE_CODES.compound];
    const byAddressId = request.location.kind === 'address_id' ? request.location.addressId : undefined;
    if (named && byAddressId && named !== byAddressId) throw new Open311Error(400, 'address_id 与 attribute[compound] 指向不同的居民区');
    const compoundCode = named ?? byAddressId;
    if (!compoundCode) throw new Open311Error(400, '缺少 attribute[compound]：请从服务定义中选择居民区编码');
    const compound = await this.dataSource.getRepository(Compound).findOneBy({ code: compoundCode, disabled: false });
    if (!compound) {
      throw new Open311Error(400, `${named ? 'attribute[compound]' : 'address_id'} ${compoundCode} 不是已知的居民区编码`);
    }
    const confidential = request.attributes[ATTRIBUTE_CODES.confidential];
    if (confidential !== undefined && confidential !== 'true' && confidential !== 'false') {
      throw new Open311Error(400, 'attribute[confidential] 只能是 true 或 false');
    }
    const parsed = createConcernSchema.safeParse({
      categoryId: leaf.id,
      compoundId: compound.id,
      title: request.attributes[ATTRIBUTE_CODES.title] ?? titleFrom(request.description, leaf.name),
      description: request.description,
      ...(request.location.kind === 'coordinates' ? { latitude: request.location.lat, longitude: request.location.long } : {}),
      ...(request.location.kind === 'address_string' ? { address: request.location.address } : {}),
      ...(request.contact.phone ? { phone: request.contact.phone } : {}),
      confidential: confidential === 'true',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = OPEN311_FIELD_OF[String(issue.path[0])] ?? String(issue.path[0]);
      throw new Open311Error(400, `${field}：${issue.message}`);
    }
    return parsed.data;
  }

  /** A key given with a search must be live; without one the caller is the public. */
  private async optionalCaller(apiKey: unknown): Promise<Open311Key | null> {
    return apiKey === undefined || apiKey === '' ? null : this.keys.authenticate(apiKey);
  }

  /** A confidential concern is seen only by the partner whose key filed it; never by the public. */
  private visibleTo(qb: SelectQueryBuilder<Concern>, caller: Open311Key | null): void {
    qb.andWhere(
      new Brackets((w) => {
        w.where('c.confidential = :notConfidential', { notConfidential: false });
        if (caller) {
          w.orWhere('c.id IN (SELECT r.concern_id FROM open311_request r WHERE r.key_id = :callerKey)', { callerKey: caller.id });
        }
      }),
    );
  }

  private async mapRequests(rows: Concern[], caller: Open311Key | null): Promise<ServiceRequestView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((c) => c.id);
    const [categories, compounds, departments, events, filed] = await Promise.all([
      this.dataSource.getRepository(Category).findBy({ id: In([...new Set(rows.map((c) => c.categoryId))]) }),
      this.dataSource.getRepository(Compound).findBy({ id: In([...new Set(rows.map((c) => c.compoundId))]) }),
      this.dataSource.getRepository(Department).findBy({ id: In([...new Set(rows.flatMap((c) => c.leadDepartmentId ?? []))]) }),
      this.dataSource.getRepository(ConcernEvent).find({
        where: { concernId: In(ids), action: In([...PUBLISHED_ACTIONS]) },
        order: { id: 'ASC' },
      }),
      caller ? this.dataSource.getRepository(Open311Request).findBy({ concernId: In(ids), keyId: caller.id }) : Promise.resolve([]),
    ]);
    const streets = await this.dataSource.getRepository(Street).findBy({ id: In([...new Set(compounds.map((c) => c.streetId))]) });
    const streetNames = new Map(streets.map((s) => [s.id, s.name]));
    const published = new Map<number, { action: string; text: string }>();
    for (const e of events) if (e.publicText) published.set(e.concernId, { action: e.action, text: e.publicText });
    const own = new Map(filed.map((r) => [r.concernId, r]));
    return rows.map((c) => {
      const compound = compounds.find((x) => x.id === c.compoundId);
      const mine = own.get(c.id);
      return mapServiceRequest(c, {
        category: categories.find((x) => x.id === c.categoryId),
        department: departments.find((d) => d.id === c.leadDepartmentId)?.name ?? null,
        compound: compound && { code: compound.code, name: `${streetNames.get(compound.streetId) ?? ''}${compound.name}` },
        published: published.get(c.id) ?? null,
        own: mine ? { mediaUrl: mine.mediaUrl } : null,
      });
    });
  }
}

/** Which GeoReport parameter a field of the concern schema came from, for the error's description. */
const OPEN311_FIELD_OF: Record<string, string> = {
  title: 'attribute[title]',
  description: 'description',
  latitude: 'lat',
  longitude: 'long',
  address: 'address_string',
  phone: 'phone',
};
