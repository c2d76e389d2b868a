import { Column, Index, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 街道 (or the one town, 镇) of Xuhui district. */
@Entity('street')
export class Street {
  @PrimaryGeneratedColumn()
  id: number;

  /** Pinyin code, e.g. `xietu`; stable, used in URLs and staff usernames. */
  @Index('uq_street_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'street' | 'town';

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  /** 停用: hidden from residents' pickers and from routing; what already refers to it keeps it. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** 企业微信群机器人 of its dispatchers' group: the address AES-256-GCM encrypted (FieldCipher) — it is a credential. */
  @Column({ name: 'alert_webhook_encrypted', type: 'varchar', length: 1024, nullable: true })
  alertWebhookEncrypted: string | null;

  /** The same address masked, what the directory lists show. */
  @Column({ name: 'alert_webhook_hint', type: 'varchar', length: 120, nullable: true })
  alertWebhookHint: string | null;
}
