import type { Selectable } from 'kysely';
import { AppFailure } from '../../shared/result';
import { FINDING_KINDS, type FindingKind, type FindingStatus, type FindingView } from '../../shared/documents';
import { GROUND_LABELS, type Ground } from '../../shared/workflow';
import type { SessionContext } from '../context/session';
import type { FindingsTable } from '../store/schema';

// Deciding what the scanner found: confirm, dismiss with a reason, or mark a span it
// missed. Only while the item is in review, and only by the person acting on its
// current step (the handler's 初审 included); a later step's person may change an
// earlier decision, and the change is recorded with what it replaced.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const json = <T>(text: string): T => JSON.parse(text) as T;
const groundLabel = (g: string) => GROUND_LABELS[g as Ground] ?? g;

/** Why the current user may not decide this item's findings now, or null. */
export type StepGuard = (itemId: string) => Promise<string | null>;

export async function findingViews(ctx: SessionContext, rows: Array<Selectable<FindingsTable>>): Promise<FindingView[]> {
  const db = ctx.db();
  const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
  const bases = new Map((await db.selectFrom('bases').select(['id', 'title']).execute()).map((b) => [b.id, b.title]));
  return rows.map((f) => ({
    id: f.id,
    kind: f.kind as FindingKind,
    text: f.text,
    start: f.start,
    end: f.end,
    location: f.location,
    confidence: f.confidence,
    ground: f.ground,
    groundLabel: groundLabel(f.ground),
    basisTitle: f.basis_id ? (bases.get(f.basis_id) ?? null) : null,
    status: f.status as FindingStatus,
    reason: f.reason,
    manual: f.manual === 1,
    decidedBy: f.decided_by ? (names.get(f.decided_by) ?? f.decided_by) : null,
  }));
}

const VERB = { confirmed: '确认', dismissed: '排除' } as const;

export class FindingDecisions {
  constructor(
    private readonly ctx: SessionContext,
    private readonly guard: StepGuard,
  ) {}

  private async allowed(itemId: string): Promise<void> {
    const why = await this.guard(itemId);
    if (why) throw fail('FORBIDDEN', why);
  }

  decide(findingId: number, decision: 'confirmed' | 'dismissed', reason: string): Promise<FindingView> {
    return this.decideMany([findingId], decision, reason).then((v) => v[0]!);
  }

  /** One decision for many findings of one item: one audit entry that lists them all. */
  async decideMany(findingIds: number[], decision: 'confirmed' | 'dismissed', reason: string): Promise<FindingView[]> {
    if (decision === 'dismissed' && !reason.trim()) throw fail('INVALID_INPUT', findingIds.length === 1 ? '排除一处发现须说明理由' : '排除发现须说明理由');
    const ids = [...new Set(findingIds)];
    const db = this.ctx.db();
    const rows = await db
      .selectFrom('findings')
      .innerJoin('documents', 'documents.id', 'findings.document_id')
      .select(['findings.id', 'findings.kind', 'findings.location', 'findings.status', 'findings.decided_by', 'documents.item_id', 'documents.name', 'documents.id as document_id'])
      .where('findings.id', 'in', ids)
      .execute();
    if (rows.length !== ids.length) throw fail('NOT_FOUND', '找不到所选的发现');
    const items = new Set(rows.map((r) => r.item_id));
    if (items.size !== 1) throw fail('INVALID_INPUT', '一次只能处理同一事项的发现');
    const itemId = rows[0]!.item_id;
    await this.allowed(itemId);
    const user = this.ctx.user();
    const now = this.ctx.now().toISOString();
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('findings').set({ status: decision, reason: reason.trim() || null, decided_by: user.id, decided_at: now }).where('id', 'in', ids).execute();
      const changed = rows.filter((r) => r.status !== 'open' && r.status !== decision);
      const one = rows.length === 1 ? rows[0]! : null;
      const text = one
        ? `${VERB[decision]}“${one.name}”${one.location}处的发现${reason ? `：${reason}` : ''}`
        : `批量${VERB[decision]} ${rows.length} 处发现${reason ? `：${reason}` : ''}`;
      await this.ctx.append(tx, {
        action: decision === 'confirmed' ? 'finding.confirmed' : 'finding.dismissed',
        subject: itemId,
        payload: {
          text: changed.length ? `${text}（改变了此前 ${changed.length} 处的决定）` : text,
          reason,
          findings: rows.map((r) => ({ findingId: r.id, documentId: r.document_id, kind: r.kind, location: r.location, before: r.status, beforeBy: r.decided_by })),
        },
      });
    });
    const after = await db.selectFrom('findings').selectAll().where('id', 'in', ids).orderBy('start').execute();
    return findingViews(this.ctx, after);
  }

  /** A span the scanner missed, marked by hand; it counts as confirmed at once. */
  async mark(documentId: string, start: number, end: number, kind: FindingKind, reason: string): Promise<FindingView> {
    if (!FINDING_KINDS.includes(kind)) throw fail('INVALID_INPUT', '发现类别无效');
    const db = this.ctx.db();
    const d = await db.selectFrom('documents').select(['id', 'item_id', 'name', 'text', 'segments']).where('id', '=', documentId).executeTakeFirst();
    if (!d) throw fail('NOT_FOUND', '找不到该文件');
    await this.allowed(d.item_id);
    if (end <= start || end > d.text.length) throw fail('INVALID_INPUT', '所选范围无效');
    const segments = json<Array<{ location: string; start: number; end: number }>>(d.segments);
    const location = segments.find((s) => s.start <= start && start <= s.end)?.location ?? '';
    const ground: Ground = kind === 'CLASSIFICATION_MARK' ? 'MARKED_SECRET' : kind === 'SPECIAL_DOMAIN' ? 'APPROVAL_MISSING' : kind === 'PROCESS_INFO' ? 'PROCESS_INFO' : kind === 'NEGATIVE_LIST' ? 'OTHER' : 'PERSONAL_PRIVACY';
    const now = this.ctx.now().toISOString();
    let id = 0;
    await db.transaction().execute(async (tx) => {
      const r = await tx
        .insertInto('findings')
        .values({ document_id: documentId, kind, text: d.text.slice(start, end), start, end, location, confidence: 1, ground, basis_id: null, status: 'confirmed', reason: reason.trim() || null, manual: 1, decided_by: this.ctx.user().id, decided_at: now })
        .executeTakeFirstOrThrow();
      id = Number(r.insertId);
      await this.ctx.append(tx, { action: 'finding.marked', subject: d.item_id, payload: { text: `在“${d.name}”${location}处手工标记`, findingId: id, documentId, kind, location, start, end } });
    });
    const row = await db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return (await findingViews(this.ctx, [row]))[0]!;
  }
}
