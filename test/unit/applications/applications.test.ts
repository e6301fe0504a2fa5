import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Services } from '../../../electron/app/services';
import { REPLY_SUBTYPES, REPLY_TYPES } from '../../../shared/applications';
import { fakeClock, setUpCore, type Clock } from '../../helpers/setup';
import { refusal as refused } from '../../helpers/refusal';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { as, PLAIN, REASONED, staffUp, type Workflow } from '../../helpers/workflow';

// Applications for disclosure (seed 004 附件2) and the annual report (附件9 第四条).

let core: Services;
let wf: Workflow;
let clock: Clock;
let cleanup: () => void;
const refusal = async (p: Promise<unknown>) => (await refused(p)).message;
afterEach(async () => {
  await core.close();
  cleanup();
});

async function setUp(now: string) {
  const t = tempDir();
  cleanup = t.cleanup;
  clock = fakeClock(new Date(now));
  core = (await setUpCore(t.dir, clock)).core;
  wf = await staffUp(core, 'aershan');
  await as(core, 'liu');
}

const APPLICANT = {
  receivedVia: '信函' as const,
  applicantKind: 'person' as const,
  applicantName: '王某某',
  idType: '居民身份证' as const,
  idNumber: residentId('150502', '19800101', '031'),
  contact: '13912345678',
  address: '阿尔山市某街道',
  purpose: '了解拆迁补偿标准',
  deliveryForm: '纸质' as const,
};

describe('the clock', () => {
  it('20 working days from receipt across National Day; a 补正 stops it and restarts it from the corrected application; one extension of at most 20 days (附件2 第六条、第九条)', async () => {
    await setUp('2026-09-25T09:00:00+08:00');
    let a = await core.applications.register({ ...APPLICANT, receivedOn: '2026-09-25', request: '2026年城区拆迁补偿标准' });
    expect(a.number).toBe('2026-0001');
    // The official calendar's National Day break (2026-10-01…08) does not count: counted on
    // weekdays alone the limit would fall on 10-23.
    expect(a.due).toBe('2026-10-29');
    expect((await core.applications.list()).at(0)!.idNumber).toMatch(/^1505\*+\d{3}[\dX]$/);
    a = await core.applications.requestCorrection(a.id, '2026-09-28', '请明确所需补偿标准的具体片区');
    expect(a).toMatchObject({ status: 'awaitingCorrection', due: null });
    expect(await refusal(core.applications.requestCorrection(a.id, '2026-09-29', '再次补正'))).toMatch(/只有办理中的申请/);
    a = await core.applications.correctionReceived(a.id, '2026-10-12', '城关片区2026年拆迁补偿标准');
    expect(a.due).toBe('2026-11-09');
    a = await core.applications.thirdPartyLetter(a.id, '某某置业有限公司', '2026-10-13');
    expect(a.thirdParty).toMatchObject({ party: '某某置业有限公司', letterDue: '2026-10-09' }); // sent late: shown as such
    expect((await core.queries.get(a.itemId!)).history.length).toBeGreaterThan(0);
    a = await core.applications.extend({ applicationId: a.id, days: 20, approvedBy: '政府信息公开工作机构负责人张某', approvedOn: '2026-11-02', reason: '需征求第三方意见' });
    expect(a.due).toBe('2026-12-07');
    expect(await refusal(core.applications.extend({ applicationId: a.id, days: 5, approvedBy: '张某', approvedOn: '2026-11-03', reason: '再次' }))).toBe('答复期限只能延长一次');
    clock.advance(80 * 86_400_000);
    expect((await core.applications.get(a.id)).overdue).toBe(true);
  });
});

describe('replies', () => {
  it('a reply agrees with the review: 不予公开 only after the review withheld it; other types as the regulation lists them', async () => {
    await setUp('2026-11-02T09:00:00+08:00');
    const a = await core.applications.register({ ...APPLICANT, receivedOn: '2026-11-02', request: '某项目的评标专家名单' });
    expect(await refusal(core.applications.reply({ applicationId: a.id, type: '不予公开', subtype: '第三方合法权益保护类豁免', on: '2026-11-20', text: '涉及个人隐私' }))).toMatch(/^答复“不予公开”须先经保密审查作出相应决定/);
    expect(await refusal(core.applications.reply({ applicationId: a.id, type: '不予处理', subtype: '没有这种情形', on: '2026-11-20', text: 'x' }))).toBe('“不予处理”没有“没有这种情形”这一情形');
    // The review of the item, 阿尔山's four steps, ends in 免于公开.
    const item = a.itemId!;
    await wf.opinion({ itemId: item, stepId: 'apply', opinionId: 'apply', ...PLAIN });
    await as(core, 'wang');
    await wf.opinion({ itemId: item, stepId: 'head', opinionId: 'pass', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item, stepId: 'review', opinionId: 'exempt', ...REASONED });
    await as(core, 'sun');
    await wf.opinion({ itemId: item, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    await as(core, 'liu');
    const r = await core.applications.reply({ applicationId: a.id, type: '不予公开', subtype: '第三方合法权益保护类豁免', on: '2026-11-20', text: '评标专家名单涉及个人隐私，依法不予公开' });
    expect(r).toMatchObject({ status: 'replied', due: null, reply: { type: '不予公开', subtype: '第三方合法权益保护类豁免' } });
    // 一事一申请: a multi-request application is split into applications of their own.
    const multi = await core.applications.register({ ...APPLICANT, receivedOn: '2026-11-02', request: '三项信息' });
    const parts = await core.applications.split(multi.id, ['第一项信息', '第二项信息']);
    expect(parts.map((p) => p.number)).toEqual(['2026-0003', '2026-0004']);
  });
});

describe('the annual report', () => {
  it('a year of generated applications: every number matches an independent count, and the xlsx carries them with the applications behind them', async () => {
    await setUp('2026-12-31T09:00:00+08:00');
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const expected = { received: 0, carriedIn: 0, carriedOut: 0, results: Object.fromEntries([...REPLY_TYPES, '其他'].map((t) => [t, 0])) as Record<string, number> };
    // Last year's applications: some answered this year (carried in).
    for (let i = 0; i < 6; i++) {
      const a = await core.applications.register({ ...APPLICANT, receivedOn: '2025-12-2' + (i % 9), request: `上年申请${i}` });
      if (i % 2 === 0) {
        await core.applications.reply({ applicationId: a.id, type: '无法提供', subtype: '本机关不掌握相关政府信息', on: '2026-01-05', text: '本机关不掌握' });
        expected.carriedIn++;
        expected.results['无法提供']!++;
      }
    }
    const types = ['无法提供', '不予处理', '其他处理'] as const;
    for (let i = 0; i < 40; i++) {
      const received = `2026-${String(1 + Math.floor(rnd() * 11)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`;
      const a = await core.applications.register({ ...APPLICANT, receivedOn: received, request: `本年申请${i}` });
      expected.received++;
      if (rnd() < 0.75) {
        const type = types[i % 3]!;
        await core.applications.reply({ applicationId: a.id, type, subtype: REPLY_SUBTYPES[type][0]!, on: received, text: '答复' });
        expected.results[type]!++;
      } else expected.carriedOut++;
    }
    const report = await core.reports.report(2026);
    expect(report).toMatchObject({ title: '《某某市人民政府办公室（测试）2026年政府信息公开工作年度报告》', received: expected.received, carriedIn: expected.carriedIn, carriedOut: expected.carriedOut, results: expected.results });
    expect(report.trace['received']).toHaveLength(expected.received);
    await core.reports.setReviewCounts(2026, { reconsideration: 2, direct: 1, afterReconsideration: 1 });
    const x = await core.reports.xlsx(2026);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('收到和处理申请情况')!.getSheetValues().filter(Boolean) as unknown[][];
    const cell = (label: string) => rows.find((r) => r[1] === label)?.[2];
    expect(cell('本年新收政府信息公开申请数量')).toBe(expected.received);
    expect(cell('结转下年度继续办理')).toBe(expected.carriedOut);
    expect(cell('政府信息公开行政复议')).toBe(2);
    expect(wb.getWorksheet('申请明细')!.rowCount).toBe(1 + 46);
  }, 120_000);
});
