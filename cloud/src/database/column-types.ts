/**
 * Column shapes that mean the same on SQLite and MariaDB, used by entities and migrations alike so
 * that the two never drift (see database/schema.spec.ts).
 */
export const DATETIME = { type: 'datetime', precision: 3 } as const;

/**
 * `created_at` / `updated_at`: TypeORM's MySQL driver always defaults them to CURRENT_TIMESTAMP(6),
 * and MariaDB wants the column's precision to match its default's.
 */
export const AUTO_TIMESTAMP = { type: 'datetime', precision: 6 } as const;
