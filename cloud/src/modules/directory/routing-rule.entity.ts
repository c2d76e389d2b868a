import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Category } from './category.entity.js';
import { Compound } from './compound.entity.js';
import { Department } from './department.entity.js';
import { Street } from './street.entity.js';

/**
 * 派单规则: (category, street or compound) → lead department (主办) and co-handlers (协办). The most
 * specific rule wins: compound over street over district-wide, leaf category over its parent.
 */
@Entity('routing_rule')
@Index('idx_routing_rule_category', ['categoryId'])
export class RoutingRule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'category_id', type: 'int' })
  categoryId: number;

  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_routing_rule_category' })
  category?: Relation<Category>;

  /** Null: applies in every street. */
  @Column({ name: 'street_id', type: 'int', nullable: true })
  streetId: number | null;

  @ManyToOne(() => Street, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_routing_rule_street' })
  street?: Relation<Street> | null;

  /** Null: applies in every compound of the street. */
  @Column({ name: 'compound_id', type: 'int', nullable: true })
  compoundId: number | null;

  @ManyToOne(() => Compound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'compound_id', foreignKeyConstraintName: 'fk_routing_rule_compound' })
  compound?: Relation<Compound> | null;

  @Column({ name: 'lead_department_id', type: 'int' })
  leadDepartmentId: number;

  @ManyToOne(() => Department, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_department_id', foreignKeyConstraintName: 'fk_routing_rule_lead_department' })
  leadDepartment?: Relation<Department>;

  /** 协办部门 ids. */
  @Column({ name: 'co_handler_ids', type: 'simple-json' })
  coHandlerIds: number[];

  /** 停用: hidden from residents' pickers and from routing; what already refers to it keeps it. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;
}
