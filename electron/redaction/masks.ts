import { z } from 'zod';
import defaults from '../../resources/masks/default.json';

// Masking templates are data (resources/masks/): agencies differ on how much of an ID
// number a 公示 may show, so the template decides, not the code. A partial mask that
// would leave nothing masked falls back to full removal: it can only ever hide more.

const template = z.object({
  label: z.string(),
  full: z.boolean().optional(),
  keepStart: z.number().int().min(0).default(0),
  keepEnd: z.number().int().min(0).default(0),
  /** Keep everything from this character on (the domain of an e-mail address). */
  keepAfter: z.string().length(1).optional(),
  fill: z.string().min(1).default('*'),
  /** The masked run becomes one fill character, so its length is not revealed (张*). */
  collapse: z.boolean().default(false),
});

export const masksSchema = z.object({
  format: z.literal('mishen-masks/1'),
  name: z.string(),
  removed: z.string().min(1),
  templates: z.record(z.string(), template),
  kinds: z.record(z.string(), z.array(z.string())),
});
export type Masks = z.output<typeof masksSchema>;

export const defaultMasks = (): Masks => masksSchema.parse(defaults);

const SIGNIFICANT = /[\p{L}\p{N}]/u;

export interface Masked {
  text: string;
  /** The template actually applied ('full' when a partial one could not be). */
  template: string;
}

/** The text that replaces `value` under the template `name` (full removal when absent or unknown). */
export function maskValue(value: string, name: string | undefined, masks: Masks = defaultMasks()): Masked {
  const full: Masked = { text: masks.removed, template: 'full' };
  const t = name ? masks.templates[name] : undefined;
  if (!t || t.full) return full;
  const chars = [...value];
  let tailFrom = chars.length;
  if (t.keepAfter) {
    const at = chars.indexOf(t.keepAfter);
    if (at < 0) return full;
    tailFrom = at;
  }
  const head = chars.slice(0, tailFrom);
  const significant = head.map((c, i) => (SIGNIFICANT.test(c) ? i : -1)).filter((i) => i >= 0);
  const keepEnd = t.keepAfter ? 0 : t.keepEnd;
  const hidden = significant.slice(t.keepStart, significant.length - keepEnd);
  if (hidden.length === 0 || hidden.length < Math.ceil(significant.length / 3)) return full;
  const hide = new Set(hidden);
  let out = '';
  let inRun = false;
  head.forEach((c, i) => {
    if (!hide.has(i)) {
      out += c;
      inRun = false;
    } else if (!t.collapse || !inRun) {
      out += t.fill;
      inRun = true;
    }
  });
  return { text: out + chars.slice(tailFrom).join(''), template: name! };
}

/** The templates offered for a finding kind (always including full removal). */
export function templatesFor(kind: string, masks: Masks = defaultMasks()): Array<{ id: string; label: string }> {
  const ids = masks.kinds[kind] ?? ['full'];
  return ids.filter((id) => masks.templates[id]).map((id) => ({ id, label: masks.templates[id]!.label }));
}
