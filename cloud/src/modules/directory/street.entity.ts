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
}
