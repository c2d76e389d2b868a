import type { CalendarDayKind } from '@manyi/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 工作日历: one dated exception to Monday–Friday — a holiday (放假) or a make-up working day (调休上班). */
@Entity('calendar_day')
@Index('idx_calendar_day_year', ['year'])
export class CalendarDayRow {
  /** Shanghai date, YYYY-MM-DD. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 10 })
  kind: CalendarDayKind;

  /** The holiday it belongs to (春节 …). */
  @Column({ type: 'varchar', length: 40 })
  name: string;
}
