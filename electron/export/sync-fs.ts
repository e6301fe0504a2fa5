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
