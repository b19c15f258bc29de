/**
 * Knowledge-base search benchmark: index N synthetic Chinese articles (default 50,000, ~8 M
 * characters, generated deterministically) on SQLite and PostgreSQL, then time search-as-you-type
 * queries (1-, 2-, 3+-character, Traditional) through the same store function the API uses
 * (ids from FTS5/tsvector + visibility filter + count + ranking + highlighting), against a
 * baseline measured in the same run: the `LIKE '%x%'` scan over the article text.
 *
 *   node --import tsx bench/kb.ts            (KB_BENCH_N=5000 for a quick run;
 *                                             BENCH_DATABASE_URL for PostgreSQL, default the local test db)
 * Progress on stderr; one JSON line of figures on stdout.
 */
import { randomBytes } from 'node:crypto';
import { mulberry32 } from '../src/core/random';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { migrate, openStore, type Store } from '../src/store/db';
import { withSchemaLock } from '../src/store/testing';
import { createCenter } from '../src/store/org';
import { createCategory, searchArticles, type KbViewer } from '../src/store/kb/articles';
import { forgetTermCounts, indexKbArticle } from '../src/store/kb/search';
import { normaliseString } from '../src/core/kb/text';
import { SUGGEST_CANDIDATES, SUGGEST_COUNT_UP_TO } from '../src/services/kb/articles';

const N = Number(process.env.KB_BENCH_N ?? 50_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REPS = Number(process.env.KB_BENCH_REPS ?? 15);
/** Exactly what GET /api/kb/suggest does. */
const SUGGEST = { limit: 8, candidates: SUGGEST_CANDIDATES, countUpTo: SUGGEST_COUNT_UP_TO };

// ---- deterministic corpus -------------------------------------------------------------------
const rng = mulberry32;
const SUBJECTS = [
  '燃气费',
  '阶梯电价',
  '账单',
  '停气通知',
  '燃气表',
  '报修',
  '安装',
  '过户',
  '缴费',
  '发票',
  '积分',
  '宽带',
  '套餐',
  '流量',
  '话费',
  '后处理',
  '转接',
  '回访',
  '投诉',
  '满意度',
  '工单',
  '坐席',
  '值班经理',
  '疑难座席',
  '业务部门',
  '预存款',
  '滞纳金',
  '抄表',
  '点火',
  '安检',
];
const TRAD = ['賬單', '報修', '後處理', '轉接', '回訪', '投訴', '滿意度', '工單', '值班經理', '業務部門', '燃氣表', '繳費', '發票'];
const VERBS = ['查询', '办理', '变更', '取消', '核实', '解释', '处理', '受理', '登记', '反馈', '升级', '关闭'];
const FILL = [
  '客户来电询问',
  '请先核实身份信息',
  '根据公司规定',
  '如客户不认可',
  '可以告知客户',
  '需在系统中记录',
  '三个工作日内',
  '并做好安抚工作',
  '注意礼貌用语',
  '如遇特殊情况请联系班长',
  '按照标准流程',
  '不得向客户承诺',
  '同时提醒客户',
  '完成后进行回访',
];
const PUNCT = ['，', '。', '；', '：'];

function article(i: number): { title: string; body: string } {
  const r = rng(i * 7919 + 13);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const trad = r() < 0.15;
  const subj = trad ? pick(TRAD) : pick(SUBJECTS);
  const title = `${subj}${pick(VERBS)}${r() < 0.5 ? '说明' : '流程'}（${i}）`;
  let body = '';
  const target = 100 + Math.floor(r() * 120); // ~160 characters on average
  while (body.length < target) body += (r() < 0.35 ? (trad ? pick(TRAD) : pick(SUBJECTS)) + pick(VERBS) : pick(FILL)) + pick(PUNCT);
  return { title, body };
}

// ---- helpers --------------------------------------------------------------------------------
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const QUERIES: Record<string, string[]> = {
  '1char': ['费', '修', '账', '单'],
  '2char': ['停气', '转接', '发票', '过户'],
  '3+char': ['后处理', '阶梯电价', '值班经理', '燃气表安装'],
  traditional: ['後處理', '賬單', '報修', '滿意度'],
};

async function load(store: Store, label: string) {
  const db = store.db;
  const centerId = await createCenter(db, 'bench', 'Asia/Shanghai', 0);
  const cat = await createCategory(db, { centerId, parentId: null, name: '常见问题', module: 'faq' }, null, 0);
  let chars = 0;
  const t0 = Date.now();
  const BATCH = 500;
  for (let start = 0; start < N; start += BATCH) {
    await db.transaction().execute(async (tx) => {
      for (let i = start; i < Math.min(N, start + BATCH); i++) {
        const a = article(i);
        chars += a.title.length + a.body.length;
        const row = await tx
          .insertInto('kb_articles')
          .values({
            center_id: centerId,
            category_id: cat,
            title: a.title,
            title_norm: normaliseString(a.title),
            body_html: a.body,
            body_text: a.body,
            body_norm: normaliseString(a.body),
            published: 1,
            archived: 0,
            published_version: 1,
            latest_version: 1,
            restrict_roles: 0,
            restrict_teams: 0,
            created_by: 0,
            created_at: i,
            updated_at: i,
            published_at: i,
            views: i % 97,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await indexKbArticle(tx, store.dialect, row.id, a.title, a.body);
      }
    });
    if ((start / BATCH) % 10 === 0 || start + BATCH >= N)
      process.stderr.write(`\r[${label}] indexed ${Math.min(N, start + BATCH)}/${N} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  process.stderr.write('\n');
  if (store.dialect === 'postgres') await sql`ANALYZE`.execute(db);
  return { centerId, chars, indexSeconds: (Date.now() - t0) / 1000 };
}

async function measure(store: Store, label: string) {
  const { centerId, chars, indexSeconds } = await load(store, label);
  const viewer: KbViewer = { userId: 1, roles: ['agent'], teamIds: [1], editor: false };
  const out: Record<string, unknown> = { indexSeconds: r2(indexSeconds), chars };
  for (const [cls, qs] of Object.entries(QUERIES)) {
    const ours: number[] = [];
    const cold: number[] = [];
    const base: number[] = [];
    for (const q of qs) {
      const got = await searchArticles(store.db, store.dialect, centerId, q, viewer, SUGGEST); // warm-up
      for (let k = 0; k < REPS; k++) {
        ours.push(await time(() => searchArticles(store.db, store.dialect, centerId, q, viewer, SUGGEST)));
        // PostgreSQL: the same search when the process has not yet kept its terms' counts (one more round trip)
        forgetTermCounts(store.db);
        cold.push(await time(() => searchArticles(store.db, store.dialect, centerId, q, viewer, SUGGEST)));
        base.push(
          await time(() =>
            sql`SELECT id, title FROM kb_articles WHERE center_id = ${centerId} AND published = 1 AND (title LIKE ${'%' + q + '%'} OR body_text LIKE ${'%' + q + '%'}) ORDER BY views DESC LIMIT 8`.execute(
              store.db,
            ),
          ),
        );
      }
      process.stderr.write(`[${label}] ${cls} ${q}: ${got.total}${got.more ? '+' : ''} hits\n`);
    }
    out[cls] = {
      p50: r2(pct(ours, 50)),
      p99: r2(pct(ours, 99)),
      coldP50: r2(pct(cold, 50)),
      coldP99: r2(pct(cold, 99)),
      likeP50: r2(pct(base, 50)),
      likeP99: r2(pct(base, 99)),
      p50VsLike: r2(pct(ours, 50) / pct(base, 50)),
    };
  }
  return out;
}

async function main() {
  const results: Record<string, unknown> = { bench: 'kb', articles: N, reps: REPS };
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-kb-'));
  const lite = await openStore({ file: join(dir, 'kb.sqlite') });
  try {
    await migrate(lite);
    results.sqlite = await measure(lite, 'sqlite');
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const store = await openStore({ url: PG_URL, pgSchema: schema });
    try {
      // Kysely's migrator can trip over another schema's migration tables in a shared database: retry
      for (let k = 0; ; k++) {
        try {
          await withSchemaLock(() => migrate(store));
          break;
        } catch (e) {
          if (k >= 4) throw e;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      results.postgres = await measure(store, 'postgres');
    } finally {
      await store.close();
      await withSchemaLock(() => admin.query(`drop schema ${schema} cascade`));
    }
  } catch (e) {
    results.postgres = { skipped: (e as Error).message };
  } finally {
    await admin.end().catch(() => {});
  }
  console.log(JSON.stringify(results));
}

await main();
