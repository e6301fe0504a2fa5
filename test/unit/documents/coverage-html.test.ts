import { describe, expect, it } from 'vitest';
import { png } from '../../helpers/fixtures';
import { analyzeFile, expectAllReported } from './coverage/check';

// HTML: a marker in every place a page's source lets text live; scripts and styles are
// read as text and never run, data: URLs are decoded (an embedded picture by its reader).

const M = (s: string) => `MARK-html-${s}`;
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

export const HTML_MARKERS = [
  'title', 'body', 'hidden', 'comment', 'attr-title', 'alt', 'aria', 'data-attr', 'custom-attr', 'template', 'noscript',
  'meta', 'input-value', 'hidden-input', 'textarea', 'option', 'placeholder', 'script', 'style', 'style-attr', 'onclick',
  'href', 'data-text', 'data-html', 'data-image', 'srcdoc', 'svg',
  // Raw-text and foreign-content places of the HTML parsing algorithm, and attributes outside the common list.
  'optgroup-label', 'noembed', 'noframes', 'xmp', 'iframe-text', 'after-html', 'bogus-comment', 'svg-title', 'svg-cdata',
  'mathml-annotation', 'object-param', 'meta-refresh', 'link-title', 'json-ld', 'form-action', 'base-href', 'data-html-base64',
].map(M);

function page(): Uint8Array {
  const image = png({ tEXt: ['Comment', M('data-image')] });
  return new TextEncoder().encode(`<!doctype html><html><head><title>${M('title')}</title>
<meta name="author" content="${M('meta')}"><style>.x::after { content: "${M('style')}"; }</style>
<script>var who = "${M('script')}";</script><base href="http://intranet.example/${M('base-href')}/"><meta http-equiv="refresh" content="30; url=http://example.org/${M('meta-refresh')}">
<link rel="alternate" title="${M('link-title')}" href="x.xml"><script type="application/ld+json">{"author": "${M('json-ld')}"}</script></head><body>
<p title="${M('attr-title')}">${M('body')}</p><div hidden>${M('hidden')}</div><!-- ${M('comment')} -->
<img alt="${M('alt')}" src="data:image/png;base64,${b64(image)}"><span aria-label="${M('aria')}" data-owner="${M('data-attr')}" x-reviewer="${M('custom-attr')}">a</span>
<template><p>${M('template')}</p></template><noscript><p>${M('noscript')}</p></noscript>
<form><input name="a" value="${M('input-value')}"><input type="hidden" name="b" value="${M('hidden-input')}"><input placeholder="${M('placeholder')}">
<textarea>${M('textarea')}</textarea><select><option value="1">${M('option')}</option></select></form>
<a href="mailto:${M('href')}@example.org" onclick="track('${M('onclick')}')" style="background:url('x.png') /* ${M('style-attr')} */">邮件</a>
<a href="data:text/plain;base64,${b64(M('data-text'))}">下载</a><iframe src="data:text/html,${encodeURIComponent(`<p>${M('data-html')}</p>`)}"></iframe>
<iframe srcdoc="<p>${M('srcdoc')}</p>"></iframe><svg><text>${M('svg')}</text></svg>
<select><optgroup label="${M('optgroup-label')}"><option>甲</option></optgroup></select><noembed>${M('noembed')}</noembed><noframes>${M('noframes')}</noframes>
<xmp>${M('xmp')}</xmp><iframe src="about:blank">${M('iframe-text')}</iframe><?php echo "${M('bogus-comment')}"; ?>
<svg><title>${M('svg-title')}</title><text><![CDATA[${M('svg-cdata')}]]></text></svg><math><semantics><mi>x</mi><annotation encoding="text/plain">${M('mathml-annotation')}</annotation></semantics></math>
<object data="x.swf"><param name="owner" value="${M('object-param')}"></object><form action="http://example.org/submit?who=${M('form-action')}"></form>
<iframe src="data:text/html;base64,${b64(`<p>${M('data-html-base64')}</p>`)}"></iframe>
</body></html><p>${M('after-html')}</p>`);
}

describe('html coverage', () => {
  it('reports every planted marker', async () => {
    const a = await analyzeFile(page(), 'coverage.html');
    expectAllReported(a, HTML_MARKERS);
  });

  it('reads a data: URL picture by the image reader and lists it', async () => {
    const a = await analyzeFile(page(), 'coverage.html');
    const where = (m: string) => a.segments.filter((s) => a.text.slice(s.start, s.end).includes(m)).map((s) => s.location);
    expect(where(M('data-image'))).toEqual([expect.stringMatching(/^网页内嵌数据（img src）：PNG 文本（Comment）/)]);
    expect(where(M('noscript'))[0]).toMatch(/noscript/);
    expect(where(M('template'))[0]).toMatch(/template/);
    expect(a.parts.filter((p) => p.what === '内嵌数据（data: URL）').map((p) => p.read)).toEqual([true, true, true, true]);
    // The picture's base64 is not itself reported as text.
    expect(a.text).not.toContain(b64(png({ tEXt: ['Comment', M('data-image')] })).slice(0, 40));
  });
});
