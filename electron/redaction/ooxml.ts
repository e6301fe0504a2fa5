import { posix } from 'node:path';
import { zipSync } from 'fflate';
import { safeUnzip } from '../documents/zip';
import type { Plan } from './plan';
import { el, elements, parseXml, serializeXml, type XElement, type XNode } from './xml-tree';

// An Office Open XML package being cleaned: parts as bytes or parsed trees, the
// relationships between them, and the clean-up every docx and xlsx needs at the end —
// dangling relationships dropped, parts nothing reaches any more deleted, content
// types brought in line, document properties replaced by empty ones.

const MAIN_TYPES: Record<string, string> = {
  'application/vnd.ms-word.document.macroEnabled.main+xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
};

/** Parts that go whatever they hold: people, comments' companions, code, embedded files, custom XML, thumbnails. */
export const ALWAYS_REMOVED: Array<[RegExp, string]> = [
  [/^customXml\//, '自定义 XML'],
  [/^docProps\/custom\.xml$/, '自定义属性'],
  [/^docProps\/thumbnail\.[a-z]+$/i, '文档缩略图'],
  [/vbaProject|vbaData/i, '宏代码'],
  [/\/embeddings\//, '嵌入的对象'],
  [/\/activeX\//, 'ActiveX 控件'],
  [/(^|\/)externalLinks?\//, '外部链接'],
  [/(^|\/)people\.xml$|(^|\/)persons\//, '批注人员名单'],
  [/^xl\/revisions\//, '共享工作簿的修订记录'],
];

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export const relsPathOf = (part: string) => (part === '' ? '_rels/.rels' : `${posix.dirname(part)}/_rels/${posix.basename(part)}.rels`);
const sourceOf = (relsPath: string) => (relsPath === '_rels/.rels' ? '' : posix.join(posix.dirname(posix.dirname(relsPath)), posix.basename(relsPath, '.rels')));

export class Package {
  readonly files: Map<string, Uint8Array>;
  private readonly trees = new Map<string, XElement>();
  readonly removedLabels = new Set<string>();

  /** Parts reachable in the original: only those that our changes orphan are pruned at the end. */
  private readonly reachedAtStart: Set<string>;

  constructor(buf: Uint8Array) {
    this.files = safeUnzip(buf, () => true);
    this.reachedAtStart = this.reachable();
    for (const name of [...this.files.keys()])
      for (const [re, label] of ALWAYS_REMOVED)
        if (re.test(name)) {
          this.remove(name);
          this.removedLabels.add(label);
        }
  }

  has(part: string): boolean {
    return this.files.has(part);
  }

  tree(part: string): XElement | undefined {
    if (!this.files.has(part)) return undefined;
    let t = this.trees.get(part);
    if (!t) {
      t = parseXml(this.files.get(part)!, part);
      this.trees.set(part, t);
    }
    return t;
  }

  remove(part: string): void {
    this.files.delete(part);
    this.trees.delete(part);
  }

  set(part: string, tree: XElement): void {
    this.files.set(part, new Uint8Array());
    this.trees.set(part, tree);
  }

  xmlParts(): string[] {
    return [...this.files.keys()].filter((n) => /\.(xml|rels|vml)$/i.test(n));
  }

  rels(part: string): Rel[] {
    const t = this.tree(relsPathOf(part));
    if (!t) return [];
    const dir = part === '' ? '' : posix.dirname(part);
    return [...elements(t)]
      .filter((e) => e.name === 'Relationship')
      .map((e) => {
        const target = e.attrs['Target'] ?? '';
        const external = e.attrs['TargetMode'] === 'External';
        return { id: e.attrs['Id'] ?? '', type: e.attrs['Type'] ?? '', external, target: external ? target : target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target)) };
      });
  }

  /** Drops the relationships of `part` that `drop` selects; returns them. */
  dropRels(part: string, drop: (r: Rel) => boolean): Rel[] {
    const t = this.tree(relsPathOf(part));
    if (!t) return [];
    const gone = this.rels(part).filter(drop);
    const ids = new Set(gone.map((r) => r.id));
    const root = t.children.find((c): c is XElement => c.type === 'el');
    if (root) root.children = root.children.filter((c) => !(c.type === 'el' && c.name === 'Relationship' && ids.has(c.attrs['Id'] ?? '')));
    return gone;
  }

  /** Replaces the text of every text node and attribute with the plan, joining pieces inside containers. */
  applyPlan(part: string, plan: Plan, where: string, containers: ReadonlySet<string>, leaves: ReadonlySet<string>): Set<XElement> {
    const t = this.tree(part);
    const changed = new Set<XElement>();
    if (!t) return changed;
    const groups: Array<Array<{ leaf: XElement; node: { text: string } }>> = [];
    const walk = (n: XElement, group: Array<{ leaf: XElement; node: { text: string } }> | null) => {
      for (const [k, v] of Object.entries(n.attrs)) if (!k.startsWith('xmlns') && v) n.attrs[k] = plan.apply(v, where);
      const isLeaf = leaves.has(n.name);
      for (const c of n.children) {
        if (c.type === 'text') {
          if (isLeaf && group) group.push({ leaf: n, node: c });
          else {
            const next = plan.apply(c.text, where);
            if (next !== c.text) {
              c.text = next;
              changed.add(n);
            }
          }
        } else if (containers.has(c.name)) {
          const g: Array<{ leaf: XElement; node: { text: string } }> = [];
          groups.push(g);
          walk(c, g);
        } else walk(c, group);
      }
    };
    walk(t, null);
    for (const g of groups) {
      if (!g.length) continue;
      const out = plan.applyAcross(
        g.map((x) => x.node.text),
        where,
      );
      g.forEach((x, i) => {
        if (x.node.text === out[i]) return;
        x.node.text = out[i]!;
        changed.add(x.leaf);
        if (x.leaf.name === 'w:t') x.leaf.attrs['xml:space'] = 'preserve';
      });
    }
    return changed;
  }

  /** Empty core and extended properties in place of whatever the author's program wrote. */
  cleanProperties(): void {
    if (this.has('docProps/core.xml'))
      this.set(
        'docProps/core.xml',
        el('#root', {}, [
          el('cp:coreProperties', {
            'xmlns:cp': 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
            'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
            'xmlns:dcterms': 'http://purl.org/dc/terms/',
            'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
          }),
        ]),
      );
    if (this.has('docProps/app.xml'))
      this.set('docProps/app.xml', el('#root', {}, [el('Properties', { xmlns: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties' })]));
  }

  private reachable(): Set<string> {
    const reached = new Set<string>(['[Content_Types].xml']);
    const queue = [''];
    while (queue.length) {
      const part = queue.shift()!;
      reached.add(relsPathOf(part));
      for (const r of this.rels(part))
        if (!r.external && this.files.has(r.target) && !reached.has(r.target)) {
          reached.add(r.target);
          queue.push(r.target);
        }
    }
    return reached;
  }

  /** Dangling relationships out, unreachable parts out, content types in line; then the zip. */
  finish(): Uint8Array {
    // Relationships to parts that are gone, and rels files of parts that are gone.
    for (const name of [...this.files.keys()]) {
      if (!name.endsWith('.rels')) continue;
      const source = sourceOf(name);
      if (source !== '' && !this.files.has(source)) {
        this.remove(name);
        continue;
      }
      this.dropRels(source, (r) => !r.external && !this.files.has(r.target));
    }
    // Whatever no relationship reaches any more (an OLE preview, a removed sheet's drawing) goes too.
    const reached = this.reachable();
    for (const name of [...this.files.keys()]) if (this.reachedAtStart.has(name) && !reached.has(name)) this.remove(name);
    const ct = this.tree('[Content_Types].xml');
    if (ct) {
      const types = ct.children.find((c): c is XElement => c.type === 'el');
      if (types)
        types.children = types.children.filter((c: XNode) => {
          if (c.type !== 'el' || c.name !== 'Override') return true;
          const part = (c.attrs['PartName'] ?? '').replace(/^\//, '');
          if (!this.files.has(part)) return false;
          const ctype = c.attrs['ContentType'] ?? '';
          if (MAIN_TYPES[ctype]) c.attrs['ContentType'] = MAIN_TYPES[ctype];
          return true;
        });
    }
    const out: Record<string, Uint8Array> = {};
    for (const [name, bytes] of this.files) {
      const t = this.trees.get(name);
      out[name] = t ? serializeXml(t) : bytes;
    }
    // Fixed timestamps: the public version's hash depends on its content only.
    return zipSync(out, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
  }
}
