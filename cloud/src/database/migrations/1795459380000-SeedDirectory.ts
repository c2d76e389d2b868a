import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertRows } from '../migration-helpers.js';
import { CATEGORIES, DISTRICT_UNITS, STREET_OFFICES, STREET_UNITS, STREETS } from '../seeds/directory-2026-11.js';

/** Inserts the directory snapshot: every database gets the same streets, compounds, departments, categories and routing rules. */
export class SeedDirectory1795459380000 implements MigrationInterface {
  name = 'SeedDirectory1795459380000';

  async up(q: QueryRunner): Promise<void> {
    const insert = (table: string, rows: Record<string, unknown>[]) => insertRows(q, table, rows);
    const idsByCode = async (table: string) => {
      const rows: Array<{ id: number; code: string }> = await q.query(`SELECT id, code FROM ${table}`);
      return new Map(rows.map((r) => [r.code, Number(r.id)]));
    };

    await insert(
      'street',
      STREETS.map((s, i) => ({ code: s.code, name: s.name, kind: s.kind, sort_order: i })),
    );
    const streetIds = await idsByCode('street');
    const streetId = (code: string) => streetIds.get(code)!;

    await insert(
      'compound',
      STREETS.flatMap((s) => s.compounds.map(([code, name]) => ({ code: `${s.code}-${code}`, name, street_id: streetId(s.code) }))),
    );

    await insert('department', [
      ...STREETS.flatMap((s) => [
        ...STREET_OFFICES.map(([suffix, name]) => ({
          code: `${s.code}-${suffix}`,
          name: `${s.short}${name}`,
          kind: 'street_office',
          street_id: streetId(s.code),
        })),
        ...STREET_UNITS.map(([prefix, name]) => ({
          code: `${s.code}-${prefix}`,
          name: name(s.short),
          kind: 'district_unit',
          street_id: streetId(s.code),
        })),
      ]),
      ...DISTRICT_UNITS.map(([code, name]) => ({ code, name, kind: 'district_unit', street_id: null })),
    ]);
    const departmentIds = await idsByCode('department');
    const districtUnitCodes = new Set(DISTRICT_UNITS.map(([code]) => code));
    /** A route names a district unit by code, or a street's own office or unit by its suffix. */
    const departmentFor = (streetCode: string, routeCode: string) =>
      departmentIds.get(districtUnitCodes.has(routeCode) ? routeCode : `${streetCode}-${routeCode}`)!;

    await insert(
      'category',
      CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, parent_id: null, request_type: null, sort_order: i })),
    );
    const parentIds = await idsByCode('category');
    await insert(
      'category',
      CATEGORIES.flatMap((c) =>
        c.children.map(([code, name, requestType], i) => ({
          code,
          name,
          parent_id: parentIds.get(c.code)!,
          request_type: requestType,
          sort_order: i,
        })),
      ),
    );

    // One rule per street and top-level category; a leaf without its own rule follows its parent's.
    await insert(
      'routing_rule',
      STREETS.flatMap((s) =>
        CATEGORIES.map((c) => ({
          category_id: parentIds.get(c.code)!,
          street_id: streetId(s.code),
          compound_id: null,
          lead_department_id: departmentFor(s.code, c.route.lead),
          co_handler_ids: JSON.stringify(c.route.coHandlers.map((code) => departmentFor(s.code, code))),
        })),
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM routing_rule');
    // Leaves before parents: the category tree references itself.
    await q.query('DELETE FROM category WHERE parent_id IS NOT NULL');
    for (const table of ['category', 'department', 'compound', 'street']) await q.query(`DELETE FROM ${table}`);
  }
}
