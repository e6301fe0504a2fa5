import { extractDocx } from '../electron/documents/extract/docx';
import { extractImage } from '../electron/documents/extract/image';
import { extractPdf } from '../electron/documents/extract/pdf';
import { extractHtml, extractText } from '../electron/documents/extract/text';
import type { Extraction } from '../electron/documents/extract/types';
import { extractXlsx } from '../electron/documents/extract/xlsx';
import { defaultRules } from '../electron/scanner/rules';
import { createScanner, luhn, type Finding } from '../electron/scanner/scanner';
import { docx, jpeg, pdf, png, xlsx, type SheetSpec } from '../test/helpers/fixtures';
import { residentId } from '../test/helpers/synthetic';
import { layoutPdf, type Mark } from '../test/unit/scanner/layout-pdf';
import { withDocxTable } from '../test/unit/scanner/table-docs';
import { rate, type Figure } from './harness';

// Detection quality on generated documents (fixed seed): txt, html, docx, xlsx and pdf,
// with values planted in the body, in tables and in the places a reader does not see
// (headers, comments, hidden text, hidden sheets, notes, annotations, properties), next to
// look-alikes that must not be reported: wrong check digits, case and order numbers,
// neighbouring cells whose digits joined would pass Luhn, 机密性, 保密协议, column headers.
// Prints recall per kind and precision; the figure is the cost of scanning relative to
// extraction alone, measured in the same run.

type Kind = 'ID_CARD' | 'BANK_CARD' | 'MOBILE' | 'CLASSIFICATION_MARK' | 'PROCESS_INFO' | 'SPECIAL_DOMAIN' | 'PERSON_NAME' | 'GPS';
const KINDS: Kind[] = ['ID_CARD', 'BANK_CARD', 'MOBILE', 'CLASSIFICATION_MARK', 'PROCESS_INFO', 'SPECIAL_DOMAIN', 'PERSON_NAME', 'GPS'];
/** Documents per format; images carry their values in metadata only. */
const COUNTS = { txt: 50, html: 50, docx: 50, xlsx: 50, pdf: 50, jpg: 15, png: 15 } as const;
type Format = keyof typeof COUNTS;
const FORMATS = Object.keys(COUNTS) as Format[];

interface Plant {
  kind: Kind;
  key: string;
  place: string;
}
interface Content {
  header: string | null;
  paragraphs: string[];
  table: string[][];
  hidden: string[];
  plants: Plant[];
}

// mulberry32: a small, fixed-seed generator, so every run builds the same documents.
function generator(seed: number) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  return { rnd, int, pick, digits, chance: (p: number) => rnd() < p };
}
type Gen = ReturnType<typeof generator>;

const key = (kind: Kind, s: string) =>
  kind === 'GPS' ? 'GPS' :
  ['ID_CARD', 'BANK_CARD', 'MOBILE'].includes(kind) ? s.normalize('NFKC').replace(/[^\dXx]/g, '').toUpperCase() : s.normalize('NFKC').replace(/\s/g, '');

const REGIONS = ['110101', '310104', '440305', '320102', '510104', '420102', '650102', '370202'];
const CARD_PREFIXES = ['622202', '621700', '622848', '436742', '518710', '356833', '601382', '625965'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗郑梁谢宋唐韩冯';
const GIVEN = ['小明', '伟', '芳', '秀英', '建国', '丽娟', '志强', '海燕', '俊杰', '雪梅', '立新', '春花'];
const FILLER = [
  '为贯彻落实政府信息公开条例，现将有关事项通知如下。',
  '各单位要高度重视，认真组织实施，确保各项工作落到实处。',
  '请于规定时间内将材料报送至办公室。',
  '本通知自印发之日起施行。',
  '各乡镇人民政府、县直各部门要结合实际制定具体措施。',
  '对工作中遇到的问题，请及时反馈。',
];
const MARKS: Array<[string, string]> = [
  ['机密★1年', '机密★1年'],
  ['绝 密★启用前', '绝密★启用前'],
  ['秘　密', '秘密'],
  ['000128  机密  特急', '机密'],
  ['秘密☆6个月', '秘密☆6个月'],
  ['机密＊长期', '机密*长期'],
  ['秘 密 ★ 1 0 年', '秘密★10年'],
  ['密级：机密', '密级:机密'],
];
const PROCESS = ['尚未最终确定', '仅供内部讨论', '未经批准不得外传', '征求意见稿', '讨论稿', '送审稿', '请勿外传', '内部讨论稿'];
const DOMAINS = ['重大传染病疫情', '重大动物疫情', '重要地理信息数据', '农产品质量安全状况', '统计信息', '财政信息'];

function person(g: Gen) {
  const birth = `${1950 + g.int(55)}${String(1 + g.int(12)).padStart(2, '0')}${String(1 + g.int(28)).padStart(2, '0')}`;
  const id = residentId(g.pick(REGIONS), birth, String(g.int(1000)).padStart(3, '0'));
  let card = g.pick(CARD_PREFIXES) + g.digits(g.pick([9, 12]));
  for (let d = 0; d <= 9; d++) if (luhn(card + d)) {
    card += d;
    break;
  }
  return { name: g.pick([...SURNAMES]) + g.pick(GIVEN), id, card, mobile: `1${g.pick('3456789'.split(''))}${g.digits(9)}` };
}

/** How a number is written: whole, in groups, in full-width digits. */
function written(g: Gen, kind: 'ID_CARD' | 'BANK_CARD' | 'MOBILE', v: string): string {
  const r = g.rnd();
  if (r < 0.6) return v;
  if (r < 0.85) {
    const cut = kind === 'ID_CARD' ? [6, 14] : kind === 'MOBILE' ? [3, 7] : [4, 8, 12, 16];
    return cut.reduceRight((s, c) => (c < s.length ? `${s.slice(0, c)} ${s.slice(c)}` : s), v);
  }
  return [...v].map((c) => (/\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
}

/** Look-alikes that must not be reported. */
function negatives(g: Gen): string[] {
  const p = person(g);
  const badId = p.id.slice(0, 17) + (p.id[17] === '0' ? '1' : '0');
  const badCard = p.card.slice(0, -1) + ((Number(p.card.at(-1)) + 1) % 10);
  return [
    `经核查，身份证号${badId}的记录有误。`,
    `卡号${badCard}已注销。`,
    `案号：（${2018 + g.int(7)}）京0105民初${g.digits(5)}号。`,
    `订单号：20${g.digits(16)}，发文字号：京政发〔2024〕${1 + g.int(40)}号。`,
    g.pick(['本系统应确保数据的机密性和完整性。', '双方已签订保密协议。', '涉及商业秘密的，依法不予公开。', '《秘密花园》读书会将于周末举行。', '编号12345678901的设备已报废。']),
  ];
}

function content(g: Gen): Content {
  const plants: Plant[] = [];
  const plant = (kind: Kind, value: string, place: string) => plants.push({ kind, key: key(kind, value), place });
  let header: string | null = null;
  if (g.chance(0.7)) {
    const [shown, k] = g.pick(MARKS);
    header = shown;
    plants.push({ kind: 'CLASSIFICATION_MARK', key: k, place: 'header' });
  }
  const paragraphs: string[] = [];
  const hidden: string[] = [];
  const put = (text: string, hide: boolean) => (hide ? hidden : paragraphs).push(text);
  for (let i = 0; i < 2 + g.int(3); i++) paragraphs.push(g.pick(FILLER));
  // People written in sentences, sometimes in hidden places.
  for (let i = 0; i < 1 + g.int(2); i++) {
    const p = person(g);
    const hide = g.chance(0.3);
    const where = hide ? 'hidden' : 'body';
    plant('PERSON_NAME', p.name, where);
    plant('ID_CARD', p.id, where);
    const id = written(g, 'ID_CARD', p.id);
    // Now and then a number is broken across a line inside its paragraph.
    const idText = !hide && g.chance(0.2) ? `${id.slice(0, 9)}\n${id.slice(9)}` : id;
    let s = `申请人：${p.name}，身份证号码：${idText}`;
    if (g.chance(0.7)) {
      plant('MOBILE', p.mobile, where);
      s += `，联系电话：${written(g, 'MOBILE', p.mobile)}`;
    }
    if (g.chance(0.6)) {
      plant('BANK_CARD', p.card, where);
      s += `，开户银行卡号：${written(g, 'BANK_CARD', p.card)}`;
    }
    put(s + '。', hide);
  }
  if (g.chance(0.6)) {
    const phrase = g.pick(PROCESS);
    plant('PROCESS_INFO', phrase, 'body');
    put(`本材料${phrase}，请各单位结合实际提出意见。`, g.chance(0.3));
  }
  if (g.chance(0.5)) {
    const term = g.pick(DOMAINS);
    plant('SPECIAL_DOMAIN', term, 'body');
    put(`涉及${term}的内容，须经批准后发布。`, g.chance(0.3));
  }
  for (const n of negatives(g)) if (g.chance(0.7)) paragraphs.splice(g.int(paragraphs.length + 1), 0, n);
  // A table: 序号 right before 身份证号 in one layout, 邮编 next to 档案编号 (their digits
  // joined would be a Luhn-valid "card") in the other.
  const table: string[][] = [];
  if (g.chance(0.7)) {
    const layoutA = g.chance(0.5);
    table.push(layoutA ? ['序号', '姓名', '类别', '身份证号', '民族', '手机'] : ['姓名', '身份证号', '手机', '邮编', '档案编号']);
    for (let r = 1; r <= 1 + g.int(4); r++) {
      const p = person(g);
      plant('ID_CARD', p.id, 'table');
      plant('MOBILE', p.mobile, 'table');
      plant('PERSON_NAME', p.name, 'table');
      // 类别 is one digit; where one exists, the digit that makes 类别 + 身份证号 pass Luhn.
      const lead = [...'3456'].find((d) => luhn(d + p.id)) ?? String(g.int(10));
      if (layoutA) table.push([String(r), p.name, lead, p.id, '汉族', p.mobile]);
      else {
        let joined = g.pick(['5', '6']) + g.digits(14);
        for (let d = 0; d <= 9; d++) if (luhn(joined + d)) {
          joined += d;
          break;
        }
        table.push([p.name, p.id, p.mobile, joined.slice(0, 6), joined.slice(6)]);
      }
    }
  }
  return { header, paragraphs, table, hidden, plants };
}

const enc = (s: string) => new TextEncoder().encode(s);
/** A PDF line holds what fits on the page (in ems: ASCII is half wide): paragraphs wrap, numbers included. */
function wrap(p: string, ems: number, asciiEm: number): string[] {
  const out: string[] = [];
  for (const l of p.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of l) {
      const cw = ch.charCodeAt(0) < 0x80 ? asciiEm : 1;
      if (w + cw > ems) {
        out.push(line);
        line = '';
        w = 0;
      }
      line += ch;
      w += cw;
    }
    out.push(line);
  }
  return out;
}
const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function render(format: Exclude<Format, 'jpg' | 'png'>, c: Content, g: Gen): Uint8Array {
  const body = [...c.paragraphs];
  switch (format) {
    case 'txt':
      return enc([c.header ?? '', ...body, ...c.hidden, ...c.table.map((r) => r.join('\t'))].join('\n') + '\n');
    case 'html': {
      const hidden = c.hidden.map((h, i) => (i % 2 ? `<!-- ${h} -->` : `<div style="display:none">${h}</div>`)).join('');
      const table = c.table.length ? `<table>${c.table.map((r) => `<tr>${r.map((x) => `<td>${x}</td>`).join('')}</tr>`).join('')}</table>` : '';
      const ps = body.map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`).join('');
      return enc(`<!doctype html><html><head><meta charset="utf-8"><title>通知</title></head><body>${c.header ? `<div>${c.header}</div>` : ''}${ps}${table}${hidden}</body></html>`);
    }
    case 'docx': {
      const [comment, ...rest] = c.hidden;
      const file = docx({
        body: body.map((p) => xmlEsc(p).replace(/\n/g, '</w:t><w:br/><w:t xml:space="preserve">')),
        ...(c.header ? { header: c.header } : {}),
        ...(comment ? { comment: { author: '审稿人', text: comment } } : {}),
        ...(rest[0] ? { hidden: rest[0] } : {}),
        ...(rest[1] ? { textbox: rest[1] } : {}),
        ...(rest[2] ? { footnote: rest.slice(2).join('') } : {}),
      });
      return c.table.length ? withDocxTable(file, c.table) : file;
    }
    case 'xlsx': {
      const cells: SheetSpec['cells'] = [];
      const lines = [c.header, ...body].filter((x): x is string => !!x);
      lines.forEach((l, i) => cells.push([`A${i + 1}`, xmlEsc(l), 's']));
      const list: SheetSpec['cells'] = [];
      c.table.forEach((r, i) => r.forEach((v, j) => list.push([`${'ABCDE'[j]}${i + 1}`, v, /^\d{1,15}$/.test(v) && g.chance(0.5) ? 'n' : 's'])));
      const sheets: SheetSpec[] = [{ name: '说明', cells }];
      if (list.length) sheets.push({ name: '名单', cells: list });
      const [note, ...rest] = c.hidden;
      if (note) sheets[0]!.note = { ref: 'A1', author: '审稿人', text: xmlEsc(note) };
      if (rest.length) sheets.push({ name: '备用', state: 'hidden', cells: rest.map((h, i) => [`A${i + 1}`, xmlEsc(h), 's']) });
      return xlsx(sheets);
    }
    case 'pdf': {
      if (g.chance(0.5) || !c.table.length) {
        // This font sets digits a full em wide: a table row would not fit, so each cell is a line of its own.
        const cells = c.table.slice(1).flatMap((r) => r.map((v, j) => `${c.table[0]![j]}：${v}`));
        const lines = [c.header ?? '', ...body.flatMap((p) => wrap(p, 38, 1)), ...cells];
        const [annotation, ...rest] = c.hidden;
        return pdf({ pages: [lines.join('\n')], ...(annotation ? { annotation } : {}), ...(rest.length ? { info: { Subject: rest.join('；') } } : {}) });
      }
      const marks: Mark[] = [];
      let y = 800;
      const line = (text: string, x = 50) => marks.push({ text, x, y });
      if (c.header) line(c.header);
      y -= 30;
      for (const p of [...body, ...c.hidden])
        for (const l of wrap(p, 40, 0.5)) {
          line(l);
          y -= 18;
        }
      // Columns as wide as their widest cell (12 pt per Chinese character, 6 per digit), 2 em apart.
      const wide = (v: string) => [...v].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 ? 6 : 12), 0);
      const xs = [40];
      for (let j = 1; j < (c.table[0]?.length ?? 0); j++) xs.push(xs[j - 1]! + Math.max(...c.table.map((r) => wide(r[j - 1] ?? ''))) + 24);
      for (const r of c.table) {
        r.forEach((v, j) => line(v, xs[j]!));
        y -= 18;
      }
      return layoutPdf([marks]);
    }
  }
}

/** A photo or scan whose metadata carries personal numbers, and for most photos a GPS position. */
function image(format: 'jpg' | 'png', g: Gen): { bytes: Uint8Array; plants: Plant[] } {
  const p = person(g);
  const q = person(g);
  const plants: Plant[] = [
    { kind: 'ID_CARD', key: p.id, place: 'metadata' },
    { kind: 'MOBILE', key: p.mobile, place: 'metadata' },
    { kind: 'ID_CARD', key: q.id, place: 'metadata' },
  ];
  if (format === 'png') return { bytes: png({ tEXt: ['Comment', `id=${p.id} tel=${p.mobile}`], iTXt: ['Description', `身份证 ${q.id}`] }), plants };
  const gps = g.chance(0.7);
  if (gps) plants.push({ kind: 'GPS', key: 'GPS', place: 'GPS' });
  const bytes = jpeg({ description: `ID ${p.id} TEL ${p.mobile}`, xmpTitle: `照片 ${q.id}`, ...(gps ? { gps: [20 + g.rnd() * 25, 100 + g.rnd() * 20] as [number, number] } : {}) });
  return { bytes, plants };
}

async function extract(format: Format, b: Uint8Array): Promise<Extraction> {
  if (format === 'jpg' || format === 'png') return extractImage(b, format);
  if (format === 'txt') return extractText(b);
  if (format === 'html') return extractHtml(b);
  if (format === 'docx') return extractDocx(b);
  if (format === 'xlsx') return extractXlsx(b);
  return extractPdf(b);
}

interface Score {
  planted: Record<Kind, number>;
  found: Record<Kind, number>;
  reported: number;
  falseAlarms: Array<[Format, Kind, string]>;
  missed: Array<[Format, Kind, string, string]>;
}

export function score(format: Format, plants: Plant[], findings: Finding[], into: Score): void {
  // A GPS position is its own kind (GPS_POSITION), scored here as GPS.
  const scored = findings
    .map((f) => (f.kind === 'GPS_POSITION' ? { ...f, kind: 'GPS' as const } : f))
    .filter((f): f is Omit<Finding, 'kind'> & { kind: Kind } => (KINDS as string[]).includes(f.kind));
  for (const p of plants) {
    into.planted[p.kind]++;
    if (scored.some((f) => f.kind === p.kind && key(p.kind, f.text) === p.key)) into.found[p.kind]++;
    else into.missed.push([format, p.kind, p.key, p.place]);
  }
  for (const f of scored) {
    into.reported++;
    if (!plants.some((p) => p.kind === f.kind && p.key === key(f.kind, f.text))) into.falseAlarms.push([format, f.kind, f.text]);
  }
}

export async function run(): Promise<Figure[]> {
  const g = generator(18);
  const docs: Array<{ format: Format; bytes: Uint8Array; plants: Plant[] }> = [];
  for (const format of FORMATS)
    for (let i = 0; i < COUNTS[format]; i++) {
      if (format === 'jpg' || format === 'png') docs.push({ format, ...image(format, g) });
      else {
        const c = content(g);
        docs.push({ format, bytes: render(format, c, g), plants: c.plants });
      }
    }
  const scanner = createScanner({ rules: defaultRules() });
  const zero = () => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const s: Score = { planted: zero(), found: zero(), reported: 0, falseAlarms: [], missed: [] };
  const byFormat = new Map<Format, Score>();
  for (const d of docs) {
    const findings = scanner.scan((await extract(d.format, d.bytes)).segments).findings;
    score(d.format, d.plants, findings, s);
    const f = byFormat.get(d.format) ?? { planted: zero(), found: zero(), reported: 0, falseAlarms: [], missed: [] };
    score(d.format, d.plants, findings, f);
    byFormat.set(d.format, f);
  }
  const pct = (a: number, b: number) => (b ? (a / b).toFixed(3) : '—');
  const tp = s.reported - s.falseAlarms.length;
  console.log(`detection: ${docs.length} documents (${FORMATS.map((f) => `${COUNTS[f]} ${f}`).join(', ')}), seed 18`);
  console.log(`| kind | planted | found | recall | false alarms |\n|---|---:|---:|---:|---:|`);
  for (const k of KINDS) console.log(`| ${k} | ${s.planted[k]} | ${s.found[k]} | ${pct(s.found[k], s.planted[k])} | ${s.falseAlarms.filter((f) => f[1] === k).length} |`);
  console.log(`| precision (all kinds above) | ${s.reported} reported | ${tp} planted | ${pct(tp, s.reported)} | ${s.falseAlarms.length} |`);
  console.log(`| format | recall (all kinds) | precision |\n|---|---:|---:|`);
  for (const [f, x] of byFormat) {
    const planted = KINDS.reduce((n, k) => n + x.planted[k], 0);
    const found = KINDS.reduce((n, k) => n + x.found[k], 0);
    console.log(`| ${f} | ${pct(found, planted)} | ${pct(x.reported - x.falseAlarms.length, x.reported)} |`);
  }
  for (const m of s.missed.slice(0, 10)) console.log(`  missed: ${m.join(' · ')}`);
  for (const m of s.falseAlarms.slice(0, 10)) console.log(`  false alarm: ${m.join(' · ')}`);

  // Cost: extraction plus scanning against extraction alone, over the same documents.
  const sample = docs.filter((_, i) => i % 5 === 0);
  let hits = 0;
  const n = sample.length * 4;
  const extractOnly = await rate(n, (i) => extract(sample[i % sample.length]!.format, sample[i % sample.length]!.bytes));
  const both = await rate(n, async (i) => {
    const d = sample[i % sample.length]!;
    hits += scanner.scan((await extract(d.format, d.bytes)).segments).findings.length;
  });
  if (hits === 0) throw new Error('bench documents produced no findings');
  return [{ name: `extract + scan, ${sample.length} generated documents`, rate: both, baselineRate: extractOnly, baseline: 'extraction alone', unit: 'documents' }];
}
