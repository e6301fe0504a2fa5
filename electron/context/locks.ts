// Locks on what really conflicts, instead of one queue for every call: the keyslot file
// and the store's multi-step account changes share one lock, each item has its own.
// Reads take no lock at all. Locks are in-process: the main process is the one writer.

export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class KeyedLocks {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();

  async run<T>(key: string, fn: () => Promise<T> | T): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) this.locks.set(key, (entry = { mutex: new Mutex(), users: 0 }));
    entry.users += 1;
    try {
      return await entry.mutex.run(fn);
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.locks.delete(key);
    }
  }
}

/** The locks of one running app. */
export interface Locks {
  /** Keyslot file and the account rows that must change with it. */
  vault: Mutex;
  items: KeyedLocks;
}

export const createLocks = (): Locks => ({ vault: new Mutex(), items: new KeyedLocks() });
