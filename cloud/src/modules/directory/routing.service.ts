import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { entityRows, readRaw } from '../../database/plain-rows.js';
import { RoutingRule } from './routing-rule.entity.js';

export interface RoutingSuggestion {
  leadDepartmentId: number;
  coHandlerIds: number[];
}

/**
 * 派单建议: the most specific routing rule for (category, street, compound) — compound over street over
 * district-wide, and the leaf category's own rule over its parent's.
 */
@Injectable()
export class RoutingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async suggest(categoryId: number, streetId: number, compoundId: number): Promise<RoutingSuggestion | null> {
    // Plain SQL: the staff detail asks for a suggestion on every open (plain-rows.ts).
    const em = this.dataSource.manager;
    const [category] = await readRaw<{ parent_id: number | null }>(em, 'SELECT c.parent_id AS parent_id FROM category c WHERE c.id = :id', {
      id: categoryId,
    });
    if (!category) return null;
    const lineage = category.parent_id === null ? [categoryId] : [categoryId, Number(category.parent_id)];
    // Disabled rules, and rules whose lead department is disabled, suggest nothing.
    const rules = entityRows(em, RoutingRule);
    const candidates = await rules.read(
      `SELECT ${rules.columns('r')} FROM routing_rule r JOIN department d ON d.id = r.lead_department_id
       WHERE r.category_id IN (:...lineage) AND r.disabled = 0 AND d.disabled = 0`,
      { lineage },
    );
    const score = (rule: RoutingRule) => {
      if (rule.compoundId !== null && rule.compoundId !== compoundId) return -1;
      if (rule.streetId !== null && rule.streetId !== streetId) return -1;
      return (rule.compoundId !== null ? 4 : rule.streetId !== null ? 2 : 0) + (rule.categoryId === categoryId ? 1 : 0);
    };
    const best = candidates
      .map((rule) => ({ rule, score: score(rule) }))
      .filter((c) => c.score >= 0)
      .sort((a, b) => b.score - a.score)[0];
    return best ? { leadDepartmentId: best.rule.leadDepartmentId, coHandlerIds: best.rule.coHandlerIds } : null;
  }
}
