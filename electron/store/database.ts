import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from './migrations';
import type { Schema } from './schema';

let nativeBinding: string | undefined;
/** Electron's build of the SQLite module (electron/main/native.ts); unset under Node. */
export function useNativeBinding(path: string): void {
  nativeBinding = path;
}

/** The module build in use, for worker threads that open the store themselves (audit verification). */
export function nativeBindingPath(): string | undefined {
  return nativeBinding;
}

export type DB = Kysely<Schema>;

export interface OpenStore {
  db: DB;
  raw: Database.Database;
  close(): Promise<void>;
}

export class WrongKeyError extends Error {
  constructor() {
    super('the data key does not open this database');
    this.name = 'WrongKeyError';
  }
}

/**
 * Opens (or creates) the encrypted database with a raw 32-byte key. `x'…'` hands
 * SQLite3MultipleCiphers the key bytes directly, so no passphrase KDF runs on open:
 * the slow derivation happened once, in the keyslot.
 */
export function openRaw(file: string, key: Buffer): Database.Database {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  // Owner-only from the first byte: SQLite gives the -wal and -shm files the mode of
  // the database file.
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  const raw = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    raw.pragma(`cipher='chacha20'`);
    raw.pragma('hmac_check=1');
    raw.pragma(`key="x'${key.toString('hex')}'"`);
    try {
      raw.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new WrongKeyError();
    }
    raw.pragma('journal_mode=WAL');
    raw.pragma('synchronous=FULL');
    raw.pragma('foreign_keys=ON');
    // Sorts and temp tables stay in memory: a temp file would be plaintext.
    raw.pragma('temp_store=MEMORY');
    raw.pragma('secure_delete=ON');
    // Pages are decrypted on their way into the page cache: with the default 2 MB, every
    // scan of a list index (about 16 MB at 100,000 items) decrypts it again. 16 MB holds one.
    raw.pragma('cache_size=-16384');
    return raw;
  } catch (err) {
    raw.close();
    throw err;
  }
}

export async function migrate(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed`, { cause: error });
  }
}

/**
 * Statements run through Kysely since the process started: tests count them to show a
 * page costs the same number of queries whatever the size of the store.
 */
export const statements = { count: 0 };

export async function openStore(file: string, key: Buffer): Promise<OpenStore> {
  const raw = openRaw(file, key);
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: raw }),
    log: () => {
      statements.count++;
    },
  });
  try {
    await migrate(db as unknown as Kysely<unknown>);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    db,
    raw,
    async close() {
      // A checkpoint folds the WAL back so no stale pages linger beside the file.
      try {
        raw.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        /* closing anyway */
      }
      await db.destroy();
    },
  };
}
