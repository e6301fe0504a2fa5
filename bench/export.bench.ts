import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { bundleSigner } from '../electron/export/signer';
import type { BundleInput } from '../electron/export/types';
import { writeBundle } from '../electron/export/write';
import { generateSigningKey, sha256Hex } from '../electron/keys/crypto';
import { tempDir } from '../test/helpers/tmp';
import type { Figure } from './harness';

/**
 * Exporting a bundle (read each public version, write it, hash it, fsync every file and
 * folder, write index, catalogue, manifest and signature, rename) against copying and
 * hashing the same files, in MB/s; goal ≥ 0.8×. A second figure compares it with the
 * same copy made durable (each file fsynced), which is what the writer must also pay.
 */
export async function run(): Promise<Figure[]> {
  const t = tempDir('mishen-bench-export-');
  try {
    // 60 items of 1 to 3 files, 64 KiB to 2 MiB each: the shape of a week of notices.
    const src = join(t.dir, 'src');
    mkdirSync(src);
    const sources: { item: number; path: string; size: number }[] = [];
    for (let item = 0; item < 60; item++) {
      for (let f = 0; f <= item % 3; f++) {
        const size = 64 * 1024 * (1 + ((item * 7 + f * 13) % 32));
        const path = join(src, `${item}-${f}.pdf`);
        writeFileSync(path, randomBytes(size));
        sources.push({ item, path, size });
      }
    }
    const megabytes = sources.reduce((n, s) => n + s.size, 0) / (1024 * 1024);
    const key = generateSigningKey();
    const signer = bundleSigner(key.privateKey);
    const input = (sequence: number): BundleInput => ({
      organization: { name: '基准测试单位', shortName: 'BENCH' },
      exportedBy: { name: '网站管理员', publicKey: key.publicKey },
      auditHead: { seq: 1, hash: sha256Hex('head') },
      sequence,
      createdAt: '2026-11-22T10:15:00+08:00',
      items: Array.from({ length: 60 }, (_, item) => ({
        id: `ITEM${String(item).padStart(4, '0')}`,
        title: `关于开展第 ${item} 项工作的通知`,
        documentNumber: `某政办发〔2026〕${item}号`,
        issuer: '基准测试单位',
        formedOn: '2026-11-20',
        category: '通知公告',
        keywords: ['基准'],
        disclosure: '主动公开',
        outcome: 'PUBLISH',
        approvedAt: '2026-11-21T16:02:11+08:00',
        files: sources.filter((s) => s.item === item).map((s, i) => ({ name: `附件${i + 1}.pdf`, size: s.size, load: () => readFile(s.path) })),
      })),
      recalls: [],
    });

    const out = join(t.dir, 'out');
    let round = 0;
    const fresh = () => {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      return ++round;
    };
    const copyAndHash = async () => {
      for (const s of sources) {
        const bytes = await readFile(s.path);
        await writeFile(join(out, basename(s.path)), bytes);
        createHash('sha256').update(bytes).digest('hex');
      }
    };
    // The same copy made durable the way the writer must: each file fsynced, four in flight.
    const durableCopyAndHash = async () => {
      const inflight = new Set<Promise<void>>();
      for (const s of sources) {
        const bytes = await readFile(s.path);
        if (inflight.size >= 4) await Promise.race(inflight);
        const p: Promise<void> = (async () => {
          const fh = await open(join(out, basename(s.path)), 'wx');
          await fh.writeFile(bytes);
          await fh.sync();
          await fh.close();
        })().finally(() => inflight.delete(p));
        inflight.add(p);
        createHash('sha256').update(bytes).digest('hex');
      }
      await Promise.all(inflight);
    };
    const exportBundle = async () => {
      await writeBundle(out, input(round), signer);
    };

    // Interleaved rounds in a rotating order, after one warm-up of each, so that disk
    // caches and write-back favour none; clearing the output is not timed. The median
    // round of each stands for it (the disk is shared and noisy).
    const modes = [copyAndHash, durableCopyAndHash, exportBundle];
    for (const m of modes) {
      fresh();
      await m();
    }
    const seconds: number[][] = modes.map(() => []);
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < modes.length; j++) {
        const k = (i + j) % modes.length;
        fresh();
        const start = process.hrtime.bigint();
        await modes[k]!();
        seconds[k]!.push(Number(process.hrtime.bigint() - start) / 1e9);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [plain, durable, exported] = seconds.map((xs) => megabytes / median(xs)) as [number, number, number];
    return [
      {
        name: `bundle export (${sources.length} files, ${megabytes.toFixed(0)} MB, fsynced, signed)`,
        rate: exported,
        baselineRate: plain,
        baseline: 'copy + SHA-256 of the same files',
        unit: 'MB',
      },
      {
        name: 'bundle export, same run',
        rate: exported,
        baselineRate: durable,
        baseline: 'copy + SHA-256 of the same files, each fsynced',
        unit: 'MB',
      },
    ];
  } finally {
    t.cleanup();
  }
}
