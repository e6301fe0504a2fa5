import { ITEM_COLUMNS, OUTCOME_LABEL } from './labels';
import type { ManifestItem } from './types';

// catalogue.csv: RFC 4180 (CRLF, quotes doubled), UTF-8 with BOM so spreadsheet
// programs open it as UTF-8, one row per item.

const BOM = '\uFEFF';

// A cell a spreadsheet would run as a formula (CSV injection) is prefixed with a quote.
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCatalogue(items: ManifestItem[]): Buffer {
  const rows = [ITEM_COLUMNS.map(csvCell).join(',')];
  for (const it of items) {
    rows.push(
      [it.id, it.title, it.documentNumber, it.issuer, it.formedOn, it.category, it.keywords.join('；'), it.disclosure, OUTCOME_LABEL[it.outcome], it.approvedAt, it.files.join('；')]
        .map(csvCell)
        .join(','),
    );
  }
  return Buffer.from(`${BOM}${rows.join('\r\n')}\r\n`, 'utf8');
}
