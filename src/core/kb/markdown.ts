/**
 * Markdown files with front matter (pure), for `callfloor kb import`: a small subset of Markdown
 * (headings, paragraphs, lists, bold/italic/code, links, block quotes, fenced code) to HTML. The
 * HTML is sanitised on the server like every article body.
 */
export interface FrontMatterDoc {
  meta: Record<string, string | string[]>;
  body: string;
}

export function parseFrontMatter(text: string): FrontMatterDoc {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(t);
  if (!m) return { meta: {}, body: t };
  const meta: Record<string, string | string[]> = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const v = kv[2]!.trim();
    const list = /^\[(.*)\]$/.exec(v);
    meta[kv[1]!] = list
      ? list[1]!
          .split(/[,，]/)
          .map((s) => s.trim().replace(/^["']|["']$/g, ''))
          .filter(Boolean)
      : v.replace(/^["']|["']$/g, '');
  }
  return { meta, body: t.slice(m[0].length) };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(s: string): string {
  return esc(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

export function markdownToHtml(md: string): string {
  const out: string[] = [];
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  let para: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
  const flush = () => {
    if (para.length) out.push(`<p>${para.map(inline).join('<br>')}</p>`);
    para = [];
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^```/.test(l)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]!); i++) code.push(lines[i]!);
      out.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
      continue;
    }
    const h = /^(#{1,4})\s+(.*)$/.exec(l);
    if (h) {
      flush();
      const level = Math.min(4, Math.max(2, h[1]!.length + 1));
      out.push(`<h${level}>${inline(h[2]!)}</h${level}>`);
      continue;
    }
    const li = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(l);
    if (li) {
      if (para.length) flush();
      const tag = li[1] ? 'ul' : 'ol';
      if (list && list.tag !== tag) flush();
      list ??= { tag, items: [] };
      list.items.push(li[3]!);
      continue;
    }
    const q = /^>\s?(.*)$/.exec(l);
    if (q) {
      flush();
      out.push(`<blockquote>${inline(q[1]!)}</blockquote>`);
      continue;
    }
    if (l.trim() === '') flush();
    else {
      if (list) flush();
      para.push(l.trim());
    }
  }
  flush();
  return out.join('\n');
}
