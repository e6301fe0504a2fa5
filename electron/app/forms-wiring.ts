import { createHash, randomUUID } from 'node:crypto';
import type { NoticeKind } from '../../shared/applications';
import type { AnnualReports } from '../applications/report';
import type { Applications } from '../applications/service';
import { composeNotice, type NoticeBlock } from '../applications/notices/compose';
import { composeAnnualReport } from '../applications/notices/report';
import { canonicalJson } from '../audit/entry';
import { agencyFonts } from '../forms/fonts';
import type { Block } from '../forms/layout';
import { renderBlocks } from '../forms/render';
import type { PrintedForm } from '../forms/service';
import { FORM_KIND_LABELS } from '../../shared/ops/forms';
import { auditHead } from '../audit/append';
import { composeCheckpoint, composeExtract, type AuditFormKind, type PrintBlock } from '../audit/print-form';
import type { AuditService } from '../audit/service';
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

// --- 依申请公开: the notices of 附件2 and the printable annual report -----------------
// Their words are resources/forms/application-*.json and their blocks are composed in
// electron/applications/notices/; here they are laid out and rendered with the forms
// engine's layout, fonts and QR code, stamped like every form, and archived with the
// application's review item.

export interface ApplicationPrinting {
  notice(applicationId: string, kind: NoticeKind, date: string | null): Promise<PrintedForm>;
  report(year: number): Promise<PrintedForm>;
}

export function createApplicationPrinting(ctx: SessionContext, vault: Vault, applications: Applications, reports: AnnualReports, templatesDir?: string): ApplicationPrinting {
  const render = (subject: { itemId: string | null; audit: string }, kind: string, composed: { title: string; blocks: NoticeBlock[] }, data: unknown): Promise<PrintedForm> =>
    printComposed(ctx, vault, { itemId: subject.itemId, stampId: subject.itemId ?? subject.audit, auditSubject: subject.audit }, kind, composed, data, templatesDir);
  return {
    async notice(applicationId, kind, date) {
      const data = await applications.notice(applicationId, kind, date, templatesDir);
      return render({ itemId: data.itemId, audit: applicationId }, `application-${data.template}`, composeNotice(data, templatesDir), data);
    },
    async report(year) {
      const r = await reports.report(year);
      return render({ itemId: null, audit: `report:${year}` }, 'application-annual-report', composeAnnualReport(r, vault.org().name, templatesDir), r);
    },
  };
}

/**
 * A composed form → PDF drawn by the forms engine (same stamp, QR code and fonts), kept as
 * a blob with its forms row and recorded in the trail, all in one transaction.
 */
async function printComposed(
  ctx: SessionContext,
  vault: Vault,
  where: { itemId: string | null; stampId: string; auditSubject: string; role?: 'auditor' },
  kind: string,
  composed: { title: string; blocks: NoticeBlock[] | PrintBlock[] },
  data: unknown,
  templatesDir?: string,
): Promise<PrintedForm> {
  const head = await auditHead(ctx.db());
  const checkpoint = { seq: head?.seq ?? 0, head: head?.hash ?? '0'.repeat(64) };
  const contentSha256 = createHash('sha256').update(canonicalJson({ kind, data }), 'utf8').digest('hex');
  const qr = { item: where.stampId, seq: checkpoint.seq, head: checkpoint.head, sha256: contentSha256 };
  const pdf = await renderBlocks(composed.blocks as Block[], { title: composed.title, org: vault.org().name, qr, templatesDir }, { printedAt: ctx.now(), fonts: agencyFonts(), templatesDir });
  const sha256 = createHash('sha256').update(pdf.bytes).digest('hex');
  await ctx
    .db()
    .transaction()
    .execute(async (tx) => {
      if (!(await tx.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()))
        await tx.insertInto('blobs').values({ sha256, size: pdf.bytes.length, content: Buffer.from(pdf.bytes) }).execute();
      await tx
        .insertInto('forms')
        .values({ id: randomUUID(), item_id: where.itemId, kind, sha256, content_hash: contentSha256, pages: pdf.pages, checkpoint_seq: checkpoint.seq, checkpoint_hash: checkpoint.head, created_by: ctx.user().id, created_at: ctx.now().toISOString() })
        .execute();
      await ctx.append(tx, { action: 'form.printed', subject: where.auditSubject, ...(where.role ? { role: where.role } : {}), payload: { text: `打印《${composed.title}》（共 ${pdf.pages} 页）`, kind, sha256, contentSha256, checkpoint, pages: pdf.pages } });
    });
  return { pdf: pdf.bytes, sha256, contentSha256, pages: pdf.pages, checkpoint };
}

// --- the 安全审计员's printed forms: an extract of the trail and a countersigned checkpoint ---
// Composed in electron/audit/print-form.ts (words: resources/forms/audit-*.json), rendered
// like every form, kept as a blob with a forms row that names no item, and recorded.

export interface AuditPrinting {
  extract(range: { fromSeq?: number; toSeq?: number; from?: string; to?: string }): Promise<PrintedForm>;
  checkpoint(entrySeq: number): Promise<PrintedForm>;
}

export function createAuditPrinting(ctx: SessionContext, vault: Vault, audit: Pick<AuditService, 'printData' | 'checkpointAt'>, templatesDir?: string): AuditPrinting {
  const render = (kind: AuditFormKind, composed: { title: string; blocks: PrintBlock[] }, data: unknown): Promise<PrintedForm> =>
    printComposed(ctx, vault, { itemId: null, stampId: AUDIT_SUBJECT, auditSubject: 'audit_log', role: 'auditor' }, kind, composed, data, templatesDir);
  return {
    async extract(range) {
      const data = await audit.printData(range);
      return render('audit-extract', composeExtract(data, templatesDir), data);
    },
    async checkpoint(entrySeq) {
      const data = { org: vault.org().name, checkpoint: await audit.checkpointAt(entrySeq) };
      return render('audit-checkpoint', composeCheckpoint(data, templatesDir), data);
    },
  };
}

/** What the page stamp names for the auditor's forms, which belong to no item. */
export const AUDIT_SUBJECT = '审计日志';
