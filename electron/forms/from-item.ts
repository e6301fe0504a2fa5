import dayjs from 'dayjs';
import type { ItemDetail, OpinionView } from '../../shared/types';
import { CONSULTATION_KIND_LABELS, CONSULTATION_STANDING_LABELS, isOpenStatus, type OpinionDef, type Profile } from '../../shared/workflow';
import { chineseDate } from './templates';
import type { Agreement, ItemBrief, RecordInput, RecordStep, ReviewTableInput, ReviewTableRow } from './types';

// An item as the app reads it (ItemDetail) → the data of the 保密审查记录 and of a row
// of the 《信息发布保密审查表》, in the words of the profile it is reviewed under.
// Times become the local calendar day, as everywhere in the app (read-model.ts).

export const dayOf = (time: string): string => dayjs(time).format('YYYY-MM-DD');

export function briefOf(item: ItemDetail): ItemBrief {
  const f = item.fields;
  return { title: f.title, documentNumber: f.documentNumber, issuer: f.issuer, department: f.department, formedOn: f.formedOn, summary: f.summary };
}

function opinionDef(profile: Profile, o: OpinionView): OpinionDef | undefined {
  return profile.steps.find((s) => s.id === o.stepId)?.opinions.find((d) => d.label === o.label);
}

const latestRound = (item: ItemDetail): number => Math.max(1, ...item.opinions.map((o) => o.round));

function classificationOf(item: ItemDetail): string {
  const f = item.fields;
  if (f.classification === 'none') return '未标密级';
  return f.classificationTerm ? `${f.classification}（保密期限：${f.classificationTerm}）` : f.classification;
}

/** 第十九条（五）: the letters, approvals, objections and incidents around the decision, one sentence each. */
function otherRecords(item: ItemDetail): string[] {
  const out: string[] = [];
  const d = (iso: string) => chineseDate(iso);
  for (const e of item.escalations) {
    const number = e.letterNumber ? `（${e.letterNumber}）` : '';
    const reply = e.reply ? `${d(e.reply.on)}${e.reply.authority}答复${e.reply.documentNumber ? `（${e.reply.documentNumber}）` : ''}：${e.reply.conclusion}` : '尚未答复';
    out.push(`${d(e.sentOn)}向${e.authority}（${e.addressee}）报审${number}；${reply}。`);
  }
  for (const c of item.consultations) {
    const sent = c.sentOn ? `${d(c.sentOn)}向${c.party}` : `拟向${c.party}`;
    out.push(`${sent}征求意见（${CONSULTATION_KIND_LABELS[c.kind]}）：${c.matters}；${CONSULTATION_STANDING_LABELS[c.standing]}。`);
    if (c.override) out.push(`${d(c.override.noticeSentOn)}书面告知${c.party}决定公开：${c.override.decision}；理由：${c.override.reasons}。`);
    if (c.coordination) out.push(`${d(c.coordination.decidedOn)}经${c.coordination.authority}协调${c.coordination.documentNumber ? `（${c.coordination.documentNumber}）` : ''}：${c.coordination.text}。`);
  }
  if (item.specialApproval) {
    const a = item.specialApproval;
    out.push(`${d(a.approvedOn)}经${a.authority}批准（${a.documentNumber}）。`);
  }
  if (item.declassification) {
    const x = item.declassification;
    out.push(`${d(x.decidedOn)}${x.authority}作出解密决定（${x.documentNumber}），${d(x.filedOn)}报${x.filedWith}备案。`);
  }
  for (const o of item.objections) out.push(`${d(dayOf(o.time))}${o.userName}提出异议：${o.text}`);
  for (const i of item.incidents) out.push(`${d(i.discoveredOn)}发现：${i.description}；补救措施：${i.measures}`);
  return out;
}

function stepOf(item: ItemDetail, o: OpinionView): RecordStep {
  const def = item.profile.steps.find((s) => s.id === o.stepId);
  return {
    name: def?.name ?? o.stepName,
    signer: def?.signer ?? o.signer,
    article: def?.article ?? '',
    opinion: o.deferUntil ? `${o.label}（至${chineseDate(o.deferUntil)}）` : o.label,
    grounds: o.grounds,
    bases: o.bases.map((b) => b.title),
    reason: o.reason,
    userName: o.userName,
    date: dayOf(o.time),
    round: o.round,
  };
}

/**
 * Every opinion given, in order; while the item is still in review, the steps still to
 * sign in the current round follow with empty lines, so the paper can travel with it.
 */
function recordSteps(item: ItemDetail): RecordStep[] {
  const steps = item.opinions.map((o) => stepOf(item, o));
  if (!isOpenStatus(item.status)) return steps;
  const round = latestRound(item);
  const signed = new Set(item.opinions.filter((o) => o.round === round).map((o) => o.stepId));
  for (const s of item.profile.steps) {
    if (signed.has(s.id) || (s.when !== 'always' && s.id !== item.currentStepId)) continue;
    steps.push({ name: s.name, signer: s.signer, article: s.article, opinion: null, grounds: [], bases: [], reason: '', userName: null, date: null, round });
  }
  return steps;
}

export function recordFromItem(item: ItemDetail, org: string): RecordInput {
  const f = item.fields;
  const bases = [...new Set(item.opinions.flatMap((o) => o.bases.map((b) => b.title)))];
  return {
    org,
    itemId: item.id,
    profile: { name: item.profile.name, source: item.profile.source },
    item: { ...briefOf(item), disclosure: f.disclosure, publishForm: f.publishForm, reviewMode: f.reviewMode, classification: classificationOf(item), keywords: f.keywords },
    conclusion: item.proposal ? `${item.statusLabel}（${item.proposal.label}）` : item.statusLabel,
    bases,
    steps: recordSteps(item),
    other: otherRecords(item),
  };
}

const AGREEING = new Set(['PUBLISH', 'PUBLISH_PART']);
const REFUSING = new Set(['WITHHOLD', 'DEFER']);

/**
 * One row of the 《信息发布保密审查表》. 工作机构或者人员审查意见: the latest proposal of a
 * reviewing step in the current round (公开 → 同意, 不予/暂缓公开 → 不同意, 报审 → empty).
 * 主管领导意见: the leader's latest word in the round (批准 → 同意, 退回 → 不同意; regulation 001
 * 第六条（二）: the leader approves or refuses the review opinion).
 */
export function reviewRowFromItem(item: ItemDetail): ReviewTableRow {
  const round = latestRound(item);
  const inRound = item.opinions.filter((o) => o.round === round);
  const roleOf = (o: OpinionView) => item.profile.steps.find((s) => s.id === o.stepId)?.role;
  let reviewOpinion: Agreement = null;
  let leaderOpinion: Agreement = null;
  for (const o of inRound) {
    const def = opinionDef(item.profile, o);
    const role = roleOf(o);
    if ((role === 'reviewer' || role === 'secrecyOffice') && def?.effect === 'propose' && def.outcome)
      reviewOpinion = AGREEING.has(def.outcome) ? 'agree' : REFUSING.has(def.outcome) ? 'disagree' : null;
    if (role === 'approver' && def) leaderOpinion = def.effect === 'approve' ? 'agree' : def.effect === 'sendBack' ? 'disagree' : leaderOpinion;
  }
  return { department: item.fields.department, title: item.fields.title, publishForm: item.fields.publishForm, reviewOpinion, leaderOpinion };
}

/** A sheet of several items; `date` null leaves 年 月 日 for the hand. */
export function reviewTableFromItems(items: ItemDetail[], org: string, date: string | null): ReviewTableInput {
  return { org, itemId: items.map((i) => i.id).join(','), date, rows: items.map(reviewRowFromItem) };
}
