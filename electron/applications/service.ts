import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import { APPLICATION_STATUS_LABELS, MAX_EXTENSION_DAYS, REPLY_DAYS, REPLY_SUBTYPES, THIRD_PARTY_LETTER_DAYS, type ReplyType } from '../../shared/applications';
import type { contract, In } from '../../shared/contract';
import type { ApplicationView } from '../../shared/ops/applications';
import { AppFailure } from '../../shared/result';
import type { ItemFields } from '../../shared/types';
import { emptyItemFields } from '../../shared/schemas';
import type { WorkCalendar } from '../calendar/workdays';
import type { SessionContext } from '../context/session';
import type { ApplicationsTable } from '../store/schema';

// Applications for disclosure (seed 004 附件2): 即时登记、编号 (第九条), the 20-working-day
// clock from receipt or from the corrected application (the clock stops while the
// applicant corrects it), one approved extension of at most 20 working days (第六条),
// the third party's letter within 5 working days (第七条), and the reply by type. Each
// application has a review item (依申请审查) whose decision the reply must match.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const json = <T>(t: string | null): T | null => (t ? (JSON.parse(t) as T) : null);

export interface ReviewItems {
  /** Registers the review item of an application under the active profile. */
  register(fields: ItemFields): Promise<{ id: string }>;
  /** The item's status and the outcome it was decided with. */
  outcome(itemId: string): Promise<{ status: string; outcome: string | null }>;
}

/** 1101********1234: enough to tell two applicants apart, not to identify one. */
export const maskId = (s: string) => (s.length <= 8 ? `${s.slice(0, 1)}***` : `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`);

export class Applications {
  constructor(
    private readonly ctx: SessionContext,
    private readonly calendar: { calendar(): Promise<WorkCalendar> },
    private readonly items: ReviewItems,
  ) {}

  private today(): string {
    return dayjs(this.ctx.now()).format('YYYY-MM-DD');
  }

  private view(r: ApplicationsTable, cal: WorkCalendar, mask: boolean): ApplicationView {
    const ext = json<NonNullable<ApplicationView['extension']>>(r.extension);
    const tp = json<{ party: string; letterOn: string }>(r.third_party);
    const start = r.correction_received_on ?? r.received_on;
    const due = r.status === 'registered' ? cal.addWorkdays(start, REPLY_DAYS + (ext?.days ?? 0)) : null;
    return {
      id: r.id,
      number: r.number,
      receivedOn: r.received_on,
      receivedVia: r.received_via,
      applicantKind: r.applicant_kind,
      applicantName: r.applicant_name,
      idType: r.id_type,
      idNumber: mask ? maskId(r.id_number) : r.id_number,
      contact: mask ? maskId(r.contact) : r.contact,
      address: mask ? '' : r.address,
      request: r.request,
      purpose: r.purpose,
      deliveryForm: r.delivery_form,
      status: r.status,
      statusLabel: APPLICATION_STATUS_LABELS[r.status as keyof typeof APPLICATION_STATUS_LABELS] ?? r.status,
      due,
      overdue: due !== null && this.today() > due,
      correction: r.correction_requested_on ? { requestedOn: r.correction_requested_on, text: r.correction_text ?? '', receivedOn: r.correction_received_on } : null,
      extension: ext,
      thirdParty: tp ? { ...tp, letterDue: cal.addWorkdays(r.received_on, THIRD_PARTY_LETTER_DAYS) } : null,
      itemId: r.item_id,
      reply: r.reply_type ? { type: r.reply_type, subtype: r.reply_subtype ?? '', on: r.reply_on ?? '', text: r.reply_text ?? '' } : null,
    };
  }

  private async row(id: string): Promise<ApplicationsTable> {
    const r = await this.ctx.db().selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw fail('NOT_FOUND', '找不到该申请');
    return r;
  }

  async get(id: string): Promise<ApplicationView> {
    return this.view(await this.row(id), await this.calendar.calendar(), false);
  }

  async list(year?: number): Promise<ApplicationView[]> {
    let q = this.ctx.db().selectFrom('applications').selectAll().orderBy('received_on', 'desc').orderBy('number', 'desc');
    if (year) q = q.where('year', '=', year);
    const cal = await this.calendar.calendar();
    return (await q.execute()).map((r) => this.view(r, cal, true));
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
        // The record names the application, never the applicant's identity.
        await this.ctx.append(tx, { action: 'application.registered', subject: id, role: 'handler', payload: { text: `登记政府信息公开申请 ${number}`, number, receivedOn: input.receivedOn, itemId: item.id, splitFrom } });
      });
    return this.get(id);
  }

  async split(applicationId: string, requests: string[]): Promise<ApplicationView[]> {
    const r = await this.row(applicationId);
    if (r.status === 'replied') throw fail('CONFLICT', '已答复的申请不能拆分');
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
    return this.change(id, 'application.correctionRequested', `告知补正：${text}`, { status: 'awaitingCorrection', correction_requested_on: requestedOn, correction_text: text }, { requestedOn });
  }

  async correctionReceived(id: string, receivedOn: string, request: string): Promise<ApplicationView> {
    const r = await this.row(id);
    if (r.status !== 'awaitingCorrection') throw fail('CONFLICT', '该申请不在等待补正');
    if (receivedOn < r.correction_requested_on!) throw fail('INVALID_INPUT', '收到补正的日期不能早于告知补正的日期');
    return this.change(id, 'application.corrected', '收到补正后的申请，答复期限自收到之日起重新计算', { status: 'registered', correction_received_on: receivedOn, request }, { receivedOn });
  }

  async extend(input: In<typeof contract.applications.extend>): Promise<ApplicationView> {
    const r = await this.row(input.applicationId);
    if (r.status !== 'registered') throw fail('CONFLICT', '只有办理中的申请可以延期答复');
    if (r.extension) throw fail('CONFLICT', '答复期限只能延长一次');
    if (input.days > MAX_EXTENSION_DAYS) throw fail('INVALID_INPUT', `延长答复的期限最长不得超过 ${MAX_EXTENSION_DAYS} 个工作日`);
    const cal = await this.calendar.calendar();
    const due = this.view(r, cal, false).due;
    if (due && input.approvedOn > due) throw fail('CONFLICT', `答复期限（${due}）已过，不能再延期`);
    const extension = { days: input.days, approvedBy: input.approvedBy, approvedOn: input.approvedOn, reason: input.reason };
    return this.change(input.applicationId, 'application.extended', `经${input.approvedBy}同意延期答复 ${input.days} 个工作日：${input.reason}`, { extension: JSON.stringify(extension) }, extension);
  }

  async thirdPartyLetter(id: string, party: string, letterOn: string): Promise<ApplicationView> {
    const r = await this.row(id);
    if (r.status === 'replied') throw fail('CONFLICT', '已答复的申请不能再征求第三方意见');
    if (letterOn < r.received_on) throw fail('INVALID_INPUT', '发函日期不能早于收到申请的日期');
    const due = (await this.calendar.calendar()).addWorkdays(r.received_on, THIRD_PARTY_LETTER_DAYS);
    const late = due && letterOn > due ? `（晚于应发函日期 ${due}）` : '';
    return this.change(id, 'application.thirdParty', `书面征求第三方“${party}”意见${late}`, { third_party: JSON.stringify({ party, letterOn }) }, { party, letterOn });
  }

  /** The reply: its type must agree with the review's decision where the review decides. */
  async reply(input: In<typeof contract.applications.reply>): Promise<ApplicationView> {
    const r = await this.row(input.applicationId);
    if (r.status === 'replied') throw fail('CONFLICT', '该申请已答复');
    if (r.status === 'awaitingCorrection' && input.type !== '其他处理') throw fail('CONFLICT', '申请人尚未补正：只能作“其他处理”');
    if (!REPLY_SUBTYPES[input.type as ReplyType].includes(input.subtype)) throw fail('INVALID_INPUT', `“${input.type}”没有“${input.subtype}”这一情形`);
    if (input.on < r.received_on) throw fail('INVALID_INPUT', '答复日期不能早于收到申请的日期');
    const needs: Partial<Record<ReplyType, string>> = { 予以公开: 'PUBLISH', 部分公开: 'PUBLISH_PART', 不予公开: 'WITHHOLD' };
    const want = needs[input.type as ReplyType];
    if (want && r.item_id && !(input.type === '予以公开' && input.subtype === '已对外公开')) {
      const item = await this.items.outcome(r.item_id);
      if (item.outcome !== want || !['approved', 'withheld'].includes(item.status))
        throw fail('CONFLICT', `答复“${input.type}”须先经保密审查作出相应决定（${want === 'WITHHOLD' ? '不予公开' : want === 'PUBLISH' ? '全部公开' : '区分处理后部分公开'}）`);
    }
    return this.change(input.applicationId, 'application.replied', `答复：${input.type}（${input.subtype}）`, { status: 'replied', reply_type: input.type, reply_subtype: input.subtype, reply_on: input.on, reply_text: input.text }, { type: input.type, subtype: input.subtype, on: input.on });
  }
}
