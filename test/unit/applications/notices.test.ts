import { afterEach, describe, expect, it } from 'vitest';
import { REPLY_SUBTYPES, REPLY_TYPES } from '../../../shared/applications';
import { refusal } from '../../helpers/refusal';
import { ADMINS, firstLogin } from '../../helpers/setup';
import { APPLICANT, day, ID_NUMBER, noticeText, ops, review, setUp, type Env } from './fixture';

// Every reply of 附件2 第九条、第十条 with its notice, and the notices of 第六、七、九条,
// printed through the forms engine and read back from the PDF.

let env: Env;
afterEach(() => env.close());

const FLAT = (s: string) => s.replace(/\s+/g, '');

describe('the notices of an application', () => {
  it('receipt, 补正, extension and the 第七条 notices say what the regulation asks, and never the identity number', async () => {
    env = await setUp('2026-11-02T09:00:00+08:00');
    const o = ops(env.core);
    const a = await o.register({ ...APPLICANT, receivedOn: '2026-11-02', request: '2026年城关片区拆迁补偿标准' });
    const receipt = await noticeText(env.core, a.id, 'receipt');
    expect(receipt).toContain('政府信息公开申请接受回执');
    expect(receipt).toContain(FLAT('王某某：'));
    expect(receipt).toContain('本机关已于2026年11月2日收到您（单位）通过信函方式提出的政府信息公开申请，即时登记，申请编号为2026-0001。');
    expect(receipt).toContain('申请获取的政府信息：2026年城关片区拆迁补偿标准');
    expect(receipt).toContain('答复期限截止日：2026年11月30日。');
    expect(receipt).toContain('延长答复的期限最长不得超过20个工作日');
    expect(receipt).not.toContain(ID_NUMBER);
    expect(receipt).toContain('某某市人民政府办公室（测试）');

    expect(await refusal(env.core.applicationPrinting.notice(a.id, 'extension', null))).toMatchObject({ message: '本申请尚无《延期答复告知书》可打印' });
    day(env.clock, '2026-11-03');
    await env.core.applications.requestCorrection(a.id, '2026-11-03', '请写明所需补偿标准的文件名称或者文号');
    const correction = await noticeText(env.core, a.id, 'correction');
    expect(correction).toContain('政府信息公开补正申请告知书');
    expect(correction).toContain('一次性全部告知错漏事项如下：请写明所需补偿标准的文件名称或者文号');
    expect(correction).toContain('补正后申请内容仍不明确的，本机关将制作《无法提供答复书》送交您（单位）。');
    expect(correction).toContain('2026年11月3日');
    day(env.clock, '2026-11-05');
    await env.core.applications.correctionReceived(a.id, '2026-11-05', '阿政发〔2026〕8号 城关片区拆迁补偿标准');

    const tp = await o.thirdParty({ applicationId: a.id, party: '某某置业有限公司', letterOn: '2026-11-02', concern: '商业秘密（补偿协议金额）' });
    expect(tp.thirdParty).toMatchObject({ letterDue: '2026-11-09', late: false });
    const letter = await noticeText(env.core, a.id, 'thirdPartyLetter');
    expect(letter).toContain('征求第三方意见告知书（给第三方）');
    expect(letter).toContain(FLAT('某某置业有限公司：'));
    expect(letter).toContain('涉及你（单位）的商业秘密（补偿协议金额），公开后可能损害你（单位）的合法权益，现书面征求你（单位）的意见。');
    expect(letter).not.toContain('王某某');
    const toApplicant = await noticeText(env.core, a.id, 'thirdPartyApplicant');
    expect(toApplicant).toContain('征求第三方意见告知书（给申请人）');
    expect(toApplicant).toContain('已于2026年11月2日书面征求第三方意见');
    expect(toApplicant).toContain('征求第三方意见不延长答复期限');

    day(env.clock, '2026-11-20');
    const e = await o.extend({ applicationId: a.id, days: 10, approvedBy: '政府信息公开工作机构负责人张某', approvedOn: '2026-11-20', reason: '需征求第三方意见' });
    const extension = await noticeText(env.core, a.id, 'extension');
    expect(extension).toContain('延期答复告知书');
    expect(extension).toContain('因需征求第三方意见，本机关不能在收到申请之日起20个工作日内作出答复。');
    expect(extension).toContain('经政府信息公开工作机构负责人同意，答复期限延长10个工作日。');
    expect(extension).toContain(`本机关将于${e.due!.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}前予以答复。`);

    // After the reply the third party is told of the decision (第七条's 第三方告知书).
    expect(await refusal(env.core.applicationPrinting.notice(a.id, 'thirdPartyNotice', null))).toMatchObject({ code: 'CONFLICT' });
    await o.reply({ applicationId: a.id, type: '无法提供', subtype: '没有现成信息需要另行制作', on: '2026-11-20', text: '本机关未制作该标准。' });
    const told = await noticeText(env.core, a.id, 'thirdPartyNotice');
    expect(told).toContain('政府信息依申请公开第三方告知书（给第三方）');
    expect(told).toContain('经审查，本机关已于2026年11月20日对该申请作出答复：无法提供（没有现成信息需要另行制作）。');

    // A co-producing agency is consulted by 征求意见函（共同制作机关）; its silence consents (附件7 第九条).
    const joint = await o.register({ ...APPLICANT, receivedOn: '2026-11-02', request: '联合发文的实施细则' });
    await o.thirdParty({ applicationId: joint.id, party: '某某市住房和城乡建设局', letterOn: '2026-11-03', kind: 'agency', concern: '联合发文的内容' });
    const agency = await noticeText(env.core, joint.id, 'agencyLetter');
    expect(agency).toContain('征求意见函（共同制作机关）');
    expect(agency).toContain(FLAT('某某市住房和城乡建设局：'));
    expect(agency).toContain('在期限内不答复的，视为同意公开该政府信息。');

    // Every printing is in the trail, under the application, naming the notice and the PDF's hash.
    await env.core.session.logout();
    await firstLogin(env.core, ADMINS.auditor);
    const trail = await env.core.audit.list({ offset: 0, limit: 100, action: 'form.printed', subject: a.id });
    expect(trail.entries.map((e) => e.text)).toEqual(
      expect.arrayContaining(['打印《政府信息公开申请接受回执》（共 1 页）', '打印《延期答复告知书》（共 1 页）', '打印《政府信息依申请公开第三方告知书（给第三方）》（共 1 页）']),
    );
    expect(trail.entries.every((e) => /^[0-9a-f]{64}$/.test((e.payload as { sha256: string }).sha256))).toBe(true);
  }, 120_000);

  it('each reply type and variant prints its own notice in the regulation’s words', async () => {
    env = await setUp('2026-11-02T09:00:00+08:00');
    const o = ops(env.core);
    const reg = (request: string) => o.register({ ...APPLICANT, receivedOn: '2026-11-02', request });
    const on = '2026-11-02';
    const cases: Array<{ title: string; says: string[]; make: () => Promise<string> }> = [
      {
        title: '予以公开答复书（已对外公开）',
        says: ['您（单位）申请公开的政府信息已经向社会主动公开。', '获取该信息的方式和途径：本机关门户网站“政府信息公开”专栏'],
        make: async () => (await o.reply({ applicationId: (await reg('已公开的规划')).id, type: '予以公开', subtype: '已对外公开', on, text: '请按上述途径查阅。', where: '本机关门户网站“政府信息公开”专栏' })).id,
      },
      {
        title: '予以公开答复书（答复回执）',
        says: ['属于公开范围，本机关予以公开。', '公开的方式：纸质', '公开的时间：2026年11月2日', '有关缴费事项'],
        make: async () => {
          const a = await reg('补偿资金拨付情况');
          await review(env, a.itemId!, 'PUBLISH');
          return (await o.reply({ applicationId: a.id, type: '予以公开', subtype: '答复回执', on, text: '随本答复书提供。' })).id;
        },
      },
      {
        title: '予以公开答复书（近期内对外公开）',
        says: ['本机关将于近期内对外公开。', '公开的时间：2026年11月30日前'],
        make: async () => {
          const a = await reg('年度工作计划');
          await review(env, a.itemId!, 'PUBLISH');
          return (await o.reply({ applicationId: a.id, type: '予以公开', subtype: '近期内对外公开', on, text: '届时请登录门户网站查阅。', publishOn: '2026-11-30', where: '本机关门户网站' })).id;
        },
      },
      {
        title: '予以公开答复书（部分公开）',
        says: ['含有不应当公开的内容，但是能够作区分处理', '《补偿名单.txt》（区分处理后的公开版本，SHA-256：', '不应当公开的理由：个人隐私', '依据：《中华人民共和国保守国家秘密法》'],
        make: async () => {
          const a = await reg('拆迁补偿名单');
          await review(env, a.itemId!, 'PUBLISH_PART');
          const r = await o.reply({ applicationId: a.id, type: '部分公开', subtype: '区分处理后提供', on, text: '名单中的身份证号码已删除。' });
          expect(r.reply!.detail.publicVersions).toHaveLength(1);
          return r.id;
        },
      },
      {
        title: '不予公开告知书',
        says: ['属于不予公开的范围（第三方合法权益保护类豁免），本机关不予公开。', '不予公开的理由：个人隐私', '依据：《中华人民共和国保守国家秘密法》'],
        make: async () => {
          const a = await reg('评标专家名单');
          await review(env, a.itemId!, 'WITHHOLD');
          return (await o.reply({ applicationId: a.id, type: '不予公开', subtype: '第三方合法权益保护类豁免', on, text: '评标专家名单涉及个人隐私。' })).id;
        },
      },
      {
        title: '无法提供答复书',
        says: ['经查，本机关不掌握您（单位）申请公开的政府信息，无法提供。', '能够确定该政府信息的公开机关为：市自然资源局（联系电话0000-0000000）'],
        make: async () => (await o.reply({ applicationId: (await reg('国有土地出让台账')).id, type: '无法提供', subtype: '本机关不掌握相关政府信息', on, text: '请向该机关申请。', otherAgency: '市自然资源局（联系电话0000-0000000）' })).id,
      },
      {
        title: '无法提供答复书',
        says: ['没有现成信息，需要另行制作，无法提供。'],
        make: async () => (await o.reply({ applicationId: (await reg('近十年补偿金额统计')).id, type: '无法提供', subtype: '没有现成信息需要另行制作', on, text: '本机关未制作该统计。' })).id,
      },
      {
        title: '无法提供答复书',
        says: ['本机关已于2026年11月2日告知您（单位）补正申请，补正后申请内容仍不明确，无法提供。'],
        make: async () => {
          const a = await reg('有关文件');
          await env.core.applications.requestCorrection(a.id, on, '请写明文件名称或者文号');
          await env.core.applications.correctionReceived(a.id, on, '有关的那个文件');
          return (await o.reply({ applicationId: a.id, type: '无法提供', subtype: '补正后申请内容仍不明确', on, text: '仍无法确定所指信息。' })).id;
        },
      },
      // 第九条（三）3–7: each answered by 《无法提供答复书》, counted as 不予处理 in the annual report.
      ...(
        [
          ['信访、举报、投诉等诉求类申请', '要求查处违章建筑', '属于信访、举报、投诉等诉求类申请，本机关不作为政府信息公开申请处理。'],
          ['重复申请', '再次申请补偿标准', '您（单位）提出的申请属于重复申请，本机关不再重复处理。'],
          ['要求提供公开出版物', '某年鉴', '您（单位）要求提供的是公开出版物，请通过公开发行渠道获取'],
          ['要求行政机关确认或者重新出具已获取信息', '确认已获取的批复', '属于要求行政机关确认或者重新出具已获取信息，本机关不作为政府信息公开申请处理。'],
          ['党务信息', '党委会议纪要', '申请获取的是党务信息，不属于政府信息公开的范围'],
        ] as const
      ).map(([subtype, request, sentence]) => ({
        title: '无法提供答复书',
        says: [sentence, '年度报告中列入“不予处理”'],
        make: async () => (await o.reply({ applicationId: (await reg(request)).id, type: '不予处理', subtype, on, text: '特此说明。' })).id,
      })),
      {
        title: '政府信息公开申请答复书',
        says: ['本机关对您（单位）的申请作如下处理：本申请已由申请人撤回。'],
        make: async () => (await o.reply({ applicationId: (await reg('某项信息')).id, type: '其他处理', subtype: '其他', on, text: '本申请已由申请人撤回。' })).id,
      },
    ];
    for (const c of cases) {
      const id = await c.make();
      const text = await noticeText(env.core, id, 'reply');
      expect(text, c.title).toContain(c.title);
      for (const s of c.says) expect(text, c.title).toContain(FLAT(s));
      expect(text).toContain('可以依法申请行政复议或者提起行政诉讼');
      expect(text).not.toContain(ID_NUMBER);
    }
    // 申请人逾期未补正 only for an application waiting for its 补正.
    const late = await reg('某项信息二');
    expect(await refusal(o.reply({ applicationId: late.id, type: '其他处理', subtype: '申请人逾期未补正', on, text: '逾期未补正' }))).toMatchObject({ message: '本申请没有在等待补正，不能以“申请人逾期未补正”答复' });
    const unclear = await reg('某项信息三');
    expect(await refusal(o.reply({ applicationId: unclear.id, type: '无法提供', subtype: '补正后申请内容仍不明确', on, text: 'x' }))).toMatchObject({ message: '本申请没有收到补正后的申请，不能以“补正后申请内容仍不明确”答复' });
    await env.core.applications.requestCorrection(late.id, on, '请明确所需信息');
    await o.reply({ applicationId: late.id, type: '其他处理', subtype: '申请人逾期未补正', on, text: '不再处理。' });
    expect(await noticeText(env.core, late.id, 'reply')).toContain('本机关已于2026年11月2日向您（单位）送达《政府信息公开补正申请告知书》，您（单位）逾期未补正，本申请不再处理。');
    // Every variant of 第九条、第十条 was answered and printed above; 不予公开 names its sub-reason in the sentence checked.
    const answered = new Set((await env.core.applications.list()).flatMap((a) => (a.reply ? [`${a.reply.type}：${a.reply.subtype}`] : [])));
    const variants = REPLY_TYPES.flatMap((t) => (t === '不予公开' ? [] : REPLY_SUBTYPES[t].map((v) => `${t}：${v}`)));
    expect(variants.filter((v) => !answered.has(v))).toEqual([]);
  }, 180_000);
});
