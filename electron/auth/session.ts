import { AppFailure } from '../../shared/result';
import type { Role } from '../../shared/roles';
import type { AuthView } from '../../shared/access';
import type { SessionInfo, SessionUser } from '../../shared/types';
import { appendAudit, signerFromPrivateKey, type Signer } from '../audit/append';
import { KEY_EVENTS } from '../audit/verify';
import type { Mutex } from '../context/locks';
import type { AuditInput, SessionContext } from '../context/session';
import { createPublicKey } from 'node:crypto';
import { fingerprint, generateSigningKey, publicKeyFromPrivate, rawPublicKey, signEd25519 } from '../keys/crypto';
import { WrongKeyError } from '../store/database';
import { KeyslotCorrupt, type KeyslotFile, type Slot, type Unwrapped } from '../store/keyslots';
import { runAccountChange } from '../vault/account-change';
import { dropBridgesWhenDone, rewrapIfStale } from '../vault/rotation-rewrap';
import type { Vault } from '../vault/vault';
import { countFailure, refuseIfLocked, targetOf } from './lockout';
import { DEFAULT_POLICY, passwordProblem, readPolicy } from './policy';

// The one logged-in session: login, idle lock and unlock, password change, logout.
// It opens the vault with the key the user's slot holds and closes it on logout.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const LOGIN_FAILED = '用户名或密码错误';

/** A damaged slot is reported as such and never counted as a wrong password. */
export async function unwrapOrCorrupt(ks: KeyslotFile, slot: Slot, secret: string): Promise<Unwrapped | null> {
  try {
    return await ks.unwrap(slot, secret);
  } catch (err) {
    if (err instanceof KeyslotCorrupt)
      throw fail('STORE_ERROR', '钥匙槽文件已损坏（该账号的钥匙槽校验失败）：请从备份恢复 keyslots.json，或由安全保密管理员用恢复码恢复该账号');
    throw err;
  }
}

interface Session {
  user: SessionUser;
  slotId: string;
  signingKey: Signer | null;
  mustChangePassword: boolean;
  locked: boolean;
  lastActivity: number;
  notices: string[];
}

export class SessionService {
  private session: Session | null = null;
  private idleMinutes = DEFAULT_POLICY.idleLockMinutes;
  private readonly listeners = new Set<(s: SessionInfo) => void>();

  constructor(
    private readonly vault: Vault,
    private readonly lock: Mutex,
    readonly now: () => Date,
  ) {}

  onChange(listener: (s: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const info = this.info();
    for (const l of this.listeners) l(info);
  }

  info(): SessionInfo {
    const s = this.session;
    const org = s && this.vault.isOpen ? this.vault.org() : null;
    return {
      user: s ? s.user : null,
      organization: org ? { name: org.name, shortName: org.shortName, keyFingerprint: org.fingerprint } : null,
      mustChangePassword: s?.mustChangePassword ?? false,
      locked: s?.locked ?? false,
      idleMinutes: this.idleMinutes,
      notices: s?.notices ?? [],
    };
  }

  /** The dispatcher's view of the caller; applies the idle lock first. */
  authView(): AuthView {
    this.checkIdle();
    const s = this.session;
    return { loggedIn: !!s, roles: s?.user.roles ?? [], mustChangePassword: s?.mustChangePassword ?? false, locked: s?.locked ?? false };
  }

  touch(): void {
    if (this.session && !this.session.locked) this.session.lastActivity = this.now().getTime();
  }

  /** Locks an idle session. Called on every call and by a timer in the hosts. */
  checkIdle(): void {
    const s = this.session;
    if (!s || s.locked) return;
    if (this.now().getTime() - s.lastActivity >= this.idleMinutes * 60_000) {
      s.locked = true;
      void this.context()
        .audit({ action: 'auth.sessionLocked', subject: s.user.id, payload: { reason: 'idle' } })
        .catch(() => {});
      this.emit();
    }
  }

  /** Locks the session now, at the user's request (leaving the desk). */
  async lockNow(): Promise<SessionInfo> {
    const s = this.session;
    if (s && !s.locked) {
      s.locked = true;
      await this.context().audit({ action: 'auth.sessionLocked', subject: s.user.id, payload: { reason: 'user' } });
      this.emit();
    }
    return this.info();
  }

  setIdleMinutes(minutes: number): void {
    this.idleMinutes = minutes;
  }

  /** Logged in as this slot, for the accounts service's own-account checks. */
  currentUserId(): string | null {
    return this.session?.user.id ?? null;
  }

  login(usernameInput: string, password: string): Promise<SessionInfo> {
    return this.lock.run(() => this.loginLocked(usernameInput, password));
  }

  private async loginLocked(usernameInput: string, password: string): Promise<SessionInfo> {
    const ks = this.vault.slots();
    if (this.session) throw fail('CONFLICT', '已有用户登录，请先退出登录');
    const now = this.now();
    const slot = await ks.findByUsername(usernameInput);
    const target = targetOf(slot, await ks.lookupOf(usernameInput));
    refuseIfLocked(ks, target, now);
    let opened = slot ? await unwrapOrCorrupt(ks, slot, password) : (await ks.dummyAttempt(password), null);
    // An account change a crash interrupted: the password from before it still opens
    // the slot it replaced, and opening the store settles the change either way.
    const pending = ks.intent;
    if (!opened && slot && pending?.slotId === slot.id && pending.previous) opened = await unwrapOrCorrupt(ks, pending.previous, password);
    if (!opened) {
      countFailure(ks, target, now);
      throw fail('LOGIN_FAILED', LOGIN_FAILED);
    }
    ks.clearFailures(opened.slot.id);

    try {
      await this.vault.open(opened.dataKey);
    } catch (err) {
      if (err instanceof WrongKeyError) throw fail('STORE_ERROR', '数据库无法用该密钥打开：钥匙槽文件与数据库不匹配');
      throw err;
    }
    const db = this.vault.db();
    // A rewrap keeps the password, so whichever way it settled the same password opens the slot.
    if (pending && pending.kind !== 'rewrap' && ks.slot(opened.slot.id)?.digest !== opened.slot.digest) {
      await this.vault.close();
      throw fail('LOGIN_FAILED', '该账号上次的密码变更因程序中断已完成或已撤销：请使用当前有效的密码登录');
    }
    const row = await db.selectFrom('users').selectAll().where('slot_id', '=', opened.slot.id).executeTakeFirst();
    if (!row) {
      await this.vault.close();
      throw fail('LOGIN_FAILED', LOGIN_FAILED);
    }
    if (row.disabled) {
      await appendAudit(db, { actor: 'system', role: 'system', action: 'auth.loginRefused', subject: row.id, payload: { reason: 'disabled' } }, this.vault.org(), now);
      await this.vault.close();
      throw fail('ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员');
    }
    const user: SessionUser = { id: row.id, username: row.username, displayName: row.display_name, department: row.department, roles: JSON.parse(row.roles) as Role[] };
    // The slot and the database are two files: if a password change reached one and
    // not the other, the key the slot holds is the one the user can use, so register it.
    if (opened.signingKey) {
      const pub = publicKeyFromPrivate(opened.signingKey);
      if (!row.public_key || !pub.equals(row.public_key)) await this.registerKey(user.id, pub);
    }
    this.idleMinutes = (await readPolicy(db)).idleLockMinutes;
    const rewrapNotice = await this.rewrapAfterRotation(opened, password, row.id, now);
    this.session = {
      user,
      slotId: opened.slot.id,
      signingKey: opened.signingKey ? signerFromPrivateKey(opened.signingKey) : null,
      mustChangePassword: row.must_change_password === 1,
      locked: false,
      lastActivity: now.getTime(),
      notices: [
        ...this.vault.warnings,
        ...rewrapNotice,
        ...(user.roles.includes('auditor') ? await this.sinceLastLogin(user.id) : []),
        ...(user.roles.includes('sysAdmin') ? await this.backupReminder(now) : []),
      ],
    };
    opened.signingKey?.fill(0);
    await this.context().audit({ action: 'auth.login', subject: user.id, payload: null });
    this.emit();
    return this.info();
  }

  /** After a data-key rotation: the slot moves to the new key while the password is at hand. */
  private async rewrapAfterRotation(opened: Unwrapped, password: string, userId: string, now: Date): Promise<string[]> {
    try {
      if (!(await rewrapIfStale(this.vault, opened.slot.id, password, opened.signingKey, userId, now))) await dropBridgesWhenDone(this.vault, now);
      return [];
    } catch {
      return ['按更换后的数据密钥重新封装本账号的钥匙槽未能完成，将在下次登录时重试'];
    }
  }

  /**
   * The logged-in user's password once more, for a step that needs it (the key rotation
   * rewraps the user's own slot with it); a wrong one counts like a failed login.
   */
  confirmPassword(password: string): Promise<{ slotId: string; signingKey: Buffer | null }> {
    const s = this.require();
    return this.reauthenticate(s, password, '密码错误').then((opened) => {
      opened.dataKey.fill(0);
      return { slotId: opened.slot.id, signingKey: opened.signingKey };
    });
  }

  /** The 系统管理员 is reminded when the last backup is older than the policy allows. */
  private async backupReminder(now: Date): Promise<string[]> {
    const db = this.vault.db();
    const days = (await readPolicy(db)).backupReminderDays;
    const last = await db.selectFrom('audit_log').select('time').where('action', '=', 'backup.created').orderBy('seq', 'desc').executeTakeFirst();
    if (last && now.getTime() - new Date(last.time).getTime() < days * 86_400_000) return [];
    return [last ? `距上次备份（${last.time.slice(0, 10)}）已超过 ${days} 天，请及时备份数据` : `尚未备份过数据：按安全策略应每 ${days} 天内备份一次`];
  }

  /** What the 安全审计员 must see: recoveries and integrity problems since their last login. */
  private async sinceLastLogin(userId: string): Promise<string[]> {
    const db = this.vault.db();
    const last = await db.selectFrom('audit_log').select('seq').where('action', '=', 'auth.login').where('actor', '=', userId).orderBy('seq', 'desc').executeTakeFirst();
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'time', 'payload'])
      .where('action', 'in', ['auth.recoveryUsed', 'integrity.warning'])
      .where('seq', '>', last?.seq ?? 0)
      .orderBy('seq')
      .execute();
    return rows.map((r) => `自您上次登录以来（审计记录第 ${r.seq} 条，${r.time.slice(0, 10)}）：${(JSON.parse(r.payload) as { text?: string }).text ?? ''}`);
  }

  async logout(): Promise<null> {
    const s = this.session;
    if (s) await this.context().audit({ action: 'auth.logout', subject: s.user.id, payload: null });
    this.session = null;
    await this.vault.close();
    this.emit();
    return null;
  }

  /**
   * Checks the logged-in user's password again (unlock, password change). A wrong one
   * counts towards the lockout like a failed login, and the lockout ends the session.
   */
  private async reauthenticate(s: Session, password: string, wrongMessage: string): Promise<Unwrapped> {
    const ks = this.vault.slots();
    const slot = ks.slot(s.slotId);
    if (!slot) throw fail('NOT_FOUND', '找不到该账号的钥匙槽');
    const opened = await unwrapOrCorrupt(ks, slot, password);
    if (!opened) {
      try {
        countFailure(ks, { slotId: slot.id }, this.now());
      } catch (locked) {
        await this.vault.flushPending();
        await this.logout();
        throw locked;
      }
      await this.vault.flushPending();
      throw fail('LOGIN_FAILED', wrongMessage);
    }
    ks.clearFailures(slot.id);
    return opened;
  }

  unlock(password: string): Promise<SessionInfo> {
    return this.lock.run(async () => {
      const s = this.require();
      const opened = await this.reauthenticate(s, password, '密码错误');
      opened.dataKey.fill(0);
      opened.signingKey?.fill(0);
      s.locked = false;
      s.lastActivity = this.now().getTime();
      await this.context().audit({ action: 'auth.sessionUnlocked', subject: s.user.id, payload: null });
      this.emit();
      return this.info();
    });
  }

  changePassword(oldPassword: string, newPassword: string): Promise<SessionInfo> {
    return this.lock.run(async () => {
      const s = this.require();
      const ks = this.vault.slots();
      const db = this.vault.db();
      const problem = passwordProblem(await readPolicy(db), newPassword, s.user.username);
      if (problem) throw fail('WEAK_PASSWORD', problem);
      if (oldPassword === newPassword) throw fail('WEAK_PASSWORD', '新密码不得与原密码相同');
      const opened = await this.reauthenticate(s, oldPassword, '原密码错误');
      // A user's first own password brings their first own key: the administrator who
      // set the initial password never held it. Slot, key and account row change as one.
      const fresh = !opened.signingKey;
      const signingKey = opened.signingKey ?? generateSigningKey().privateKey;
      const publicKey = publicKeyFromPrivate(signingKey);
      const signer = signerFromPrivateKey(signingKey);
      try {
        await runAccountChange(ks, db, opened.dataKey, {
          kind: 'password',
          slotId: opened.slot.id,
          previous: opened.slot,
          applySlot: async (k) => void (await k.rewrap(opened.slot.id, newPassword, opened.dataKey, signingKey)),
          writeStore: async (tx, intentId) => {
            if (fresh) {
              await tx.updateTable('users').set({ public_key: publicKey }).where('id', '=', s.user.id).execute();
              await appendAudit(
                tx,
                { actor: 'system', role: 'system', action: KEY_EVENTS.keyRegistered, subject: s.user.id, payload: { userId: s.user.id, publicKey: publicKey.toString('base64'), fingerprint: fingerprint(publicKey) } },
                this.vault.org(),
                this.now(),
              );
            }
            await tx.updateTable('users').set({ must_change_password: 0, updated_at: this.now().toISOString() }).where('id', '=', s.user.id).execute();
            await appendAudit(tx, this.action({ action: 'auth.passwordChanged', subject: s.user.id, payload: { intentId } }), signer, this.now());
          },
        });
      } finally {
        opened.dataKey.fill(0);
        signingKey.fill(0);
      }
      s.signingKey = signer;
      s.mustChangePassword = false;
      this.emit();
      return this.info();
    });
  }

  private async registerKey(userId: string, publicKey: Buffer): Promise<void> {
    await this.vault
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable('users').set({ public_key: publicKey }).where('id', '=', userId).execute();
        await appendAudit(
          tx,
          { actor: 'system', role: 'system', action: KEY_EVENTS.keyRegistered, subject: userId, payload: { userId, publicKey: publicKey.toString('base64'), fingerprint: fingerprint(publicKey) } },
          this.vault.org(),
          this.now(),
        );
      });
  }

  private require(): Session {
    if (!this.session) throw fail('NOT_LOGGED_IN', '请先登录');
    return this.session;
  }

  /** Signs bytes with the current user's own key (an auditor's extract, a publisher's record). */
  signBytes(bytes: Buffer): { publicKey: string; signature: string; signer: string } {
    const key = this.require().signingKey;
    if (!key) throw fail('CONFLICT', '您尚未设立自己的签名密钥：请先修改初始密码');
    return { publicKey: rawPublicKey(createPublicKey(key.privateKey)).toString('base64'), signature: signEd25519(key.privateKey, bytes).toString('base64'), signer: key.fingerprint };
  }

  /** The current user's key, or the organization's before the user has one. */
  private signer(): Signer {
    return this.session?.signingKey ?? this.vault.org();
  }

  private action(a: AuditInput) {
    const s = this.session;
    return { actor: s?.user.id ?? 'system', role: a.role ?? s?.user.roles.join(',') ?? 'system', action: a.action, subject: a.subject, payload: a.payload };
  }

  /** What every domain service gets from the session. */
  context(): SessionContext {
    return {
      db: () => this.vault.db(),
      user: () => this.require().user,
      now: () => this.now(),
      append: (tx, a) => appendAudit(tx, this.action(a), this.signer(), this.now()),
      audit: (a) => appendAudit(this.vault.db(), this.action(a), this.signer(), this.now()),
    };
  }
}
