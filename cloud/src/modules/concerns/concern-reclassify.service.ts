import { Injectable } from '@nestjs/common';
import {
  REQUEST_TYPE_RULES,
  type ReclassifyChange,
  type ReclassifyConcernInput,
  type ReclassifyResultView,
  type RequestType,
} from '@manyi/shared';
import { In, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../../common/actor.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { RoutingService, type RoutingSuggestion } from '../directory/routing.service.js';
import { Street } from '../directory/street.entity.js';
import { reclassifiedDeadlines } from './concern-clock.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import type { Concern } from './concern.entity.js';
import { mapConcernSummary } from './concerns.mapper.js';

/** What a reclassification moves: the ids as stored, and the deadlines that follow from them. */
interface Triage {
  categoryId: number;
  compoundId: number;
  streetId: number;
  requestType: RequestType;
  dueAt: Date | null;
  resolveDueAt: Date | null;
  suggestedDepartmentId: number | null;
}

/**
 * 更正分类: before dispatch, triage corrects the category, the compound (and with it the street: the
 * concern is handed over to that street's inbox) and the request type, with the deadlines they imply
 * recounted by the shared arithmetic (reclassifiedDeadlines) and the routing suggestion run again. One
 * workflow step: the state machine refuses it once a department holds the concern (return or re-dispatch
 * first), and its timeline event carries every old → new value, in words for the workbench and — for the
 * category and the place, which the resident chose — in the resident's timeline too.
 */
@Injectable()
export class ConcernReclassifyService {
  constructor(
    private readonly workflow: ConcernWorkflow,
    private readonly routing: RoutingService,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  async reclassify(actor: StaffActor, id: number, input: ReclassifyConcernInput, at?: Date): Promise<ReclassifyResultView> {
    const now = at ?? new Date();
    const rules = this.deadlines.rules();
    let handedOver = false;
    let suggestion: RoutingSuggestion | null = null;
    const concern = await this.workflow.step(
      id,
      actor,
      'reclassify',
      async (c, em) => {
        const before = await this.triageOf(c);
        const next = { categoryId: c.categoryId, compoundId: c.compoundId, streetId: c.streetId, requestType: c.requestType };
        if (input.categoryId !== undefined && input.categoryId !== c.categoryId) {
          // A disabled (停用) category can no longer be chosen, as at submit.
          const category = await em.findOneBy(Category, { id: input.categoryId, disabled: false });
          if (!category) throw new AppException('CATEGORY_NOT_FOUND');
          if (!category.requestType) throw new AppException('CATEGORY_NOT_LEAF');
          next.categoryId = category.id;
          next.requestType = category.requestType;
        }
        if (input.compoundId !== undefined && input.compoundId !== c.compoundId) {
          const compound = await em.findOneBy(Compound, { id: input.compoundId, disabled: false });
          if (!compound) throw new AppException('COMPOUND_NOT_FOUND');
          next.compoundId = compound.id;
          next.streetId = compound.streetId;
        }
        if (input.requestType !== undefined) next.requestType = input.requestType;
        if (next.categoryId === c.categoryId && next.compoundId === c.compoundId && next.requestType === c.requestType)
          throw new AppException('RECLASSIFY_UNCHANGED');

        handedOver = next.streetId !== c.streetId;
        Object.assign(c, reclassifiedDeadlines(c, { requestType: next.requestType, handedOver }, now, rules), next);
        const after = await this.triageOf(c);
        suggestion = after.suggestion;
        const names = await namesOf(em, before, after);
        const changes = describe(before, after, names);
        const visible = changes.filter((change) => change.field === 'category' || change.field === 'compound' || change.field === 'street');
        return {
          internalText: input.reason,
          publicText: visible.length
            ? `更正诉求信息：${visible.map((v) => `${FIELD_WORDS[v.field]}由「${v.from}」改为「${v.to}」`).join('；')}`
            : null,
          data: { changes, before: raw(before), after: raw(after), handedOver },
          // The audit record carries the same old → new values as the timeline.
          audit: { changes, handedOver, reason: input.reason },
        };
      },
      undefined,
      at,
    );
    // Assigned inside the step (TypeScript does not follow that): the routing rules' answer for the new triage.
    const suggested = suggestion as RoutingSuggestion | null;
    return {
      concern: mapConcernSummary(concern, rules.calendar, now),
      handedOver,
      suggestedDepartmentId: suggested?.leadDepartmentId ?? null,
      suggestedCoHandlerIds: suggested?.coHandlerIds ?? [],
    };
  }

  private async triageOf(c: Concern): Promise<Triage & { suggestion: RoutingSuggestion | null }> {
    const suggested = await this.routing.suggest(c.categoryId, c.streetId, c.compoundId);
    return {
      suggestion: suggested,
      categoryId: c.categoryId,
      compoundId: c.compoundId,
      streetId: c.streetId,
      requestType: c.requestType,
      dueAt: c.dueAt,
      resolveDueAt: c.resolveDueAt,
      suggestedDepartmentId: suggested?.leadDepartmentId ?? null,
    };
  }
}

/** How the resident's timeline words a change of what they chose. */
const FIELD_WORDS: Partial<Record<ReclassifyChange['field'], string>> = { category: '类别', compound: '小区', street: '承办街道' };

interface Names {
  category: Map<number, string>;
  compound: Map<number, string>;
  street: Map<number, string>;
  department: Map<number, string>;
}

async function namesOf(em: EntityManager, before: Triage, after: Triage): Promise<Names> {
  const ids = (a: number | null, b: number | null) => [...new Set([a, b].filter((v): v is number => v !== null))];
  const [categories, compounds, streets, departments] = await Promise.all([
    em.find(Category, { where: { id: In(ids(before.categoryId, after.categoryId)) }, relations: { parent: true } }),
    em.find(Compound, { where: { id: In(ids(before.compoundId, after.compoundId)) } }),
    em.find(Street, { where: { id: In(ids(before.streetId, after.streetId)) } }),
    em.find(Department, { where: { id: In(ids(before.suggestedDepartmentId, after.suggestedDepartmentId)) } }),
  ]);
  return {
    category: new Map(categories.map((c) => [c.id, c.parent ? `${c.parent.name} / ${c.name}` : c.name])),
    compound: new Map(compounds.map((c) => [c.id, c.name])),
    street: new Map(streets.map((s) => [s.id, s.name])),
    department: new Map(departments.map((d) => [d.id, d.name])),
  };
}

/** Every value that changed, old → new, in words (dates as ISO strings). */
function describe(before: Triage, after: Triage, names: Names): ReclassifyChange[] {
  const changes: ReclassifyChange[] = [];
  const push = (field: ReclassifyChange['field'], from: string | null, to: string | null) => {
    if (from !== to) changes.push({ field, from, to });
  };
  const name = (map: Map<number, string>, id: number | null) => (id === null ? null : (map.get(id) ?? `#${id}`));
  push('category', name(names.category, before.categoryId), name(names.category, after.categoryId));
  push('compound', name(names.compound, before.compoundId), name(names.compound, after.compoundId));
  push('street', name(names.street, before.streetId), name(names.street, after.streetId));
  push('requestType', REQUEST_TYPE_RULES[before.requestType].label, REQUEST_TYPE_RULES[after.requestType].label);
  push('dueAt', before.dueAt?.toISOString() ?? null, after.dueAt?.toISOString() ?? null);
  push('resolveDueAt', before.resolveDueAt?.toISOString() ?? null, after.resolveDueAt?.toISOString() ?? null);
  push('suggestedDepartment', name(names.department, before.suggestedDepartmentId), name(names.department, after.suggestedDepartmentId));
  return changes;
}

function raw(t: Triage): Record<string, unknown> {
  return {
    categoryId: t.categoryId,
    compoundId: t.compoundId,
    streetId: t.streetId,
    requestType: t.requestType,
    dueAt: t.dueAt?.toISOString() ?? null,
    resolveDueAt: t.resolveDueAt?.toISOString() ?? null,
    suggestedDepartmentId: t.suggestedDepartmentId,
  };
}
