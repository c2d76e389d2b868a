/** A resident reporting a concern through the API, as the mini-program does. */

import { randomUUID } from 'node:crypto';

import type { CategoryView, CompoundView } from '@manyi/shared';

import type { ApiCall, Json } from './api.js';

export interface ReportedConcern {
  id: number;
  code: string;
  residentToken: string;
}

/** A resident signed in by preview login (the h5 build's development login). */
export async function previewResident(api: ApiCall, nickname: string): Promise<string> {
  const login = await api('POST', '/auth/preview/login', undefined, { nickname });
  expect(login.status).toBe(200);
  return login.body.token as string;
}

/**
 * The resident reports in 斜土路街道's first compound under 垃圾分类与清运, which the demo directory
 * routes to 斜土社区管理办 (the demo handler's department).
 */
export async function reportConcern(
  api: ApiCall,
  residentToken: string,
  fields: { title: string; description: string } & Json,
): Promise<ReportedConcern> {
  const compounds = (await api('GET', '/streets/xietu/compounds')).body.items as CompoundView[];
  const leaves = ((await api('GET', '/categories')).body.items as CategoryView[]).flatMap((c) => c.children);
  const category = leaves.find((c) => c.code === 'shirong-laji');
  if (!category) throw new Error('the demo directory has no category shirong-laji');
  const created = await api(
    'POST',
    '/concerns',
    residentToken,
    { categoryId: category.id, compoundId: compounds[0]!.id, ...fields },
    { 'idempotency-key': randomUUID() },
  );
  expect(created.status).toBe(201);
  return { id: created.body.id as number, code: created.body.code as string, residentToken };
}
