import { createHash } from 'node:crypto';
import { CONCERN_CODE_PATTERN } from '@manyi/shared';
import { XMLParser } from 'fast-xml-parser';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { call, concernRow, snapshot, staffSession, type ApiResult, type Caller, type Json } from '../../testing/concern-fixtures.js';
import { Open311Key } from './open311-key.entity.js';
import { OPEN311_REQUESTS_PER_MINUTE } from './open311-rate-limiter.js';

type Format = 'json' | 'xml';

/** The element names of one service request in the GeoReport v2 specification, in its order. */
const REQUEST_ELEMENTS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

/** XML read back as the specification's element tree; values stay text so that nothing is guessed. */
const xml = new XMLParser({ parseTagValue: false, ignoreDeclaration: true });
const parseXml = (text: string) => xml.parse(text, true) as Json;
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe.each(TEST_DATABASES)('Open311 GeoReport v2 on %s', (kind) => {
  let sut: TestApp;
  let admin: Caller;
  let dispatcher: Caller;
  let handler: Caller;
  let apiKey: string;
  let otherKey: string;
  let guanliId: number;

  const createKey = async (partner: string): Promise<{ id: number; key: string }> => {
    const res = await call(sut.app, 'POST', '/api/v1/admin/open311-keys', admin, { partner });
    if (res.status !== 201) throw new Error(`key → ${res.status} ${res.text}`);
    return res.body as { id: number; key: string };
  };

  beforeAll(async () => {
    sut = await startTestApp(kind);
    admin = await staffSession(sut.app, 'admin.open311', 'admin');
    dispatcher = await staffSession(sut.app, 'dispatcher.open311', 'dispatcher', 'xietu');
    handler = await staffSession(sut.app, 'handler.open311', 'handler', 'xietu-guanli');
    apiKey = (await createKey('徐汇区12345热线平台')).key;
    otherKey = (await createKey('合作方应用')).key;
    guanliId = (await sut.app.get(DataSource).getRepository(Department).findOneByOrFail({ code: 'xietu-guanli' })).id;
  });
  afterAll(async () => {
    await sut?.close();
  });

  const get = (url: string) => call(sut.app, 'GET', url, null);
  /** A form-encoded POST, as GeoReport clients send it. */
  const postForm = (format: Format, fields: Record<string, string>) =>
    call(sut.app, 'POST', `/open311/v2/requests.${format}`, null, new URLSearchParams(fields).toString(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const report = (overrides: Record<string, string> = {}): Record<string, string> => ({
    api_key: apiKey,
    service_code: 'shirong-laji',
    lat: '31.1925',
    long: '121.4567',
    'attribute[compound]': 'xietu-hengyi',
    description: '恒益小区3号楼旁的垃圾房连续三天没有清运，气味很大。',
    ...overrides,
  });
  const file = async (overrides: Record<string, string> = {}): Promise<string> => {
    const res = await postForm('json', report(overrides));
    if (res.status !== 201) throw new Error(`file → ${res.status} ${res.text}`);
    return (JSON.parse(res.text) as Json[])[0]!.service_request_id as string;
  };
  const readBack = async (id: string, key: string | null = apiKey): Promise<Json> => {
    const res = await get(`/open311/v2/requests/${id}.json${key ? `?api_key=${key}` : ''}`);
    expect(res.status).toBe(200);
    const list = JSON.parse(res.text) as Json[];
    expect(list).toHaveLength(1);
    return list[0]!;
  };
  const act = async (who: Caller, concernId: number, action: string, payload: Json = {}) => {
    const res = await call(sut.app, 'POST', `/api/v1/admin/concerns/${concernId}/${action}`, who, payload);
    if (res.status !== 200) throw new Error(`${action} → ${res.status} ${res.text}`);
  };
  const concernIdOf = async (code: string) =>
    (await sut.app.get(DataSource).query('SELECT id FROM concern WHERE code = ?', [code]))[0].id as number;
  /** An answer in the specification's error shape, in JSON. */
  const expectJsonError = (res: ApiResult, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.text) as Json[];
    expect(body).toEqual([{ code: status, description: expect.stringMatching(/\S/) }]);
    return body[0]!.description as string;
  };

  describe('discovery and services', () => {
    it('describes the endpoint in JSON and XML', async () => {
      const json = await get('/open311/v2/discovery.json');
      expect(json.status).toBe(200);
      expect(JSON.parse(json.text)).toMatchObject({
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: expect.stringMatching(/\/open311\/v2$/),
            formats: ['application/json', 'text/xml'],
          },
        ],
      });
      const res = await get('/open311/v2/discovery.xml');
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      const doc = parseXml(res.text).discovery as Json;
      const endpoint = (doc.endpoints as Json).endpoint as Json;
      expect(asList((endpoint.formats as Json).format)).toEqual(['application/json', 'text/xml']);
    });

    it('lists every leaf category as a realtime service grouped by its parent, the same in JSON and XML', async () => {
      const leaves = await sut.app
        .get(DataSource)
        .getRepository(Category)
        .createQueryBuilder('c')
        .where('c.request_type IS NOT NULL')
        .getCount();
      const services = JSON.parse((await get('/open311/v2/services.json')).text) as Json[];
      expect(services).toHaveLength(leaves);
      expect(services.find((s) => s.service_code === 'shirong-laji')).toEqual({
        service_code: 'shirong-laji',
        service_name: '垃圾分类与清运',
        description: expect.stringContaining('5 个工作日'),
        metadata: true,
        type: 'realtime',
        keywords: '市容环境, 垃圾分类与清运',
        group: '市容环境',
      });

      const doc = parseXml((await get('/open311/v2/services.xml')).text);
      const items = asList((doc.services as Json).service as Json[]);
      expect(items.map((s) => s.service_code)).toEqual(services.map((s) => s.service_code));
      expect(Object.keys(items[0]!)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      expect(items[0]!.metadata).toBe('true');
    });

    it('defines a service: the compound as a single-value list, a title and the confidential flag', async () => {
      const definition = JSON.parse((await get('/open311/v2/services/shirong-laji.json')).text) as Json;
      expect(definition.service_code).toBe('shirong-laji');
      const attributes = definition.attributes as Json[];
      expect(attributes.map((a) => [a.code, a.datatype, a.required])).toEqual([
        ['compound', 'singlevaluelist', true],
        ['title', 'string', false],
        ['confidential', 'singlevaluelist', false],
      ]);
      expect(attributes[0]!.values).toContainEqual({ key: 'xietu-hengyi', name: expect.stringContaining('恒益') });

      const doc = parseXml((await get('/open311/v2/services/shirong-laji.xml')).text);
      const xmlAttributes = asList(((doc.service_definition as Json).attributes as Json).attribute as Json[]);
      expect(xmlAttributes.map((a) => a.code)).toEqual(['compound', 'title', 'confidential']);
      expect(Object.keys(xmlAttributes[0]!)).toEqual([
        'variable',
        'code',
        'datatype',
        'required',
        'datatype_description',
        'order',
        'description',
        'values',
      ]);
      const values = asList((xmlAttributes[0]!.values as Json).value as Json[]);
      expect(values).toContainEqual({ key: 'xietu-hengyi', name: expect.stringContaining('恒益') });
    });

    it('no longer offers a disabled category or compound, and refuses requests for them', async () => {
      const ds = sut.app.get(DataSource);
      await ds.getRepository(Category).update({ code: 'shirong-lvhua' }, { disabled: true });
      await ds.getRepository(Compound).update({ code: 'xietu-hengyi' }, { disabled: true });
      try {
        const services = JSON.parse((await get('/open311/v2/services.json')).text) as Json[];
        expect(services.map((s) => s.service_code)).not.toContain('shirong-lvhua');
        expect(services.map((s) => s.service_code)).toContain('shirong-laji');
        expectJsonError(await get('/open311/v2/services/shirong-lvhua.json'), 404);
        const definition = JSON.parse((await get('/open311/v2/services/shirong-laji.json')).text) as Json;
        const compounds = ((definition.attributes as Json[])[0]!.values as Json[]).map((v) => v.key);
        expect(compounds).not.toContain('xietu-hengyi');
        expect(compounds.length).toBeGreaterThan(0);
        const before = await snapshot(sut.app);
        expectJsonError(await postForm('json', report({ service_code: 'shirong-lvhua', 'attribute[compound]': 'xietu-rihuiliucun' })), 404);
        expectJsonError(await postForm('json', report()), 400);
        expect(await snapshot(sut.app)).toEqual(before);
      } finally {
        await ds.getRepository(Category).update({ code: 'shirong-lvhua' }, { disabled: false });
        await ds.getRepository(Compound).update({ code: 'xietu-hengyi' }, { disabled: false });
      }
    });
  });

  describe('filing and following a request', () => {
    it('files a form-encoded request in JSON as a normal concern and reads it back, the phone never shown', async () => {
      const res = await postForm(
        'json',
        report({
          phone: '13812345678',
          first_name: '阿姨',
          last_name: '李',
          email: 'li@example.cn',
          media_url: 'https://partner.example.cn/media/1.jpg',
        }),
      );
      expect(res.status).toBe(201);
      const answer = JSON.parse(res.text) as Json[];
      expect(answer).toEqual([
        {
          service_request_id: expect.stringMatching(CONCERN_CODE_PATTERN),
          service_notice: expect.stringMatching(/受理/),
          account_id: null,
        },
      ]);
      const id = answer[0]!.service_request_id as string;

      const row = await concernRow(sut.app, await concernIdOf(id));
      expect(row).toMatchObject({
        source: 'open311',
        residentId: null,
        status: 'submitted',
        title: '恒益小区3号楼旁的垃圾房连续三天没有清运，气味很大。',
        phoneMasked: '138****5678',
        latitude: 31.1925,
        longitude: 121.4567,
      });
      const staffView = await call(sut.app, 'GET', `/api/v1/admin/concerns/${row.id}`, dispatcher);
      expect(staffView.body).toMatchObject({ source: 'open311', status: 'submitted' });

      const own = await readBack(id);
      expect(own).toEqual({
        service_request_id: id,
        status: 'open',
        status_notes: '待受理',
        service_name: '垃圾分类与清运',
        service_code: 'shirong-laji',
        description: '恒益小区3号楼旁的垃圾房连续三天没有清运，气味很大。',
        agency_responsible: null,
        service_notice: null,
        requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
        updated_datetime: expect.stringMatching(/\+08:00$/),
        expected_datetime: null,
        address: expect.stringContaining('恒益'),
        address_id: 'xietu-hengyi',
        zipcode: null,
        lat: 31.1925,
        long: 121.4567,
        media_url: 'https://partner.example.cn/media/1.jpg',
      });
      // The public and other partners get the summary: no description, coordinates or media.
      for (const key of [null, otherKey]) {
        expect(await readBack(id, key)).toMatchObject({ description: row.title, lat: null, long: null, media_url: null });
      }
      const everything = [res.text, JSON.stringify(own), (await get(`/open311/v2/requests.json?service_request_id=${id}`)).text].join();
      for (const secret of ['13812345678', '5678', 'li@example.cn', '阿姨']) expect(everything).not.toContain(secret);
    });

    it('files a request in XML by address_id and reads it back in XML with the specification’s element names', async () => {
      const res = await postForm('xml', {
        api_key: apiKey,
        service_code: 'wuye-tingche',
        address_id: 'xietu-hengyi',
        'attribute[title]': '夜间乱停车堵消防通道',
        description: '每天晚上九点后消防通道被私家车占满。',
      });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests><request>')).toBe(true);
      const filed = (parseXml(res.text).service_requests as Json).request as Json;
      expect(Object.keys(filed)).toEqual(['service_request_id', 'service_notice', 'account_id']);
      const id = filed.service_request_id as string;
      expect(id).toMatch(CONCERN_CODE_PATTERN);
      expect(await concernRow(sut.app, await concernIdOf(id))).toMatchObject({ title: '夜间乱停车堵消防通道', source: 'open311' });

      const read = await get(`/open311/v2/requests/${id}.xml?api_key=${apiKey}`);
      expect(read.status).toBe(200);
      const request = (parseXml(read.text).service_requests as Json).request as Json;
      expect(Object.keys(request)).toEqual(REQUEST_ELEMENTS);
      expect(request).toMatchObject({
        service_request_id: id,
        status: 'open',
        status_notes: '待受理',
        service_code: 'wuye-tingche',
        description: '每天晚上九点后消防通道被私家车占满。',
        address_id: 'xietu-hengyi',
        lat: '',
      });

      const token = await get(`/open311/v2/tokens/${id}.xml`);
      expect((parseXml(token.text).service_requests as Json).request).toEqual({ service_request_id: id, token: id });
    });

    it('shows the status change as staff accept, dispatch, sign, reply and publish, the reply only once approved', async () => {
      const id = await file();
      const concernId = await concernIdOf(id);
      const notes = async () => {
        const r = await readBack(id);
        return [r.status, r.status_notes];
      };
      await act(dispatcher, concernId, 'accept');
      expect(await notes()).toEqual(['open', '已受理']);
      await act(dispatcher, concernId, 'dispatch', { departmentId: guanliId });
      expect(await notes()).toEqual(['open', '已派单']);
      const dispatched = await readBack(id);
      expect(dispatched.agency_responsible).toBe('斜土社区管理办');
      expect(dispatched.expected_datetime).toMatch(/\+08:00$/);
      expect(Date.parse(dispatched.updated_datetime as string)).toBeGreaterThanOrEqual(Date.parse(dispatched.requested_datetime as string));
      await act(handler, concernId, 'sign');
      expect(await notes()).toEqual(['open', '办理中']);
      await act(handler, concernId, 'reply', { text: '已联系清运公司，今日完成清运。', internalNote: '清运公司电话已记录' });
      expect(await notes()).toEqual(['open', '已答复待审核']);
      await act(dispatcher, concernId, 'approve-reply');
      expect(await notes()).toEqual(['open', '待评价；已发布答复：已联系清运公司，今日完成清运。']);
      expect(JSON.stringify(await readBack(id, null))).not.toContain('清运公司电话');

      const rejected = await file({ description: '隔壁小区的垃圾房也很臭，请一并处理。' });
      await act(dispatcher, await concernIdOf(rejected), 'reject', { reason: '请向所在小区所属街道反映' });
      expect(await readBack(rejected)).toMatchObject({ status: 'closed', status_notes: '不予受理；理由：请向所在小区所属街道反映' });
    });

    it('searches by ids, service code, status and dates, a page at a time', async () => {
      const a = await file({ service_code: 'dianti-zixun', description: '加装电梯需要多少户同意？' });
      const b = await file({ service_code: 'dianti-zixun', description: '加装电梯的补贴怎么申请？' });
      const search = async (query: string) => {
        const res = await get(`/open311/v2/requests.json?${query}`);
        expect(res.status).toBe(200);
        return (JSON.parse(res.text) as Json[]).map((r) => r.service_request_id);
      };
      expect(await search(`service_request_id=${a},${b}`)).toEqual([b, a]);
      expect(await search('service_code=dianti-zixun')).toEqual([b, a]);
      expect(await search('service_code=dianti-zixun&page_size=1')).toEqual([b]);
      expect(await search('service_code=dianti-zixun&page_size=1&page=2')).toEqual([a]);
      expect(await search('service_code=dianti-zixun&status=closed')).toEqual([]);
      expect(await search('service_code=dianti-zixun&status=open')).toEqual([b, a]);
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      expect(await search(`service_code=dianti-zixun&start_date=${iso(now - 3_600_000)}&end_date=${iso(now + 3_600_000)}`)).toEqual([b, a]);
      expect(await search(`service_code=dianti-zixun&end_date=${iso(now - 86_400_000)}`)).toEqual([]);

      const doc = parseXml((await get(`/open311/v2/requests.xml?service_request_id=${a},${b}`)).text);
      const requests = asList((doc.service_requests as Json).request as Json[]);
      expect(requests.map((r) => r.service_request_id)).toEqual([b, a]);
      expect(Object.keys(requests[0]!)).toEqual(REQUEST_ELEMENTS);
    });

    it('keeps a confidential request to the partner that filed it', async () => {
      const id = await file({ 'attribute[confidential]': 'true', description: '楼上住户群租，人员进出复杂，请保密处理。' });
      expect((await concernRow(sut.app, await concernIdOf(id))).confidential).toBe(true);
      expect((await readBack(id)).description).toBe('楼上住户群租，人员进出复杂，请保密处理。');
      expectJsonError(await get(`/open311/v2/requests/${id}.json`), 404);
      expectJsonError(await get(`/open311/v2/requests/${id}.json?api_key=${otherKey}`), 404);
      expect((await get('/open311/v2/requests.json?page_size=200')).text).not.toContain(id);
      expect((await get(`/open311/v2/requests.json?page_size=200&api_key=${apiKey}`)).text).toContain(id);
    });
  });

  describe('errors in the specification’s shape', () => {
    it('refuses a request without an api_key, with an unknown key and with a revoked key (403), changing nothing', async () => {
      const revoked = await createKey('已停用的合作方');
      expect((await call(sut.app, 'DELETE', `/api/v1/admin/open311-keys/${revoked.id}`, admin)).status).toBe(200);
      const before = await snapshot(sut.app);
      const { api_key: _omitted, ...withoutKey } = report();
      expect(expectJsonError(await postForm('json', withoutKey), 403)).toMatch(/api_key/);
      expectJsonError(await postForm('json', report({ api_key: 'f'.repeat(64) })), 403);
      expectJsonError(await postForm('json', report({ api_key: 'not a key' })), 403);
      expect(expectJsonError(await postForm('json', report({ api_key: revoked.key })), 403)).toMatch(/吊销/);
      expectJsonError(await get(`/open311/v2/requests.json?api_key=${revoked.key}`), 403);
      expect(await snapshot(sut.app)).toEqual(before);
    });

    it('answers XML errors as <errors><error> with code and description', async () => {
      const { api_key: _omitted, ...withoutKey } = report();
      const res = await postForm('xml', withoutKey);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(parseXml(res.text)).toEqual({ errors: { error: { code: '403', description: expect.stringContaining('api_key') } } });
    });

    it.each([
      ['an unknown service_code', { service_code: 'no-such-service' }, 404],
      ['a parent category as service_code', { service_code: 'shirong' }, 404],
      ['no location', { lat: '', long: '' }, 400],
      ['two location forms', { address_string: '斜土路某弄' }, 400],
      ['lat without long', { long: '' }, 400],
      ['coordinates that are not numbers', { lat: 'north', long: 'east' }, 400],
      ['no compound', { 'attribute[compound]': '' }, 400],
      ['an unknown compound', { 'attribute[compound]': 'no-such-compound' }, 400],
      ['a description too short', { description: '臭' }, 400],
      ['a phone that is not a mobile number', { phone: '12345' }, 400],
      ['a media_url that is not http', { media_url: 'ftp://partner.example.cn/1.jpg' }, 400],
      ['a confidential flag that is not true or false', { 'attribute[confidential]': 'yes' }, 400],
    ])('refuses a request with %s, changing nothing', async (_case, overrides, status) => {
      const before = await snapshot(sut.app);
      expectJsonError(await postForm('json', report(overrides as Record<string, string>)), status);
      expect(await snapshot(sut.app)).toEqual(before);
    });

    it.each([
      ['a start_date that is not a date', 'start_date=yesterday', /start_date/],
      ['an end_date that is not a date', 'end_date=2026-13-45T00:00:00Z', /end_date/],
      ['a start_date after the end_date', 'start_date=2026-11-20T00:00:00Z&end_date=2026-11-01T00:00:00Z', /start_date/],
      ['a span over 90 days', 'start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z', /90/],
      ['an unknown status', 'status=pending', /status/],
      ['a page_size too large', 'page_size=5000', /page_size/],
    ])('refuses a search with %s (400)', async (_case, query, message) => {
      expect(expectJsonError(await get(`/open311/v2/requests.json?${query}`), 400)).toMatch(message);
    });

    it('accepts a span of exactly 90 days', async () => {
      expect((await get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-04-01T00:00:00Z')).status).toBe(200);
    });

    it('answers 404 for an unknown request, service definition, token and service_code filter', async () => {
      expectJsonError(await get('/open311/v2/requests/XH20260101-9999.json'), 404);
      expectJsonError(await get('/open311/v2/services/no-such-service.json'), 404);
      expectJsonError(await get('/open311/v2/tokens/XH20260101-9999.json'), 404);
      expectJsonError(await get('/open311/v2/requests.json?service_code=no-such-service'), 404);
      const res = await get('/open311/v2/requests/XH20260101-9999.xml');
      expect(res.status).toBe(404);
      expect(Object.keys(parseXml(res.text))).toEqual(['errors']);
    });

    it(`limits each key to ${OPEN311_REQUESTS_PER_MINUTE} requests a minute (429), other keys unaffected`, async () => {
      const busy = await createKey('批量导入的合作方');
      // Refused attempts count too; these are cheap, so the limit is reached quickly.
      for (let i = 0; i < OPEN311_REQUESTS_PER_MINUTE; i++) {
        expect((await postForm('json', report({ api_key: busy.key, lat: '', long: '' }))).status).toBe(400);
      }
      const before = await snapshot(sut.app);
      expect(expectJsonError(await postForm('json', report({ api_key: busy.key })), 429)).toMatch(/频繁/);
      expect(await snapshot(sut.app)).toEqual(before);
      expect((await postForm('json', report({ api_key: otherKey }))).status).toBe(201);
    });
  });

  describe('API keys', () => {
    it('are issued once, stored hashed, listed without the key, revoked, and audited', async () => {
      const issued = await createKey('徐汇融媒体中心');
      expect(issued.key).toMatch(/^[0-9a-f]{64}$/);
      const row = await sut.app.get(DataSource).getRepository(Open311Key).findOneByOrFail({ id: issued.id });
      expect(row.keyHash).toBe(createHash('sha256').update(issued.key).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(issued.key);

      const list = await call(sut.app, 'GET', '/api/v1/admin/open311-keys', admin);
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(issued.key);
      expect((list.body.items as Json[]).find((k) => k.id === issued.id)).toEqual({
        id: issued.id,
        partner: '徐汇融媒体中心',
        keyPrefix: issued.key.slice(0, 8),
        createdAt: expect.any(String),
        revokedAt: null,
      });

      const revoked = await call(sut.app, 'DELETE', `/api/v1/admin/open311-keys/${issued.id}`, admin);
      expect(revoked.body).toMatchObject({ id: issued.id, revokedAt: expect.any(String) });
      expect((await call(sut.app, 'DELETE', `/api/v1/admin/open311-keys/${issued.id}`, admin)).body).toEqual(revoked.body);
      const audit = await sut.app
        .get(DataSource)
        .getRepository(AuditLog)
        .find({ where: { targetType: 'open311_key', targetId: issued.id }, order: { id: 'ASC' } });
      expect(audit.map((a) => a.action)).toEqual(['open311.key.create', 'open311.key.revoke']);
    });

    it('are managed by the admin only', async () => {
      const routes: Array<['GET' | 'POST' | 'DELETE', string, Json?]> = [
        ['POST', '/api/v1/admin/open311-keys', { partner: '某合作方' }],
        ['GET', '/api/v1/admin/open311-keys'],
        ['DELETE', '/api/v1/admin/open311-keys/1'],
      ];
      for (const [method, url, payload] of routes) {
        expect((await call(sut.app, method, url, dispatcher, payload)).status).toBe(403);
        expect((await call(sut.app, method, url, null, payload)).status).toBe(401);
      }
      expect((await call(sut.app, 'DELETE', '/api/v1/admin/open311-keys/999999', admin)).status).toBe(404);
      expect((await call(sut.app, 'POST', '/api/v1/admin/open311-keys', admin, { partner: '' })).status).toBe(400);
    });
  });
});
