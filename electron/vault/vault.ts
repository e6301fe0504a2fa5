import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../shared/result';
import { appendAudit, signerFromPrivateKey, type Signer } from '../audit/append';
import { PASSWORD_KDF, type ScryptParams } from '../keys/crypto';
import { openStore, type DB, type OpenStore } from '../store/database';
import { KeyslotFile } from '../store/keyslots';
import { checkAgainstKeyslots, markRunning, markStopped, RUNNING_MARKER, uncleanStopProblem } from './integrity';
import { openAcrossRotation } from './rotation-open';

// The data folder: the keyslot file, the encrypted store and the organization's key.
// It knows nothing of who is logged in; the session opens it with a data key and
// closes it on logout.

export const DB_FILE = 'mishen.db';
export const KEYSLOT_FILE = 'keyslots.json';

export interface VaultOptions {
  dataDir: string;
  /** Tests may pass cheaper scrypt parameters; the app always uses PASSWORD_KDF. */
  kdf?: ScryptParams;
}

export type OrgSigner = Signer & { name: string; shortName: string; publicKey: Buffer };

interface Unlocked {
  store: OpenStore;
  dataKey: Buffer;
  org: OrgSigner;
}

const MISSING_STORE = '数据库文件（mishen.db）缺失：钥匙槽文件在而数据库不在，请从备份恢复数据库，不要重新初始化';

export const notLoggedIn = () => new AppFailure('NOT_LOGGED_IN', '请先登录');

export class Vault {
  readonly dataDir: string;
  readonly kdf: ScryptParams;
  private keyslots: KeyslotFile | null = null;
  private unlocked: Unlocked | null = null;

  constructor(opts: VaultOptions) {
    this.dataDir = opts.dataDir;
    this.kdf = opts.kdf ?? PASSWORD_KDF;
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
  }

  get dbPath(): string {
    return join(this.dataDir, DB_FILE);
  }

  get keyslotPath(): string {
    return join(this.dataDir, KEYSLOT_FILE);
  }

  /** The keyslot file is written last by setup, so it marks a finished setup. */
  get needsSetup(): boolean {
    return !KeyslotFile.exists(this.keyslotPath);
  }

  slots(): KeyslotFile {
    if (!this.keyslots) {
      if (this.needsSetup) throw new AppFailure('NOT_SET_UP', '尚未完成初始化设置');
      try {
        this.keyslots = KeyslotFile.load(this.keyslotPath, this.kdf);
      } catch {
        throw new AppFailure('STORE_ERROR', '钥匙槽文件（keyslots.json）格式无效或已损坏：请从备份恢复该文件');
      }
    }
    return this.keyslots;
  }

  /**
   * The checks that need no key, for the login screen: whatever they find, the first login
   * finds again and records (open()). Skipped while the store is open: the marker is then ours.
   */
  preflight(): string[] {
    if (this.needsSetup || this.unlocked) return [];
    const problems: string[] = [];
    try {
      this.slots();
    } catch (err) {
      problems.push((err as Error).message);
    }
    if (!existsSync(this.dbPath)) problems.push(MISSING_STORE);
    else {
      const unclean = uncleanStopProblem(this.files);
      if (unclean) problems.push(unclean);
    }
    return problems;
  }

  /** Setup hands over the keyslot file it has just written. */
  adoptSlots(ks: KeyslotFile): void {
    this.keyslots = ks;
  }

  get isOpen(): boolean {
    return this.unlocked !== null;
  }

  private get files() {
    return { db: this.dbPath, marker: join(this.dataDir, RUNNING_MARKER) };
  }

  /** What the integrity checks at the last open found; shown at login, recorded for the auditor. */
  warnings: readonly string[] = [];
  private checkedAtStart = false;

  async open(dataKey: Buffer): Promise<void> {
    if (this.unlocked) return;
    // Opening would create an empty store in its place (SQLite makes a missing file), and a
    // later restore of the real one could be mistaken for it. Key rotation renames over the
    // file, so it is never missing half-way.
    if (!existsSync(this.dbPath)) throw new AppFailure('STORE_ERROR', MISSING_STORE);
    const unclean = uncleanStopProblem(this.files);
    // A rotation a crash interrupted is undone or finished first: the anchor is under the key that opens the store.
    const opened = await openAcrossRotation(this.slots(), this.dataDir, this.dbPath, dataKey);
    const store = opened.store;
    const orgRow = await store.db.selectFrom('organization').selectAll().executeTakeFirstOrThrow();
    this.unlocked = {
      store,
      dataKey: opened.key,
      org: { ...signerFromPrivateKey(orgRow.private_key), name: orgRow.name, shortName: orgRow.short_name, publicKey: orgRow.public_key },
    };
    const rotation = await opened.settle(this.org());
    const problems = [...(unclean ? [unclean] : []), ...rotation, ...(await checkAgainstKeyslots(this.slots(), store.db, opened.key))];
    // Once per start of the program: SQLite's own structural check of the store.
    if (!this.checkedAtStart) {
      this.checkedAtStart = true;
      const result = store.raw.pragma('quick_check', { simple: true });
      if (result !== 'ok') problems.push(`数据库结构检查（quick_check）发现问题：${String(result).slice(0, 200)}；请从备份恢复`);
    }
    markRunning(this.files);
    this.warnings = problems;
    if (problems.length)
      await appendAudit(store.db, { actor: 'system', role: 'system', action: 'integrity.warning', subject: 'data', payload: { text: problems.join('；'), problems } }, this.org());
    await this.flushPending();
  }

  async close(): Promise<void> {
    const u = this.unlocked;
    this.unlocked = null;
    if (u) {
      u.dataKey.fill(0);
      await u.store.close();
      markStopped(this.files);
    }
  }

  db(): DB {
    if (!this.unlocked) throw notLoggedIn();
    return this.unlocked.store.db;
  }

  org(): OrgSigner {
    if (!this.unlocked) throw notLoggedIn();
    return this.unlocked.org;
  }

  /** Rows this connection has changed since it opened: the one writer's count of writes. */
  changeCount(): number {
    if (!this.unlocked) throw notLoggedIn();
    return (this.unlocked.store.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** A consistent copy of the open store, encrypted under the same key (backups). */
  vacuumInto(file: string): void {
    if (!this.unlocked) throw notLoggedIn();
    this.unlocked.store.raw.prepare('VACUUM INTO ?').run(file);
  }

  /**
   * Replaces the store's file (key rotation): closes the store, lets `swap` move the new
   * file in, and opens it with `newKey`. A failing swap reopens the old file; a failing
   * reopen after the swap leaves the vault closed (the next open finishes the rotation).
   */
  async swapStore(newKey: Buffer, swap: (oldKey: Buffer) => void, unchangedSince: number): Promise<void> {
    const u = this.unlocked;
    if (!u) throw notLoggedIn();
    // Checked in the same tick as the store is taken away: no write can slip in between.
    if (this.changeCount() !== unchangedSince) throw new AppFailure('CONFLICT', '更换数据密钥期间数据库发生了变化，已放弃本次更换，请重试');
    this.unlocked = null;
    await u.store.close();
    // Closed cleanly: a crash before the reopen is no unclean stop of this store.
    markStopped(this.files);
    try {
      swap(u.dataKey);
    } catch (err) {
      this.unlocked = { ...u, store: await openStore(this.dbPath, u.dataKey) };
      markRunning(this.files);
      throw err;
    }
    const store = await openStore(this.dbPath, newKey);
    markRunning(this.files);
    u.dataKey.fill(0);
    this.unlocked = { store, dataKey: newKey, org: u.org };
  }

  /** The data key, for wrapping it into a new slot. Never leaves the main process. */
  dataKey(): Buffer {
    if (!this.unlocked) throw notLoggedIn();
    return this.unlocked.dataKey;
  }

  /** Failed logins seen while the database was closed become audit entries now. */
  async flushPending(): Promise<void> {
    const ks = this.slots();
    const events = ks.takePending();
    if (!events.length) return;
    try {
      const db = this.db();
      const bySlot = new Map((await db.selectFrom('users').select(['id', 'slot_id']).execute()).map((r) => [r.slot_id, r.id]));
      await db.transaction().execute(async (tx) => {
        for (const e of events)
          await appendAudit(
            tx,
            { actor: 'system', role: 'system', action: e.action, subject: (e.slotId && bySlot.get(e.slotId)) || 'unknown-account', payload: { at: e.at } },
            this.org(),
          );
      });
    } catch (err) {
      ks.restorePending(events);
      throw err;
    }
  }
}
