import { open } from 'node:fs/promises';

// Durable writes: a file's bytes and a folder's entries reach the medium before the
// bundle is renamed into place, so a pulled USB stick never holds a half bundle under
// the final name.

/** Creates (never overwrites) a file, writes it whole and fsyncs it. */
export async function writeFileSynced(path: string, bytes: Uint8Array): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsyncs a folder's entries. Windows cannot open a folder for this; NTFS journals them. */
export async function syncDir(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Durable work that overlaps: up to `maxTasks` tasks (holding at most `maxBytes`) run on
 * libuv's pool while the caller hashes and loads the next file. `run` resolves once the
 * task is admitted, with `done` (which never rejects); the first failure is thrown from
 * the next `run` or from `drain`.
 */
export class WriteQueue {
  private readonly inflight = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;
  private bytes = 0;

  constructor(
    private readonly maxTasks = 4,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  private check(): void {
    if (this.failure) throw this.failure.error;
  }

  async run(task: () => Promise<void>, bytes = 0): Promise<{ done: Promise<void> }> {
    this.check();
    while (this.inflight.size >= this.maxTasks || (this.inflight.size > 0 && this.bytes + bytes > this.maxBytes)) {
      await Promise.race(this.inflight);
      this.check();
    }
    this.bytes += bytes;
    const done: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.inflight.delete(done);
        this.bytes -= bytes;
      });
    this.inflight.add(done);
    return { done };
  }

  /** Waits for every task; throws the first failure. */
  async drain(): Promise<void> {
    while (this.inflight.size) await Promise.all(this.inflight);
    this.check();
  }

  /** Waits for every task, ignoring failures: before removing a partial folder. */
  async settle(): Promise<void> {
    while (this.inflight.size) await Promise.all(this.inflight);
  }
}
