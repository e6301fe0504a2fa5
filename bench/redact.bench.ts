import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { createRedactor } from '../electron/redaction';
import { docx } from '../test/helpers/fixtures';
import { residentId } from '../test/helpers/synthetic';
import { cjkPdf } from '../test/unit/redaction/pdf-files';
import { rate, type Figure } from './harness';

// Redaction against what the same file costs anyway: a docx against unzipping and
// re-zipping it; PDF pages against rasterizing the same pages at 200 dpi with pdftoppm
// (the goal is at least half its speed).

const POOL = '关于进一步做好政府信息公开工作的通知各乡镇人民政府县直各部门为贯彻落实条例要求现将有关事项通知如下';

function paragraphs(n: number, ids: string[]): string[] {
  return Array.from({ length: n }, (_, i) => {
    const s = POOL.slice(i % 20) + POOL.slice(0, i % 20);
    return i % 10 === 0 ? `${s}，身份证号${ids[i % ids.length]}` : s;
  });
}

export async function run(): Promise<Figure[]> {
  const ids = Array.from({ length: 50 }, (_, i) => residentId('150502', '19800101', String(100 + i)));
  const targets = ids.map((text) => ({ text, kind: 'ID_CARD', ground: 'PERSONAL_PRIVACY' }));
  const redactor = createRedactor();

  const file = docx({ body: paragraphs(3000, ids), header: ids[0], comment: { author: '审核人', text: ids[1]! } });
  const docxRate = await rate(10, () => redactor.redact({ bytes: file, name: 'bench.docx', targets }));
  const zipRate = await rate(10, () => zipSync(unzipSync(file), { level: 6 }));

  const pages = 20;
  const pdf = await cjkPdf({ lines: Array.from({ length: pages }, (_, p) => paragraphs(25, ids).map((l, i) => (i === 3 ? `编号 ${ids[p]}` : l.slice(0, 38)))) });
  const t0 = process.hrtime.bigint();
  const out = await redactor.redact({ bytes: pdf, name: 'bench.pdf', targets });
  const pdfRate = pages / (Number(process.hrtime.bigint() - t0) / 1e9);
  const proof = await redactor.prove({ original: pdf, publicVersion: out.bytes, name: out.name, removed: ids });
  if (!proof.ok) throw new Error('bench PDF did not pass the proof');
  const dir = mkdtempSync(join(tmpdir(), 'mishen-bench-'));
  let rasterRate: number;
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const t1 = process.hrtime.bigint();
    const r = spawnSync('pdftoppm', ['-r', '200', '-png', join(dir, 'in.pdf'), join(dir, 'page')]);
    if (r.status !== 0) throw new Error('pdftoppm failed');
    rasterRate = pages / (Number(process.hrtime.bigint() - t1) / 1e9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    { name: `docx redaction (3,000 paragraphs, 50 targets, ${Math.round(file.length / 1024)} KB)`, rate: docxRate, baselineRate: zipRate, baseline: 'unzip + re-zip of the same file', unit: 'files' },
    { name: `PDF redaction (${pages} pages, one target per page, proof passed)`, rate: pdfRate, baselineRate: rasterRate, baseline: 'pdftoppm -r 200 of the same pages', unit: 'pages' },
  ];
}
