import { ITEM_COLUMNS, OUTCOME_LABEL } from './labels';
import type { BundleManifest } from './types';

// index.html: a static listing for people. No script and no external reference (not
// even a stylesheet or a font): only relative links to the bundle's own files.

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Each segment percent-encoded, so a name can never turn into a scheme or a parent step.
const href = (path: string) => path.split('/').map(encodeURIComponent).join('/');

const STYLE = `body{font-family:sans-serif;margin:2rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#eee}td:first-child,td:last-child{white-space:nowrap}`;

export type Listing = Omit<BundleManifest, 'files'>;

export function renderIndexHtml(m: Listing): Buffer {
  const rows = m.items
    .map((it) => {
      const links = it.files.map((p) => `<a href="${escape(href(p))}">${escape(p.slice(p.lastIndexOf('/') + 1))}</a>`).join('<br>');
      const cells = [it.id, it.title, it.documentNumber, it.issuer, it.formedOn, it.category, it.keywords.join('；'), it.disclosure, OUTCOME_LABEL[it.outcome], it.approvedAt];
      return `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}<td>${links}</td></tr>`;
    })
    .join('\n');
  const recalls = m.recalls.length
    ? `<h2>撤回</h2>
<p>以下信息已在此前的导出包中发布，现予撤回，请从网站上撤下：</p>
<table>
<tr><th>信息编号</th><th>原导出包编号</th><th>撤回原因</th><th>撤回时间</th></tr>
${m.recalls.map((r) => `<tr>${[r.itemId, r.bundleId, r.reason, r.recalledAt].map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n')}
</table>`
    : '';
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(m.organization.name)} 政府信息公开导出包 第 ${m.sequence} 号</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(m.organization.name)} 政府信息公开导出包</h1>
<p>导出包编号：${escape(m.bundleId)}；序号：${m.sequence}；导出时间：${escape(m.createdAt)}；导出人：${escape(m.exportedBy.name)}</p>
<p>单位密钥指纹：${escape(m.organization.keyFingerprint)}；审计日志末条：${m.auditHead.seq}:${escape(m.auditHead.hash)}</p>
<p>共 ${m.items.length} 项信息${m.recalls.length ? `、${m.recalls.length} 项撤回` : ''}。发布前请用单位密钥指纹验证本导出包（manifest.json 与 manifest.sig）。</p>
<h2>公开信息</h2>
<table>
<tr>${[...ITEM_COLUMNS].map((c) => `<th>${c}</th>`).join('')}</tr>
${rows}
</table>
${recalls}
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}
