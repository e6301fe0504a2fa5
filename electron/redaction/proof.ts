import { createHash } from 'node:crypto';
import { extract } from '../documents/analyze';
import { sniff, type DocumentType } from '../documents/sniff';
import { hint, proofNormalize } from './normalize';
import { rawPlaces } from './raw';
import { structuralChecks } from './structure';
import type { ProveInput, ProveOutput } from './types';

// The proof gate: the public version is read back twice — by the same extractors the
// import uses, and by the deliberately simple raw reader — and every removed string is
// searched for in both. One hit, or one forbidden structure, and the version is refused.

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface ProofDetail {
  type: DocumentType | null;
  originalSha256: string;
  publicSha256: string;
  searched: number;
  /** Removed strings too short to search for without matching everywhere. */
  tooShort: number;
  importSegments: number;
  rawPlaces: number;
  hits: Array<{ value: string; where: string; reader: 'import' | 'raw' }>;
  structure: string[];
}

export async function prove({ original, publicVersion, name, removed }: ProveInput): Promise<ProveOutput> {
  const problems: string[] = [];
  const type = sniff(publicVersion);
  const needles = [...new Set(removed.map((r) => r.trim()).filter(Boolean))].map((value) => ({ value, norm: proofNormalize(value) }));
  const searchable = needles.filter((n) => [...n.norm].length >= 2);
  const detail: ProofDetail = {
    type,
    originalSha256: sha256(original),
    publicSha256: sha256(publicVersion),
    searched: searchable.length,
    tooShort: needles.length - searchable.length,
    importSegments: 0,
    rawPlaces: 0,
    hits: [],
    structure: [],
  };
  if (!type) return { ok: false, problems: ['公开版本的文件类型无法识别'], detail };

  try {
    const { extraction } = await extract(publicVersion, name);
    detail.importSegments = extraction.segments.length;
    for (const s of extraction.segments) {
      const text = proofNormalize(s.text);
      const where = proofNormalize(s.location);
      for (const n of searchable) if (text.includes(n.norm) || where.includes(n.norm)) detail.hits.push({ value: hint(n.value), where: s.location, reader: 'import' });
    }
  } catch (e) {
    problems.push(`公开版本无法用导入程序读取：${e instanceof Error ? e.message : '未知原因'}`);
  }

  // One value found in several decodings of the same bytes is one survival: the first few places are named.
  const rawHits = new Map<string, string[]>();
  for (const place of rawPlaces(publicVersion)) {
    detail.rawPlaces++;
    for (const n of searchable) {
      if (!place.text.includes(n.norm)) continue;
      const at = rawHits.get(n.value) ?? [];
      if (at.length < 3) at.push(place.where);
      rawHits.set(n.value, at);
    }
  }
  for (const [value, at] of rawHits) for (const where of at) detail.hits.push({ value: hint(value), where, reader: 'raw' });
  for (const h of detail.hits) problems.push(`已删除的内容${h.value}仍出现在公开版本的${h.where}${h.reader === 'import' ? '（导入程序读取）' : '（原始字节检查）'}`);

  try {
    detail.structure = structuralChecks(publicVersion, type);
  } catch (e) {
    detail.structure = [`公开版本的结构无法检查：${e instanceof Error ? e.message : '未知原因'}`];
  }
  problems.push(...detail.structure);
  return { ok: problems.length === 0, problems, detail };
}
