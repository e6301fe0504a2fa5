import { BundleRefused } from './types';

// File and folder names that every file system on the way (ext4, NTFS, exFAT/FAT32 on a
// USB stick, ISO 9660/UDF on a disc) stores as they are, and that obey bundle.md's
// path rules: NFC UTF-8, no separators, no `..`.

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
/** Most file systems cap a name at 255 bytes; leave room for a " (n)" suffix. */
const MAX_NAME_BYTES = 240;

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 10 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

function truncate(name: string): string {
  if (utf8Length(name) <= MAX_NAME_BYTES) return name;
  const [stem, ext] = splitExtension(name);
  const chars = [...stem];
  while (chars.length > 1 && utf8Length(chars.join('') + ext) > MAX_NAME_BYTES) chars.pop();
  return chars.join('') + ext;
}

/** One safe path segment from a user-given file name. */
export function sanitizeFileName(name: string): string {
  let s = name.replace(LONE_SURROGATE, '_').normalize('NFC').replace(FORBIDDEN, '_');
  s = s.replace(/\.{2,}/g, '.').replace(/[. ]+$/, '').trim();
  if (s === '' || s === '.') s = '文件';
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  return truncate(s).normalize('NFC');
}

/**
 * Sanitized names, unique within one item. Compared case-insensitively because NTFS,
 * exFAT and FAT32 are: "A.pdf" and "a.pdf" would overwrite each other there.
 */
export function uniqueFileNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const base = sanitizeFileName(raw);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const [stem, ext] = splitExtension(base);
      name = `${stem} (${n})${ext}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Item ids become folder names: only the characters of ULIDs, UUIDs and similar ids. */
export function checkItemId(id: string): void {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) throw new BundleRefused(`信息编号“${id}”不能用作导出包中的文件夹名`);
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2})$/;

/** `<org-short-name>-<YYYYMMDD>-<sequence, 4 digits>`; the date is createdAt's own calendar date. */
export function bundleFolderName(shortName: string, createdAt: string, sequence: number): string {
  const m = ISO_WITH_OFFSET.exec(createdAt);
  if (!m || Number.isNaN(Date.parse(createdAt))) throw new BundleRefused('导出时间应为带时区的 ISO 8601 时间，例如 2026-11-22T10:15:00+08:00');
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new BundleRefused('导出包序号应为正整数');
  const org = sanitizeFileName(shortName);
  if (shortName.trim() === '') throw new BundleRefused('单位简称不能为空');
  return `${org}-${m[1]}${m[2]}${m[3]}-${String(sequence).padStart(4, '0')}`;
}

/** ISO 8601 in Beijing time (+08:00), the form bundle.md shows. */
export function beijingIso(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${shifted}+08:00`;
}
