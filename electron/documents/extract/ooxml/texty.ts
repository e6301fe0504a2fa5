// Which attribute values and text nodes of an office XML part can carry what a person
// wrote. Markup is full of values that never do (ids, sizes, colours, enumerations,
// schema URIs, cell references); reporting them would bury the reviewer in noise, so
// they are recognised by shape and by attribute name, and everything else is kept.

/** Attribute local names whose values are structure, never text. */
const STRUCTURE_ATTRS = new Set([
  'Ignorable', 'ProcessContent', 'MustUnderstand', 'PreserveAttributes', 'PreserveElements', 'Requires',
  'ContentType', 'PartName', 'Extension', 'Type', 'TargetMode',
  'style', 'coordsize', 'coordorigin', 'path', 'adj', 'spt', 'points', 'eqn', 'connectlocs', 'connectangles',
  'textboxrect', 'wrapcoords', 'from', 'to', 'control1', 'control2', 'fillcolor', 'strokecolor', 'o:gfxdata',
  'typeface', 'panose', 'pitchFamily', 'charset', 'ascii', 'hAnsi', 'eastAsia', 'cs', 'asciiTheme', 'hAnsiTheme', 'eastAsiaTheme', 'cstheme',
  'r', 's', 't', 'ref', 'sqref', 'spans', 'activeCell', 'topLeftCell', 'uri', 'requires', 'xr:uid', 'uid',
  'dyDescent', 'numFmtId', 'formatCode', 'mc:Ignorable', 'date', 'dT', 'dateUTC', 'dateCompatibility',
  'type', 'color', 'color2', 'inset', 'opacity', 'obscured', 'origin', 'angle', 'focus', 'focussize', 'position', 'size', 'joinstyle', 'endcap', 'dashstyle', 'insetmode',
]);

/** Elements whose attributes name fonts or built-in styles. */
const STRUCTURE_ELEMENTS = new Set(['mathFont', 'compatSetting', 'lsdException', 'font', 'latin', 'ea', 'cs', 'sym', 'rFonts', 'altName', 'panose1', 'sig', 'numFmt', 'family', 'scheme']);

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const SCHEMA_URI = /^(https?:\/\/(schemas\.|purl\.org\/|www\.w3\.org\/|ns\.adobe\.com\/|schemas\.microsoft\.com)|urn:schemas-microsoft-com)/i;
const CELL_REFS = /^(('?[^'!]+'?|\[\d+\][^!]*)!)?\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?(\s+\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?)*$/;
const MIME = /^[a-z]+\/[\w.+-]+$/;
const GUID = /^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$/;
/** Long enough to be a mobile, card or ID number. */
const PERSONAL_DIGITS = /\d{11,}/;

export const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** `known`: the attribute is a place for text (alt text, a bookmark name), so any value counts. */
export function attributeCarriesText(element: string, attr: string, value: string, known = false): boolean {
  if (known) return value.trim().length > 0 && !value.startsWith('_');
  const name = localName(attr);
  if (attr.startsWith('xmlns') || STRUCTURE_ATTRS.has(name) || STRUCTURE_ATTRS.has(attr) || /^rsid/.test(name) || name === 'paraId' || name === 'textId') return false;
  if (STRUCTURE_ELEMENTS.has(localName(element))) return false;
  return valueCarriesText(value);
}

export function valueCarriesText(value: string): boolean {
  const t = value.trim();
  if (t.length < 2) return false;
  if (CJK.test(t)) return true;
  if (/^[\d\s,.;:%+-]+(pt|px|in|cm|mm|emu|%)?$/i.test(t)) return PERSONAL_DIGITS.test(t.replace(/[\s-]/g, ''));
  // Language tags (en-US, zh-CN) and short hex codes (colours, table looks: FF0000, 04A0).
  if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(t) || /^[0-9A-Fa-f]{1,8}$/.test(t)) return false;
  if (GUID.test(t) || SCHEMA_URI.test(t) || MIME.test(t) || CELL_REFS.test(t)) return false;
  // A single identifier is an enumeration, a style or a relationship id.
  if (/^[A-Za-z_][\w.]*$/.test(t)) return false;
  return true;
}

/** Text nodes: everything except small numbers, flags and encoded binary data. */
export function textCarriesText(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (/^-?\d{1,4}(\.\d+)?$/.test(t) || /^(true|false)$/i.test(t)) return false;
  // Lists of coordinates and sizes (a VML anchor: 1, 6, 0, 14…) unless a run is long enough to be personal.
  if (/^[\d\s,.;:-]+$/.test(t) && !PERSONAL_DIGITS.test(t.replace(/[\s-]/g, ''))) return false;
  if (t.length > 1000 && /^[A-Za-z0-9+/=\s]+$/.test(t)) return false;
  return true;
}

/** A formula is arithmetic over cells unless it carries a string, Chinese text or a long number. */
export function formulaCarriesText(text: string): boolean {
  return /"|[\u3400-\u9fff]|\d{11,}/.test(text);
}
