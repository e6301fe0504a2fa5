import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUSINESS_ROLES } from '../../shared/roles';
import type { Services } from '../app/services';
import { LetterUnavailable } from '../forms/letters-from-item';
import { FORM_NAMES } from '../app/forms-wiring';
import { ITEM_FORM_KINDS, type ItemFormKind } from '../forms/service';
import { TemplateError } from '../forms/templates';
import { complain, option, options, say } from './args';
import { asUser } from './session';

// `mishen form <kind>`: the app's forms engine on one item, as the logged-in user (the
// item's need-to-know applies). The PDF goes to --out and is kept with the item; the
// printing is an audit entry with both hashes and the checkpoint printed on the pages.


const USAGE = `用法：mishen form <种类> --data <数据目录> --item <事项编号> --user <用户名> --password-stdin --out <文件.pdf>
      [--ref <报审或征求意见记录编号>] [--date <YYYY-MM-DD>] [--contact <联系人及电话>]
  种类：${ITEM_FORM_KINDS.map((k) => `${k}（${FORM_NAMES[k]}）`).join('、')}
  review-table 可重复 --item，在一张表上列出多个事项。`;

const isKind = (k: string | undefined): k is ItemFormKind => (ITEM_FORM_KINDS as readonly string[]).includes(k ?? '');
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Prints with services already opened and logged in (the part a host can reuse). */
export async function printForm(s: Services, kind: ItemFormKind, items: string[], out: string, args: string[]): Promise<number> {
  const forms = s.forms;
  const date = option(args, '--date');
  const ref = option(args, '--ref');
  if ((date && !DATE.test(date)) || (ref && !/^\d+$/.test(ref))) {
    complain('--date 的格式应为 YYYY-MM-DD，--ref 应为数字');
    return 2;
  }
  try {
    const r =
      kind === 'review-table' && items.length > 1
        ? await forms.printSheet(items, date ?? null)
        : await forms.print(kind, items[0]!, { ref: ref ? Number(ref) : undefined, contact: option(args, '--contact'), date: date ?? undefined });
    writeFileSync(out, r.pdf, { mode: 0o600 });
    say(`已生成${FORM_NAMES[kind]}：${out}（共 ${r.pages} 页）`);
    say(`PDF SHA-256：${r.sha256}`);
    say(`内容 SHA-256（二维码）：${r.contentSha256}`);
    say(`审计检查点：${r.checkpoint.seq}:${r.checkpoint.head}`);
    return 0;
  } catch (err) {
    if (err instanceof LetterUnavailable || err instanceof TemplateError) {
      complain(`无法生成：${err.message}`);
      return 2;
    }
    throw err;
  }
}

export async function form(args: string[]): Promise<number> {
  const kind = args[0];
  const items = options(args, '--item');
  const out = option(args, '--out');
  if (!isKind(kind) || items.length === 0 || !out) {
    complain(USAGE);
    return 2;
  }
  if (kind !== 'review-table' && items.length > 1) {
    complain(`${FORM_NAMES[kind]}每次只能打印一个事项`);
    return 2;
  }
  return asUser(args.slice(1), BUSINESS_ROLES, (s) => printForm(s, kind, items, resolve(out), args));
}
