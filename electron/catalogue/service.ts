import { sql } from 'kysely';
import type { contract, In } from '../../shared/contract';
import type { CataloguePage } from '../../shared/ops/reference';
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

const SORT_COLUMNS = { date: 'date', title: 'title', documentNumber: 'document_number', category: 'category', source: 'source' } as const;

function entryOf(r: { item_id: string; title: string; date: string; category: string; keywords: string; source: string; document_number: string; disclosure: string }): CatalogueEntry {
  return {
    itemId: r.item_id,
    title: r.title,
    date: r.date,
    category: r.category,
    keywords: JSON.parse(r.keywords) as string[],
    source: r.source,
    documentNumber: r.document_number,
    disclosure: r.disclosure,
  };
}

export class CatalogueService {
  constructor(private readonly ctx: SessionContext) {}

  async list(): Promise<CatalogueEntry[]> {
    const rows = await this.ctx.db().selectFrom('catalogue').selectAll().orderBy('date', 'desc').execute();
    return rows.map(entryOf);
  }

  /** One page, filtered, sorted and counted by SQLite; substring matching by instr() so that %, _ and any length behave literally. */
  async page(input: In<typeof contract.catalogue.page>): Promise<CataloguePage> {
    const db = this.ctx.db();
    let q = db.selectFrom('catalogue');
    const t = input.text?.trim();
    // keywords is a JSON array of strings: a substring of it is a substring of some keyword (or spans two, which the quotes prevent for CJK text).
    if (t) q = q.where(sql<boolean>`(instr(title, ${t}) > 0 OR instr(document_number, ${t}) > 0 OR instr(keywords, ${t}) > 0)`);
    if (input.category) q = q.where('category', '=', input.category);
    if (input.dateFrom) q = q.where('date', '>=', input.dateFrom);
    if (input.dateTo) q = q.where('date', '<=', input.dateTo);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy(SORT_COLUMNS[input.sort], input.dir)
      .orderBy('item_id', input.dir)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    const categories = await db.selectFrom('catalogue').select('category').distinct().where('category', '!=', '').orderBy('category').execute();
    return { rows: rows.map(entryOf), total: Number(total), page: input.page, pageSize: input.pageSize, categories: categories.map((c) => c.category) };
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
