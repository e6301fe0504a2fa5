import dayjs from 'dayjs';
import { ITEM_FORM_KINDS as ITEMS_KINDS_OF_CONTRACT } from '../../shared/ops/forms';
import type { ItemDetail } from '../../shared/types';
import type { Profile } from '../../shared/workflow';
import { agencyFonts, type FontFiles } from './fonts';
import { recordFromItem, reviewTableFromItems } from './from-item';
import { consultationLetter, declassificationFiling, escalationLetter, leakReport, overrideNotice, thirdPartyLetter, type LetterOptions } from './letters-from-item';
import { renderForm } from './render';
import type { Checkpoint, FormInputs, FormKind } from './types';

// Printing a form: read the item, map it to the form's data, take the audit checkpoint,
// render, and hand the PDF with its hashes to `save` — which the composition root
// connects to the item's encrypted storage and to the audit trail (an entry naming the
// kind, both hashes and the checkpoint printed). The checkpoint is taken before that
// entry is written, so the paper names the head as it stood when printing began.

export interface SavedForm {
  contentSha256: string;
  checkpoint: Checkpoint;
  pages: number;
}

export interface FormsPorts {
  item(id: string): Promise<ItemDetail>;
  /** The profile the item is reviewed under; by default the one its detail carries. */
  profileOf?(item: ItemDetail): Profile | Promise<Profile>;
  checkpoint(): Checkpoint | Promise<Checkpoint>;
  org(): string | Promise<string>;
  /** Keeps the PDF with the item and records the printing; `sha256` is the PDF's own hash. */
  save(itemId: string, kind: FormKind, pdf: Uint8Array, sha256: string, meta: SavedForm): Promise<void>;
  now?(): Date;
  /** By default the agency's installed 仿宋_GB2312 / 方正小标宋, else Noto Serif SC. */
  fonts?: FontFiles;
  templatesDir?: string;
}

export interface PrintOptions {
  /** Which escalation or consultation a letter is about; the latest by default. */
  ref?: number;
  contact?: string;
  addressee?: string;
  /** The date printed on the 《信息发布保密审查表》; null leaves 年 月 日 blank. */
  date?: string | null;
  /** The leak report's 公开日期, from the publication register. */
  publishedOn?: string | null;
}

export interface PrintedForm {
  pdf: Uint8Array;
  /** SHA-256 of the PDF bytes. */
  sha256: string;
  /** SHA-256 of the content data: the value in the QR code. */
  contentSha256: string;
  pages: number;
  checkpoint: Checkpoint;
}

/** The kinds printed from one item. The register is printed from its own data (`printData`). */
export type ItemFormKind = Exclude<FormKind, 'register'>;
export const ITEM_FORM_KINDS: readonly ItemFormKind[] = ITEMS_KINDS_OF_CONTRACT;

export class FormsService {
  constructor(private readonly ports: FormsPorts) {}

  private now(): Date {
    return this.ports.now?.() ?? new Date();
  }

  private async detail(itemId: string): Promise<ItemDetail> {
    const item = await this.ports.item(itemId);
    const profile = this.ports.profileOf ? await this.ports.profileOf(item) : item.profile;
    return { ...item, profile };
  }

  /** The data a kind prints for an item (also what the preview shows). */
  async dataFor(kind: ItemFormKind, itemId: string, opts: PrintOptions = {}): Promise<FormInputs[ItemFormKind]> {
    const item = await this.detail(itemId);
    const org = await this.ports.org();
    const letter: LetterOptions = { org, today: dayjs(this.now()).format('YYYY-MM-DD'), ref: opts.ref, contact: opts.contact, addressee: opts.addressee };
    switch (kind) {
      case 'record':
        return recordFromItem(item, org);
      case 'review-table':
        return reviewTableFromItems([item], org, opts.date === undefined ? letter.today : opts.date);
      case 'escalation':
        return escalationLetter(item, letter);
      case 'consultation':
        return consultationLetter(item, letter);
      case 'third-party':
        return thirdPartyLetter(item, letter);
      case 'override-notice':
        return overrideNotice(item, letter);
      case 'declassification':
        return declassificationFiling(item, letter);
      case 'leak-report':
        return leakReport(item, { ...letter, publishedOn: opts.publishedOn });
    }
  }

  async print(kind: ItemFormKind, itemId: string, opts: PrintOptions = {}): Promise<PrintedForm> {
    const data = await this.dataFor(kind, itemId, opts);
    return this.printData(kind, data, [itemId]);
  }

  /** One 《信息发布保密审查表》 for several items, kept with each of them. */
  async printSheet(itemIds: string[], date: string | null): Promise<PrintedForm> {
    const items = await Promise.all(itemIds.map((id) => this.detail(id)));
    const data = reviewTableFromItems(items, await this.ports.org(), date);
    return this.printData('review-table', data, itemIds);
  }

  /** Renders data already mapped (the register page, or a form the screen composed) and saves it under each id. */
  async printData<K extends FormKind>(kind: K, data: FormInputs[K], saveUnder: string[] = [data.itemId]): Promise<PrintedForm> {
    const checkpoint = await this.ports.checkpoint();
    const r = await renderForm(kind, data, checkpoint, { printedAt: this.now(), fonts: this.ports.fonts ?? agencyFonts(), templatesDir: this.ports.templatesDir });
    for (const id of saveUnder) await this.ports.save(id, kind, r.pdf, r.sha256, { contentSha256: r.contentSha256, checkpoint, pages: r.pages });
    return { pdf: r.pdf, sha256: r.sha256, contentSha256: r.contentSha256, pages: r.pages, checkpoint };
  }
}
