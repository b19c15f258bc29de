import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';
import { pgTermFreqSchema } from '../kbSearchSql';

/**
 * PostgreSQL: passages per lexeme of the KB index, kept at indexing time (issue 16): search-as-you-type asks
 * how common each piece is, and a capped `count(*) … @@ q LIMIT n` over the GIN index was planned as a scan of
 * the whole passage table on common characters. SQLite keeps counting FTS5 hits up to a bound (its doclists
 * stream, so the count stops at the bound), so it has no such table.
 */
export default function kbTermFreq(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return;
      for (const s of pgTermFreqSchema()) await sql.raw(s).execute(db);
    },
    async down(db: AnyDb) {
      if (dialect === 'postgres') await sql.raw('DROP TABLE kb_term_freq').execute(db);
    },
  };
}
