import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, sanitizeArticleHtml } from './html';

test('sanitiser: scripts, event handlers and javascript: URLs are gone; the allowlist stays', () => {
  assert.equal(sanitizeArticleHtml('<p onclick="x()">话术<script>alert(1)</script></p>'), '<p>话术</p>');
  assert.equal(sanitizeArticleHtml('<img src="x" onerror="alert(1)">'), '');
  assert.equal(sanitizeArticleHtml('<a href="JaVaScRiPt:alert(1)">x</a>'), '<a rel="noopener noreferrer">x</a>');
  assert.equal(sanitizeArticleHtml('<a href="//evil.example">x</a>'), '<a rel="noopener noreferrer">x</a>');
  assert.equal(
    sanitizeArticleHtml('<a href="https://x.cn" target="_blank" title="t">x</a>'),
    '<a rel="noopener noreferrer" href="https://x.cn" title="t">x</a>',
  );
  assert.equal(sanitizeArticleHtml('<a href="tel:95598">x</a>'), '<a rel="noopener noreferrer" href="tel:95598">x</a>');
  assert.equal(sanitizeArticleHtml('<img src="http://x.cn/a.png">'), '');
  assert.equal(sanitizeArticleHtml('<img src="https://x.cn/a.png" width="10" style="a">'), '<img src="https://x.cn/a.png" width="10" />');
  assert.equal(sanitizeArticleHtml('<img src="/api/kb/attachments/12" alt="图">'), '<img src="/api/kb/attachments/12" alt="图" />');
  assert.equal(sanitizeArticleHtml('<table><tr><td colspan="2" style="c">a</td></tr></table>'), '<table><tr><td colspan="2">a</td></tr></table>');
  assert.equal(sanitizeArticleHtml('<iframe src="https://x"></iframe><h1>大</h1><h2>小</h2>'), '大<h2>小</h2>');
  assert.equal(sanitizeArticleHtml('<svg><script>alert(1)</script></svg><style>p{}</style>'), '');
});

test('htmlToText: block ends become newlines, entities decoded', () => {
  assert.equal(htmlToText('<p>甲&amp;乙</p><p>丙<br>丁</p><table><tr><td>a</td><td>b</td></tr></table>'), '甲&乙\n丙\n丁\na b');
});

test("sanitiser: the editor's (TipTap) output passes as it is; a script or handler pasted into it does not", () => {
  // what TipTap 3 with StarterKit emits: paragraphs in list items, h2/h3, marks, links with target and rel
  const tiptap =
    '<h2>停电报修</h2><p>受理时先核实<strong>户号</strong>与<em>地址</em>，<u>不要</u>承诺时间<br>（见<a target="_blank" rel="noopener noreferrer nofollow" href="https://95598.cn">公告</a>）</p>' +
    '<h3>步骤</h3><ul><li><p>查询停电公告</p></li></ul><ol><li><p>登记派工单</p></li></ol>';
  assert.equal(
    sanitizeArticleHtml(tiptap),
    '<h2>停电报修</h2><p>受理时先核实<strong>户号</strong>与<em>地址</em>，<u>不要</u>承诺时间<br />（见<a rel="noopener noreferrer" href="https://95598.cn">公告</a>）</p>' +
      '<h3>步骤</h3><ul><li><p>查询停电公告</p></li></ul><ol><li><p>登记派工单</p></li></ol>',
  );
  const pasted =
    '<ul><li><p>查询<img src="x" onerror="alert(1)">公告<script>fetch("/api/users")</script></p></li></ul><p onmouseover="x()"><strong onclick="y()">注意</strong></p>';
  assert.equal(sanitizeArticleHtml(pasted), '<ul><li><p>查询公告</p></li></ul><p><strong>注意</strong></p>');
});
