import type { Segment } from './types';
import { allText, walkXml } from './xml';

// Parts every Office Open XML file may carry besides its content: document
// properties, custom properties and custom XML. Authors and companies are here too.

const CORE_LABELS: Record<string, string> = {
  'dc:title': '标题',
  'dc:subject': '主题',
  'dc:creator': '作者',
  'cp:keywords': '关键词',
  'dc:description': '备注',
  'cp:lastModifiedBy': '最后修改者',
  'cp:category': '类别',
  'cp:contentStatus': '状态',
  Company: '单位',
  Manager: '经理',
  Template: '模板',
};

export function propertySegments(files: Map<string, Uint8Array>): Segment[] {
  const out: Segment[] = [];
  for (const part of ['docProps/core.xml', 'docProps/app.xml']) {
    const xml = files.get(part);
    if (!xml) continue;
    let text = '';
    walkXml(xml, part, {
      open: () => (text = ''),
      text: (t) => (text += t),
      close: (name) => {
        const label = CORE_LABELS[name];
        if (label && text.trim()) out.push({ location: `文档属性：${label}`, text: text.trim() });
        text = '';
      },
    });
  }
  const custom = files.get('docProps/custom.xml');
  if (custom) {
    let name = '';
    let value = '';
    walkXml(custom, 'docProps/custom.xml', {
      open: (tag) => {
        if (tag.name === 'property') {
          name = String(tag.attributes['name'] ?? '');
          value = '';
        }
      },
      text: (t, path) => {
        if (path.includes('property')) value += t;
      },
      close: (n) => {
        if (n === 'property') {
          out.push({ location: '自定义属性', text: name });
          if (value.trim()) out.push({ location: `自定义属性：${name}`, text: value.trim() });
        }
      },
    });
  }
  for (const [part, xml] of files) {
    if (/^customXml\/item\d+\.xml$/.test(part)) {
      const text = allText(xml, part);
      if (text) out.push({ location: `自定义XML：${part}`, text });
    }
  }
  return out;
}

export const OFFICE_META = (name: string) =>
  name.startsWith('docProps/') || /^customXml\/item\d+\.xml$/.test(name) || name.endsWith('.rels');
