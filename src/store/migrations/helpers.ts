import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../db';

/** An auto-increment integer primary key, spelled the way each database wants it. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect, name = 'id') {
  return table.addColumn(name, 'integer', (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
  );
}

/** Epoch milliseconds: bigint in PostgreSQL, integer (64-bit) in SQLite. */
export const TS = 'bigint' as const;

export type AnyDb = Kysely<any>;
