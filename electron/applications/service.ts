import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { MAX_EXTENSION_DAYS, REPLY_DAYS, REPLY_SUBTYPES, THIRD_PARTY_LETTER_DAYS, type NoticeKind, type ReplyType } from '../../shared/applications';
import type { contract, In } from '../../shared/contract';
import type { ApplicationPage, ApplicationView, ReplyDetail } from '../../shared/ops/applications';
import { AppFailure } from '../../shared/result';
import type { ItemFields } from '../../shared/types';
import { emptyItemFields } from '../../shared/schemas';
import type { WorkCalendar } from '../calendar/workdays';
import type { SessionContext, Tx } from '../context/session';
import type { ApplicationsTable } from '../store/schema';
import { dueOf, EMPTY_DETAIL, toView, writeReply, type StoredConsultation } from './view';
import { noticeData } from './notices/data';
import type { NoticeInput } from './notices/compose';
import { loadNoticeTemplate } from './notices/templates';

export { maskId } from './view';

// Applications for disclosure (seed 004 附件2): 即时登记、编号 (第九条), the 20-working-day
// clock from receipt or from the corrected application (the clock stops while the
// applicant corrects it), one approved extension of at most 20 working days (第六条),
// the third party's letter within 5 working days (第七条), and the reply by type. Each
// application has a review item (依申请审查) whose decision the reply must match.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);

export interface ReviewItems {
  /** Registers the review item of an application under the active profile. */
  register(fields: ItemFields): Promise<{ id: string }>;
  /** The item's status, the outcome it was decided with, the grounds and bases of that decision, and its public versions. */
  review(itemId: string): Promise<ReviewOfItem>;
}

export interface ReviewOfItem {
  status: string;
  outcome: string | null;
  /** In the words of the grounds' labels. */
  grounds: string[];
  bases: string[];
  publicVersions: Array<{ id: string; name: string; sha256: string; verified: boolean }>;
}

/**
 * The review item's reply limit follows the application's clock (补正, extension, reply):
 * its stored due date is computed again before the lists next read it.
 */
async function staleItemOf(tx: Tx, applicationId: string): Promise<void> {
  await sql`UPDATE items SET derived_at = NULL WHERE id = (SELECT item_id FROM applications WHERE id = ${applicationId})`.execute(tx);
}

export class Applications {
  constructor(
    private readonly ctx: SessionContext,
    private readonly calendar: { calendar(): Promise<WorkCalendar> },
    private readonly items: ReviewItems,
  ) {}

  /** The date in China, where the agency works: the host's own time zone may be another. */
  private today(): string {
    return this.ctx.now().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  }

  private view(r: ApplicationsTable, cal: WorkCalendar, mask: boolean): ApplicationView {
    return toView(r, cal, this.today(), mask);
  }

  private async row(id: string): Promise<ApplicationsTable> {
    const r = await this.ctx.db().selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw fail('NOT_FOUND', '找不到该申请');
    return r;
  }

  async get(id: string): Promise<ApplicationView> {
    return this.view(await this.row(id), await this.calendar.calendar(), false);
  }

  /** The data of one of the application's notices, for printing; the applicant's identity number is never on it. */
  async notice(id: string, kind: NoticeKind, date: string | null, templatesDir?: string): Promise<NoticeInput> {
    const r = await this.row(id);
    const cal = await this.calendar.calendar();
    const org = (await this.ctx.db().selectFrom('organization').select('name').executeTakeFirstOrThrow()).name;
    const joinList = loadNoticeTemplate('common', ['joinList'], templatesDir).labels.joinList!;
    return noticeData(kind, this.view(r, cal, false), { org, dueAtReceipt: cal.addWorkdays(r.received_on, REPLY_DAYS), date, joinList });
  }

  async list(year?: number): Promise<ApplicationView[]> {
    let q = this.ctx.db().selectFrom('applications').selectAll().orderBy('received_on', 'desc').orderBy('number', 'desc');
    if (year) q = q.where('year', '=', year);
    const cal = await this.calendar.calendar();
    return (await q.execute()).map((r) => this.view(r, cal, true));
  }

  /**
   * The register filtered and paged. The clock depends on the calendar, so status and
   * overdue are worked out per row; a year's applications number in the hundreds.
   * The text matches the number, the applicant's name and the request, never the identity number.
   */
  async page(input: In<typeof contract.applications.page>): Promise<ApplicationPage> {
    const all = await this.list(input.year);
    const needle = input.text?.trim() ?? '';
    const rows = all.filter(
      (a) =>
        (!input.status || (input.status === 'open' ? a.status !== 'replied' : a.status === input.status)) &&
        (input.overdue === undefined || a.overdue === input.overdue) &&
        (!needle || a.number.includes(needle) || a.applicantName.includes(needle) || a.request.includes(needle)),
    );
    const from = (input.page - 1) * input.pageSize;
    return { rows: rows.slice(from, from + input.pageSize), total: rows.length, overdue: rows.filter((a) => a.overdue).length };
  }

  private async nextNumber(year: number): Promise<string> {
    const n = Number((await this.ctx.db().selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', year).executeTakeFirstOrThrow()).n);
    return `${year}-${String(n + 1).padStart(4, '0')}`;
  }

  async register(input: In<typeof contract.applications.register>, splitFrom: string | null = null): Promise<ApplicationView> {
    if (input.receivedOn > this.today()) throw fail('INVALID_INPUT', '收到申请的日期不能晚于今天');
    const year = Number(input.receivedOn.slice(0, 4));
    const id = randomUUID();
    const number = await this.nextNumber(year);
    const item = await this.items.register(
      emptyItemFields({
        title: `依申请公开：${input.request.slice(0, 60)}`,
        issuer: '本机关',
        department: this.ctx.user().department || '政府信息公开工作机构',
        formedOn: input.receivedOn,
        category: '依申请公开',
        summary: input.request,
        disclosure: '依申请公开',
        publishForm: '依申请公开',
        reviewMode: '依申请审查',
        applicationNo: number,
        applicationReceivedOn: input.receivedOn,
      }),
    );
    const now = this.ctx.now().toISOString();
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx
          .insertInto('applications')
          .values({
            id,
            number,
            year,
            received_on: input.receivedOn,
            received_via: input.receivedVia,
            applicant_kind: input.applicantKind,
            applicant_name: input.applicantName,
            id_type: input.idType,
            id_number: input.idNumber,
            contact: input.contact,
            address: input.address,
            request: input.request,
            purpose: input.purpose,
            delivery_form: input.deliveryForm,
            status: 'registered',
            correction_requested_on: null,
            correction_text: null,
            correction_received_on: null,
            extension: null,
            third_party: null,
            item_id: item.id,
            split_from: splitFrom,
            reply_type: null,
            reply_subtype: null,
            reply_on: null,
            reply_text: null,
            created_by: this.ctx.user().id,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await staleItemOf(tx, id);
        // The record names the application, never the applicant's identity.
        await this.ctx.append(tx, { action: 'application.registered', subject: id, role: 'handler', payload: { text: `登记政府信息公开申请 ${number}`, number, receivedOn: input.receivedOn, itemId: item.id, splitFrom } });
      });
    return this.get(id);
  }

  /** 一事一申请 (第五条): each further request becomes an application of its own; `keep` narrows the original to its one request. */
  async split(applicationId: string, requests: string[], keep = ''): Promise<ApplicationView[]> {
    const r = await this.row(applicationId);
    if (r.status === 'replied') throw fail('CONFLICT', '已答复的申请不能拆分');
    if (keep) await this.change(applicationId, 'application.narrowed', `按“一事一申请”拆分：本申请保留“${keep.slice(0, 60)}”`, { request: keep });
    const base = { receivedOn: r.received_on, receivedVia: r.received_via, applicantKind: r.applicant_kind, applicantName: r.applicant_name, idType: r.id_type, idNumber: r.id_number, contact: r.contact, address: r.address, purpose: r.purpose, deliveryForm: r.delivery_form } as Omit<In<typeof contract.applications.register>, 'request'>;
    const out: ApplicationView[] = [];
    for (const request of requests) out.push(await this.register({ ...base, request }, applicationId));
    return out;
  }

  private async change(id: string, action: string, text: string, set: Partial<ApplicationsTable>, extra: object = {}): Promise<ApplicationView> {
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable('applications').set({ ...set, updated_at: this.ctx.now().toISOString() }).where('id', '=', id).execute();
        await staleItemOf(tx, id);
        await this.ctx.append(tx, { action, subject: id, role: 'handler', payload: { text, ...extra } });
      });
    return this.get(id);
  }

  /** 补正 (附件2 第九条（一）): the clock stops until the corrected application arrives. */
  async requestCorrection(id: string, requestedOn: string, text: string): Promise<ApplicationView> {
    const r = await this.row(id);
    if (r.status !== 'registered') throw fail('CONFLICT', '只有办理中的申请可以告知补正');
    if (r.correction_requested_on) throw fail('CONFLICT', '补正应一次性告知，本申请已告知过补正');
    if (requestedOn < r.received_on) throw fail('INVALID_INPUT', '告知补正的日期不能早于收到申请的日期');
    if (requestedOn > this.today()) throw fail('INVALID_INPUT', '告知补正的日期不能晚于今天');
    return this.change(id, 'application.correctionRequested', `告知补正：${text}`, { status: 'awaitingCorrection', correction_requested_on: requestedOn, correction_text: text }, { requestedOn });
  }

  async correctionReceived(id: string, receivedOn: string, request: string): Promise<ApplicationView> {
    const r = await this.row(id);
    if (r.status !== 'awaitingCorrection') throw fail('CONFLICT', '该申请不在等待补正');
    if (receivedOn < r.correction_requested_on!) throw fail('INVALID_INPUT', '收到补正的日期不能早于告知补正的日期');
    if (receivedOn > this.today()) throw fail('INVALID_INPUT', '收到补正的日期不能晚于今天');
    return this.change(id, 'application.corrected', '收到补正后的申请，答复期限自收到之日起重新计算', { status: 'registered', correction_received_on: receivedOn, request }, { receivedOn });
  }

  async extend(input: In<typeof contract.applications.extend>): Promise<ApplicationView> {
    const r = await this.row(input.applicationId);
    if (r.status !== 'registered') throw fail('CONFLICT', '只有办理中的申请可以延期答复');
    if (r.extension) throw fail('CONFLICT', '答复期限只能延长一次');
    if (input.days > MAX_EXTENSION_DAYS) throw fail('INVALID_INPUT', `延长答复的期限最长不得超过 ${MAX_EXTENSION_DAYS} 个工作日`);
    const due = dueOf(r, await this.calendar.calendar());
    if (input.approvedOn < r.received_on) throw fail('INVALID_INPUT', '批准延期的日期不能早于收到申请的日期');
    if (input.approvedOn > this.today()) throw fail('INVALID_INPUT', '批准延期的日期不能晚于今天');
    if (due && input.approvedOn > due) throw fail('CONFLICT', `答复期限（${due}）已过，不能再延期`);
    const extension = { days: input.days, approvedBy: input.approvedBy, approvedOn: input.approvedOn, reason: input.reason };
    return this.change(input.applicationId, 'application.extended', `经${input.approvedBy}同意延期答复 ${input.days} 个工作日：${input.reason}`, { extension: JSON.stringify(extension) }, extension);
  }

  /**
   * 第七条: the written consultation within 5 working days of receipt. Waiting for the
   * answer does not stop the clock (only 补正 does), so a late letter is recorded as late.
   */
  async thirdPartyLetter(id: string, party: string, letterOn: string, kind: 'thirdParty' | 'agency' = 'thirdParty', concern = ''): Promise<ApplicationView> {
    const r = await this.row(id);
    if (r.status === 'replied') throw fail('CONFLICT', '已答复的申请不能再征求第三方意见');
    if (letterOn < r.received_on) throw fail('INVALID_INPUT', '发函日期不能早于收到申请的日期');
    if (letterOn > this.today()) throw fail('INVALID_INPUT', '发函日期不能晚于今天');
    const due = (await this.calendar.calendar()).addWorkdays(r.received_on, THIRD_PARTY_LETTER_DAYS);
    const late = due && letterOn > due ? `（晚于应发函日期 ${due}）` : '';
    const stored: StoredConsultation = { kind, party, letterOn, concern };
    const whom = kind === 'agency' ? `共同制作机关“${party}”` : `第三方“${party}”`;
    return this.change(id, 'application.thirdParty', `书面征求${whom}意见${late}`, { third_party: JSON.stringify(stored) }, { kind, party, letterOn });
  }

  /**
   * The reply: its type must agree with the review's decision where the review decides
   * (予以公开 → 全部公开, 部分公开 → 区分处理 with a verified public version, 不予公开 →
   * 不予公开), and the notice's particulars are fixed with it.
   */
  async reply(input: In<typeof contract.applications.reply>): Promise<ApplicationView> {
    const r = await this.row(input.applicationId);
    const type = input.type as ReplyType;
    if (r.status === 'replied') throw fail('CONFLICT', '该申请已答复');
    if (r.status === 'awaitingCorrection' && type !== '其他处理') throw fail('CONFLICT', '申请人尚未补正：只能作“其他处理”');
    if (!REPLY_SUBTYPES[type].includes(input.subtype)) throw fail('INVALID_INPUT', `“${type}”没有“${input.subtype}”这一情形`);
    if (input.on < r.received_on) throw fail('INVALID_INPUT', '答复日期不能早于收到申请的日期');
    if (input.on > this.today()) throw fail('INVALID_INPUT', '答复日期不能晚于今天');
    if (type === '其他处理' && input.subtype === '申请人逾期未补正' && r.status !== 'awaitingCorrection') throw fail('CONFLICT', '本申请没有在等待补正，不能以“申请人逾期未补正”答复');
    if (type === '无法提供' && input.subtype === '补正后申请内容仍不明确' && !r.correction_received_on) throw fail('CONFLICT', '本申请没有收到补正后的申请，不能以“补正后申请内容仍不明确”答复');
    if (type === '予以公开' && input.subtype === '已对外公开' && !input.where) throw fail('INVALID_INPUT', '已对外公开的，应告知申请人获取该信息的方式和途径');
    if (type === '予以公开' && input.subtype === '近期内对外公开' && !input.publishOn) throw fail('INVALID_INPUT', '近期内对外公开的，应告知公开的时间');
    const detail: ReplyDetail = { ...EMPTY_DETAIL, where: input.where, publishOn: type === '予以公开' ? input.publishOn : null, otherAgency: type === '无法提供' ? input.otherAgency : '' };
    const needs: Partial<Record<ReplyType, string>> = { 予以公开: 'PUBLISH', 部分公开: 'PUBLISH_PART', 不予公开: 'WITHHOLD' };
    const want = needs[type];
    if (want && r.item_id && !(type === '予以公开' && input.subtype === '已对外公开')) {
      const item = await this.items.review(r.item_id);
      if (item.outcome !== want || !['approved', 'withheld'].includes(item.status))
        throw fail('CONFLICT', `答复“${type}”须先经保密审查作出相应决定（${want === 'WITHHOLD' ? '不予公开' : want === 'PUBLISH' ? '全部公开' : '区分处理后部分公开'}）`);
      if (type !== '予以公开') Object.assign(detail, { grounds: item.grounds, bases: item.bases });
      if (type === '部分公开') {
        const versions = item.publicVersions.filter((v) => v.verified);
        if (!versions.length) throw fail('CONFLICT', '部分公开须向申请人提供区分处理后的公开版本：该事项还没有核验通过的公开版本');
        detail.publicVersions = versions.map(({ id, name, sha256 }) => ({ id, name, sha256 }));
      }
    }
    return this.change(
      input.applicationId,
      'application.replied',
      `答复：${type}（${input.subtype}）`,
      { status: 'replied', reply_type: type, reply_subtype: input.subtype, reply_on: input.on, reply_text: writeReply(input.text, detail) },
      { type, subtype: input.subtype, on: input.on, publicVersions: detail.publicVersions.map((v) => v.sha256) },
    );
  }
}
