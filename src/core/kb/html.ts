/**
 * Rich text of articles (pure): an allowlist sanitiser (sanitize-html) run on the server before
 * anything is stored, and the plain text the search index and snippets use.
 */
import sanitizeHtml from 'sanitize-html';

/** Own attachment URLs that an <img> may point at besides https. */
export const ATTACHMENT_URL_RE = /^\/api\/kb\/attachments\/\d+$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'blockquote',
    'pre',
    'code',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  transformTags: {
    img: (tagName, attribs) => {
      const src = attribs.src ?? '';
      const out: Record<string, string> = {};
      if (/^https:\/\//i.test(src) || ATTACHMENT_URL_RE.test(src)) out.src = src;
      for (const k of ['alt', 'width', 'height']) if (attribs[k] !== undefined) out[k] = attribs[k]!;
      return { tagName, attribs: out };
    },
    a: (tagName, attribs) => {
      const out: Record<string, string> = { rel: 'noopener noreferrer' };
      if (attribs.href !== undefined) out.href = attribs.href;
      if (attribs.title !== undefined) out.title = attribs.title;
      return { tagName, attribs: out };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Allowlist sanitising; an <img> keeps only an https source or one of our attachment URLs. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** Plain text of (sanitised) HTML: block ends become newlines, entities decoded. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<(br|hr)\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[2-4]|li|tr|blockquote|pre|table)>/gi, '\n')
    .replace(/<\/t[dh]>/gi, ' ');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'textarea', 'noscript'] });
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
