import type { Plan } from './plan';
import { cleanMedia } from './docx';
import { Package } from './ooxml';
import { el, elements, rewrite, textOf, type XElement, type XNode } from './xml-tree';

// Excel: values are replaced in shared and inline strings and in numbers; a number
// that was replaced becomes text. Hidden and very hidden sheets are removed (and listed),
// hidden rows and columns are shown, notes and threaded comments go, and formulas that
// read a removed cell lose their cached value so they cannot show it from the cache.

const SI = new Set(['si', 'is']);
const T = new Set(['t']);
const DRAWING_CONTAINERS = new Set(['a:p']);
const DRAWING_LEAVES = new Set(['a:t']);
const COMMENT_RELS = /\/(comments|vmlDrawing|threadedComment|person)$/;
const OBJECT_RELS = /\/(oleObject|package|control|ctrlProp)$/;

const colRow = (ref: string) => /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
const colNum = (c: string) => [...c].reduce((n, x) => n * 26 + x.charCodeAt(0) - 64, 0);

/** Cell references and ranges a formula mentions, with their sheet (or null for its own). */
function references(formula: string): Array<{ sheet: string | null; from: [number, number]; to: [number, number] }> {
  const out: Array<{ sheet: string | null; from: [number, number]; to: [number, number] }> = [];
  const re = /(?:(?:'((?:[^']|'')+)'|([A-Za-z0-9_.\u4e00-\u9fff]+))!)?(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?/g;
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    const sheet = m[1]?.replace(/''/g, "'") ?? m[2] ?? null;
    const a = colRow(m[3]!);
    const b = colRow(m[4] ?? m[3]!);
    if (!a || !b) continue;
    out.push({ sheet, from: [colNum(a[1]!), Number(a[2])], to: [colNum(b[1]!), Number(b[2])] });
  }
  return out;
}

/** How the import shows a number: an integer written in E notation comes out as its digits. */
function shownNumber(v: string): string {
  const t = v.trim();
  if (!/[eE]/.test(t)) return t;
  const n = Number(t);
  return Number.isFinite(n) && Number.isInteger(n) ? BigInt(Math.round(n)).toString() : t;
}

/** Removes hidden rows and the cells of hidden columns (their refs join `gone`); returns how many cells went. */
function removeHidden(sheet: XElement, gone: Set<string>): number {
  const cols: Array<[number, number]> = [];
  for (const e of elements(sheet)) if (e.name === 'col' && ['1', 'true'].includes(e.attrs['hidden'] ?? '')) cols.push([Number(e.attrs['min']), Number(e.attrs['max'])]);
  let n = 0;
  const drop = (c: XElement) => {
    gone.add(c.attrs['r'] ?? '');
    n++;
  };
  rewrite(sheet, (e) => {
    if (e.name === 'c') {
      const m = colRow(e.attrs['r'] ?? '');
      if (m && cols.some(([a, b]) => colNum(m[1]!) >= a && colNum(m[1]!) <= b)) return drop(e), null;
    }
    if (e.name === 'row' && ['1', 'true'].includes(e.attrs['hidden'] ?? '')) {
      for (const c of e.children) if (c.type === 'el' && c.name === 'c') drop(c);
      return null;
    }
    return e;
  });
  return n;
}

const childEl = (e: XElement, name: string) => e.children.find((c): c is XElement => c.type === 'el' && c.name === name);

export async function redactXlsx(buf: Uint8Array, plan: Plan, hidden: 'reveal' | 'remove' = 'reveal'): Promise<{ bytes: Uint8Array; notes: string[] }> {
  const pkg = new Package(buf);
  const notes: string[] = [];
  const wbPart = 'xl/workbook.xml';
  const wb = pkg.tree(wbPart);
  if (!wb) throw new Error('workbook.xml missing');
  const wbRels = pkg.rels(wbPart);
  const sheetEls = [...elements(wb)].filter((e) => e.name === 'sheet');
  const sheets = sheetEls.map((e, index) => ({ index, el: e, name: e.attrs['name'] ?? '', state: e.attrs['state'] ?? 'visible', part: wbRels.find((r) => r.id === e.attrs['r:id'])?.target ?? '' }));

  // Hidden and very hidden sheets: removed whole, with everything only they reach.
  const removedSheets = sheets.filter((s) => s.state === 'hidden' || s.state === 'veryHidden');
  const kept = sheets.filter((s) => !removedSheets.includes(s));
  if (removedSheets.length && kept.length) {
    for (const s of removedSheets) {
      pkg.remove(s.part);
      notes.push(`删除了${s.state === 'veryHidden' ? '深度隐藏' : '隐藏'}的工作表“${s.name}”`);
    }
    const newIndex = new Map(kept.map((s, i) => [s.index, i]));
    const goneNames = new Set(removedSheets.map((s) => s.name));
    rewrite(wb, (e) => {
      if (e.name === 'sheet' && removedSheets.some((s) => s.el === e)) return null;
      if (e.name === 'definedName') {
        const local = e.attrs['localSheetId'];
        if (local !== undefined) {
          const to = newIndex.get(Number(local));
          if (to === undefined) return null;
          e.attrs['localSheetId'] = String(to);
        }
        if (references(textOf(e)).some((r) => r.sheet && goneNames.has(r.sheet))) return null;
      }
      if (e.name === 'workbookView') {
        delete e.attrs['activeTab'];
        delete e.attrs['firstSheet'];
      }
      return e;
    });
  }
  // External links and the people of threaded comments hang off the workbook.
  pkg.dropRels(wbPart, (r) => /\/(externalLink|person)$/.test(r.type));
  // Also the user name of shared workbooks and the author's folder path (x15ac:absPath).
  rewrite(wb, (e) => (['externalReferences', 'fileSharing', 'x15ac:absPath'].includes(e.name) ? null : e));

  // Shared strings: which entries changed, so the cells that show them count as removed.
  const changedSi = new Set<number>();
  const sst = pkg.tree('xl/sharedStrings.xml');
  if (sst) {
    rewrite(sst, (e) => (e.name === 'rPh' || e.name === 'phoneticPr' ? null : e));
    const sis = [...elements(sst)].filter((e) => e.name === 'si');
    const before = sis.map(textOf);
    pkg.applyPlan('xl/sharedStrings.xml', plan, '共享字符串', SI, T);
    sis.forEach((si, i) => textOf(si) !== before[i] && changedSi.add(i));
  }

  const removedCells = new Map<string, Set<string>>();
  let unhidden = 0;
  let hiddenRemoved = 0;
  let notesRemoved = 0;
  for (const s of kept) {
    const t = pkg.tree(s.part);
    if (!t) continue;
    const gone = new Set<string>();
    removedCells.set(s.name, gone);
    if (hidden === 'remove') hiddenRemoved += removeHidden(t, gone);
    for (const e of elements(t)) {
      if ((e.name === 'row' || e.name === 'col') && ['1', 'true'].includes(e.attrs['hidden'] ?? '')) {
        delete e.attrs['hidden'];
        unhidden++;
      }
      if (e.name !== 'c') continue;
      const ref = e.attrs['r'] ?? '';
      const type = e.attrs['t'] ?? 'n';
      const v = childEl(e, 'v');
      const f = childEl(e, 'f');
      if (type === 's' && v && changedSi.has(Number(textOf(v)))) gone.add(ref);
      else if (type === 'inlineStr') {
        const is = childEl(e, 'is');
        const before = is ? textOf(is) : '';
        if (is) {
          const g = [...elements(is)].filter((x) => x.name === 't');
          const out = plan.applyAcross(g.map(textOf), `${s.name}!${ref}`);
          g.forEach((x, i) => (x.children = [{ type: 'text', text: out[i]! }]));
          if (textOf(is) !== before) gone.add(ref);
        }
      } else if (v && type !== 'b') {
        const raw = textOf(v);
        const shown = type === 'n' ? shownNumber(raw) : raw;
        const next = plan.apply(shown, `${s.name}!${ref}`);
        if (next !== shown) {
          gone.add(ref);
          if (f) e.children = e.children.filter((c) => c !== v);
          else {
            e.attrs['t'] = 'inlineStr';
            e.children = [el('is', {}, [el('t', { 'xml:space': 'preserve' }, [{ type: 'text', text: next }])])];
          }
        }
      }
    }
    // Notes and threaded comments of this sheet, and the drawing that shows them.
    if (pkg.dropRels(s.part, (r) => COMMENT_RELS.test(r.type)).length) notesRemoved++;
    // Embedded objects and form controls go with their parts (the embeddings).
    pkg.dropRels(s.part, (r) => OBJECT_RELS.test(r.type));
    rewrite(t, (e) => (['legacyDrawing', 'oleObjects', 'controls'].includes(e.name) ? null : e));
  }

  // Shared strings no kept cell shows any more (a removed sheet's, a removed row's) are emptied, indices kept.
  if (sst) {
    const used = new Set<number>();
    for (const s of kept) {
      const t = pkg.tree(s.part);
      if (t) for (const e of elements(t)) if (e.name === 'c' && e.attrs['t'] === 's') used.add(Number(textOf(childEl(e, 'v') ?? el('v'))));
    }
    [...elements(sst)].filter((e) => e.name === 'si').forEach((si, i) => {
      if (!used.has(i)) si.children = [el('t')];
    });
  }

  // Formulas that read a removed cell keep their formula but lose the cached result.
  let cachesDropped = 0;
  const isGone = (sheet: string, r: { from: [number, number]; to: [number, number] }) =>
    [...(removedCells.get(sheet) ?? [])].some((ref) => {
      const m = colRow(ref);
      if (!m) return false;
      const c = colNum(m[1]!);
      const row = Number(m[2]);
      return c >= r.from[0] && c <= r.to[0] && row >= r.from[1] && row <= r.to[1];
    });
  for (const s of kept) {
    const t = pkg.tree(s.part);
    if (!t) continue;
    for (const e of elements(t)) {
      if (e.name !== 'c') continue;
      const f = childEl(e, 'f');
      if (!f || !childEl(e, 'v')) continue;
      if (references(textOf(f)).some((r) => isGone(r.sheet ?? s.name, r))) {
        e.children = e.children.filter((c: XNode) => !(c.type === 'el' && c.name === 'v'));
        cachesDropped++;
      }
    }
  }
  // Defined names that point at a removed cell go; their text goes through the plan like any other.
  let namesRemoved = 0;
  rewrite(wb, (e) => {
    if (e.name !== 'definedName') return e;
    const text = textOf(e);
    if (references(text).some((r) => r.sheet && isGone(r.sheet, r)) || plan.apply(text, '定义的名称') !== text) {
      namesRemoved++;
      return null;
    }
    return e;
  });
  if (cachesDropped) {
    const calc = [...elements(wb)].find((e) => e.name === 'calcPr');
    if (calc) calc.attrs['fullCalcOnLoad'] = '1';
    else wb.children.find((c): c is XElement => c.type === 'el')?.children.push(el('calcPr', { fullCalcOnLoad: '1' }));
  }

  for (const name of pkg.xmlParts()) {
    if (name === 'xl/sharedStrings.xml' || kept.some((s) => s.part === name)) {
      // Attributes (and text outside cells) of these parts still go through the plan.
      pkg.applyPlan(name, plan, `文件内部的 ${name}`, SI, new Set());
      continue;
    }
    pkg.applyPlan(name, plan, name.startsWith('xl/') ? `文件内部的 ${name}` : '文件结构', DRAWING_CONTAINERS, DRAWING_LEAVES);
  }
  pkg.cleanProperties();
  const media = await cleanMedia(pkg);
  if (pkg.removedLabels.size) notes.push(`删除了${[...pkg.removedLabels].join('、')}`);
  if (notesRemoved) notes.push(`删除了 ${notesRemoved} 个工作表中的批注（单元格注释）`);
  if (hiddenRemoved) notes.push(`删除了隐藏的行和列中的 ${hiddenRemoved} 个单元格`);
  if (unhidden) notes.push(`显示了 ${unhidden} 处隐藏的行或列（其中的内容已一并审查，如需删除请在原表中删除后重新制作）`);
  if (cachesDropped) notes.push(`${cachesDropped} 个公式引用了已删除的单元格，已清除其缓存结果（打开时重新计算）`);
  if (namesRemoved) notes.push(`删除了 ${namesRemoved} 个指向已删除内容的定义名称`);
  if (media) notes.push(`工作簿中的 ${media} 张图片已重新编码并清除元数据`);
  notes.push('文档属性（作者、单位等）已清空');
  return { bytes: pkg.finish(), notes };
}
