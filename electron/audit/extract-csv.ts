import type { AuditDeskEntry } from '../../shared/audit';

// The extract for people: one row per entry in Chinese, UTF-8 with a byte order mark so
// that spreadsheet programs open it as UTF-8, cells that start like a formula defused.

export const CSV_HEADER = ['序号', '时间', '操作人', '角色', '操作', '对象', '内容', '详情', '哈希', '签名密钥指纹'] as const;

export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** ISO time → Beijing wall-clock time, as the trail is read in the office. */
export const beijingTime = (iso: string): string => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });

export function extractCsv(entries: ReadonlyArray<AuditDeskEntry & { signer: string }>): string {
  const rows = entries.map((e) => [
    String(e.seq),
    beijingTime(e.time),
    e.actorName,
    e.roleLabel,
    e.actionLabel,
    e.subjectName,
    e.text,
    e.details.filter((d) => d.label !== '内容').map((d) => `${d.label}：${d.value}`).join('；'),
    e.hash,
    e.signer,
  ]);
  return `\uFEFF${[[...CSV_HEADER], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
