import type { CalendarSource } from '@manyi/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/column-types.js';

/** A year of the working calendar that has been entered (published); a year without a row is missing. */
@Entity('calendar_year')
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 10 })
  source: CalendarSource;

  /** Null for the seed the first migration wrote. */
  @Column({ name: 'updated_at', ...DATETIME, nullable: true })
  updatedAt: Date | null;

  @Column({ name: 'updated_by_id', type: 'int', nullable: true })
  updatedById: number | null;
}
