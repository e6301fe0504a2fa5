import dayjs from 'dayjs';
import { AppFailure } from '../../shared/result';
import type { ProfileInfo } from '../../shared/types';
import { isOpenStatus, type Profile } from '../../shared/workflow';
import type { RunningDeadline } from '../calendar/ports';
import type { WorkCalendar } from '../calendar/workdays';
import type { SessionContext, Tx } from '../context/session';
import type { DB } from '../store/database';
import type { ReviewState } from './engine';
import { parseProfile, shippedProfiles, SHIPPED_PROFILE_IDS } from './profiles';
import { deadlines, parseJson } from './rules';

// Review procedures as stored versions. Items keep the version they were registered
// under forever, so a stored version is never changed: editing makes a new one.

const ACTIVE_PROFILE_KEY = 'active_profile';
const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);

export class ProfileStore {
  private readonly cache = new Map<string, Profile>();

  constructor(private readonly ctx: SessionContext) {}

  /** Stores a shipped profile version the first time it is used, so items keep it forever. */
  async store(tx: DB | Tx, p: Profile): Promise<void> {
    const exists = await tx.selectFrom('profiles').select('id').where('id', '=', p.id).where('version', '=', p.version).executeTakeFirst();
    if (exists) return;
    await tx
      .insertInto('profiles')
      .values({ id: p.id, version: p.version, definition: JSON.stringify(p), created_by: this.ctx.user().id, created_at: this.ctx.now().toISOString() })
      .execute();
    for (const [position, s] of p.steps.entries())
      await tx.insertInto('profile_steps').values({ profile_id: p.id, version: p.version, step_id: s.id, position, role: s.role, name: s.name }).execute();
  }

  /** Inside a transaction pass it as `db`: a query outside it would wait for it forever. */
  async get(id: string, version: number, db: DB | Tx = this.ctx.db()): Promise<Profile> {
    const key = `${id}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = await db.selectFrom('profiles').select('definition').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    const found = row ? parseProfile(JSON.parse(row.definition)) : null;
    const p = found?.ok ? found.profile : shippedProfiles().find((s) => s.id === id && s.version === version);
    if (!p) throw fail('NOT_FOUND', `找不到审查流程 ${id} 第 ${version} 版`);
    this.cache.set(key, p);
    return p;
  }

  private async activeRef(): Promise<{ id: string; version: number } | null> {
    const row = await this.ctx.db().selectFrom('settings').select('value').where('key', '=', ACTIVE_PROFILE_KEY).executeTakeFirst();
    return row ? (JSON.parse(row.value) as { id: string; version: number }) : null;
  }

  async active(): Promise<Profile> {
    const ref = await this.activeRef();
    if (!ref) throw fail('CONFLICT', '安全保密管理员尚未选定本单位的审查流程');
    return this.get(ref.id, ref.version);
  }

  async list(): Promise<ProfileInfo[]> {
    const act = await this.activeRef();
    const stored = (await this.ctx.db().selectFrom('profiles').select('definition').execute()).map((r) => JSON.parse(r.definition) as Profile);
    const shipped = shippedProfiles();
    const isShipped = (p: Profile) => shipped.some((x) => x.id === p.id && x.version === p.version);
    const all = [...shipped, ...stored.filter((s) => !isShipped(s))];
    return all.map((p) => ({
      id: p.id,
      version: p.version,
      name: p.name,
      shortName: p.shortName,
      shipped: isShipped(p),
      active: act?.id === p.id && act.version === p.version,
      definition: p,
    }));
  }

  private async info(id: string, version: number): Promise<ProfileInfo> {
    return (await this.list()).find((x) => x.id === id && x.version === version)!;
  }

  async activate(id: string, version: number): Promise<ProfileInfo> {
    const p = await this.get(id, version);
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await this.store(tx, p);
        const value = JSON.stringify({ id, version });
        await tx.insertInto('settings').values({ key: ACTIVE_PROFILE_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
        await this.ctx.append(tx, { action: 'profile.activated', subject: `profile:${id}`, payload: { id, version, name: p.name }, role: 'secAdmin' });
      });
    return this.info(id, version);
  }

  /** A trial copy no item ever used, deleted with its steps; anything else is refused. */
  async delete(id: string, version: number): Promise<null> {
    if (SHIPPED_PROFILE_IDS.includes(id)) throw fail('CONFLICT', '程序自带的审查制度不能删除');
    const db = this.ctx.db();
    const row = await db.selectFrom('profiles').select('definition').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (!row) throw fail('NOT_FOUND', '找不到要删除的审查流程版本');
    const name = (JSON.parse(row.definition) as Profile).name;
    const act = await this.activeRef();
    if (act?.id === id && act.version === version) throw fail('CONFLICT', `“${name}”第 ${version} 版是本单位现行的审查流程，不能删除；请先选用其他流程`);
    await db.transaction().execute(async (tx) => {
      const used = await tx.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('profile_id', '=', id).where('profile_version', '=', version).executeTakeFirst();
      if (Number(used?.n ?? 0) > 0) throw fail('CONFLICT', `已有 ${used!.n} 个事项按“${name}”第 ${version} 版办理，不能删除`);
      await tx.deleteFrom('profile_steps').where('profile_id', '=', id).where('version', '=', version).execute();
      await tx.deleteFrom('profiles').where('id', '=', id).where('version', '=', version).execute();
      await this.ctx.append(tx, { action: 'profile.deleted', subject: `profile:${id}`, payload: { id, version, name }, role: 'secAdmin' });
    });
    this.cache.delete(`${id}@${version}`);
    return null;
  }

  /**
   * Every running deadline of the items still under way, counted on `cal`: the calendar
   * editor compares two calendars with it. It lives here because it reads each item's
   * procedure version; the counting itself is the workflow's own (rules.deadlines).
   */
  async runningDeadlines(cal: WorkCalendar): Promise<RunningDeadline[]> {
    const db = this.ctx.db();
    const rows = (await db.selectFrom('items').selectAll().where('status', 'in', ['inReview', 'escalated', 'awaitingDeclassification', 'approved']).execute()).filter(
      (r) => isOpenStatus(r.status) || r.status === 'approved',
    );
    const published = new Set(
      rows.length ? (await db.selectFrom('publication_register').select('item_id').where('published_on', 'is not', null).execute()).map((r) => r.item_id) : [],
    );
    const today = dayjs(this.ctx.now()).format('YYYY-MM-DD');
    const out: RunningDeadline[] = [];
    for (const row of rows) {
      if (row.status === 'approved' && published.has(row.id)) continue;
      const profile = await this.get(row.profile_id, row.profile_version, db);
      // Letters' deadlines are dates written on the letters: a new calendar does not move them.
      for (const d of deadlines(row, profile, parseJson<ReviewState>(row.state), [], cal, today, null)) out.push({ itemId: row.id, label: d.label, due: d.due });
    }
    return out;
  }

  /**
   * Saves an edited profile. A copy of a shipped profile gets its own id; editing a
   * stored one makes a new version — items already under review keep theirs.
   */
  async save(definitionText: string): Promise<ProfileInfo> {
    let raw: unknown;
    try {
      raw = JSON.parse(definitionText);
    } catch {
      throw fail('INVALID_INPUT', '审查流程配置不是有效的 JSON');
    }
    const parsed = parseProfile(raw);
    if (!parsed.ok) throw fail('INVALID_INPUT', parsed.message);
    let p = parsed.profile;
    const db = this.ctx.db();
    if (shippedProfiles().some((s) => s.id === p.id)) {
      const base = { id: p.id, version: p.version };
      let n = 1;
      // A deleted copy's id stays spent: the audit trail already names it.
      const taken = async (id: string) =>
        (await db.selectFrom('profiles').select('id').where('id', '=', id).executeTakeFirst()) ??
        (await db.selectFrom('audit_log').select('seq').where('subject', '=', `profile:${id}`).executeTakeFirst());
      while (await taken(`${base.id}-custom${n}`)) n++;
      p = { ...p, id: `${base.id}-custom${n}`, version: 1, basedOn: base };
    } else {
      const last = await db.selectFrom('profiles').select('version').where('id', '=', p.id).orderBy('version', 'desc').executeTakeFirst();
      p = { ...p, version: (last?.version ?? 0) + 1 };
    }
    await db.transaction().execute(async (tx) => {
      await this.store(tx, p);
      await this.ctx.append(tx, { action: 'profile.saved', subject: `profile:${p.id}`, payload: { id: p.id, version: p.version, definition: p }, role: 'secAdmin' });
    });
    return this.info(p.id, p.version);
  }
}
