import type { Command } from 'commander';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROLES } from '../../core/roles';
import { markdownToHtml, parseFrontMatter } from '../../core/kb/markdown';
import { listUsers } from '../../store/org';
import { searchArticles } from '../../store/kb/articles';
import { importArticle, isModule } from '../../store/kb/import';
import { cliActor, openMigratedStore } from '../options';

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (/\.(md|markdown)$/i.test(name)) out.push(p);
  }
  return out;
}

export function registerKb(program: Command) {
  const kb = program.command('kb').description('knowledge base: import Markdown, search');
  kb.command('import')
    .description('import Markdown files (front matter: title, category "父/子", tags [a, b], module product|faq|process|script)')
    .argument('<dir>', 'folder with .md files (searched recursively)')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option('--as <username>', "author (default: the center's first admin)")
    .option('--center <id>', 'the center (required when the database has several)')
    .option('--publish', 'publish at once instead of sending each article to review', false)
    .action(async (dir: string, o) => {
      const store = await openMigratedStore(o.db);
      try {
        const center = { id: (await cliActor(store, o.center)).scope.centerId };
        if (!center.id) throw new Error('no center yet: create a user first (callfloor users create)');
        // the author is one of the center's users (an administrator without a center too)
        const users = (await listUsers(store.db)).filter((u) => u.center_id === center.id || u.center_id === null);
        const author = o.as ? users.find((u) => u.username === o.as) : users.find((u) => u.roles.includes('admin'));
        if (!author) throw new Error(o.as ? `--as: no user ${o.as}` : 'no admin user to author the articles; pass --as');
        const files = markdownFiles(dir);
        if (files.length === 0) throw new Error(`${dir}: no .md files`);
        // check every file first, so a bad one stops the import before anything is saved
        const docs = files.map((f) => {
          const { meta, body } = parseFrontMatter(readFileSync(f, 'utf8'));
          const rel = relative(dir, f);
          const title = typeof meta.title === 'string' ? meta.title : '';
          const category = typeof meta.category === 'string' ? meta.category : '';
          const module = typeof meta.module === 'string' ? meta.module : 'faq';
          if (!title) throw new Error(`${rel}: front matter has no title`);
          if (!category) throw new Error(`${rel}: front matter has no category`);
          if (!isModule(module)) throw new Error(`${rel}: module "${module}" is not one of product, faq, process, script`);
          const tags = Array.isArray(meta.tags) ? meta.tags : typeof meta.tags === 'string' && meta.tags ? meta.tags.split(/[,，]/).map((s) => s.trim()) : [];
          return { rel, title, category, module, tags, html: markdownToHtml(body) };
        });
        const now = Date.now();
        for (const d of docs) {
          const id = await importArticle(store.db, store.dialect, center.id, d, author.id, now, !!o.publish);
          console.error(`${d.rel} → article ${id}`);
        }
        console.log(`imported ${docs.length} article(s) ${o.publish ? 'published' : 'into the review queue'}`);
      } finally {
        await store.close();
      }
    });
  kb.command('search')
    .description('search published articles; prints ranked hits')
    .argument('<query>', 'search text (Simplified or Traditional; spaces mean AND)')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option('--limit <n>', 'hits to print', '10')
    .option('--center <id>', 'the center (required when the database has several)')
    .option('--json', 'print JSON', false)
    .action(async (query: string, o) => {
      const store = await openMigratedStore(o.db);
      try {
        const center = { id: (await cliActor(store, o.center)).scope.centerId };
        if (!center.id) throw new Error('no center yet');
        const r = await searchArticles(
          store.db,
          store.dialect,
          center.id,
          query,
          { userId: 0, roles: ROLES, teamIds: null, editor: false },
          { limit: Number(o.limit) },
        );
        if (o.json) {
          console.log(
            JSON.stringify({
              query: r.query,
              total: r.total,
              hits: r.hits.map((h) => ({
                id: h.id,
                title: h.title.map((s) => s.text).join(''),
                titleHits: h.titleHits,
                bodyHits: h.bodyHits,
                snippet: h.snippet.segments.map((s) => s.text).join(''),
                segments: { title: h.title, snippet: h.snippet.segments },
              })),
            }),
          );
        } else {
          console.log(`${r.total} article(s) match "${query}"`);
          const mark = (segs: { text: string; hit: boolean }[]) => segs.map((s) => (s.hit ? `【${s.text}】` : s.text)).join('');
          for (const h of r.hits)
            console.log(
              `#${h.id}  ${mark(h.title)}\n    ${h.snippet.cutStart ? '…' : ''}${mark(h.snippet.segments).replace(/\s+/g, ' ')}${h.snippet.cutEnd ? '…' : ''}`,
            );
        }
      } finally {
        await store.close();
      }
    });
}
