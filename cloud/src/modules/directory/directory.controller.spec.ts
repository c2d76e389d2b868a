import { TEST_DATABASES } from '../../testing/test-databases.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';

describe.each(TEST_DATABASES)('directory routes on %s', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind);
  });
  afterAll(async () => {
    await sut?.close();
  });

  const get = async (url: string) => {
    const res = await sut.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };

  it('reports health with the database kind and the calendar coverage', async () => {
    const health = await get('/api/v1/health');

    expect(health).toMatchObject({ status: 200, body: { status: 'ok', database: kind === 'sqlite' ? 'sqlite' : 'mysql' } });
    // The seeded calendar ends with the package's last year (2026); the working-calendar spec covers the rest.
    expect(Object.keys(health.body.calendar as object).sort()).toEqual(['coveredUntil', 'missingYears']);
  });

  it("lists all of Xuhui's streets and the town with pinyin codes, in a stable order", async () => {
    const { status, body } = await get('/api/v1/streets');
    expect(status).toBe(200);
    const items = body.items as Array<{ id: number; code: string; name: string; kind: string }>;
    expect(items.map((s) => s.code)).toEqual([
      'xujiahui',
      'xietu',
      'fenglin',
      'tianping',
      'hunan',
      'changqiao',
      'tianlin',
      'kangjian',
      'hongmei',
      'caohejing',
      'lingyun',
      'longhua',
      'huajing',
    ]);
    expect(items.find((s) => s.code === 'huajing')).toMatchObject({ name: '华泾镇', kind: 'town' });
    expect(items.every((s) => Number.isInteger(s.id) && s.name.length > 0)).toBe(true);
  });

  it('lists the compounds of a street, including the ones its news names', async () => {
    const { status, body } = await get('/api/v1/streets/xietu/compounds');
    expect(status).toBe(200);
    const names = (body.items as Array<{ name: string; streetCode: string }>).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['恒益', '交大新村', '日晖六村', '肇清', '江南新村']));
    expect((body.items as Array<{ streetCode: string }>).every((c) => c.streetCode === 'xietu')).toBe(true);
  });

  it('has several compounds in every street', async () => {
    const streets = (await get('/api/v1/streets')).body.items as Array<{ code: string }>;
    for (const street of streets) {
      const { body } = await get(`/api/v1/streets/${street.code}/compounds`);
      expect((body.items as unknown[]).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('answers an unknown street with 404 STREET_NOT_FOUND in the error envelope', async () => {
    const { status, body } = await get('/api/v1/streets/atlantis/compounds');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'STREET_NOT_FOUND', message: expect.stringContaining('atlantis') } });
  });

  it('answers a malformed street code with 400 VALIDATION_FAILED', async () => {
    const { status, body } = await get('/api/v1/streets/Robert%27);DROP/compounds');
    expect(status).toBe(400);
    expect((body.error as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('serves the category tree with a request type on every leaf and none on parents', async () => {
    const { body } = await get('/api/v1/categories');
    type Node = { code: string; name: string; requestType: string | null; children: Node[] };
    const roots = body.items as Node[];
    expect(roots.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        '市容环境',
        '物业管理',
        '加装电梯',
        '老旧小区改造',
        '群租',
        '噪音',
        '安全隐患',
        '养老服务',
        '交通出行',
        '营商',
        '其他',
      ]),
    );
    for (const root of roots) {
      expect(root.requestType).toBeNull();
      expect(root.children.length).toBeGreaterThan(0);
      for (const leaf of root.children) expect(['consultation', 'suggestion', 'help', 'complaint', 'complex']).toContain(leaf.requestType);
    }
  });

  it('lists street offices with their street and district units serving the whole district', async () => {
    const items = (await get('/api/v1/departments')).body.items as Array<{
      code: string;
      name: string;
      kind: string;
      streetCode: string | null;
    }>;
    expect(items.find((d) => d.code === 'xietu-guanli')).toMatchObject({
      name: '斜土社区管理办',
      kind: 'street_office',
      streetCode: 'xietu',
    });
    expect(items.find((d) => d.code === 'fangguanju')).toMatchObject({ name: '区房管局', kind: 'district_unit', streetCode: null });
    expect(items.find((d) => d.code === 'xietu-chengguan')).toMatchObject({
      name: '城管斜土中队',
      kind: 'district_unit',
      streetCode: 'xietu',
    });
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND in the error envelope', async () => {
    const { status, body } = await get('/api/v1/nothing-here');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: expect.any(String) } });
  });

  it('publishes the OpenAPI document with the directory routes', async () => {
    const { status, body } = await get('/api/docs/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths as object)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/streets',
        '/api/v1/streets/{code}/compounds',
        '/api/v1/categories',
        '/api/v1/departments',
      ]),
    );
  });
});
