import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AdminDepartmentView, AdminStreetView } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import {
  CJK,
  call,
  concernAt,
  directoryIds,
  errorOf,
  staffSession,
  type Caller,
  type DirectoryIds,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { FakeRobotServer } from '../../testing/fake-robot-server.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.service.js';
import { AlertWebhookMessage } from './alert-webhook-message.entity.js';

/*
 * The 企业微信 group robot of a department or street (issue 18): its address kept in the directory as a
 * secret (masked in lists and the audit log, never logged), and every alert for that department or
 * street posted to it as markdown through the outbox — delivered once each, also after the robot was
 * down for a while, with the robot's errcode≠0 answers tried again.
 */
describe.each(TEST_DATABASES)('alerts to group robots on %s', (kind) => {
  let sut: TestApp;
  let robot: FakeRobotServer;
  let dispatcher: NotificationDispatcher;
  let ids: DirectoryIds;
  let admin: Caller;
  let crew: WalkCrew;
  let guanli: number;
  let guanliKey: string;

  beforeAll(async () => {
    robot = await FakeRobotServer.start();
    sut = await startTestApp(kind);
    dispatcher = sut.app.get(NotificationDispatcher);
    // The tests deliver themselves; the 5-second timer would race their assertions.
    await dispatcher.stop();
    ids = await directoryIds(sut.app);
    admin = await staffSession(sut.app, 'admin', 'admin');
    crew = {
      resident: await createResident(sut.app, '周阿姨'),
      dispatcher: await staffSession(sut.app, 'dispatcher.xietu', 'dispatcher', 'xietu'),
      handler: await staffSession(sut.app, 'handler.xietu-guanli', 'handler', 'xietu-guanli'),
      departmentId: ids.department('xietu-guanli'),
    };
    guanli = ids.department('xietu-guanli');
  });
  afterAll(async () => {
    await sut?.close();
    await robot?.stop();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const setRobot = async (url: string) => {
    const res = await call(sut.app, 'PATCH', `/api/v1/admin/directory/departments/${guanli}`, admin, { alertWebhookUrl: url });
    expect(res.status).toBe(200);
    return res.body as unknown as AdminDepartmentView;
  };
  /** A concern dispatched to 社区管理办: one 新派单 alert for its robot. */
  const dispatched = async (overrides = {}) => (await concernAt(sut.app, 'dispatched', crew, overrides)).code;
  const receivedFor = (code: string) => robot.received.filter((m) => m.content.includes(code));
  const pendingRows = () => sut.app.get(DataSource).getRepository(AlertWebhookMessage).findBy({ status: 'pending' });

  it('keeps the robot’s address as a secret: masked in the lists, not in the audit log nor the public directory', async () => {
    guanliKey = `key-${Date.now()}-guanli-secret`;
    const saved = await setRobot(robot.robotUrl(guanliKey));
    expect(saved.alertWebhook).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…\*\*\*\*cret$/);
    expect(JSON.stringify(saved)).not.toContain(guanliKey);
    const list = await call(sut.app, 'GET', '/api/v1/admin/directory/departments', admin);
    expect(list.text).not.toContain(guanliKey);
    expect((list.body.items as AdminDepartmentView[]).find((d) => d.id === guanli)?.alertWebhook).toBe(saved.alertWebhook);
    const audit = await sut.app.get(DataSource).getRepository(AuditLog).findBy({ targetType: 'department', targetId: guanli });
    expect(JSON.stringify(audit)).not.toContain(guanliKey);
    expect(audit.at(-1)?.detail).toMatchObject({ after: { alertWebhook: 'set' } });
    expect((await call(sut.app, 'GET', '/api/v1/departments', null)).text).not.toContain(guanliKey);
    const stored = await sut.app.get(DataSource).query('SELECT alert_webhook_encrypted AS e FROM department WHERE id = ?', [guanli]);
    expect(String(stored[0].e)).not.toContain(guanliKey);

    // A street's robot (its dispatchers' group) the same way; a bad address is refused in Chinese.
    const street = await call(sut.app, 'PATCH', `/api/v1/admin/directory/streets/${await streetId('xietu')}`, admin, {
      alertWebhookUrl: robot.robotUrl('key-street-xietu'),
    });
    expect((street.body as unknown as AdminStreetView).alertWebhook).toMatch(/\*\*\*\*ietu$/);
    const bad = await call(sut.app, 'PATCH', `/api/v1/admin/directory/departments/${guanli}`, admin, {
      alertWebhookUrl: 'qyapi.weixin.qq.com',
    });
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorOf(bad).message).toMatch(CJK);
  });

  it('posts each alert to the robot once as markdown, with the resident’s phone number masked', async () => {
    const code = await dispatched({ title: '13812345678 楼道堆物' });
    expect(await dispatcher.deliverRobotMessages()).toMatchObject({ delivered: 1, retrying: 0 });
    expect(await dispatcher.deliverRobotMessages()).toMatchObject({ delivered: 0 });
    const [message] = receivedFor(code);
    expect(receivedFor(code)).toHaveLength(1);
    expect(message).toMatchObject({ key: guanliKey, msgtype: 'markdown' });
    expect(message!.content).toContain('**【新派单】**');
    expect(message!.content).toContain('[电话] 楼道堆物');
    expect(message!.content).not.toContain('13812345678');
  });

  it('loses and repeats nothing while the robot is down: each alert arrives once after it is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    await robot.down();
    const codes = [await dispatched(), await dispatched()];
    let now = new Date();
    expect(await dispatcher.deliverRobotMessages(100, now)).toMatchObject({ delivered: 0, retrying: 2 });
    // Still down at the next attempt: they wait longer.
    now = new Date(Math.max(...(await pendingRows()).map((r) => r.nextAttemptAt!.getTime())));
    expect(await dispatcher.deliverRobotMessages(100, now)).toMatchObject({ delivered: 0, retrying: 2 });
    // Nothing is tried before its back-off is over.
    expect(await dispatcher.deliverRobotMessages(100, new Date(now.getTime() + 1000))).toMatchObject({ delivered: 0, retrying: 0 });

    await robot.up();
    now = new Date(Math.max(...(await pendingRows()).map((r) => r.nextAttemptAt!.getTime())));
    expect(await dispatcher.deliverRobotMessages(100, now)).toMatchObject({ delivered: 2, retrying: 0 });
    expect(await dispatcher.deliverRobotMessages(100, new Date(now.getTime() + 86_400_000))).toMatchObject({ delivered: 0 });
    for (const code of codes) expect(receivedFor(code)).toHaveLength(1);
    expect(await pendingRows()).toEqual([]);

    // The failures were logged, without the robot's address or key.
    const logged = JSON.stringify(warn.mock.calls, (_k, v: unknown) => (v instanceof Error ? v.message : v));
    expect(logged).toContain('group robot message send failed');
    expect(logged).toContain('group robot unreachable');
    expect(logged).not.toContain(guanliKey);
    expect(logged).not.toContain('/cgi-bin/webhook');
  });

  it('counts the robot’s errcode≠0 answers (too many messages) as failures to try again', async () => {
    robot.answerNext(45009);
    const code = await dispatched();
    expect(await dispatcher.deliverRobotMessages()).toMatchObject({ delivered: 0, retrying: 1 });
    expect(receivedFor(code)).toEqual([]);
    const [row] = await pendingRows();
    expect(row).toMatchObject({ attempts: 1 });
    expect(await dispatcher.deliverRobotMessages(100, row!.nextAttemptAt!)).toMatchObject({ delivered: 1 });
    expect(receivedFor(code)).toHaveLength(1);
  });

  it('drops what is waiting for a robot that is removed from the directory', async () => {
    const code = await dispatched();
    const cleared = await setRobot('');
    expect(cleared.alertWebhook).toBeNull();
    expect(await dispatcher.deliverRobotMessages()).toMatchObject({ delivered: 0, dropped: 1 });
    expect(receivedFor(code)).toEqual([]);
    // Without a robot, alerts are written for the staff only.
    await dispatched();
    expect(await pendingRows()).toEqual([]);
  });

  async function streetId(code: string): Promise<number> {
    const [row] = await sut.app.get(DataSource).query('SELECT id FROM street WHERE code = ?', [code]);
    return Number(row.id);
  }
});
