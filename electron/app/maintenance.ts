import type { Mutex } from '../context/locks';
import { gramsWaiting, mergeGramsChunk, MERGE_AT, MERGE_CHUNK, MERGE_FORCE_AT } from '../store/search-merge';
import type { Vault } from '../vault/vault';

// Work the store owes itself, done on the hosts' quarter-minute tick rather than inside a
// user's action: today, moving recent search postings into the big gram index
// (store/search-merge.ts). One chunk per tick, so a tick never holds the store for long.
// It runs under the vault's lock, so a key rotation or a backup never sees it half-way
// (rotation gives up when the store changes under it).

export class StoreMaintenance {
  private lastChanges = -1;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly vault: Vault,
    private readonly lock: Mutex,
    /** Tests lower the thresholds. */
    private readonly limits = { mergeAt: MERGE_AT, forceAt: MERGE_FORCE_AT, chunk: MERGE_CHUNK },
  ) {}

  /** Called every 15 s by the hosts; resolves when this tick's work is done. */
  tick(): Promise<void> {
    if (this.stopped || this.running || !this.vault.isOpen) return this.running ?? Promise.resolve();
    this.running = this.lock
      .run(() => this.work())
      .catch(() => undefined) // the next tick tries again; nothing here may stop the app
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Waits for a tick in progress and takes no more (the store is about to close). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async work(): Promise<void> {
    if (!this.vault.isOpen) return;
    const changes = this.vault.changeCount();
    // Idle: nothing written since the last tick. A busy store merges only when the side table grows large.
    const idle = changes === this.lastChanges;
    const db = this.vault.db();
    const { mergeAt, forceAt, chunk } = this.limits;
    if ((idle && (await gramsWaiting(db, mergeAt))) || (await gramsWaiting(db, forceAt))) await mergeGramsChunk(db, chunk);
    this.lastChanges = this.vault.changeCount();
  }
}
