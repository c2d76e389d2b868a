import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, foreignKey, idColumn, intColumn, isMysql, jsonTextColumn, uniqueIndex, varchar } from '../migration-helpers.js';

/** Streets, compounds, departments, the category tree and routing rules: the directory every database has. */
export class CreateDirectory1795459200000 implements MigrationInterface {
  name = 'CreateDirectory1795459200000';

  async up(q: QueryRunner): Promise<void> {
    if (isMysql(q)) {
      // New tables inherit this; each table is also converted explicitly in createTable.
      await q.query('ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }
    await createTable(
      q,
      new Table({
        name: 'street',
        columns: [idColumn(q), varchar('code', 40), varchar('name', 40), varchar('kind', 10), intColumn('sort_order', { default: 0 })],
        indices: [uniqueIndex('uq_street_code', 'code')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'compound',
        columns: [idColumn(q), varchar('code', 60), varchar('name', 60), intColumn('street_id')],
        indices: [uniqueIndex('uq_compound_code', 'code'), { name: 'idx_compound_street', columnNames: ['street_id'] }],
        foreignKeys: [foreignKey('fk_compound_street', 'street_id', 'street', 'RESTRICT')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'department',
        columns: [idColumn(q), varchar('code', 60), varchar('name', 60), varchar('kind', 20), intColumn('street_id', { isNullable: true })],
        indices: [uniqueIndex('uq_department_code', 'code'), { name: 'idx_department_street', columnNames: ['street_id'] }],
        foreignKeys: [foreignKey('fk_department_street', 'street_id', 'street', 'RESTRICT')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'category',
        columns: [
          idColumn(q),
          varchar('code', 60),
          varchar('name', 40),
          intColumn('parent_id', { isNullable: true }),
          varchar('request_type', 20, { isNullable: true }),
          intColumn('sort_order', { default: 0 }),
        ],
        indices: [uniqueIndex('uq_category_code', 'code'), { name: 'idx_category_parent', columnNames: ['parent_id'] }],
        foreignKeys: [foreignKey('fk_category_parent', 'parent_id', 'category', 'RESTRICT')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'routing_rule',
        columns: [
          idColumn(q),
          intColumn('category_id'),
          intColumn('street_id', { isNullable: true }),
          intColumn('compound_id', { isNullable: true }),
          intColumn('lead_department_id'),
          jsonTextColumn('co_handler_ids'),
        ],
        indices: [{ name: 'idx_routing_rule_category', columnNames: ['category_id'] }],
        foreignKeys: [
          foreignKey('fk_routing_rule_category', 'category_id', 'category', 'CASCADE'),
          foreignKey('fk_routing_rule_street', 'street_id', 'street', 'CASCADE'),
          foreignKey('fk_routing_rule_compound', 'compound_id', 'compound', 'CASCADE'),
          foreignKey('fk_routing_rule_lead_department', 'lead_department_id', 'department', 'CASCADE'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['routing_rule', 'category', 'department', 'compound', 'street']) await q.dropTable(table);
  }
}
