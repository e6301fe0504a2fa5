import { registerCsv, registerXlsx } from './register-file';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import type { contract, In } from '../../shared/contract';
import type { QueueEntry, RegisterEntry, RegisterPage } from '../../shared/ops/publication';
import { AppFailure } from '../../shared/result';

export type { QueueEntry, RegisterEntry };
import type { SessionContext } from '../context/session';
import type { Mutex } from '../context/locks';
import { auditHead } from '../audit/append';
import { beijingIso, writeBundle } from '../export';
import type { BundleFileSource, BundleItemInput, BundleProgress, BundleSigner } from '../export/types';

// Publication: the 待发布 queue of approved items, the export of a signed mishen-bundle/1
// to a removable drive, the publication register (政府信息公开登记, 001 第六条(五)),
// the publisher's record of what went on the website, and recalls carried by the next
// bundle (000 第二十五条). Only public versions leave, never an original.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);

/** The confirmed public versions of an item, checked again by the proof gate right now. */
export interface PublicFiles {
  forExport(itemId: string): Promise<{ files: Array<BundleFileSource & { sha256: string }>; problem: string | null }>;
  /** The same question without producing anything: for listing the queue. */
  readiness(itemId: string): Promise<{ problem: string | null; files: number }>;
}



const DAY_MS = 86_400_000;
/** The UTC instant a Beijing calendar day starts (China keeps no daylight saving), shifted by whole days. */
const beijingDayStart = (day: string, plusDays: number) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + plusDays * DAY_MS).toISOString();

interface RegisterRow {
  id: number;
  item_id: string;
  title: string;
  document_number: string;
  bundle_id: string;
  sequence: number;
  folder: string;
  files: string;
  exported_at: string;
  display_name: string;
  published_on: string | null;
  published_url: string | null;
}

function registerEntryOf(r: RegisterRow): RegisterEntry {
  return {
    id: r.id,
    itemId: r.item_id,
    title: r.title,
    documentNumber: r.document_number,
    bundleId: r.bundle_id,
    sequence: r.sequence,
    folder: r.folder,
    files: JSON.parse(r.files) as string[],
    exportedAt: r.exported_at,
    exportedBy: r.display_name,
    publishedOn: r.published_on,
    publishedUrl: r.published_url,
  };
}

export class PublicationService {
  constructor(
    private readonly ctx: SessionContext,
    private readonly lock: Mutex,
    private readonly publicFiles: PublicFiles,
    private readonly org: () => { name: string; shortName: string; signer: BundleSigner },
    private readonly onProgress: (p: BundleProgress) => void = () => {},
  ) {}

  /** Approved for publication and not yet exported. */
  async queue(): Promise<QueueEntry[]> {
    const db = this.ctx.db();
    const rows = await db
      .selectFrom('items')
      .leftJoin('publication_register', 'publication_register.item_id', 'items.id')
      .select(['items.id', 'items.title', 'items.document_number', 'items.state', 'items.decided_on'])
      .where('items.status', '=', 'approved')
      .where('publication_register.id', 'is', null)
      .orderBy('items.decided_on')
      .execute();
    const out: QueueEntry[] = [];
    for (const r of rows) {
      const outcome = (JSON.parse(r.state) as { proposal?: { outcome?: string } }).proposal?.outcome;
      if (outcome !== 'PUBLISH' && outcome !== 'PUBLISH_PART') continue;
      const pf = await this.publicFiles.readiness(r.id);
      out.push({ itemId: r.id, title: r.title, documentNumber: r.document_number, outcome, approvedOn: r.decided_on ?? '', ready: !pf.problem, problem: pf.problem, files: pf.files });
    }
    return out;
  }

  /** Exports every ready item of the queue and every pending recall as one bundle. */
  export(parentDir: string) {
    return this.lock.run(async () => {
      const db = this.ctx.db();
      const user = this.ctx.user();
      const me = await db.selectFrom('users').select(['display_name', 'public_key']).where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!me.public_key) throw fail('CONFLICT', '您尚未设立自己的签名密钥：请先修改初始密码');
      const ready = (await this.queue()).filter((q) => q.ready);
      const recalls = await db
        .selectFrom('recalls')
        .selectAll()
        .where('carried_by_bundle_id', 'is', null)
        .execute();
      if (!ready.length && !recalls.length) throw fail('CONFLICT', '待发布队列中没有可以导出的事项，也没有待发出的撤回');
      const items: BundleItemInput[] = [];
      const skipped: Array<{ itemId: string; title: string; problem: string }> = [];
      for (const q of ready) {
        const row = await db.selectFrom('items').selectAll().where('id', '=', q.itemId).executeTakeFirstOrThrow();
        const last = await db.selectFrom('opinions').select('created_at').where('item_id', '=', q.itemId).orderBy('id', 'desc').executeTakeFirstOrThrow();
        const { files, problem } = await this.publicFiles.forExport(q.itemId);
        if (problem) {
          skipped.push({ itemId: q.itemId, title: row.title, problem });
          continue;
        }
        items.push({
          id: row.id,
          title: row.title,
          documentNumber: row.document_number,
          issuer: row.issuer,
          formedOn: row.formed_on,
          category: row.category,
          keywords: JSON.parse(row.keywords) as string[],
          disclosure: (JSON.parse(row.state) as { proposal?: { disclosure?: string | null } }).proposal?.disclosure ?? row.disclosure,
          outcome: q.outcome,
          approvedAt: beijingIso(new Date(last.created_at)),
          files,
        });
      }
      if (!items.length && !recalls.length) throw fail('CONFLICT', `没有可以导出的事项：${skipped.map((x) => `“${x.title}”${x.problem}`).join('；')}`);
      const org = await db.selectFrom('organization').select(['bundle_sequence']).executeTakeFirstOrThrow();
      const head = await auditHead(db);
      const key = this.org();
      const now = this.ctx.now();
      const written = await writeBundle(
        parentDir,
        {
          organization: { name: key.name, shortName: key.shortName },
          exportedBy: { name: me.display_name, publicKey: me.public_key },
          auditHead: head!,
          sequence: org.bundle_sequence + 1,
          createdAt: beijingIso(now),
          items,
          recalls: recalls.map((r) => ({ itemId: r.item_id, bundleId: r.published_bundle_id, reason: r.reason, recalledAt: r.recalled_at })),
        },
        key.signer,
        { onProgress: this.onProgress },
      );
      try {
        await db.transaction().execute(async (tx) => {
          const at = now.toISOString();
          await tx.updateTable('organization').set({ bundle_sequence: org.bundle_sequence + 1 }).execute();
          await tx
            .insertInto('bundles')
            .values({ id: written.bundleId, sequence: org.bundle_sequence + 1, folder: written.folderName, manifest_sha256: written.manifestSha256, items: items.length, recalls: recalls.length, created_by: user.id, created_at: at })
            .execute();
          for (const it of written.manifest.items)
            await tx.insertInto('publication_register').values({ item_id: it.id, bundle_id: written.bundleId, files: JSON.stringify(it.files), exported_at: at, exported_by: user.id, published_on: null, published_url: null, recorded_by: null, recorded_at: null }).execute();
          for (const r of recalls) await tx.updateTable('recalls').set({ carried_by_bundle_id: written.bundleId }).where('item_id', '=', r.item_id).execute();
          await this.ctx.append(tx, {
            action: 'bundle.exported',
            subject: `bundle:${written.bundleId}`,
            role: 'publisher',
            payload: {
              text: `导出发布包“${written.folderName}”（第 ${org.bundle_sequence + 1} 号，事项 ${items.length} 件，撤回 ${recalls.length} 件）`,
              bundleId: written.bundleId,
              sequence: org.bundle_sequence + 1,
              manifestSha256: written.manifestSha256,
              items: items.map((i) => i.id),
              recalls: recalls.map((r) => r.item_id),
              files: written.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
            },
          });
        });
      } catch (err) {
        // The register did not record it, so the folder must not stay to be carried out.
        rmSync(written.path, { recursive: true, force: true });
        throw err;
      }
      return { path: written.path, bundleId: written.bundleId, sequence: org.bundle_sequence + 1, manifestSha256: written.manifestSha256, items: items.length, recalls: recalls.length, skipped };
    });
  }

  async registerFile(format: 'xlsx' | 'csv'): Promise<{ fileName: string; base64: string }> {
    const rows = await this.register();
    const bytes = format === 'csv' ? registerCsv(rows) : await registerXlsx(rows);
    return { fileName: `政府信息公开登记.${format}`, base64: bytes.toString('base64') };
  }

  async register(): Promise<RegisterEntry[]> {
    const rows = await this.ctx
      .db()
      .selectFrom('publication_register as r')
      .innerJoin('items', 'items.id', 'r.item_id')
      .innerJoin('bundles', 'bundles.id', 'r.bundle_id')
      .innerJoin('users', 'users.id', 'r.exported_by')
      .select(['r.id', 'r.item_id', 'items.title', 'items.document_number', 'r.bundle_id', 'bundles.sequence', 'bundles.folder', 'r.files', 'r.exported_at', 'users.display_name', 'r.published_on', 'r.published_url'])
      .orderBy('r.id', 'desc')
      .execute();
    return rows.map(registerEntryOf);
  }

  /** One page of the register: filtered, sorted (ties by entry id) and counted by SQLite. */
  async registerPage(input: In<typeof contract.publication.registerPage>): Promise<RegisterPage> {
    let q = this.ctx
      .db()
      .selectFrom('publication_register as r')
      .innerJoin('items', 'items.id', 'r.item_id')
      .innerJoin('bundles', 'bundles.id', 'r.bundle_id')
      .innerJoin('users', 'users.id', 'r.exported_by');
    const t = input.text?.trim();
    if (t) q = q.where(sql<boolean>`(instr(items.title, ${t}) > 0 OR instr(items.document_number, ${t}) > 0)`);
    if (input.published !== undefined) q = q.where('r.published_on', input.published ? 'is not' : 'is', null);
    // exported_at is a UTC instant; the dates people filter by are Beijing days.
    if (input.exportedFrom) q = q.where('r.exported_at', '>=', beijingDayStart(input.exportedFrom, 0));
    if (input.exportedTo) q = q.where('r.exported_at', '<', beijingDayStart(input.exportedTo, 1));
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const column = { exportedAt: 'r.exported_at', title: 'items.title', documentNumber: 'items.document_number', sequence: 'bundles.sequence', publishedOn: 'r.published_on' } as const;
    const rows = await q
      .select(['r.id', 'r.item_id', 'items.title', 'items.document_number', 'r.bundle_id', 'bundles.sequence', 'bundles.folder', 'r.files', 'r.exported_at', 'users.display_name', 'r.published_on', 'r.published_url'])
      .orderBy(column[input.sort], input.dir)
      .orderBy('r.id', input.dir)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return { rows: rows.map(registerEntryOf), total: Number(total), page: input.page, pageSize: input.pageSize };
  }

  /** The publisher records that the item is on the website: the 主动公开 clock stops here. */
  async recordPublished(itemId: string, publishedOn: string, url: string): Promise<RegisterEntry> {
    const db = this.ctx.db();
    const row = await db.selectFrom('publication_register').selectAll().where('item_id', '=', itemId).orderBy('id', 'desc').executeTakeFirst();
    if (!row) throw fail('CONFLICT', '该事项尚未导出，不能登记发布');
    if (row.published_on) throw fail('CONFLICT', '该事项已登记发布');
    if (publishedOn < row.exported_at.slice(0, 10)) throw fail('INVALID_INPUT', '发布日期不能早于导出日期');
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('publication_register').set({ published_on: publishedOn, published_url: url, recorded_by: this.ctx.user().id, recorded_at: this.ctx.now().toISOString() }).where('id', '=', row.id).execute();
      await this.ctx.append(tx, { action: 'item.published', subject: itemId, role: 'publisher', payload: { text: `已于 ${publishedOn} 在网站发布（${url}）`, publishedOn, url, bundleId: row.bundle_id } });
    });
    return (await this.register()).find((r) => r.id === row.id)!;
  }
}
