import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Where a publisher is likely to export: removable drives first. The desktop mounts
// them under /media/<user>/<label> or /run/media/<user>/<label> (udisks) on Linux, and as
// drive letters on Windows; only folders this process can write to are offered.

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function children(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(dir, d.name));
  } catch {
    return [];
  }
}

export function removableDestinations(platform: NodeJS.Platform = process.platform, roots = { media: '/media', runMedia: '/run/media', mnt: '/mnt' }): string[] {
  if (platform === 'win32') {
    // A: and B: are floppy letters, C: is the system disk.
    return 'DEFGHIJKLMNOPQRSTUVWXYZ'
      .split('')
      .map((l) => `${l}:\\`)
      .filter((d) => existsSync(d) && writable(d));
  }
  const found = [
    ...children(roots.media).flatMap((d) => [d, ...children(d)]),
    ...children(roots.runMedia).flatMap(children),
    ...children(roots.mnt),
  ];
  // /media/<user> itself is not a drive when it holds drives.
  return [...new Set(found)].filter((d) => writable(d) && !found.some((o) => o !== d && o.startsWith(`${d}/`)));
}
