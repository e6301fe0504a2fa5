import { profileSchema, type Profile } from '../../shared/workflow';
import aershan from '../../resources/profiles/aershan.json';
import taierzhuang from '../../resources/profiles/taierzhuang.json';
import tongliao from '../../resources/profiles/tongliao.json';
import xinfu from '../../resources/profiles/xinfu.json';
import yongji from '../../resources/profiles/yongji.json';

// The five shipped profiles, one per regulation in shared/seeds. They are data files
// (resources/profiles/*.json), bundled at build time and validated at load.

const RAW: Record<string, unknown> = { tongliao, taierzhuang, yongji, xinfu, aershan };

export const SHIPPED_PROFILE_IDS = Object.keys(RAW);

export function shippedProfiles(): Profile[] {
  return Object.entries(RAW).map(([id, raw]) => {
    const parsed = profileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`shipped profile ${id} is invalid: ${parsed.error.message}`);
    return parsed.data;
  });
}

export function parseProfile(raw: unknown): { ok: true; profile: Profile } | { ok: false; message: string } {
  const parsed = profileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '（整体）'}：${i.message}`);
  return { ok: false, message: `审查流程配置无效：${first.join('；')}` };
}
