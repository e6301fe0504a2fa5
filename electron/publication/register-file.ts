import ExcelJS from 'exceljs';
import type { RegisterEntry } from '../../shared/ops/publication';
import { csvCell } from '../export/catalogue';

// The publication register (政府信息公开登记) as a file for the agency's own records:
// xlsx, or CSV in UTF-8 with BOM (spreadsheet programs open it as UTF-8), one row per
// item and bundle, formula-looking cells neutralized as in the bundle's catalogue.

const COLUMNS = ['信息名称', '文号', '发布包', '序号', '导出时间', '导出人', '导出的文件', '网站发布日期', '网址'];

function rowOf(r: RegisterEntry): string[] {
  return [r.title, r.documentNumber, r.bundleId, String(r.sequence), r.exportedAt, r.exportedBy, r.files.join('；'), r.publishedOn ?? '', r.publishedUrl ?? ''];
}

export function registerCsv(rows: RegisterEntry[]): Buffer {
  const lines = [COLUMNS, ...rows.map(rowOf)].map((cells) => cells.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function registerXlsx(rows: RegisterEntry[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('政府信息公开登记');
  sheet.addRow(COLUMNS);
  sheet.getRow(1).font = { bold: true };
  // Plain strings are stored as text by exceljs, never as formulas.
  for (const r of rows) sheet.addRow(rowOf(r));
  [40, 24, 26, 6, 24, 10, 40, 14, 40].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
