import { createHash, randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { SessionContext, Tx } from '../context/session';
import type { DB } from '../store/database';
import type { PublicVersionView } from '../../shared/ops/publication';
import type { ItemAccess } from '../../shared/visibility';
import type { PublicFiles } from './service';

// The public version of each carrier file: redacted from the confirmed findings and
// the reviewer's marks (部分公开), or only sanitized (全部公开), then proved clean by
// re-extraction. Stored like any file (a blob), kept per document; the step that
// confirms the 区分处理 signs its hash. Only these ever leave in a bundle.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface RedactionTarget {
  text: string;
  kind: string;
  ground: string;
  /** The mask the reviewer chose for this kind, or full removal. */
  mask?: string;
}

/** An area the reviewer drew: fractions (0–1) of the page or image, origin top left; `page` from 1. */
export interface RedactionArea {
  page?: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A workbook's hidden rows and columns: shown in the public version (so the reviewer sees them), or removed. */
export type HiddenCells = 'reveal' | 'remove';

/** The redaction engine, as the publication side needs it. */
export interface Redactor {
  redact(input: { bytes: Uint8Array; name: string; targets: RedactionTarget[]; areas?: RedactionArea[]; hiddenRowsAndColumns?: 'reveal' | 'remove' }): Promise<{ bytes: Uint8Array; name: string; type: string; removals: unknown[]; notes: string[]; alsoRemoved?: string[] }>;
  prove(input: { original: Uint8Array; publicVersion: Uint8Array; name: string; removed: string[] }): Promise<{ ok: boolean; problems: string[]; detail: unknown }>;
}

export type { PublicVersionView };

export class PublicVersions implements PublicFiles {
  constructor(
    private readonly ctx: SessionContext,
    private readonly redactor: Redactor,
    private readonly readBlob: (db: DB, sha: string) => Promise<Buffer>,
    /** Need-to-know of the current user for an item (the workflow's rule); refuses 'none'. */
    private readonly accessTo: (itemId: string) => Promise<ItemAccess>,
    /** The import's own extraction, to show what a public version really contains. */
    private readonly readText: (bytes: Uint8Array, name: string) => Promise<string>,
  ) {}

  /** What a public version contains, read back by the import extractors. */
  async text(id: string): Promise<{ name: string; text: string }> {
    const row = await this.ctx.db().selectFrom('public_versions').select(['item_id', 'name', 'sha256']).where('id', '=', id).executeTakeFirst();
    if (!row) throw fail('NOT_FOUND', '找不到该公开版本');
    await this.accessTo(row.item_id);
    return { name: row.name, text: await this.readText(await this.readBlob(this.ctx.db(), row.sha256), row.name) };
  }

  private async targets(documentId: string): Promise<Array<RedactionTarget & { id: number }>> {
    const rows = await this.ctx.db().selectFrom('findings').select(['id', 'text', 'kind', 'ground']).where('document_id', '=', documentId).where('status', '=', 'confirmed').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, text: r.text, kind: r.kind, ground: r.ground }));
  }

  /**
   * Produces (or re-produces) the public version of one file and records the proof: the
   * work of those who review the item, while it is in review.
   */
  /**
   * `masks`: the template per kind of finding; `findingMasks`: per finding (its id), which
   * wins over the kind's. Full removal where neither says otherwise.
   */
  async produce(documentId: string, masks: Record<string, string> = {}, areas: RedactionArea[] = [], findingMasks: Record<string, string> = {}, hidden: HiddenCells = 'reveal'): Promise<PublicVersionView> {
    const doc = await this.ctx.db().selectFrom('documents').innerJoin('items', 'items.id', 'documents.item_id').select(['documents.item_id', 'items.status']).where('documents.id', '=', documentId).executeTakeFirst();
    if (!doc) throw fail('NOT_FOUND', '找不到该文件');
    if ((await this.accessTo(doc.item_id)) !== 'full') throw fail('FORBIDDEN', '只有参与审查该事项的人员可以制作公开版本');
    if (doc.status !== 'inReview') throw fail('CONFLICT', '只能在审查过程中制作公开版本；审查结束后公开版本不能再改动');
    return this.make(documentId, masks, areas, findingMasks, hidden);
  }

  /** The bytes of a public version, for those who may see it (the publisher included). */
  async file(id: string): Promise<{ name: string; type: string; base64: string }> {
    const row = await this.ctx.db().selectFrom('public_versions').select(['item_id', 'name', 'type', 'sha256']).where('id', '=', id).executeTakeFirst();
    if (!row) throw fail('NOT_FOUND', '找不到该公开版本');
    await this.accessTo(row.item_id);
    return { name: row.name, type: row.type, base64: (await this.readBlob(this.ctx.db(), row.sha256)).toString('base64') };
  }

  private async make(documentId: string, masks: Record<string, string> = {}, areas: RedactionArea[] = [], findingMasks: Record<string, string> = {}, hidden: HiddenCells = 'reveal'): Promise<PublicVersionView> {
    const db = this.ctx.db();
    const doc = await db.selectFrom('documents').select(['id', 'item_id', 'name', 'sha256']).where('id', '=', documentId).executeTakeFirst();
    if (!doc) throw fail('NOT_FOUND', '找不到该文件');
    const original = await this.readBlob(db, doc.sha256);
    const targets = (await this.targets(documentId)).map(({ id, ...t }) => ({ ...t, mask: findingMasks[String(id)] ?? masks[t.kind] }));
    const made = await this.redactor.redact({ bytes: original, name: doc.name, targets, areas, hiddenRowsAndColumns: hidden });
    // Text under the reviewer's areas is searched for too (it is known only now, not at export).
    const proof = await this.redactor.prove({ original, publicVersion: made.bytes, name: made.name, removed: [...targets.map((t) => t.text), ...(made.alsoRemoved ?? [])] });
    const hash = sha256(made.bytes);
    const id = randomUUID();
    const now = this.ctx.now().toISOString();
    await db.transaction().execute(async (tx) => {
      if (!(await tx.selectFrom('blobs').select('sha256').where('sha256', '=', hash).executeTakeFirst()))
        await tx.insertInto('blobs').values({ sha256: hash, size: made.bytes.length, content: Buffer.from(made.bytes) }).execute();
      await tx.deleteFrom('public_versions').where('document_id', '=', documentId).where('status', '=', 'draft').execute();
      await tx
        .insertInto('public_versions')
        .values({
          id,
          item_id: doc.item_id,
          document_id: documentId,
          name: made.name,
          type: made.type,
          sha256: hash,
          original_sha256: doc.sha256,
          removals: JSON.stringify(made.removals),
          notes: JSON.stringify(made.notes),
          proof: JSON.stringify({ ok: proof.ok, problems: proof.problems, detail: proof.detail }),
          status: 'draft',
          created_by: this.ctx.user().id,
          created_at: now,
          confirmed_by: null,
          confirmed_at: null,
        })
        .execute();
      await this.ctx.append(tx, {
        action: 'publicVersion.produced',
        subject: doc.item_id,
        payload: {
          text: `制作“${doc.name}”的公开版本：删除 ${targets.length} 处，核验${proof.ok ? '通过' : `未通过（${proof.problems.join('；')}）`}`,
          documentId,
          originalSha256: doc.sha256,
          sha256: hash,
          removed: targets.length,
          proofOk: proof.ok,
          problems: proof.problems,
        },
      });
    });
    return (await this.views(doc.item_id)).find((v) => v.id === id)!;
  }

  async list(itemId: string): Promise<PublicVersionView[]> {
    await this.accessTo(itemId);
    return this.views(itemId);
  }

  private async views(itemId: string): Promise<PublicVersionView[]> {
    const rows = await this.ctx.db().selectFrom('public_versions').selectAll().where('item_id', '=', itemId).orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      name: r.name,
      type: r.type,
      sha256: r.sha256,
      originalSha256: r.original_sha256,
      removals: JSON.parse(r.removals) as unknown[],
      notes: JSON.parse(r.notes) as string[],
      proof: JSON.parse(r.proof) as { ok: boolean; problems: string[] },
      status: r.status,
      createdAt: r.created_at,
    }));
  }

  /** How many of the item's files still lack a public version that passed the proof. */
  async missing(db: DB | Tx, itemId: string): Promise<number> {
    const docs = await db.selectFrom('documents').select('id').where('item_id', '=', itemId).execute();
    const pvs = await db.selectFrom('public_versions').select(['document_id', 'proof']).where('item_id', '=', itemId).execute();
    const proved = new Set(pvs.filter((p) => (JSON.parse(p.proof) as { ok: boolean }).ok).map((p) => p.document_id));
    return docs.filter((d) => !proved.has(d.id)).length;
  }

  /** At the confirming signature: the drafts become the public versions, their hashes signed. */
  async confirm(tx: Tx, itemId: string): Promise<Array<{ documentId: string; sha256: string }>> {
    const drafts = await tx.selectFrom('public_versions').select(['id', 'document_id', 'sha256']).where('item_id', '=', itemId).where('status', '=', 'draft').execute();
    for (const d of drafts) await tx.updateTable('public_versions').set({ status: 'confirmed', confirmed_by: this.ctx.user().id, confirmed_at: this.ctx.now().toISOString() }).where('id', '=', d.id).execute();
    return drafts.map((d) => ({ documentId: d.document_id, sha256: d.sha256 }));
  }

  /** Whether an approved item can be exported now, without producing anything. */
  async readiness(itemId: string): Promise<{ problem: string | null; files: number }> {
    const db = this.ctx.db();
    const outcome = (JSON.parse((await db.selectFrom('items').select('state').where('id', '=', itemId).executeTakeFirstOrThrow()).state) as { proposal?: { outcome?: string } }).proposal?.outcome;
    const docs = await db.selectFrom('documents').select(['id', 'name']).where('item_id', '=', itemId).execute();
    if (!docs.length) return { problem: '该事项没有载体文件', files: 0 };
    if (outcome === 'PUBLISH') return { problem: null, files: docs.length };
    const confirmed = new Set((await db.selectFrom('public_versions').select('document_id').where('item_id', '=', itemId).where('status', '=', 'confirmed').execute()).map((r) => r.document_id));
    const lacking = docs.find((d) => !confirmed.has(d.id));
    return { problem: lacking ? `“${lacking.name}”尚无经确认的公开版本` : null, files: docs.length };
  }

  /**
   * The files an approved item exports: its confirmed public versions, each proved again
   * now. A fully published item's files get a sanitized public version here if they have none.
   */
  async forExport(itemId: string) {
    const db = this.ctx.db();
    const outcome = (JSON.parse((await db.selectFrom('items').select('state').where('id', '=', itemId).executeTakeFirstOrThrow()).state) as { proposal?: { outcome?: string } }).proposal?.outcome;
    const docs = await db.selectFrom('documents').select(['id', 'name', 'sha256']).where('item_id', '=', itemId).orderBy('created_at').execute();
    if (!docs.length) return { files: [], problem: '该事项没有载体文件' };
    const files = [];
    for (const d of docs) {
      let pv = (await db.selectFrom('public_versions').selectAll().where('document_id', '=', d.id).where('status', '=', 'confirmed').orderBy('created_at', 'desc').executeTakeFirst()) ?? null;
      if (!pv && outcome === 'PUBLISH') {
        const made = await this.make(d.id);
        await db.updateTable('public_versions').set({ status: 'confirmed', confirmed_by: this.ctx.user().id, confirmed_at: this.ctx.now().toISOString() }).where('id', '=', made.id).execute();
        pv = (await db.selectFrom('public_versions').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow()) ?? null;
      }
      if (!pv) return { files: [], problem: `“${d.name}”尚无经确认的公开版本` };
      const bytes = await this.readBlob(db, pv.sha256);
      const removed = (await this.targets(d.id)).map((t) => t.text);
      const proof = await this.redactor.prove({ original: await this.readBlob(db, d.sha256), publicVersion: bytes, name: pv.name, removed });
      if (!proof.ok) return { files: [], problem: `“${pv.name}”的公开版本未通过导出前核验：${proof.problems.join('；')}` };
      files.push({ name: pv.name, bytes, sha256: pv.sha256 });
    }
    return { files, problem: null };
  }
}
