import type { DB } from '../store/database';
import type { Tx } from '../context/session';
import type { ItemRow } from '../store/schema';
import type { Gate } from './engine';

// The facts about an item's carrier files that the gate in front of publication needs:
// how many findings are undecided and confirmed, and whether a file carries a
// classification mark while the item is registered as unmarked.

export async function gateFacts(db: DB | Tx, row: ItemRow, today: string, publicVersionsMissing = 0): Promise<Gate> {
  const rows = await db
    .selectFrom('findings')
    .innerJoin('documents', 'documents.id', 'findings.document_id')
    .select(['findings.status', 'findings.kind'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('documents.item_id', '=', row.id)
    .groupBy(['findings.status', 'findings.kind'])
    .execute();
  const count = (pred: (r: { status: string; kind: string }) => boolean) => rows.filter(pred).reduce((n, r) => n + Number(r.n), 0);
  return {
    today,
    openFindings: count((r) => r.status === 'open'),
    confirmedFindings: count((r) => r.status === 'confirmed'),
    classificationConflict: row.classification === 'none' && count((r) => r.kind === 'CLASSIFICATION_MARK' && r.status !== 'dismissed') > 0,
    publicVersionsMissing,
  };
}

/**
 * Unmarked items one of whose files carries a classification mark not dismissed: the
 * question is the reviewer's (classification gate), so it reaches the reviewer's desk.
 */
export async function classificationQuestions(db: DB | Tx, itemIds: readonly string[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('findings')
    .innerJoin('documents', 'documents.id', 'findings.document_id')
    .innerJoin('items', 'items.id', 'documents.item_id')
    .select('documents.item_id')
    .distinct()
    .where('documents.item_id', 'in', [...itemIds])
    .where('items.classification', '=', 'none')
    .where('findings.kind', '=', 'CLASSIFICATION_MARK')
    .where('findings.status', '!=', 'dismissed')
    .execute();
  return new Set(rows.map((r) => r.item_id));
}
