import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RobotMarkdownMessage } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import type { AlertWebhookMessage } from './alert-webhook-message.entity.js';

/** How long a group robot may take to answer before the send counts as failed. */
export const ROBOT_TIMEOUT_MS = 10_000;

/** The department or street no longer has a group robot: there is nobody to post to, and the message is dropped. */
export class RobotRemovedError extends Error {
  override name = 'RobotRemovedError';
}

/**
 * Posts one outbox message to its department's or street's 企业微信 group robot: `POST` of
 * `{"msgtype":"markdown","markdown":{"content":…}}` to the robot's address, read (and decrypted) at
 * send time. Resolving means delivered; anything else — unreachable, an HTTP error, an answer that
 * is not JSON, or WeChat Work's `errcode` other than 0 (a wrong key, the 20-a-minute limit) — throws,
 * and the dispatcher tries again after its back-off. The address is a credential: no error message or
 * log line carries it.
 */
@Injectable()
export class AlertWebhookSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async send(message: Pick<AlertWebhookMessage, 'targetKind' | 'targetId' | 'content'>): Promise<void> {
    const entity = message.targetKind === 'department' ? Department : Street;
    const target = await this.dataSource
      .getRepository<Department | Street>(entity)
      .findOne({ where: { id: message.targetId }, select: { id: true, alertWebhookEncrypted: true } });
    if (!target?.alertWebhookEncrypted) throw new RobotRemovedError(`${message.targetKind} ${message.targetId} has no group robot`);
    const url = this.cipher.decrypt(target.alertWebhookEncrypted);
    const payload: RobotMarkdownMessage = { msgtype: 'markdown', markdown: { content: message.content } };
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(ROBOT_TIMEOUT_MS),
      });
    } catch (error) {
      // The cause would name the address: only its kind is kept.
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new Error(`group robot unreachable (${cause})`);
    }
    if (!res.ok) throw new Error(`group robot answered HTTP ${res.status}`);
    let body: { errcode?: unknown };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new Error('group robot answered without JSON');
    }
    if (body.errcode !== 0) throw new Error(`group robot answered errcode ${String(body.errcode)}`);
  }
}
