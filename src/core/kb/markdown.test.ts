import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToHtml, parseFrontMatter } from './markdown';

test('front matter: strings and [lists], Chinese commas too', () => {
  const d = parseFrontMatter('---\ntitle: 停气通知话术\ncategory: 话术/停气\ntags: [停气, 话术，安抚]\n---\n正文');
  assert.deepEqual(d.meta, { title: '停气通知话术', category: '话术/停气', tags: ['停气', '话术', '安抚'] });
  assert.equal(d.body, '正文');
  assert.deepEqual(parseFrontMatter('无front matter').meta, {});
});

test('markdown subset to HTML, text escaped', () => {
  assert.equal(
    markdownToHtml('# 标题\n\n第一行\n第二行 **重点** <b>\n\n- 甲\n- 乙\n\n1. 一\n\n> 引用'),
    '<h2>标题</h2>\n<p>第一行<br>第二行 <strong>重点</strong> &lt;b&gt;</p>\n<ul><li>甲</li><li>乙</li></ul>\n<ol><li>一</li></ol>\n<blockquote>引用</blockquote>',
  );
});
