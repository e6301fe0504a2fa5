import ExcelJS from 'exceljs';
import { applicationRows, REPLY_SUBTYPES, REPLY_TYPES, RESULT_CASES } from '../../shared/applications';
import type { AnnualReport } from '../../shared/ops/applications';
import type { SessionContext } from '../context/session';

// The application tables of the 政府信息公开工作年度报告 (seed 004 附件9 第四条), every
// number traceable to the applications behind it, and the 主动公开 figure the product
// knows (items recorded as published on the website in the year).

const reviewKey = (year: number) => `annual_review_counts:${year}`;

export class AnnualReports {
  constructor(private readonly ctx: SessionContext) {}

  async report(year: number): Promise<AnnualReport> {
    const db = this.ctx.db();
    const org = await db.selectFrom('organization').select('name').executeTakeFirstOrThrow();
    const apps = await db
      .selectFrom('applications')
      .select(['number', 'year', 'reply_on', 'reply_type', 'reply_subtype'])
      .where((eb) => eb.or([eb('year', '=', year), eb('year', '=', year - 1)]))
      .execute();
    const trace: Record<string, string[]> = {};
    const add = (key: string, number: string) => (trace[key] ??= []).push(number);
    const repliedIn = (a: { reply_on: string | null }) => a.reply_on !== null && a.reply_on.slice(0, 4) === String(year);
    for (const a of apps) {
      if (a.year === year) add('received', a.number);
      if (a.year === year - 1 && repliedIn(a)) add('carriedIn', a.number);
      if (a.year === year && !repliedIn(a)) add('carriedOut', a.number);
      if (repliedIn(a) && (a.year === year || a.year === year - 1)) {
        add(`result:${a.reply_type}`, a.number);
        const cases = RESULT_CASES.find((c) => c.type === a.reply_type);
        if (cases) add(`${cases.prefix}:${a.reply_subtype}`, a.number);
      }
    }
    const results = Object.fromEntries([...REPLY_TYPES, '其他'].map((t) => [t, trace[`result:${t}`]?.length ?? 0]));
    const withheldBy = Object.fromEntries(REPLY_SUBTYPES['不予公开'].map((s) => [s, trace[`withheld:${s}`]?.length ?? 0]));
    // The 主动公开 figure traced to the items behind it: date of publication and title.
    const publishedRows = await db
      .selectFrom('publication_register as r')
      .innerJoin('items', 'items.id', 'r.item_id')
      .select(['r.published_on', 'items.title', 'items.document_number'])
      .where('r.published_on', 'like', `${year}-%`)
      .orderBy('r.published_on')
      .orderBy('r.id')
      .execute();
    for (const p of publishedRows) add('published', `${p.published_on} ${p.title}${p.document_number ? `（${p.document_number}）` : ''}`);
    const published = publishedRows.length;
    const counts = await db.selectFrom('settings').select('value').where('key', '=', reviewKey(year)).executeTakeFirst();
    const review = counts ? (JSON.parse(counts.value) as { reconsideration: number; direct: number; afterReconsideration: number }) : { reconsideration: 0, direct: 0, afterReconsideration: 0 };
    return {
      title: `《${org.name}${year}年政府信息公开工作年度报告》`,
      year,
      received: trace['received']?.length ?? 0,
      carriedIn: trace['carriedIn']?.length ?? 0,
      results,
      withheldBy,
      carriedOut: trace['carriedOut']?.length ?? 0,
      published,
      reconsideration: review.reconsideration,
      litigation: { direct: review.direct, afterReconsideration: review.afterReconsideration },
      trace,
    };
  }

  async setReviewCounts(year: number, c: { reconsideration: number; direct: number; afterReconsideration: number }): Promise<AnnualReport> {
    const value = JSON.stringify(c);
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('settings').values({ key: reviewKey(year), value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
        await this.ctx.append(tx, { action: 'report.reviewCounts', subject: `report:${year}`, role: 'handler', payload: { text: `登记 ${year} 年行政复议 ${c.reconsideration} 件、行政诉讼 ${c.direct + c.afterReconsideration} 件`, year, ...c } });
      });
    return this.report(year);
  }

  async xlsx(year: number): Promise<{ fileName: string; base64: string }> {
    const r = await this.report(year);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('收到和处理申请情况');
    sheet.addRow([r.title.replace(/[《》]/g, '')]);
    sheet.addRow(['项目', '件数', '对应的申请编号（主动公开为发布日期和事项）']);
    const line = (label: string, n: number, key: string) => sheet.addRow([label, n, (r.trace[key] ?? []).join('、')]);
    for (const row of applicationRows(r)) line(row.label, row.n, row.key);
    line('主动公开：本年在网站发布的政府信息', r.published, 'published');
    sheet.addRow(['政府信息公开行政复议', r.reconsideration, '']);
    sheet.addRow(['政府信息公开行政诉讼：未经复议直接起诉', r.litigation.direct, '']);
    sheet.addRow(['政府信息公开行政诉讼：复议后起诉', r.litigation.afterReconsideration, '']);
    sheet.getColumn(1).width = 44;
    sheet.getColumn(3).width = 60;
    const detail = wb.addWorksheet('申请明细');
    detail.addRow(['申请编号', '收到日期', '答复日期', '答复类型', '答复情形']);
    const rows = await this.ctx.db().selectFrom('applications').select(['number', 'received_on', 'reply_on', 'reply_type', 'reply_subtype']).where((eb) => eb.or([eb('year', '=', year), eb('year', '=', year - 1)])).orderBy('number').execute();
    for (const a of rows) detail.addRow([a.number, a.received_on, a.reply_on ?? '', a.reply_type ?? '', a.reply_subtype ?? '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    return { fileName: `${r.title.replace(/[《》]/g, '')}.xlsx`, base64: buf.toString('base64') };
  }
}
