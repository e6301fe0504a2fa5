import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { CHROMIUM, verifyInPage } from '../../helpers/verify-html';

// `mishen demo` builds a demonstration folder with the app's real key derivation, and
// the other commands work on it: backup create and restore.

function mishen(args: string[], stdin = '') {
  const r = spawnSync(process.execPath, ['bin/mishen.mjs', ...args], { input: stdin, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let root: string;
let cleanup: () => void;
let passwords: Map<string, string>;
const data = () => join(root, 'demo');

beforeAll(() => {
  ({ dir: root, cleanup } = tempDir());
  const r = mishen(['demo', '--data', data()]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  passwords = new Map(
    r.out
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map((l) => l.split('\t') as [string, string]),
  );
}, 180_000);
afterAll(() => cleanup());

describe('mishen demo', () => {
  it('prints every account once and refuses a folder that is not empty', () => {
    expect([...passwords.keys()].sort()).toEqual(['auditor', 'chen', 'li', 'liu', 'secadmin', 'sun', 'sysadmin', 'wang', 'wu', 'zhao', 'zhou']);
    expect(mishen(['demo', '--data', data()])).toMatchObject({ code: 2, err: '无法建立演示数据：演示数据只能建立在空的数据目录中\n' });
  });

  it('backup create, then restore into an empty folder with the chain verified', () => {
    const out = join(root, 'backups');
    mkdirSync(out);
    const made = mishen(['backup', 'create', '--data', data(), '--user', 'sysadmin', '--password-stdin', '--out', out], passwords.get('sysadmin'));
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    const [folder] = readdirSync(out);
    expect(mishen(['backup', 'create', '--data', data(), '--user', 'liu', '--password-stdin', '--out', out], passwords.get('liu'))).toMatchObject({ code: 2, err: '无法完成：只有系统管理员可以执行此命令\n' });
    const restored = mishen(['backup', 'restore', '--from', join(out, folder!), '--data', join(root, 'restored'), '--user', 'liu', '--password-stdin'], passwords.get('liu'));
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^已恢复“演示单位”的数据：审计记录 \d+ 条验证通过，事项 41 件/);
    const verify = mishen(['audit', 'verify', '--data', join(root, 'restored'), '--user', 'auditor', '--password-stdin'], passwords.get('auditor'));
    expect(verify.code).toBe(0);
  });

  it('bundle export by the publisher, accepted by all three verifiers; nobody else may export', async () => {
    const usb = join(root, 'usb');
    mkdirSync(usb);
    expect(mishen(['bundle', 'export', '--data', data(), '--user', 'liu', '--password-stdin', '--out', usb], passwords.get('liu'))).toMatchObject({ code: 2, err: '无法完成：只有网站管理部门可以执行此命令\n' });
    const made = mishen(['bundle', 'export', '--data', data(), '--user', 'wu', '--password-stdin', '--out', usb], passwords.get('wu'));
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^已导出第 1 号发布包：/);
    const [folder] = readdirSync(usb);
    const fingerprint = JSON.parse(readFileSync(join(usb, folder!, 'manifest.json'), 'utf8')).organization.keyFingerprint as string;
    const cli = mishen(['bundle', 'verify', join(usb, folder!), '--trust', fingerprint]);
    expect(cli.out).toMatch(/^导出包验证通过/);
    expect(cli.code).toBe(0);
    const plain = spawnSync(process.execPath, ['tools/verify-bundle.mjs', join(usb, folder!), '--trust', fingerprint], { encoding: 'utf8' });
    expect(plain.status, plain.stdout + plain.stderr).toBe(0);
    // The page for the public-network PC, in Chromium, with the network cut off.
    if (existsSync(CHROMIUM)) {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
      const requests: string[] = [];
      try {
        expect(await verifyInPage(browser, join(usb, folder!), fingerprint, requests)).toMatchObject({ status: 'valid', codes: [] });
      } finally {
        await browser.close();
      }
      expect(requests).toEqual([]);
    }
    // The queue is empty now: a second export has nothing to take.
    expect(mishen(['bundle', 'export', '--data', data(), '--user', 'wu', '--password-stdin', '--out', usb], passwords.get('wu')).code).toBe(1);
  });
});
