import { ROLE_LABELS, type Role } from '../../shared/roles';
import {
  opinionNeeds,
  type Disclosure,
  type Ground,
  type ItemStatus,
  type OpinionDef,
  type Outcome,
  type Profile,
  type StepDef,
} from '../../shared/workflow';

// The review state machine over a profile. Pure: no database, no clock. The service
// loads the state, asks the engine, and stores the result with its audit entry in one
// transaction. Property tests drive this module with random call sequences.

export interface Signed {
  stepId: string;
  userId: string;
  opinionId: string;
}

export interface ReviewState {
  status: ItemStatus;
  /** The step awaiting an opinion (while inReview) or the step that escalated. */
  stepId: string;
  round: number;
  proposal: { outcome: Outcome; disclosure: Disclosure | null; label: string; stepId: string } | null;
  /** The signatures that lead to the current step, in order; a send-back cuts it. */
  path: Signed[];
  /** Every signature ever given on the item, for separation of duties. */
  signedBy: Record<string, string[]>;
  registeredBy: string;
  sensitive: boolean;
  marked: boolean;
  declassified: boolean;
  deferUntil: string | null;
}

export interface OpinionInput {
  stepId: string;
  opinionId: string;
  grounds: readonly Ground[];
  bases: readonly string[];
  reason: string;
  deferUntil?: string | null;
}

export interface Actor {
  userId: string;
  roles: readonly Role[];
}

export type EngineError = { ok: false; code: 'CONFLICT' | 'FORBIDDEN' | 'INVALID_INPUT'; message: string };
export type Transition =
  | { ok: true; state: ReviewState; step: StepDef; opinion: OpinionDef; finished: boolean }
  | EngineError;

const refuse = (code: EngineError['code'], message: string): EngineError => ({ ok: false, code, message });

/**
 * The steps an item goes through, given what is known about it now: conditional steps
 * join when their condition holds (a sensitive item; a standing 部分公开 proposal, whose
 * redaction must be confirmed; the same for an item with secret content).
 */
export function activeSteps(profile: Profile, state: Pick<ReviewState, 'sensitive' | 'marked' | 'proposal'>): StepDef[] {
  const partial = state.proposal?.outcome === 'PUBLISH_PART';
  return profile.steps.filter((s) => {
    switch (s.when) {
      case 'always':
        return true;
      case 'sensitive':
        return state.sensitive;
      case 'partial':
        return partial;
      case 'partialSecret':
        return partial && state.marked;
    }
  });
}

/**
 * What the service knows about the item's carrier files and today's date, for the gate
 * in front of publication: nothing is proposed or approved for publication while a
 * finding is undecided, a confirmed finding rules out full publication, and a file
 * marked secret on an item registered as unmarked blocks it.
 */
/** What stops publication: `any` stops every publication, `full` only full publication. */
export interface Blockers {
  any: readonly string[];
  full: readonly string[];
}

export interface Gate {
  today: string;
  openFindings: number;
  confirmedFindings: number;
  /** A classification mark found in the files of an item registered as 未标密级. */
  classificationConflict: boolean;
  /** Files without a public version that passed the proof (needed to confirm 部分公开). */
  publicVersionsMissing: number;
}

export const NO_GATE: Gate = { today: '0000-01-01', openFindings: 0, confirmedFindings: 0, classificationConflict: false, publicVersionsMissing: 0 };

function gateRefusal(gate: Gate, publishes: 'full' | 'part' | null): EngineError | null {
  if (!publishes) return null;
  if (gate.openFindings > 0)
    return refuse('CONFLICT', `载体文件中尚有 ${gate.openFindings} 处扫描发现未处理，须逐一确认或排除后，才能提出或批准公开`);
  if (gate.classificationConflict)
    return refuse('CONFLICT', '载体文件标有密级标志，但事项登记为未标密级：须由保密审查机构更正事项的密级，或说明理由排除该发现');
  if (publishes === 'full' && gate.confirmedFindings > 0)
    return refuse('CONFLICT', `已确认 ${gate.confirmedFindings} 处不应公开的内容，不能全部公开：应选择区分处理后部分公开，或不予公开，或说明理由排除该发现`);
  return null;
}

export function initialState(profile: Profile, item: { registeredBy: string; sensitive: boolean; marked: boolean }): ReviewState {
  return {
    status: 'inReview',
    stepId: profile.steps[0]!.id,
    round: 1,
    proposal: null,
    path: [],
    signedBy: {},
    registeredBy: item.registeredBy,
    sensitive: item.sensitive,
    marked: item.marked,
    declassified: false,
    deferUntil: null,
  };
}

export function currentStep(profile: Profile, state: ReviewState): StepDef {
  const step = profile.steps.find((s) => s.id === state.stepId);
  if (!step) throw new Error(`profile ${profile.id} has no step ${state.stepId}`);
  return step;
}

/** Why this actor may not sign this step of this item, or null. */
export function whyNot(profile: Profile, state: ReviewState, actor: Actor, step: StepDef): string | null {
  if (!actor.roles.includes(step.role)) return `“${step.name}”须由${ROLE_LABELS[step.role]}办理`;
  const first = profile.steps[0]!;
  if (step.id === first.id && actor.userId !== state.registeredBy) return `“${step.name}”须由登记该事项的承办人办理`;
  for (const [stepId, users] of Object.entries(state.signedBy)) {
    if (stepId !== step.id && users.includes(actor.userId)) {
      const name = profile.steps.find((s) => s.id === stepId)?.name ?? stepId;
      return `同一事项中一人只能签署一个环节：您已签署“${name}”，不能再签署“${step.name}”`;
    }
  }
  return null;
}

/**
 * Applies one signed opinion. `blockers` are the service's reasons the item may not
 * be published yet (a third party's refusal, an unanswered consultation, a missing
 * authorization); they stop only the opinion that would finish with publication.
 */
export function submitOpinion(
  profile: Profile,
  state: ReviewState,
  actor: Actor,
  input: OpinionInput,
  blockers: readonly string[] | Blockers = [],
  gate: Gate = NO_GATE,
): Transition {
  const block: Blockers = Array.isArray(blockers) ? { any: blockers as readonly string[], full: [] } : (blockers as Blockers);
  if (state.status !== 'inReview') return refuse('CONFLICT', '该事项当前不在审查环节');
  if (input.stepId !== state.stepId) return refuse('CONFLICT', '该事项已进入其他环节，请刷新后再办理');
  const step = currentStep(profile, state);
  const problem = whyNot(profile, state, actor, step);
  if (problem) return refuse('FORBIDDEN', problem);
  const opinion = step.opinions.find((o) => o.id === input.opinionId);
  if (!opinion) return refuse('INVALID_INPUT', `“${step.name}”没有这一意见`);

  const needs = opinionNeeds(opinion);
  if (needs.grounds && input.grounds.length === 0) return refuse('INVALID_INPUT', `意见“${opinion.label}”须至少选择一项情形`);
  if (needs.basis && input.bases.length === 0) return refuse('INVALID_INPUT', `意见“${opinion.label}”须至少引用一项审查依据`);
  if (needs.reason && !input.reason.trim()) return refuse('INVALID_INPUT', `意见“${opinion.label}”须说明理由`);
  if (input.grounds.includes('OTHER') && !input.reason.trim()) return refuse('INVALID_INPUT', '选择“其他不宜公开的情形”时须说明理由');
  if (opinion.outcome === 'DEFER' && !input.deferUntil) return refuse('INVALID_INPUT', '暂缓公开须确定复查日期');
  if (opinion.outcome === 'DEFER' && input.deferUntil! <= gate.today) return refuse('INVALID_INPUT', '暂缓公开的复查日期应在今天之后');
  if (opinion.effect === 'approve' && !state.proposal) return refuse('CONFLICT', '尚无可批准的审查意见');
  const proposed = opinion.effect === 'propose' ? opinion.outcome : opinion.effect === 'approve' ? state.proposal?.outcome : undefined;
  const gated = gateRefusal(gate, proposed === 'PUBLISH' ? 'full' : proposed === 'PUBLISH_PART' ? 'part' : null);
  if (gated) return gated;
  // The 区分处理 is confirmed on its public version (000 第八条; 004 附件6 第十条): no
  // confirming or approving signature on 部分公开 before every file has a proved one.
  if (opinion.effect === 'approve' && state.proposal?.outcome === 'PUBLISH_PART' && gate.publicVersionsMissing > 0)
    return refuse('CONFLICT', `须先为 ${gate.publicVersionsMissing} 个载体文件制作公开版本并通过核验，才能确认或批准部分公开`);

  const signed: Signed = { stepId: step.id, userId: actor.userId, opinionId: opinion.id };
  const signedBy = {
    ...state.signedBy,
    [step.id]: [...new Set([...(state.signedBy[step.id] ?? []), actor.userId])],
  };
  let next: ReviewState = { ...state, signedBy, path: [...state.path, signed] };

  switch (opinion.effect) {
    case 'sendBack': {
      const steps = activeSteps(profile, state);
      const position = (id: string | undefined) => steps.findIndex((s) => s.id === id);
      const target = position(opinion.sendBackTo);
      // A proposal made at or after the step the item returns to is void: that step decides again.
      const keepsProposal = state.proposal !== null && position(state.proposal.stepId) < target;
      const cut = next.path.findIndex((p) => p.stepId === opinion.sendBackTo);
      next = {
        ...next,
        stepId: opinion.sendBackTo!,
        round: state.round + 1,
        proposal: keepsProposal ? state.proposal : null,
        path: cut >= 0 ? next.path.slice(0, cut) : [],
      };
      return { ok: true, state: next, step, opinion, finished: false };
    }
    case 'propose':
      next.proposal = {
        outcome: opinion.outcome!,
        disclosure: opinion.disclosure ?? null,
        label: opinion.label,
        stepId: step.id,
      };
      if (opinion.outcome === 'ESCALATE') return { ok: true, state: { ...next, status: 'escalated' }, step, opinion, finished: false };
      if (opinion.outcome === 'DEFER') next.deferUntil = input.deferUntil ?? null;
      break;
    case 'submit':
    case 'approve':
      break;
  }

  // The proposal just made may bring in or leave out a conditional step.
  const steps = activeSteps(profile, next);
  const following = steps[steps.findIndex((s) => s.id === step.id) + 1];
  if (following) return { ok: true, state: { ...next, stepId: following.id }, step, opinion, finished: false };

  // The last step has signed: the standing proposal becomes the outcome.
  const outcome = next.proposal?.outcome;
  if (!outcome) return refuse('CONFLICT', '流程已到最后一步，但没有审查结论');
  if (outcome === 'PUBLISH' || outcome === 'PUBLISH_PART') {
    const stopping = outcome === 'PUBLISH' ? [...block.any, ...block.full] : block.any;
    if (stopping.length) return refuse('CONFLICT', `尚不能批准公开：${stopping.join('；')}`);
    next.status = next.marked && !next.declassified ? 'awaitingDeclassification' : 'approved';
  } else if (outcome === 'WITHHOLD') {
    next.status = 'withheld';
  } else if (outcome === 'DEFER') {
    next.status = 'deferred';
  }
  return { ok: true, state: next, step, opinion, finished: true };
}

/** The reply to an escalation is in: the step that escalated decides again. */
export function resumeAfterEscalation(state: ReviewState): ReviewState {
  if (state.status !== 'escalated') throw new Error('not escalated');
  const path = state.path.slice(0, -1);
  return { ...state, status: 'inReview', proposal: null, path, round: state.round + 1 };
}

/** 解密手续 done: a marked item approved for publication may now go out. */
export function declassify(state: ReviewState): ReviewState {
  return { ...state, declassified: true, status: state.status === 'awaitingDeclassification' ? 'approved' : state.status };
}

/** Re-examination of a withheld or deferred item (004 第十二条): a new round at the review step. */
export function reopen(profile: Profile, state: ReviewState): ReviewState {
  if (state.status !== 'withheld' && state.status !== 'deferred') throw new Error('only withheld or deferred items reopen');
  const steps = activeSteps(profile, state);
  const review = steps.find((s) => s.role === 'reviewer') ?? steps[1]!;
  const cut = state.path.findIndex((p) => p.stepId === review.id);
  return {
    ...state,
    status: 'inReview',
    stepId: review.id,
    round: state.round + 1,
    proposal: null,
    deferUntil: null,
    path: cut >= 0 ? state.path.slice(0, cut) : state.path,
  };
}

/** 000 第二十五条: what went out and should not have is withdrawn; only approved items can be. */
export function recall(state: ReviewState): ReviewState {
  if (state.status !== 'approved') throw new Error('only approved items are recalled');
  return { ...state, status: 'recalled' };
}
