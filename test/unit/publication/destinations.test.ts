import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removableDestinations } from '../../../electron/publication/destinations';
import { tempDir } from '../../helpers/tmp';

describe('removable drives offered for export', () => {
  it('lists the drives mounted under /media/<user>, /run/media/<user> and /mnt, not the user folders that hold them', () => {
    const t = tempDir();
    try {
      const roots = { media: join(t.dir, 'media'), runMedia: join(t.dir, 'run-media'), mnt: join(t.dir, 'mnt') };
      for (const d of [join(roots.media, 'liu', 'KINGSTON'), join(roots.runMedia, 'liu', 'U盘'), join(roots.mnt, 'usb1')]) mkdirSync(d, { recursive: true });
      expect(removableDestinations('linux', roots).sort()).toEqual([join(roots.media, 'liu', 'KINGSTON'), join(roots.mnt, 'usb1'), join(roots.runMedia, 'liu', 'U盘')].sort());
      expect(removableDestinations('linux', { media: join(t.dir, 'none'), runMedia: join(t.dir, 'none'), mnt: join(t.dir, 'none') })).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
