import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import { isAdminRole, roleSetProblem, type Role } from '../../shared/roles';
import type {
  AuditPage,
  OrganizationInfo,
  SecurityPolicy,
  SessionInfo,
  SessionUser,
  SetupResult,
  UserSummary,
  VerifyReport,
} from '../../shared/types';
import { appendAudit, auditHead, signerFromPrivateKey, type AuditAction, type Signer } from '../audit/append';
import { KEY_EVENTS, parseCheckpoint, verifyAudit } from '../audit/verify';
import { DEFAULT_POLICY, passwordProblem, readPolicy, writePolicy } from '../auth/policy';
import {
  fingerprint,
  generateSigningKey,
  PASSWORD_KDF,
  publicKeyFromPrivate,
  randomKey,
  type ScryptParams,
} from '../keys/crypto';
import { openStore, WrongKeyError, type DB, type OpenStore } from '../store/database';
import {
  generateRecoveryCode,
  KeyslotFile,
  normalizeUsername,
  type PendingEvent,
  type Unwrapped,
} from '../store/keyslots';
import type { Transaction } from 'kysely';
import type { Schema, UsersTable } from '../store/schema';
import type { WorkflowContext } from '../workflow/service';

// The application core: what the main process (and the browser host, and the CLI)
// can do, independent of how it is called. It owns the data folder, the keyslots,
// the open database and the one logged-in session.

export interface CoreOptions {
  dataDir: string;
  /** Tests may pass cheaper scrypt parameters; the app always uses PASSWORD_KDF. */
  kdf?: ScryptParams;
  now?: () => Date;
}

interface Session {
  user: SessionUser;
  slotId: string;
  signingKey: Signer | null;
  mustChangePassword: boolean;
  locked: boolean;
  lastActivity: number;
}

interface Unlocked {
  store: OpenStore;
  dataKey: Buffer;
  org: Signer & { name: string; shortName: string; publicKey: Buffer };
}

export const DB_FILE = 'mishen.db';
export const KEYSLOT_FILE = 'keyslots.json';

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const LOGIN_FAILED = '用户名或密码错误';

function toUserSummary(row: UsersTable, lockedUntil: Date | null): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    department: row.department,
    roles: JSON.parse(row.roles) as Role[],
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    createdAt: row.created_at,
  };
}

function hhmm(d: Date): string {
  return d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A new account: it must change its initial password, and has no signing key yet. */
async function insertUser(
  tx: Transaction<Schema>,
  u: { username: string; displayName: string; department: string; roles: Role[]; slotId: string },
  now: string,
): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('users')
    .values({
      id,
      username: u.username,
      display_name: u.displayName,
      department: u.department,
      roles: JSON.stringify(u.roles),
      disabled: 0,
      must_change_password: 1,
      slot_id: u.slotId,
      public_key: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export class Core {
  readonly dataDir: string;
  private readonly kdf: ScryptParams;
  private readonly now: () => Date;
  private keyslots: KeyslotFile | null = null;
  private unlocked: Unlocked | null = null;
  private session: Session | null = null;
  private idleMinutes = DEFAULT_POLICY.idleLockMinutes;
  /** Failure counts for user names that have no account, so lockout reveals nothing. */
  private readonly phantom = new Map<string, { failures: number; until: number }>();
  private readonly listeners = new Set<(s: SessionInfo) => void>();

  constructor(opts: CoreOptions) {
    this.dataDir = opts.dataDir;
    this.kdf = opts.kdf ?? PASSWORD_KDF;
    this.now = opts.now ?? (() => new Date());
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
  }

  get dbPath(): string {
    return join(this.dataDir, DB_FILE);
  }

  get keyslotPath(): string {
    return join(this.dataDir, KEYSLOT_FILE);
  }

  /** The keyslot file is written last by setup, so it marks a finished setup. */
  get needsSetup(): boolean {
    return !KeyslotFile.exists(this.keyslotPath);
  }

  private slots(): KeyslotFile {
    if (!this.keyslots) {
      if (this.needsSetup) throw fail('NOT_SET_UP', '尚未完成初始化设置');
      this.keyslots = KeyslotFile.load(this.keyslotPath, this.kdf);
    }
    return this.keyslots;
  }

  onSessionChange(listener: (s: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const info = this.sessionInfo();
    for (const l of this.listeners) l(info);
  }

  // --- setup ------------------------------------------------------------------

  async setup(input: {
    organizationName: string;
    organizationShortName: string;
    sysAdmin: { username: string; displayName: string; password: string };
    secAdmin: { username: string; displayName: string; password: string };
    auditor: { username: string; displayName: string; password: string };
  }): Promise<SetupResult> {
    if (!this.needsSetup) throw fail('ALREADY_SET_UP', '本数据目录已完成初始化，不能重复设置');
    const admins = (['sysAdmin', 'secAdmin', 'auditor'] as const).map((role) => ({
      role,
      ...input[role],
      username: normalizeUsername(input[role].username),
    }));
    if (new Set(admins.map((a) => a.username)).size !== 3)
      throw fail('ROLE_CONFLICT', '三员必须使用三个不同的账号');
    for (const a of admins) {
      const problem = passwordProblem(DEFAULT_POLICY, a.password, a.username);
      if (problem) throw fail('WEAK_PASSWORD', `${a.displayName}（${a.username}）的密码不符合要求：${problem}`);
    }

    // A setup that died half-way left a database without a keyslot file: start over.
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.dbPath + suffix, { force: true });

    const dataKey = randomKey();
    const orgKey = generateSigningKey();
    const orgSigner = signerFromPrivateKey(orgKey.privateKey);
    const ks = KeyslotFile.create(this.keyslotPath, this.kdf);
    const recoveryCode = generateRecoveryCode();
    const slots = await Promise.all(admins.map((a) => ks.addUserSlot(a.username, a.password, dataKey)));
    await ks.setRecoverySlot(recoveryCode, dataKey);

    const store = await openStore(this.dbPath, dataKey);
    const now = this.now().toISOString();
    const organization: OrganizationInfo = {
      name: input.organizationName,
      shortName: input.organizationShortName,
      keyFingerprint: orgSigner.fingerprint,
    };
    try {
      await store.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('organization')
          .values({
            id: 1,
            name: organization.name,
            short_name: organization.shortName,
            public_key: orgKey.publicKey,
            private_key: orgKey.privateKey,
            bundle_sequence: 0,
            created_at: now,
          })
          .execute();
        await appendAudit(
          tx,
          {
            actor: 'system',
            role: 'system',
            action: KEY_EVENTS.setup,
            subject: 'organization',
            payload: {
              organization: {
                name: organization.name,
                shortName: organization.shortName,
                publicKey: orgKey.publicKey.toString('base64'),
                fingerprint: orgSigner.fingerprint,
              },
            },
          },
          orgSigner,
        );
        for (const [i, a] of admins.entries()) {
          const id = await insertUser(tx, { username: a.username, displayName: a.displayName, department: '', roles: [a.role], slotId: slots[i]!.id }, now);
          await appendAudit(
            tx,
            {
              actor: 'system',
              role: 'system',
              action: 'user.created',
              subject: id,
              payload: { username: a.username, displayName: a.displayName, roles: [a.role] },
            },
            orgSigner,
          );
        }
      });
    } finally {
      await store.close();
      dataKey.fill(0);
    }
    ks.setLockout(DEFAULT_POLICY.maxFailedLogins, DEFAULT_POLICY.lockoutMinutes); // saves: setup is complete
    this.keyslots = ks;
    return { recoveryCode, organization };
  }

  // --- sessions ----------------------------------------------------------------

  sessionInfo(): SessionInfo {
    const s = this.session;
    const org = this.unlocked?.org;
    return {
      user: s ? s.user : null,
      organization: org && s ? { name: org.name, shortName: org.shortName, keyFingerprint: org.fingerprint } : null,
      mustChangePassword: s?.mustChangePassword ?? false,
      locked: s?.locked ?? false,
      idleMinutes: this.idleMinutes,
    };
  }

  /** The dispatcher's view of the caller; applies the idle lock first. */
  authView() {
    this.checkIdle();
    const s = this.session;
    return {
      loggedIn: !!s,
      roles: s?.user.roles ?? [],
      mustChangePassword: s?.mustChangePassword ?? false,
      locked: s?.locked ?? false,
    };
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
      void this.audit({ action: 'auth.sessionLocked', subject: s.user.id, payload: { reason: 'idle' } }).catch(() => {});
      this.emit();
    }
  }

  private phantomLocked(lookup: string, now: number): boolean {
    const p = this.phantom.get(lookup);
    return !!p && p.until > now;
  }

  private phantomFailure(lookup: string, now: number, max: number, minutes: number): boolean {
    const p = this.phantom.get(lookup) ?? { failures: 0, until: 0 };
    p.failures += 1;
    if (p.failures >= max) {
      p.failures = 0;
      p.until = now + minutes * 60_000;
    }
    this.phantom.set(lookup, p);
    return p.until > now;
  }

  private lockedMessage(until: Date): string {
    return `连续登录失败次数过多，账号已被锁定，请于 ${hhmm(until)} 后再试，或联系系统管理员解锁`;
  }

  async login(usernameInput: string, password: string): Promise<SessionInfo> {
    const ks = this.slots();
    if (this.session) throw fail('CONFLICT', '已有用户登录，请先退出登录');
    const now = this.now();
    const lookup = await ks.lookupOf(usernameInput);
    const slot = await ks.findByUsername(usernameInput);
    const { maxFailed, minutes } = ks.lockout;

    if (!slot) {
      if (this.phantomLocked(lookup, now.getTime()))
        throw fail('ACCOUNT_LOCKED', this.lockedMessage(new Date(this.phantom.get(lookup)!.until)));
      await ks.dummyAttempt(password);
      ks.recordFailure(null, now);
      if (this.phantomFailure(lookup, now.getTime(), maxFailed, minutes))
        throw fail('ACCOUNT_LOCKED', this.lockedMessage(new Date(this.phantom.get(lookup)!.until)));
      throw fail('LOGIN_FAILED', LOGIN_FAILED);
    }
    const lockedUntil = ks.lockedUntil(slot, now);
    if (lockedUntil) throw fail('ACCOUNT_LOCKED', this.lockedMessage(lockedUntil));

    const opened = await ks.unwrap(slot, password);
    if (!opened) {
      if (ks.recordFailure(slot.id, now)) throw fail('ACCOUNT_LOCKED', this.lockedMessage(ks.lockedUntil(slot, now)!));
      throw fail('LOGIN_FAILED', LOGIN_FAILED);
    }
    ks.clearFailures(slot.id);

    let unlocked: Unlocked;
    try {
      unlocked = await this.openWith(opened.dataKey);
    } catch (err) {
      if (err instanceof WrongKeyError) throw fail('STORE_ERROR', '数据库无法用该密钥打开：钥匙槽文件与数据库不匹配');
      throw err;
    }
    const db = unlocked.store.db;
    const row = await db.selectFrom('users').selectAll().where('slot_id', '=', slot.id).executeTakeFirst();
    if (!row) {
      await this.closeStore();
      throw fail('LOGIN_FAILED', LOGIN_FAILED);
    }
    if (row.disabled) {
      await this.audit({ action: 'auth.loginRefused', subject: row.id, payload: { reason: 'disabled' } });
      await this.closeStore();
      throw fail('ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员');
    }

    const user: SessionUser = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      department: row.department,
      roles: JSON.parse(row.roles) as Role[],
    };
    // The slot and the database are two files: if a password change reached one and
    // not the other, the key the slot holds is the one the user can use, so register it.
    if (opened.signingKey) {
      const pub = publicKeyFromPrivate(opened.signingKey);
      if (!row.public_key || !pub.equals(row.public_key)) await this.registerKey(user.id, pub);
    }
    this.idleMinutes = (await readPolicy(db)).idleLockMinutes;
    this.session = {
      user,
      slotId: slot.id,
      signingKey: opened.signingKey ? signerFromPrivateKey(opened.signingKey) : null,
      mustChangePassword: row.must_change_password === 1,
      locked: false,
      lastActivity: now.getTime(),
    };
    opened.signingKey?.fill(0);
    await this.audit({ action: 'auth.login', subject: user.id, payload: null });
    this.emit();
    return this.sessionInfo();
  }

  private async openWith(dataKey: Buffer): Promise<Unlocked> {
    if (this.unlocked) return this.unlocked;
    const store = await openStore(this.dbPath, dataKey);
    const orgRow = await store.db.selectFrom('organization').selectAll().executeTakeFirstOrThrow();
    const unlocked: Unlocked = {
      store,
      dataKey,
      org: {
        ...signerFromPrivateKey(orgRow.private_key),
        name: orgRow.name,
        shortName: orgRow.short_name,
        publicKey: orgRow.public_key,
      },
    };
    this.unlocked = unlocked;
    await this.flushPending();
    return unlocked;
  }

  /** Failed logins seen while the database was closed become audit entries now. */
  private async flushPending(): Promise<void> {
    const ks = this.slots();
    const events = ks.takePending();
    if (!events.length) return;
    try {
      const db = this.db();
      const bySlot = new Map(
        (await db.selectFrom('users').select(['id', 'slot_id']).execute()).map((r) => [r.slot_id, r.id]),
      );
      await db.transaction().execute(async (tx) => {
        for (const e of events as PendingEvent[])
          await appendAudit(
            tx,
            {
              actor: 'system',
              role: 'system',
              action: e.action,
              subject: (e.slotId && bySlot.get(e.slotId)) || 'unknown-account',
              payload: { at: e.at },
            },
            this.unlocked!.org,
          );
      });
    } catch (err) {
      ks.restorePending(events);
      throw err;
    }
  }

  private async closeStore(): Promise<void> {
    const u = this.unlocked;
    this.unlocked = null;
    if (u) {
      u.dataKey.fill(0);
      await u.store.close();
    }
  }

  async logout(): Promise<null> {
    const s = this.session;
    if (s) {
      await this.audit({ action: 'auth.logout', subject: s.user.id, payload: null });
    }
    this.session = null;
    await this.closeStore();
    this.emit();
    return null;
  }

  /**
   * Checks the logged-in user's password again (unlock, password change). A wrong one
   * counts towards the lockout like a failed login, and the lockout ends the session.
   */
  private async reauthenticate(s: Session, password: string, wrongMessage: string): Promise<Unwrapped> {
    const ks = this.slots();
    const slot = ks.slot(s.slotId);
    if (!slot) throw fail('NOT_FOUND', '找不到该账号的钥匙槽');
    const opened = await ks.unwrap(slot, password);
    if (!opened) {
      const locked = ks.recordFailure(slot.id, this.now());
      await this.flushPending();
      if (locked) {
        await this.logout();
        throw fail('ACCOUNT_LOCKED', this.lockedMessage(ks.lockedUntil(slot, this.now())!));
      }
      throw fail('LOGIN_FAILED', wrongMessage);
    }
    ks.clearFailures(slot.id);
    return opened;
  }

  async unlock(password: string): Promise<SessionInfo> {
    const s = this.requireSession();
    const opened = await this.reauthenticate(s, password, '密码错误');
    opened.dataKey.fill(0);
    opened.signingKey?.fill(0);
    s.locked = false;
    s.lastActivity = this.now().getTime();
    await this.audit({ action: 'auth.sessionUnlocked', subject: s.user.id, payload: null });
    this.emit();
    return this.sessionInfo();
  }

  async changePassword(oldPassword: string, newPassword: string): Promise<SessionInfo> {
    const s = this.requireSession();
    const ks = this.slots();
    const db = this.db();
    const problem = passwordProblem(await readPolicy(db), newPassword, s.user.username);
    if (problem) throw fail('WEAK_PASSWORD', problem);
    if (oldPassword === newPassword) throw fail('WEAK_PASSWORD', '新密码不得与原密码相同');
    const opened = await this.reauthenticate(s, oldPassword, '原密码错误');
    const slot = opened.slot;
    // A user's first own password brings their first own key: the administrator who
    // set the initial password never held it.
    const fresh = !opened.signingKey;
    const signingKey = opened.signingKey ?? generateSigningKey().privateKey;
    await ks.rewrap(slot.id, newPassword, opened.dataKey, signingKey);
    ks.save();
    opened.dataKey.fill(0);
    if (fresh) await this.registerKey(s.user.id, publicKeyFromPrivate(signingKey));
    s.signingKey = signerFromPrivateKey(signingKey);
    signingKey.fill(0);
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ must_change_password: 0, updated_at: this.now().toISOString() })
        .where('id', '=', s.user.id)
        .execute();
      await appendAudit(tx, this.action({ action: 'auth.passwordChanged', subject: s.user.id, payload: null }), this.signer());
    });
    s.mustChangePassword = false;
    this.emit();
    return this.sessionInfo();
  }

  private async registerKey(userId: string, publicKey: Buffer): Promise<void> {
    const db = this.db();
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ public_key: publicKey }).where('id', '=', userId).execute();
      await appendAudit(
        tx,
        {
          actor: 'system',
          role: 'system',
          action: KEY_EVENTS.keyRegistered,
          subject: userId,
          payload: { userId, publicKey: publicKey.toString('base64'), fingerprint: fingerprint(publicKey) },
        },
        this.unlocked!.org,
      );
    });
  }

  // --- helpers ------------------------------------------------------------------

  private requireSession(): Session {
    if (!this.session) throw fail('NOT_LOGGED_IN', '请先登录');
    return this.session;
  }

  db(): DB {
    if (!this.unlocked) throw fail('NOT_LOGGED_IN', '请先登录');
    return this.unlocked.store.db;
  }

  /** The current user's key, or the organization's before the user has one. */
  private signer(): Signer {
    return this.session?.signingKey ?? this.unlocked!.org;
  }

  private action(a: { action: string; subject: string; payload: unknown; role?: string }): AuditAction {
    const s = this.session;
    return {
      actor: s?.user.id ?? 'system',
      role: a.role ?? s?.user.roles.join(',') ?? 'system',
      action: a.action,
      subject: a.subject,
      payload: a.payload,
    };
  }

  /** What the workflow service needs from the session: the store, the user, the clock, signing. */
  workflowContext(): WorkflowContext {
    return {
      db: () => this.db(),
      user: () => this.requireSession().user,
      now: () => this.now(),
      append: (tx, a) => appendAudit(tx, this.action(a), this.signer(), this.now()),
    };
  }

  /** Appends one entry for the current user outside any other change. */
  async audit(a: { action: string; subject: string; payload: unknown; role?: string }) {
    return appendAudit(this.db(), this.action(a), this.signer(), this.now());
  }

  // --- accounts (系统管理员) ------------------------------------------------------

  async listUsers(): Promise<UserSummary[]> {
    const ks = this.slots();
    const rows = await this.db().selectFrom('users').selectAll().orderBy('created_at').orderBy('username').execute();
    const now = this.now();
    return rows.map((r) => {
      const slot = ks.slot(r.slot_id);
      return toUserSummary(r, slot ? ks.lockedUntil(slot, now) : null);
    });
  }

  private async userRow(id: string): Promise<UsersTable> {
    const row = await this.db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw fail('NOT_FOUND', '找不到该用户');
    return row;
  }

  private async summary(id: string): Promise<UserSummary> {
    const row = await this.userRow(id);
    const ks = this.slots();
    const slot = ks.slot(row.slot_id);
    return toUserSummary(row, slot ? ks.lockedUntil(slot, this.now()) : null);
  }

  async createUser(input: {
    username: string;
    displayName: string;
    department: string;
    roles: Role[];
    initialPassword: string;
  }): Promise<UserSummary> {
    const roleProblem = roleSetProblem(input.roles);
    if (roleProblem) throw fail('ROLE_CONFLICT', roleProblem);
    if (input.roles.some(isAdminRole)) throw fail('ROLE_CONFLICT', '三员账号只能在初始化时设立');
    const username = normalizeUsername(input.username);
    const db = this.db();
    const exists = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (exists) throw fail('CONFLICT', `用户名“${username}”已存在`);
    const problem = passwordProblem(await readPolicy(db), input.initialPassword, username);
    if (problem) throw fail('WEAK_PASSWORD', `初始密码不符合要求：${problem}`);

    const ks = this.slots();
    const slot = await ks.addUserSlot(username, input.initialPassword, this.unlocked!.dataKey);
    ks.save();
    let id = '';
    try {
      await db.transaction().execute(async (tx) => {
        id = await insertUser(tx, { username, displayName: input.displayName, department: input.department, roles: input.roles, slotId: slot.id }, this.now().toISOString());
        await appendAudit(
          tx,
          this.action({
            action: 'user.created',
            subject: id,
            payload: { username, displayName: input.displayName, department: input.department, roles: input.roles },
            role: 'sysAdmin',
          }),
          this.signer(),
        );
      });
    } catch (err) {
      // Nothing half-made: the slot goes when the account could not be written.
      ks.removeSlot(slot.id);
      ks.save();
      throw err;
    }
    return this.summary(id);
  }

  async updateUser(input: { id: string; displayName: string; department: string; roles: Role[] }): Promise<UserSummary> {
    const row = await this.userRow(input.id);
    const current = JSON.parse(row.roles) as Role[];
    const isAdmin = current.some(isAdminRole);
    if (isAdmin && (input.roles.length !== current.length || input.roles.some((r) => !current.includes(r))))
      throw fail('ROLE_CONFLICT', '三员账号的角色不能变更');
    const roleProblem = roleSetProblem(input.roles);
    if (roleProblem) throw fail('ROLE_CONFLICT', roleProblem);
    if (!isAdmin && input.roles.some(isAdminRole)) throw fail('ROLE_CONFLICT', '业务账号不得兼任三员角色');
    await this.db()
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({
            display_name: input.displayName,
            department: input.department,
            roles: JSON.stringify(input.roles),
            updated_at: this.now().toISOString(),
          })
          .where('id', '=', input.id)
          .execute();
        await appendAudit(
          tx,
          this.action({
            action: 'user.updated',
            subject: input.id,
            payload: {
              before: { displayName: row.display_name, department: row.department, roles: current },
              after: { displayName: input.displayName, department: input.department, roles: input.roles },
            },
            role: 'sysAdmin',
          }),
          this.signer(),
        );
      });
    return this.summary(input.id);
  }

  async setDisabled(id: string, disabled: boolean): Promise<UserSummary> {
    if (id === this.session?.user.id) throw fail('CONFLICT', '不能停用当前登录的账号');
    await this.userRow(id);
    await this.db()
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({ disabled: disabled ? 1 : 0, updated_at: this.now().toISOString() })
          .where('id', '=', id)
          .execute();
        await appendAudit(
          tx,
          this.action({ action: disabled ? 'user.disabled' : 'user.enabled', subject: id, payload: null, role: 'sysAdmin' }),
          this.signer(),
        );
      });
    return this.summary(id);
  }

  async resetPassword(id: string, initialPassword: string): Promise<UserSummary> {
    if (id === this.session?.user.id) throw fail('CONFLICT', '请通过“修改密码”更改自己的密码');
    const row = await this.userRow(id);
    const db = this.db();
    const problem = passwordProblem(await readPolicy(db), initialPassword, row.username);
    if (problem) throw fail('WEAK_PASSWORD', `初始密码不符合要求：${problem}`);
    const ks = this.slots();
    // The old signing key is sealed under the old password and is dropped with it.
    await ks.rewrap(row.slot_id, initialPassword, this.unlocked!.dataKey, null);
    ks.clearFailures(row.slot_id);
    ks.save();
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ must_change_password: 1, public_key: null, updated_at: this.now().toISOString() })
        .where('id', '=', id)
        .execute();
      await appendAudit(
        tx,
        { actor: 'system', role: 'system', action: KEY_EVENTS.keyRevoked, subject: id, payload: { userId: id } },
        this.unlocked!.org,
      );
      await appendAudit(tx, this.action({ action: 'user.passwordReset', subject: id, payload: null, role: 'sysAdmin' }), this.signer());
    });
    return this.summary(id);
  }

  async unlockAccount(id: string): Promise<UserSummary> {
    const row = await this.userRow(id);
    this.slots().clearFailures(row.slot_id);
    await this.audit({ action: 'user.unlocked', subject: id, payload: null, role: 'sysAdmin' });
    return this.summary(id);
  }

  // --- policy (安全保密管理员) ------------------------------------------------------

  async getPolicy(): Promise<SecurityPolicy> {
    return readPolicy(this.db());
  }

  async updatePolicy(policy: SecurityPolicy): Promise<SecurityPolicy> {
    const db = this.db();
    const before = await readPolicy(db);
    await db.transaction().execute(async (tx) => {
      await writePolicy(tx as unknown as DB, policy);
      await appendAudit(tx, this.action({ action: 'policy.updated', subject: 'security_policy', payload: { before, after: policy }, role: 'secAdmin' }), this.signer());
    });
    this.slots().setLockout(policy.maxFailedLogins, policy.lockoutMinutes);
    this.idleMinutes = policy.idleLockMinutes;
    return policy;
  }

  // --- audit (安全审计员) ---------------------------------------------------------

  async listAudit(offset: number, limit: number): Promise<AuditPage> {
    const db = this.db();
    const names = new Map(
      (await db.selectFrom('users').select(['id', 'display_name']).execute()).map((r) => [r.id, r.display_name]),
    );
    const total = (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0;
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').offset(offset).limit(limit).execute();
    return {
      total: Number(total),
      entries: rows.map((r) => ({
        seq: r.seq,
        time: r.time,
        actor: r.actor,
        actorName: r.actor === 'system' ? '系统' : (names.get(r.actor) ?? r.actor),
        role: r.role,
        action: r.action,
        subject: r.subject,
        subjectName: names.get(r.subject) ?? r.subject,
        payload: JSON.parse(r.payload) as unknown,
        hash: r.hash,
      })),
    };
  }

  async verifyAudit(checkpoint?: string): Promise<VerifyReport> {
    const cp = checkpoint ? parseCheckpoint(checkpoint) : undefined;
    if (checkpoint && !cp) throw fail('INVALID_INPUT', '检查点格式应为 序号:哈希');
    const report = await verifyAudit(this.db(), { checkpoint: cp ?? undefined, trustedOrgFingerprint: this.unlocked!.org.fingerprint });
    await this.audit({ action: 'audit.verified', subject: 'audit_log', payload: { ok: report.ok, checked: report.checked, firstBad: report.firstBad } });
    return report;
  }

  /** The auditor signs the current head: a checkpoint to print and keep outside. */
  async countersign(): Promise<{ seq: number; hash: string }> {
    const head = await auditHead(this.db());
    if (!head) throw fail('NOT_FOUND', '审计记录为空');
    await this.audit({ action: 'audit.countersigned', subject: 'audit_log', payload: head, role: 'auditor' });
    return head;
  }

  // --- recovery (安全保密管理员 holds the code) ------------------------------------

  /**
   * Opens the store with the recovery code and gives one account a new initial
   * password, to be changed at its next login. Used when every administrator
   * password is lost; audited under the organization key.
   */
  async recover(code: string, usernameInput: string, newPassword: string): Promise<null> {
    if (this.session) throw fail('CONFLICT', '已有用户登录，请先退出登录');
    const ks = this.slots();
    const slot = ks.recoverySlot();
    const opened = slot ? await ks.unwrap(slot, code) : null;
    if (!opened) {
      ks.recordFailure(null, this.now());
      throw fail('LOGIN_FAILED', '恢复码错误');
    }
    const unlocked = await this.openWith(opened.dataKey);
    try {
      const username = normalizeUsername(usernameInput);
      const row = await unlocked.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      if (!row) throw fail('NOT_FOUND', `找不到用户“${username}”`);
      const problem = passwordProblem(await readPolicy(unlocked.store.db), newPassword, username);
      if (problem) throw fail('WEAK_PASSWORD', problem);
      await ks.rewrap(row.slot_id, newPassword, unlocked.dataKey, null);
      ks.clearFailures(row.slot_id);
      ks.save();
      await unlocked.store.db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ must_change_password: 1, public_key: null, disabled: 0 }).where('id', '=', row.id).execute();
        await appendAudit(tx, { actor: 'system', role: 'system', action: KEY_EVENTS.keyRevoked, subject: row.id, payload: { userId: row.id } }, unlocked.org);
        await appendAudit(tx, { actor: 'system', role: 'system', action: 'auth.recoveryUsed', subject: row.id, payload: { username } }, unlocked.org);
      });
    } finally {
      await this.closeStore();
    }
    return null;
  }

  async close(): Promise<void> {
    if (this.session) await this.logout();
    await this.closeStore();
  }
}
