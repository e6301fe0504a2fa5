import { randomUUID } from 'node:crypto';
import { FORM_KIND_LABELS } from '../../shared/ops/forms';
import { auditHead } from '../audit/append';
import type { SessionContext } from '../context/session';
import { FormsService } from '../forms/service';
import type { FormKind, RegisterInput } from '../forms/types';
import type { Services } from './services';
import type { ItemQueries } from '../workflow/read-model';
import type { Vault } from '../vault/vault';

// The forms engine connected to the store: what is printed is also archived — the PDF
// kept encrypted (a blob) with the item, a row naming kind, hashes and checkpoint, and
// the audit entry, all in one transaction.

export const FORM_NAMES: Record<FormKind, string> = { ...FORM_KIND_LABELS, register: '政府信息公开登记' };

/** The id printed on register pages, which belong to no single item. */
export const REGISTER_SUBJECT = '政府信息公开登记';

export function createForms(ctx: SessionContext, vault: Vault, queries: ItemQueries): FormsService {
  return new FormsService({
    item: (id) => queries.get(id),
    checkpoint: async () => {
      const head = await auditHead(ctx.db());
      return { seq: head?.seq ?? 0, head: head?.hash ?? '0'.repeat(64) };
    },
    org: () => vault.org().name,
    now: () => ctx.now(),
    save: async (itemId, kind, pdf, sha256, meta) => {
      const subject = itemId === REGISTER_SUBJECT ? null : itemId;
      await ctx
        .db()
        .transaction()
        .execute(async (tx) => {
          if (!(await tx.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()))
            await tx.insertInto('blobs').values({ sha256, size: pdf.length, content: Buffer.from(pdf) }).execute();
          await tx
            .insertInto('forms')
            .values({
              id: randomUUID(),
              item_id: subject,
              kind,
              sha256,
              content_hash: meta.contentSha256,
              pages: meta.pages,
              checkpoint_seq: meta.checkpoint.seq,
              checkpoint_hash: meta.checkpoint.head,
              created_by: ctx.user().id,
              created_at: ctx.now().toISOString(),
            })
            .execute();
          await ctx.append(tx, {
            action: 'form.printed',
            subject: subject ?? 'register',
            payload: { text: `打印${FORM_NAMES[kind]}（共 ${meta.pages} 页）`, kind, sha256, contentSha256: meta.contentSha256, checkpoint: meta.checkpoint, pages: meta.pages },
          });
        });
    },
  });
}

/** The register as printed: every export, with the item's department, form and approval date. */
export async function registerPage(s: Pick<Services, 'publication' | 'queries' | 'vault'>): Promise<RegisterInput> {
  const rows: RegisterInput['rows'] = [];
  for (const r of await s.publication.register()) {
    const item = await s.queries.get(r.itemId);
    const approved = item.opinions.at(-1)?.time ?? null;
    rows.push({ title: r.title, documentNumber: r.documentNumber, department: item.fields.department, publishForm: item.fields.publishForm, approvedOn: approved ? new Date(approved).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : null, publishedOn: r.publishedOn, bundle: `第 ${r.sequence} 号（${r.bundleId}）` });
  }
  return { org: s.vault.org().name, itemId: REGISTER_SUBJECT, from: null, to: null, rows };
}
