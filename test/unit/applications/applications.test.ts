import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPLY_SUBTYPES, REPLY_TYPES } from '../../../shared/applications';
import { itemPage } from '../../../electron/workflow/list-pages';
import { refusal as refused } from '../../helpers/refusal';
import { as, fields, PLAIN, REASONED } from '../../helpers/workflow';
import { APPLICANT, day, ID_NUMBER, ops, review, setUp, type Env } from './fixture';

// Applications for disclosure (seed 004 附件2): the clock on the official calendar, the
// register as the desk pages it, and replies that must agree with the review.

let env: Env;
afterEach(() => env.close());
const refusal = async (p: Promise<unknown>) => (await refused(p)).message;

describe('the clock', () => {
  it('20 working days from receipt across National Day; a 补正 stops it and restarts it from the corrected application; one extension of at most 20 days (附件2 第六条、第九条)', async () => {
    env = await setUp('2026-09-25T09:00:00+08:00', 'aershan');
    const { core, clock } = env;
    const o = ops(core);
    let a = await o.register({ ...APPLICANT, receivedOn: '2026-09-25', request: '2026年城区拆迁补偿标准' });
    expect(a.number).toBe('2026-0001');
    // The official calendar's National Day break (2026-10-01…07; 10-10 a working Saturday) does not count: counted on
    // weekdays alone the limit would fall on 10-23.
    expect(a.due).toBe('2026-10-29');
    expect(a.remaining).toBe(20);
    day(clock, '2026-09-28');
    a = await core.applications.requestCorrection(a.id, '2026-09-28', '请明确所需补偿标准的具体片区');
    expect(a).toMatchObject({ status: 'awaitingCorrection', due: null, remaining: null });
    expect(await refusal(core.applications.requestCorrection(a.id, '2026-09-29', '再次补正'))).toMatch(/只有办理中的申请/);
    day(clock, '2026-10-12');
    a = await core.applications.correctionReceived(a.id, '2026-10-12', '城关片区2026年拆迁补偿标准');
    expect(a.due).toBe('2026-11-09');
    day(clock, '2026-10-13');
    a = await o.thirdParty({ applicationId: a.id, party: '某某置业有限公司', letterOn: '2026-10-13' });
    // Due 5 working days after receipt, the National Day break not counted; sent late, shown as such.
    expect(a.thirdParty).toMatchObject({ party: '某某置业有限公司', letterDue: '2026-10-09', late: true });
    expect(a.due).toBe('2026-11-09'); // waiting for the third party does not move the limit
    expect((await core.queries.get(a.itemId!)).fields).toMatchObject({ reviewMode: '依申请审查', applicationNo: '2026-0001', applicationReceivedOn: '2026-09-25' });
    day(clock, '2026-11-02');
    expect(await refusal(core.applications.extend({ applicationId: a.id, days: 21, approvedBy: '张某', approvedOn: '2026-11-02', reason: '需征求第三方意见' }))).toBe('延长答复的期限最长不得超过 20 个工作日');
    a = await o.extend({ applicationId: a.id, days: 20, approvedBy: '政府信息公开工作机构负责人张某', approvedOn: '2026-11-02', reason: '需征求第三方意见' });
    expect(a.due).toBe('2026-12-07');
    // The review item's own reply limit follows the application's clock, in the item and in the inbox.
    const replyLimit = async () => (await core.queries.get(a.itemId!)).deadlines.find((d) => d.label.startsWith('答复申请期限'));
    expect(await replyLimit()).toMatchObject({ due: '2026-12-07', label: '答复申请期限（收到补正后的申请之日起 20 个工作日，经批准延长 20 个工作日）' });
    expect(await refusal(o.extend({ applicationId: a.id, days: 5, approvedBy: '张某', approvedOn: '2026-11-03', reason: '再次' }))).toBe('答复期限只能延长一次');
    day(clock, '2026-12-08');
    expect(await core.applications.get(a.id)).toMatchObject({ overdue: true, remaining: null });
    expect(await replyLimit()).toMatchObject({ due: '2026-12-07', overdue: true });
    const overdue = await itemPage(core.queries, { view: 'all', overdue: true, sort: 'createdAt', dir: 'desc', page: 1, pageSize: 50 });
    expect(overdue.rows.map((r) => r.id)).toContain(a.itemId);
  });

  it('across the Spring Festival: a third-party letter, a 补正 and an extension on the 2026 calendar (调休 Saturdays count)', async () => {
    env = await setUp('2026-02-10T09:00:00+08:00', 'aershan');
    const { core, clock } = env;
    const o = ops(core);
    let a = await o.register({ ...APPLICANT, receivedOn: '2026-02-10', request: '某路段改造合同' });
    // 02-11, 12, 13, 14 (working Saturday), then 02-15…23 off, 02-24 is the fifth working day.
    expect(a.due).toBe('2026-03-16');
    day(clock, '2026-02-24');
    a = await o.thirdParty({ applicationId: a.id, party: '某某建设有限公司', letterOn: '2026-02-24', concern: '商业秘密' });
    expect(a.thirdParty).toMatchObject({ letterDue: '2026-02-24', late: false });
    expect(a.remaining).toBe(15);
    a = await core.applications.requestCorrection(a.id, '2026-02-24', '请明确合同名称');
    day(clock, '2026-03-02');
    a = await core.applications.correctionReceived(a.id, '2026-03-02', '某路段改造施工合同');
    expect(a.due).toBe('2026-03-30');
    a = await o.extend({ applicationId: a.id, days: 20, approvedBy: '负责人张某', approvedOn: '2026-03-02', reason: '第三方尚未答复' });
    // 清明 (04-04…06) does not count.
    expect(a.due).toBe('2026-04-28');
    expect(await refusal(core.applications.extend({ applicationId: a.id, days: 1, approvedBy: '张某', approvedOn: '2026-03-03', reason: '再次' }))).toBe('答复期限只能延长一次');
  });
});

describe('the register', () => {
  it('pages with filters; identity numbers are masked in lists and whole only on the application', async () => {
    env = await setUp('2026-12-10T09:00:00+08:00', 'aershan');
    const o = ops(env.core);
    for (let i = 0; i < 7; i++) await o.register({ ...APPLICANT, applicantName: i % 2 ? '李某' : '王某某', receivedOn: i < 3 ? '2026-10-09' : '2026-12-01', request: `申请事项${i}` });
    await o.register({ ...APPLICANT, receivedOn: '2025-12-30', request: '上年申请' });
    const all = await o.page({});
    expect(all.total).toBe(8);
    expect(all.rows[0]!.idNumber).toMatch(/^1505\*{10}\d{3}[\dX]$/);
    expect(all.rows[0]!.idNumber).not.toBe(ID_NUMBER);
    expect(all.rows[0]!.address).toBe('');
    expect(all.rows[0]!.contact).toBe('1391***5678');
    expect((await env.core.applications.get(all.rows[0]!.id)).idNumber).toBe(ID_NUMBER);
    // Received 10-09: due 11-06, so overdue on 12-10; so is last year's.
    expect(all.overdue).toBe(4);
    expect((await o.page({ overdue: true })).rows.map((r) => r.request).sort()).toEqual(['上年申请', '申请事项0', '申请事项1', '申请事项2']);
    expect((await o.page({ year: 2026, text: '李某' })).total).toBe(3);
    expect((await o.page({ text: ID_NUMBER })).total).toBe(0);
    const second = await o.page({ year: 2026, pageSize: 5, page: 2 });
    expect(second).toMatchObject({ total: 7 });
    expect(second.rows).toHaveLength(2);
    await o.reply({ applicationId: all.rows[0]!.id, type: '不予处理', subtype: '重复申请', on: '2026-12-10', text: '重复申请' });
    expect((await o.page({ status: 'replied' })).total).toBe(1);
    expect((await o.page({ status: 'open' })).total).toBe(7);
  });

  it('the applicant’s identity number, name and contact are nowhere in plain bytes in the data folder (encrypted like everything else)', async () => {
    env = await setUp('2026-11-02T09:00:00+08:00', 'aershan');
    const a = await ops(env.core).register({ ...APPLICANT, applicantName: '欧阳某某', contact: '13987654321', receivedOn: '2026-11-02', request: '某项信息' });
    await env.core.applications.requestCorrection(a.id, '2026-11-02', '请补正');
    const filesUnder = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(d, e.name)) : e.isFile() ? [join(d, e.name)] : []));
    const files = filesUnder(env.dir);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const f of files)
      for (const t of [ID_NUMBER, '欧阳某某', '13987654321'])
        for (const enc of ['utf8', 'utf16le'] as const) expect(readFileSync(f).includes(Buffer.from(t, enc)), `${t} in ${f}`).toBe(false);
  });

  it('一事一申请: a split keeps one request on the original and registers the others, each with its own review item', async () => {
    env = await setUp('2026-11-02T09:00:00+08:00', 'aershan');
    const multi = await ops(env.core).register({ ...APPLICANT, receivedOn: '2026-11-02', request: '三项信息：甲、乙、丙' });
    const parts = await env.core.applications.split(multi.id, ['乙', '丙'], '甲');
    expect(parts.map((p) => [p.number, p.request, p.splitFrom, p.receivedOn])).toEqual([
      ['2026-0002', '乙', multi.id, '2026-11-02'],
      ['2026-0003', '丙', multi.id, '2026-11-02'],
    ]);
    expect(new Set([multi.itemId, ...parts.map((p) => p.itemId)]).size).toBe(3);
    expect((await env.core.applications.get(multi.id)).request).toBe('甲');
  });
});

describe('replies', () => {
  it('a reply agrees with the review: 不予公开 only after the review withheld it, with its grounds; 部分公开 only with a verified public version', async () => {
    env = await setUp('2026-11-02T09:00:00+08:00', 'aershan');
    const { core, wf } = env;
    const o = ops(core);
    const a = await o.register({ ...APPLICANT, receivedOn: '2026-11-02', request: '某项目的评标专家名单' });
    expect(await refusal(o.reply({ applicationId: a.id, type: '不予公开', subtype: '第三方合法权益保护类豁免', on: '2026-11-02', text: '涉及个人隐私' }))).toMatch(/^答复“不予公开”须先经保密审查作出相应决定/);
    expect(await refusal(o.reply({ applicationId: a.id, type: '不予处理', subtype: '没有这种情形', on: '2026-11-02', text: 'x' }))).toBe('“不予处理”没有“没有这种情形”这一情形');
    expect(await refusal(o.reply({ applicationId: a.id, type: '予以公开', subtype: '已对外公开', on: '2026-11-02', text: 'x' }))).toBe('已对外公开的，应告知申请人获取该信息的方式和途径');
    // 阿尔山's four steps end in 免于公开.
    const item = a.itemId!;
    await wf.opinion({ itemId: item, stepId: 'apply', opinionId: 'apply', ...PLAIN });
    await as(core, 'wang');
    await wf.opinion({ itemId: item, stepId: 'head', opinionId: 'pass', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item, stepId: 'review', opinionId: 'exempt', ...REASONED });
    await as(core, 'sun');
    await wf.opinion({ itemId: item, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    await as(core, 'liu');
    expect(await refusal(o.reply({ applicationId: a.id, type: '部分公开', subtype: '区分处理后提供', on: '2026-11-02', text: 'x' }))).toMatch(/^答复“部分公开”须先经保密审查/);
    const r = await o.reply({ applicationId: a.id, type: '不予公开', subtype: '第三方合法权益保护类豁免', on: '2026-11-02', text: '评标专家名单涉及个人隐私，依法不予公开' });
    expect(r).toMatchObject({ status: 'replied', due: null, reply: { type: '不予公开', subtype: '第三方合法权益保护类豁免', text: '评标专家名单涉及个人隐私，依法不予公开', detail: { grounds: ['个人隐私'] } } });
    expect(await refusal(o.reply({ applicationId: a.id, type: '不予处理', subtype: '重复申请', on: '2026-11-02', text: 'x' }))).toBe('该申请已答复');
  });

  it('部分公开 carries the item’s public version', async () => {
    env = await setUp('2026-11-02T09:00:00+08:00');
    const o = ops(env.core);
    const a = await o.register({ ...APPLICANT, receivedOn: '2026-11-02', request: '拆迁补偿名单' });
    await review(env, a.itemId!, 'PUBLISH_PART');
    const versions = await env.core.publicVersions.list(a.itemId!);
    const r = await o.reply({ applicationId: a.id, type: '部分公开', subtype: '区分处理后提供', on: '2026-11-02', text: '身份证号码已删除' });
    expect(r.reply!.detail.publicVersions).toEqual(versions.map((v) => ({ id: v.id, name: v.name, sha256: v.sha256 })));
    expect(r.reply!.detail.grounds).toEqual(['个人隐私']);
  });
});

describe('the annual report', () => {
  it('a year of generated applications: every number matches an independent count, traceable to the applications, and the xlsx carries them', async () => {
    env = await setUp('2026-12-31T09:00:00+08:00');
    const { core, clock } = env;
    const o = ops(core);
    // The cases each result is broken down by, as the report keys them (不予公开, 无法提供, 不予处理).
    const CASE_KEY: Record<string, string> = { 不予公开: 'withheld', 无法提供: 'unable', 不予处理: 'notProcessed' };
    const cases: Record<string, string[]> = {};
    const counted = (type: string, subtype: string, number: string) => {
      expected.results[type]!.push(number);
      if (CASE_KEY[type]) (cases[`${CASE_KEY[type]}:${subtype}`] ??= []).push(number);
    };
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const expected = { received: [] as string[], carriedIn: [] as string[], carriedOut: [] as string[], results: Object.fromEntries([...REPLY_TYPES, '其他'].map((t) => [t, [] as string[]])) as Record<string, string[]> };
    // Last year's applications: some answered this year (carried in), one answered last year (in neither).
    for (let i = 0; i < 6; i++) {
      const a = await o.register({ ...APPLICANT, receivedOn: `2025-12-2${i}`, request: `上年申请${i}` });
      if (i % 2 === 0) {
        await o.reply({ applicationId: a.id, type: '无法提供', subtype: '本机关不掌握相关政府信息', on: '2026-01-05', text: '本机关不掌握' });
        expected.carriedIn.push(a.number);
        counted('无法提供', '本机关不掌握相关政府信息', a.number);
      } else if (i === 1) await o.reply({ applicationId: a.id, type: '不予处理', subtype: '重复申请', on: '2025-12-30', text: '重复' });
    }
    const types = ['予以公开', '无法提供', '不予处理', '其他处理'] as const;
    for (let i = 0; i < 40; i++) {
      const received = `2026-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`;
      const a = await o.register({ ...APPLICANT, receivedOn: received, request: `本年申请${i}` });
      expected.received.push(a.number);
      if (rnd() < 0.75) {
        const type = types[i % 4]!;
        const subtype = REPLY_SUBTYPES[type][type === '予以公开' ? 0 : i % REPLY_SUBTYPES[type].length]!;
        if (type === '其他处理' && subtype === '申请人逾期未补正') await core.applications.requestCorrection(a.id, received, '请补正');
        if (subtype === '补正后申请内容仍不明确') {
          await core.applications.requestCorrection(a.id, received, '请补正');
          await core.applications.correctionReceived(a.id, received, `本年申请${i}（补正后）`);
        }
        // A reply late in December may fall in the next year: not counted as handled this year.
        const on = received;
        await o.reply({ applicationId: a.id, type, subtype, on, text: '答复', where: '本机关门户网站' });
        counted(type, subtype, a.number);
      } else expected.carriedOut.push(a.number);
    }
    // Two withheld after review, by sub-reason.
    for (const subtype of ['国家秘密类豁免', '第三方合法权益保护类豁免']) {
      const a = await o.register({ ...APPLICANT, receivedOn: '2026-12-01', request: `不予公开申请：${subtype}` });
      await review(env, a.itemId!, 'WITHHOLD');
      await o.reply({ applicationId: a.id, type: '不予公开', subtype, on: '2026-12-31', text: '不予公开' });
      expected.received.push(a.number);
      counted('不予公开', subtype, a.number);
    }
    // One answered 部分公开 with its public version.
    const part = await o.register({ ...APPLICANT, receivedOn: '2026-12-02', request: '部分公开申请' });
    await review(env, part.itemId!, 'PUBLISH_PART');
    await o.reply({ applicationId: part.id, type: '部分公开', subtype: '区分处理后提供', on: '2026-12-30', text: '已删除身份证号码' });
    expected.received.push(part.number);
    counted('部分公开', '区分处理后提供', part.number);
    // 主动公开: items recorded as published on the website, counted by the year of publication only.
    const userId = core.session.info().user!.id;
    const expectedPublished: string[] = [];
    const db = core.vault.db();
    const published = [
      ['关于城区道路改造工程的公告', '2026-03-02'],
      ['乡村道路养护计划', '2026-11-20'],
      ['上年发布的通知', '2025-12-30'],
      ['已导出未发布的公示', null],
    ] as const;
    for (const [i, [title, on]] of published.entries()) {
      const item = await env.wf.register(fields({ title, documentNumber: `某政办发〔2026〕${i + 1}号` }));
      await db.insertInto('bundles').values({ id: `bundle-${i}`, sequence: i + 1, folder: `MMX-${i}`, manifest_sha256: '0'.repeat(64), items: 1, recalls: 0, created_by: userId, created_at: clock.now().toISOString() }).execute();
      await db.insertInto('publication_register').values({ item_id: item.id, bundle_id: `bundle-${i}`, files: '[]', exported_at: '2025-12-01T00:00:00.000Z', exported_by: userId, published_on: on, published_url: on ? 'http://www.example.gov.cn/gk/1.html' : null, recorded_by: null, recorded_at: null }).execute();
      if (on?.startsWith('2026')) expectedPublished.push(`${on} ${title}（某政办发〔2026〕${i + 1}号）`);
    }
    const report = await core.reports.report(2026);
    const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();
    expect(report.title).toBe('《某某市人民政府办公室（测试）2026年政府信息公开工作年度报告》');
    expect(report).toMatchObject({ received: expected.received.length, carriedIn: expected.carriedIn.length, carriedOut: expected.carriedOut.length });
    expect(report.results).toEqual(Object.fromEntries(Object.entries(expected.results).map(([k, v]) => [k, v.length])));
    expect(sorted(report.trace['received'])).toEqual(sorted(expected.received));
    expect(sorted(report.trace['carriedIn'])).toEqual(sorted(expected.carriedIn));
    expect(sorted(report.trace['carriedOut'])).toEqual(sorted(expected.carriedOut));
    for (const [t, numbers] of Object.entries(expected.results)) expect(sorted(report.trace[`result:${t}`]), t).toEqual(sorted(numbers));
    expect(report.withheldBy).toMatchObject({ 国家秘密类豁免: 1, 第三方合法权益保护类豁免: 1, 行政执法案卷: 0 });
    // Each case of 不予公开, 无法提供 and 不予处理, its count and its applications.
    for (const [type, key] of Object.entries(CASE_KEY))
      for (const subtype of REPLY_SUBTYPES[type as keyof typeof REPLY_SUBTYPES]) expect(sorted(report.trace[`${key}:${subtype}`]), `${type}：${subtype}`).toEqual(sorted(cases[`${key}:${subtype}`]));
    expect(Object.keys(cases).filter((k) => k.startsWith('unable:')).length).toBe(3);
    expect(Object.keys(cases).filter((k) => k.startsWith('notProcessed:')).length).toBeGreaterThan(2);
    expect(report.published).toBe(2);
    expect(report.trace['published']).toEqual(expectedPublished);
    // Every application received this year is handled this year or carried over: nothing is lost.
    const handledOfThisYear = Object.values(report.trace).length && Object.entries(report.trace).filter(([k]) => k.startsWith('result:')).flatMap(([, v]) => v).filter((n) => n.startsWith('2026-')).length;
    expect(handledOfThisYear + report.carriedOut).toBe(report.received);

    await core.reports.setReviewCounts(2026, { reconsideration: 2, direct: 1, afterReconsideration: 1 });
    const x = await core.reports.xlsx(2026);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('收到和处理申请情况')!.getSheetValues().filter(Boolean) as unknown[][];
    const cell = (label: string) => rows.find((r) => r[1] === label)?.[2];
    expect(cell('本年新收政府信息公开申请数量')).toBe(expected.received.length);
    expect(cell('结转下年度继续办理')).toBe(expected.carriedOut.length);
    expect(cell('政府信息公开行政复议')).toBe(2);
    expect(cell('本年度办理结果：部分公开')).toBe(1);
    for (const [k, numbers] of Object.entries(cases)) {
      const [key, subtype] = k.split(':');
      const label = `其中${Object.keys(CASE_KEY).find((t) => CASE_KEY[t] === key)}：${subtype}`;
      expect(cell(label), label).toBe(numbers.length);
      expect(String(rows.find((r) => r[1] === label)?.[3]).split('、').sort(), label).toEqual(sorted(numbers));
    }
    expect(cell('主动公开：本年在网站发布的政府信息')).toBe(2);
    expect(rows.find((r) => r[1] === '主动公开：本年在网站发布的政府信息')?.[3]).toBe(expectedPublished.join('、'));
    expect(wb.getWorksheet('申请明细')!.rowCount).toBe(1 + 6 + 43);

    const printed = await core.applicationPrinting.report(2026);
    const { layoutText, withoutStamps } = await import('../forms/pdf-tools');
    const text = withoutStamps(layoutText(printed.pdf)).replace(/\s+/g, '');
    expect(text).toContain('某某市人民政府办公室（测试）2026年政府信息公开工作年度报告');
    expect(text).toContain(`本年新收政府信息公开申请数量${expected.received.length}`);
    expect(text).toContain(`结转下年度继续办理${expected.carriedOut.length}`);
    expect(text).toContain('行政复议2');
    for (const [k, numbers] of Object.entries(cases)) {
      const [key, subtype] = k.split(':');
      expect(text).toContain(`其中${Object.keys(CASE_KEY).find((t) => CASE_KEY[t] === key)}：${subtype}${numbers.length}`);
    }
    expect(text).toContain('本年在网站发布的政府信息2');
    expect(text).toContain('各镇人民政府、街道办事处于2027年1月31日前编制、公布上一年度报告');
    expect(text).toContain('市政务公开领导小组办公室于2027年2月20日前汇总编制、公布本级年度报告');
  }, 240_000);
});
