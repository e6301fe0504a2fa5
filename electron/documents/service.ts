import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { DocumentDetail, DocumentPart, DocumentProgress, DocumentView, FindingKind, TextPage } from '../../shared/documents';
import { isOpenStatus, participation } from '../../shared/workflow';
import { PUBLIC_ONLY_MESSAGE, type ItemAccess } from '../../shared/visibility';
import { sql, type Selectable } from 'kysely';
import { defaultRules, type ListTerm, type Rules } from '../scanner/rules';
import type { DocumentsTable } from '../store/schema';
import type { SessionContext } from '../context/session';
import type { Analyzer } from './analyzer';
import { DocumentRefused, LIMITS, mb } from './limits';
import { TYPE_LABELS, type DocumentType } from './sniff';
import { findingViews } from './findings';
import { readBlob } from './blobs';

// Carrier files of an item: attached whole or not at all, kept encrypted in the store
// (content-addressed), with their extracted text and the findings the reviewer decides.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const json = <T>(text: string): T => JSON.parse(text) as T;

export class Documents {
  private readonly rules: Rules = defaultRules();
  private textCache: { id: string; text: string } | null = null;

  constructor(
    private readonly ctx: SessionContext,
    private readonly analyzer: Analyzer,
    private readonly emit: (p: DocumentProgress) => void,
    /** The basis library's keywords and patterns, which the scanner also searches for. */
    private readonly terms: () => Promise<ListTerm[]>,
    /** Need-to-know of the current user for an item (the workflow's rule); refuses 'none'. */
    private readonly accessTo: (itemId: string) => Promise<ItemAccess>,
  ) {}

  /** Reading a file's findings or text needs full access: the publisher never reads an original. */
  private async mayRead(itemId: string): Promise<void> {
    if ((await this.accessTo(itemId)) !== 'full') throw fail('FORBIDDEN', PUBLIC_ONLY_MESSAGE);
  }

  /** Document text must not outlive the session that read it (logout, idle lock). */
  dropCaches(): void {
    this.textCache = null;
  }

  private async item(itemId: string) {
    const row = await this.ctx.db().selectFrom('items').select(['id', 'status', 'created_by', 'state']).where('id', '=', itemId).executeTakeFirst();
    if (!row) throw fail('NOT_FOUND', '找不到该事项');
    return row;
  }

  async attach(itemId: string, name: string, base64: string): Promise<DocumentView> {
    const user = this.ctx.user();
    const item = await this.item(itemId);
    await this.mayRead(itemId);
    if (!isOpenStatus(item.status) || item.status === 'awaitingDeclassification') throw fail('CONFLICT', '审查结束后不能再附加载体文件');
    const { signedBy } = json<{ signedBy: Record<string, string[]> }>(item.state);
    if (!participation({ createdBy: item.created_by, signedBy }, user).participant) throw fail('FORBIDDEN', '只有登记人或参与审查的人员可以附加载体文件');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new DocumentRefused('文件内容编码无效');
    const buf = Buffer.from(base64, 'base64');
    if (buf.length > LIMITS.fileBytes) throw new DocumentRefused(`文件过大（${mb(buf.length)}，上限 ${mb(LIMITS.fileBytes)}）`);

    // Everything that can fail runs before anything is written.
    const analysis = await this.analyzer.analyze(buf, name, this.rules, await this.terms(), (phase, fraction) => this.emit({ itemId, name, phase, fraction }));
    this.emit({ itemId, name, phase: 'store', fraction: 0 });
    const id = randomUUID();
    const now = new Date(this.ctx.now()).toISOString();
    await this.ctx.db().transaction().execute(async (tx) => {
      const exists = await tx.selectFrom('blobs').select('sha256').where('sha256', '=', analysis.sha256).executeTakeFirst();
      if (!exists) await tx.insertInto('blobs').values({ sha256: analysis.sha256, size: buf.length, content: buf }).execute();
      await tx
        .insertInto('documents')
        .values({
          id,
          item_id: itemId,
          name,
          type: analysis.type,
          size: buf.length,
          sha256: analysis.sha256,
          pages: analysis.pages,
          warnings: JSON.stringify(analysis.warnings),
          text: analysis.text,
          segments: JSON.stringify(analysis.segments),
          created_by: user.id,
          created_at: now,
        })
        .execute();
      // Raw SQL until the column is in store/schema.ts (migration 0013 added it).
      const parts: DocumentPart[] = analysis.parts.map((p) => ({ name: p.name, what: p.what, read: p.read, reason: p.reason ?? null }));
      await sql`UPDATE documents SET parts = ${JSON.stringify(parts)} WHERE id = ${id}`.execute(tx);
      for (const f of analysis.findings)
        await tx
          .insertInto('findings')
          .values({ document_id: id, kind: f.kind, text: f.text, start: f.start, end: f.end, location: f.location, confidence: f.confidence, ground: f.ground, basis_id: f.basisId, status: 'open', reason: null, manual: 0, decided_by: null, decided_at: null })
          .execute();
      const counts: Record<string, number> = {};
      for (const f of analysis.findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
      // The record names the file and what was found, never the text itself.
      await this.ctx.append(tx, {
        action: 'document.attached',
        subject: itemId,
        payload: { text: `附加载体文件“${name}”（${TYPE_LABELS[analysis.type]}），扫描发现 ${analysis.findings.length} 处`, documentId: id, name, type: analysis.type, sha256: analysis.sha256, size: buf.length, counts },
      });
    });
    this.emit({ itemId, name, phase: 'store', fraction: 1 });
    return (await this.views(itemId)).find((d) => d.id === id)!;
  }

  private async views(itemId: string): Promise<DocumentView[]> {
    const db = this.ctx.db();
    const docs = await db
      .selectFrom('documents')
      .select(['id', 'item_id', 'name', 'type', 'size', 'sha256', 'pages', 'warnings', 'created_by', 'created_at'])
      .where('item_id', '=', itemId)
      .orderBy('created_at')
      .execute();
    const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
    const out: DocumentView[] = [];
    for (const d of docs) {
      const fs = await db.selectFrom('findings').select(['kind', 'status']).where('document_id', '=', d.id).execute();
      const counts: Partial<Record<FindingKind, number>> = {};
      for (const f of fs) counts[f.kind as FindingKind] = (counts[f.kind as FindingKind] ?? 0) + 1;
      out.push({
        id: d.id,
        itemId: d.item_id,
        name: d.name,
        type: d.type,
        typeLabel: TYPE_LABELS[d.type as DocumentType] ?? d.type,
        size: d.size,
        sha256: d.sha256,
        pages: d.pages,
        warnings: json<string[]>(d.warnings),
        createdAt: d.created_at,
        createdBy: names.get(d.created_by) ?? d.created_by,
        counts,
        open: fs.filter((f) => f.status === 'open').length,
        confirmed: fs.filter((f) => f.status === 'confirmed').length,
        dismissed: fs.filter((f) => f.status === 'dismissed').length,
      });
    }
    return out;
  }

  async list(itemId: string): Promise<DocumentView[]> {
    await this.item(itemId);
    await this.accessTo(itemId);
    return this.views(itemId);
  }

  private async doc(documentId: string): Promise<Selectable<DocumentsTable>> {
    const d = await this.ctx.db().selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
    if (!d) throw fail('NOT_FOUND', '找不到该文件');
    return d;
  }

  async get(documentId: string): Promise<DocumentDetail> {
    const d = await this.doc(documentId);
    await this.mayRead(d.item_id);
    const view = (await this.views(d.item_id)).find((v) => v.id === documentId)!;
    const rows = await this.ctx.db().selectFrom('findings').selectAll().where('document_id', '=', documentId).orderBy('start').execute();
    const stored = await sql<{ parts: string }>`SELECT parts FROM documents WHERE id = ${documentId}`.execute(this.ctx.db());
    const parts = json<DocumentPart[]>(stored.rows[0]?.parts ?? '[]');
    return { ...view, findings: await findingViews(this.ctx, rows), textLength: d.text.length, parts };
  }

  /** The original bytes, to show the file as itself; never to those who may only see metadata. */
  async original(documentId: string): Promise<{ name: string; type: string; base64: string }> {
    const d = await this.ctx.db().selectFrom('documents').select(['item_id', 'name', 'type', 'sha256']).where('id', '=', documentId).executeTakeFirst();
    if (!d) throw fail('NOT_FOUND', '找不到该文件');
    await this.mayRead(d.item_id);
    return { name: d.name, type: d.type, base64: (await readBlob(this.ctx.db(), d.sha256)).toString('base64') };
  }

  async text(documentId: string, offset: number, length: number): Promise<TextPage> {
    // Paging through a long text should not reread all of it from the store each time.
    const meta = await this.ctx.db().selectFrom('documents').select(['segments', 'item_id']).where('id', '=', documentId).executeTakeFirst();
    if (!meta) throw fail('NOT_FOUND', '找不到该文件');
    await this.mayRead(meta.item_id);
    let text = this.textCache?.id === documentId ? this.textCache.text : null;
    if (text === null) {
      text = (await this.ctx.db().selectFrom('documents').select('text').where('id', '=', documentId).executeTakeFirstOrThrow()).text;
      this.textCache = { id: documentId, text };
    }
    let segments = json<Array<{ location: string; start: number; end: number }>>(meta.segments);
    const end = Math.min(text.length, offset + length);
    segments = segments.filter((s) => s.end > offset && s.start < end);
    const rows = await this.ctx
      .db()
      .selectFrom('findings')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('end', '>', offset)
      .where('start', '<', end)
      .orderBy('start')
      .execute();
    return { offset, text: text.slice(offset, end), total: text.length, segments, findings: await findingViews(this.ctx, rows) };
  }
}
