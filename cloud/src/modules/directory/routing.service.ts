import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { Category } from './category.entity.js';
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
  constructor(
    @InjectRepository(RoutingRule) private readonly rules: Repository<RoutingRule>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
  ) {}

  async suggest(categoryId: number, streetId: number, compoundId: number): Promise<RoutingSuggestion | null> {
    const category = await this.categories.findOneBy({ id: categoryId });
    if (!category) return null;
    const lineage = category.parentId === null ? [category.id] : [category.id, category.parentId];
    // Disabled rules, and rules whose lead department is disabled, suggest nothing.
    const candidates = await this.rules.find({
      where: { categoryId: In(lineage), disabled: false, leadDepartment: { disabled: false } },
      relations: { leadDepartment: true },
    });
    const score = (rule: RoutingRule) => {
      if (rule.compoundId !== null && rule.compoundId !== compoundId) return -1;
      if (rule.streetId !== null && rule.streetId !== streetId) return -1;
      return (rule.compoundId !== null ? 4 : rule.streetId !== null ? 2 : 0) + (rule.categoryId === category.id ? 1 : 0);
    };
    const best = candidates
      .map((rule) => ({ rule, score: score(rule) }))
      .filter((c) => c.score >= 0)
      .sort((a, b) => b.score - a.score)[0];
    return best ? { leadDepartmentId: best.rule.leadDepartmentId, coHandlerIds: best.rule.coHandlerIds } : null;
  }
}
