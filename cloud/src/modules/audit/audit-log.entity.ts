import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AUTO_TIMESTAMP } from '../../database/column-types.js';

/** 审计日志: every staff write and every reveal of personal data, with who, what and when (kept ≥ 6 months). */
@Entity('audit_log')
@Index('idx_audit_log_target', ['targetType', 'targetId'])
@Index('idx_audit_log_actor', ['actorKind', 'actorId', 'id'])
@Index('idx_audit_log_action', ['action', 'id'])
@Index('idx_audit_log_created', ['createdAt'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'actor_kind', type: 'varchar', length: 20 })
  actorKind: 'staff' | 'resident' | 'system';

  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 30 })
  targetType: string;

  @Column({ name: 'target_id', type: 'int', nullable: true })
  targetId: number | null;

  @Column({ type: 'simple-json', nullable: true })
  detail: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
