import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCatalogue } from './catalogue';
import { renderIndexHtml } from './listing';
import { BUNDLE_FORMAT, keyFingerprint, manifestBytes, manifestHash, signatureBytes } from './manifest';
import { bundleFolderName, checkItemId, uniqueFileNames } from './names';
import { syncDir, WriteQueue, writeFileSynced } from './sync-fs';
import {
  BundleRefused,
  type BundleFileSource,
  type BundleInput,
  type BundleManifest,
  type BundleSigner,
  type ManifestFile,
  type ManifestItem,
  type PublishOutcome,
  type WriteBundleOptions,
  type WriteBundleResult,
} from './types';

const OUTCOMES: readonly string[] = ['PUBLISH', 'PUBLISH_PART'] satisfies PublishOutcome[];

const sizeOf = (f: BundleFileSource) => ('bytes' in f ? f.bytes.length : f.size);

async function bytesOf(f: BundleFileSource): Promise<Uint8Array> {
  if ('bytes' in f) return f.bytes;
  const bytes = await f.load();
  if (bytes.length !== f.size) throw new BundleRefused(`文件“${f.name}”的大小与登记的不一致，导出已取消`);
  return bytes;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

function check(input: BundleInput, signer: BundleSigner): void {
  if (signer.publicKey.length !== 32 || input.exportedBy.publicKey.length !== 32) throw new BundleRefused('签名公钥应为 32 字节的 Ed25519 公钥');
  if (!Number.isSafeInteger(input.auditHead.seq) || input.auditHead.seq < 0 || !/^[0-9a-f]{64}$/.test(input.auditHead.hash))
    throw new BundleRefused('审计日志末条的序号或哈希格式不正确');
  if (input.items.length === 0 && input.recalls.length === 0) throw new BundleRefused('没有待发布的信息，也没有要撤回的信息，无需导出');
  const ids = new Set<string>();
  for (const item of input.items) {
    // domain.md: only PUBLISH and PUBLISH_PART items can ever reach an export bundle.
    if (!OUTCOMES.includes(item.outcome)) throw new BundleRefused(`信息“${item.title}”的审查结论不是全部公开或部分公开，不能导出`);
    checkItemId(item.id);
    if (ids.has(item.id)) throw new BundleRefused(`信息编号“${item.id}”重复`);
    ids.add(item.id);
    if (item.files.length === 0) throw new BundleRefused(`信息“${item.title}”没有可导出的公开版本文件`);
  }
}

/**
 * Writes one `mishen-bundle/1` folder under `parentDir`: everything goes into a hidden
 * partial folder next to it, every file and folder is fsynced, and only then is it
 * renamed to `<short name>-<YYYYMMDD>-<sequence>`. On any failure the partial folder is
 * removed and nothing exists under the final name.
 */
export async function writeBundle(parentDir: string, input: BundleInput, signer: BundleSigner, opts: WriteBundleOptions = {}): Promise<WriteBundleResult> {
  check(input, signer);
  const folderName = bundleFolderName(input.organization.shortName, input.createdAt, input.sequence);
  const finalPath = join(parentDir, folderName);
  if (await exists(finalPath)) throw new BundleRefused(`目标位置已有同名文件夹“${folderName}”，导出已取消`, 'CONFLICT');
  const partial = join(parentDir, `.${folderName}.partial-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(partial);
  } catch {
    throw new BundleRefused('无法在所选位置创建文件夹：位置不存在、介质只读或没有写入权限');
  }
  const queue = new WriteQueue();
  try {
    const totalBytes = input.items.reduce((n, it) => n + it.files.reduce((m, f) => m + sizeOf(f), 0), 0);
    let bytes = 0;
    const written: Promise<void>[] = [];
    const put = async (rel: string, data: Uint8Array): Promise<ManifestFile> => {
      // The write and fsync run on libuv's pool while this thread hashes the same buffer.
      const { done } = await queue.run(() => writeFileSynced(join(partial, ...rel.split('/')), data), data.length);
      written.push(done);
      const sha256 = createHash('sha256').update(data).digest('hex');
      if (opts.failAfterFiles !== undefined && written.length >= opts.failAfterFiles) throw new Error('测试注入的导出故障');
      return { path: rel, sha256, size: data.length };
    };
    // A folder's entries are fsynced once the files in it exist, overlapping later writes.
    const syncFolderAfter = (dir: string, files: Promise<void>[]) =>
      queue.run(async () => {
        await Promise.all(files);
        await syncDir(dir);
      });

    const itemFiles: ManifestFile[] = [];
    const items: ManifestItem[] = [];
    // The whole tree first, while libuv's pool is idle: later it is busy with fsyncs.
    // No items (a bundle carrying only recalls): no items/ folder, since empty folders are not allowed.
    if (input.items.length) await mkdir(join(partial, 'items'));
    await Promise.all(input.items.map((it) => mkdir(join(partial, 'items', it.id))));
    for (const it of input.items) {
      const dir = join(partial, 'items', it.id);
      const names = uniqueFileNames(it.files.map((f) => f.name));
      const paths: string[] = [];
      const first = written.length;
      for (const [i, source] of it.files.entries()) {
        const data = await bytesOf(source);
        const rel = `items/${it.id}/${names[i]}`;
        itemFiles.push(await put(rel, data));
        paths.push(rel);
        bytes += data.length;
        opts.onProgress?.({ fraction: totalBytes ? Math.min(bytes / totalBytes, 0.99) : 0, bytes, totalBytes });
      }
      await syncFolderAfter(dir, written.slice(first));
      items.push({
        id: it.id,
        title: it.title,
        documentNumber: it.documentNumber,
        issuer: it.issuer,
        formedOn: it.formedOn,
        category: it.category,
        keywords: [...it.keywords],
        disclosure: it.disclosure,
        outcome: it.outcome as PublishOutcome,
        approvedAt: it.approvedAt,
        files: paths,
      });
    }

    if (input.items.length) await syncFolderAfter(join(partial, 'items'), []);

    const listing = {
      format: BUNDLE_FORMAT,
      bundleId: input.bundleId ?? randomUUID(),
      sequence: input.sequence,
      createdAt: input.createdAt,
      organization: { name: input.organization.name, keyFingerprint: keyFingerprint(signer.publicKey) },
      exportedBy: { name: input.exportedBy.name, keyFingerprint: keyFingerprint(input.exportedBy.publicKey) },
      auditHead: { seq: input.auditHead.seq, hash: input.auditHead.hash },
      items,
      recalls: input.recalls.map((r) => ({ itemId: r.itemId, bundleId: r.bundleId, reason: r.reason, recalledAt: r.recalledAt })),
    };
    const index = await put('index.html', renderIndexHtml(listing));
    const catalogue = await put('catalogue.csv', renderCatalogue(items));
    const files = [index, catalogue, ...itemFiles];
    const manifest: BundleManifest = { ...listing, files };
    const mBytes = manifestBytes(manifest);
    await put('manifest.json', mBytes);
    await put('manifest.sig', signatureBytes(mBytes, signer));
    await queue.drain();
    await syncDir(partial);

    // rename() would silently replace an empty folder of the same name on POSIX: look again.
    if (await exists(finalPath)) throw new BundleRefused(`目标位置已有同名文件夹“${folderName}”，导出已取消`, 'CONFLICT');
    await rename(partial, finalPath);
    await syncDir(parentDir);
    opts.onProgress?.({ fraction: 1, bytes, totalBytes });
    return { path: finalPath, folderName, bundleId: manifest.bundleId, manifestSha256: manifestHash(mBytes), files, manifest };
  } catch (e) {
    await queue.settle();
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}
