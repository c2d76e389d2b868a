import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/**
 * Plain rows, mapped once (issue 23): the hottest reads — the two concern details — run SQL written by
 * hand and turn each row into the entity the way TypeORM's own find() does, column by column through the
 * driver's `prepareHydratedValue` (so SQLite's date text and MariaDB's DATETIME both come back as a Date,
 * a tinyint as a boolean, simple-json parsed, transformers applied). What it leaves out is find()'s
 * query building on every call — alias replacement over the whole SQL, the escaped column selects,
 * parameter expansion — which topped the details' CPU profiles (about a quarter of the service's CPU).
 *
 * SQL takes `:name` parameters and `:...name` for a list (TypeORM's own spelling), turned into `?`
 * once per SQL text; write column names as the database knows them (`c.concern_id`). Booleans are sent
 * as 1 and 0, which both databases store.
 */
export function entityRows<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>): EntityRows<T> {
  return new EntityRows(em, shapeOf(em.connection, entity));
}

export class EntityRows<T extends ObjectLiteral> {
  constructor(
    private readonly em: EntityManager,
    private readonly shape: EntityShape,
  ) {}

  /** The select list of the entity's columns (all that find() reads, or the named ones) under `alias`. */
  columns(alias: string, only?: ReadonlyArray<keyof T & string>): string {
    return this.shape.selectList(alias, only);
  }

  /** The rows `sql` reads, as entities; within the manager's transaction when it has one. */
  async read(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const { text, values } = compiled(sql).bind(params);
    const raw = (await this.em.query(text, values)) as Array<Record<string, unknown>>;
    return raw.map((row) => this.shape.hydrate(row) as T);
  }

  async readOne(sql: string, params: Record<string, unknown> = {}): Promise<T | null> {
    return (await this.read(sql, params))[0] ?? null;
  }
}

/** Raw values `sql` reads (counts, single columns), with the same parameters as EntityRows.read. */
export async function readRaw<R extends Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: Record<string, unknown> = {},
): Promise<R[]> {
  const { text, values } = compiled(sql).bind(params);
  return (await em.query(text, values)) as R[];
}

/** What is worked out once per entity and database: its columns, escaped names and hydration. */
class EntityShape {
  private readonly columns: ColumnMetadata[];
  private readonly byName: Map<string, ColumnMetadata>;
  private readonly lists = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly metadata: EntityMetadata,
  ) {
    // find()'s own choice (SelectQueryBuilder.buildEscapedEntityColumnSelects): selectable, not relation-only.
    this.columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
    this.byName = new Map(this.columns.map((c) => [c.databaseName, c]));
  }

  selectList(alias: string, only?: readonly string[]): string {
    const key = only ? `${alias}:${only.join(',')}` : alias;
    let list = this.lists.get(key);
    if (list === undefined) {
      const columns = only
        ? only.map((name) => {
            const column = this.columns.find((c) => c.propertyName === name);
            if (!column) throw new Error(`${this.metadata.name} has no column ${name}`);
            return column;
          })
        : this.columns;
      const escape = (name: string) => this.dataSource.driver.escape(name);
      list = columns.map((c) => `${escape(alias)}.${escape(c.databaseName)} AS ${escape(c.databaseName)}`).join(', ');
      this.lists.set(key, list);
    }
    return list;
  }

  hydrate(row: Record<string, unknown>): ObjectLiteral {
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
    for (const key in row) {
      const column = this.byName.get(key);
      if (column) column.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(row[key], column));
    }
    return entity;
  }
}

const shapes = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntityShape>>();

function shapeOf(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): EntityShape {
  let byEntity = shapes.get(dataSource);
  if (!byEntity) shapes.set(dataSource, (byEntity = new Map()));
  let shape = byEntity.get(entity);
  if (!shape) byEntity.set(entity, (shape = new EntityShape(dataSource, dataSource.getMetadata(entity))));
  return shape;
}

/** SQL with `:name` / `:...name` parameters, split once into text and the parameters' order. */
class CompiledSql {
  private readonly parts: string[] = [];
  private readonly names: Array<{ name: string; list: boolean }> = [];

  constructor(sql: string) {
    // A parameter is `:` then a name, not `::` (a cast) and not inside a quoted string literal.
    const pattern = /'(?:[^']|'')*'|(?<!:):(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g;
    let last = 0;
    for (const match of sql.matchAll(pattern)) {
      if (match[2] === undefined) continue;
      this.parts.push(sql.slice(last, match.index));
      this.names.push({ name: match[2], list: match[1] !== undefined });
      last = match.index + match[0].length;
    }
    this.parts.push(sql.slice(last));
  }

  bind(params: Record<string, unknown>): { text: string; values: unknown[] } {
    let text = this.parts[0]!;
    const values: unknown[] = [];
    this.names.forEach(({ name, list }, i) => {
      if (!(name in params)) throw new Error(`SQL parameter :${name} has no value`);
      const value = params[name];
      if (list) {
        if (!Array.isArray(value) || value.length === 0) throw new Error(`SQL parameter :...${name} needs a non-empty list`);
        text += value.map(() => '?').join(', ');
        values.push(...value.map(sqlValue));
      } else {
        text += '?';
        values.push(sqlValue(value));
      }
      text += this.parts[i + 1]!;
    });
    return { text, values };
  }
}

const sqlValue = (value: unknown): unknown => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

const compiledCache = new Map<string, CompiledSql>();

function compiled(sql: string): CompiledSql {
  let c = compiledCache.get(sql);
  if (!c) {
    // The SQL texts are the code's own, a few dozen; the bound keeps a mistake from growing it without end.
    if (compiledCache.size > 1000) compiledCache.clear();
    compiledCache.set(sql, (c = new CompiledSql(sql)));
  }
  return c;
}
