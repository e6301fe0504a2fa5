import { createScanner } from '../electron/scanner/scanner';
import { defaultRules, type ListTerm } from '../electron/scanner/rules';
import { luhnCard, residentId } from '../test/helpers/synthetic';
import type { Figure } from './harness';

// Scanner throughput on generated Chinese text with the full rule pack and a
// 10,000-term negative list, against a plain indexOf pass over the same text.

const POOL = '关于进一步做好政府信息公开工作的通知各乡镇人民政府县直各部门为贯彻落实条例要求现将有关事项通知如下一是加强组织领导二是规范审查程序三是严格保密管理请认真执行';

function generate(chars: number): string {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const len = 20 + Math.floor(rnd() * 60);
    let s = '';
    for (let i = 0; i < len; i++) s += POOL[Math.floor(rnd() * POOL.length)];
    const r = rnd();
    if (r < 0.02) s += `，身份证号${residentId('110101', '19900307', String(100 + Math.floor(rnd() * 899)))}`;
    else if (r < 0.03) s += `，卡号${luhnCard()}`;
    else if (r < 0.05) s += `，联系电话1391234${String(Math.floor(rnd() * 9999)).padStart(4, '0')}`;
    s += '。\n';
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

function negativeList(count: number): ListTerm[] {
  const terms: ListTerm[] = [];
  for (let i = 0; i < count; i++) {
    const a = POOL[(i * 7) % POOL.length]!;
    const b = POOL[(i * 13 + 3) % POOL.length]!;
    terms.push({ basisId: `neg-${i}`, kind: 'negative', term: `${a}${b}清单${i}` });
  }
  return terms;
}

export async function run(): Promise<Figure[]> {
  const text = generate(8 * 1024 * 1024);
  const mbytes = Buffer.byteLength(text, 'utf8') / 1024 / 1024;
  const scanner = createScanner({ rules: defaultRules(), terms: negativeList(10_000) });
  const segments = [{ location: '正文', text }];

  const t0 = process.hrtime.bigint();
  let hits = 0;
  for (const needle of ['身份证', '卡号', '电话', '秘密', '征求意见稿']) for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) hits++;
  const baseline = mbytes / (Number(process.hrtime.bigint() - t0) / 1e9);

  const t1 = process.hrtime.bigint();
  const result = scanner.scan(segments);
  const rate = mbytes / (Number(process.hrtime.bigint() - t1) / 1e9);
  if (result.findings.length === 0 || hits === 0) throw new Error('bench text produced no findings');
  return [{ name: `scanner, full rules + 10,000-term negative list (${mbytes.toFixed(1)} MB, ${result.findings.length} findings)`, rate, baselineRate: baseline, baseline: 'five plain indexOf passes', unit: 'MB' }];
}
