import type { DepartmentKind } from '@manyi/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Street } from './street.entity.js';

/** 部门: a street office (社区管理办 …) or a district unit (区房管局, 城管中队 …). */
@Entity('department')
export class Department {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_department_code', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: DepartmentKind;

  /** The street it belongs to or serves; null for a unit that serves the whole district. */
  @Index('idx_department_street')
  @Column({ name: 'street_id', type: 'int', nullable: true })
  streetId: number | null;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_department_street' })
  street?: Relation<Street> | null;

  /** 停用: hidden from residents' pickers and from routing; what already refers to it keeps it. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** 企业微信群机器人 of its handlers' group: the address AES-256-GCM encrypted (FieldCipher) — it is a credential. */
  @Column({ name: 'alert_webhook_encrypted', type: 'varchar', length: 1024, nullable: true })
  alertWebhookEncrypted: string | null;

  /** The same address masked, what the directory lists show. */
  @Column({ name: 'alert_webhook_hint', type: 'varchar', length: 120, nullable: true })
  alertWebhookHint: string | null;
}
