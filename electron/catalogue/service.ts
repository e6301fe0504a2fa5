import type { CatalogueEntry } from '../../shared/types';
import type { SessionContext, Tx } from '../context/session';

// 政府信息公开目录 (000 第十八条第（四）项, 001 主动公开 第十一条): what an approved item
// is catalogued as, and its removal when the item is reopened or recalled.

export interface CatalogueInput {
  itemId: string;
  title: string;
  date: string;
  category: string;
  keywords: string;
  source: string;
  documentNumber: string;
  disclosure: string;
}

export class CatalogueService {
  constructor(private readonly ctx: SessionContext) {}

  async list(): Promise<CatalogueEntry[]> {
    const rows = await this.ctx.db().selectFrom('catalogue').selectAll().orderBy('date', 'desc').execute();
    return rows.map((r) => ({
      itemId: r.item_id,
      title: r.title,
      date: r.date,
      category: r.category,
      keywords: JSON.parse(r.keywords) as string[],
      source: r.source,
      documentNumber: r.document_number,
      disclosure: r.disclosure,
    }));
  }

  async add(tx: Tx, e: CatalogueInput): Promise<void> {
    await tx
      .insertInto('catalogue')
      .values({
        item_id: e.itemId,
        title: e.title,
        date: e.date,
        category: e.category,
        keywords: e.keywords,
        source: e.source,
        document_number: e.documentNumber,
        disclosure: e.disclosure,
        created_at: this.ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.column('item_id').doNothing())
      .execute();
  }

  async remove(tx: Tx, itemId: string): Promise<void> {
    await tx.deleteFrom('catalogue').where('item_id', '=', itemId).execute();
  }

  async has(itemId: string): Promise<boolean> {
    return !!(await this.ctx.db().selectFrom('catalogue').select('item_id').where('item_id', '=', itemId).executeTakeFirst());
  }
}
