import type { DeadlineSettings } from '@manyi/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/column-types.js';

/** 时限设置: the one record of the district's deadline rules (no row: the defaults are in force). */
@Entity('deadline_settings')
export class DeadlineSettingsRow {
  /** Always 1: there is one record. */
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'simple-json' })
  settings: DeadlineSettings;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;

  @Column({ name: 'updated_by_id', type: 'int', nullable: true })
  updatedById: number | null;
}
