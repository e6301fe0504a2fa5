import { readdirSync } from 'node:fs';
import { createServices, type Services } from '../../../electron/app/services';
import { verifyAudit } from '../../../electron/audit/verify';
import { TEMP_PREFIX } from '../../../electron/vault/rotation';
import { ADMINS, firstLogin, NEW_PASSWORD, ORG } from '../../helpers/setup';
import { TEST_KDF } from '../../helpers/tmp';
import { fields } from '../../helpers/workflow';

// A data folder for the rotation tests: the three administrators and one handler, all past
// their first password change, and two items with a document each; and the checks made
// after every rotation or kill.

export const USERS = [ADMINS.sysAdmin.username, ADMINS.secAdmin.username, ADMINS.auditor.username, 'liu'];
export const ITEM_TITLES = ['密钥测试事项一', '密钥测试事项二'];

export const open = (dir: string): Services => createServices({ dataDir: dir, kdf: TEST_KDF });

export async function prepareFolder(dir: string): Promise<{ recoveryCode: string }> {
  const s = open(dir);
  const { recoveryCode } = await s.setup.run({ organizationName: ORG.name, organizationShortName: ORG.shortName, ...ADMINS });
  await firstLogin(s, ADMINS.sysAdmin);
  await s.accounts.create({ username: 'liu', displayName: '刘承办', department: '办公室', roles: ['handler'], initialPassword: 'Initial-Pass-1' });
  await s.session.logout();
  await firstLogin(s, ADMINS.secAdmin);
  const { shippedProfiles } = await import('../../../electron/workflow/profiles');
  await s.profiles.activate('tongliao', shippedProfiles().find((p) => p.id === 'tongliao')!.version);
  await s.session.logout();
  await firstLogin(s, ADMINS.auditor);
  await s.session.logout();
  await firstLogin(s, { username: 'liu', password: 'Initial-Pass-1' });
  for (const [i, title] of ITEM_TITLES.entries()) {
    const item = await s.items.register(fields({ title }));
    await s.documents.attach(item.id, `材料${i}.txt`, Buffer.from(`第${i}号测试材料：道路改造工程范围。\n`, 'utf8').toString('base64'));
  }
  await s.session.logout();
  await s.close();
  return { recoveryCode };
}

export const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX));

/** Logged in as the 安全保密管理员: does the recovery code yield the key that opens the store? */
export async function recoveryOpens(s: Services, code: string): Promise<boolean> {
  const ks = s.vault.slots();
  const slot = ks.recoverySlot();
  const opened = slot ? await ks.unwrap(slot, code) : null;
  return !!opened && opened.dataKey.equals(s.vault.dataKey());
}

export interface FolderCheck {
  /** Users whose password did not open the store. */
  refused: string[];
  recovery: boolean;
  items: number;
  documents: number;
  chainOk: boolean;
  leftovers: string[];
  notices: string[];
}

/** Everything the rotation must keep: every password and the recovery code, the data, the chain. */
export async function checkFolder(dir: string, recoveryCode: string): Promise<FolderCheck> {
  const s = open(dir);
  try {
    const refused: string[] = [];
    const notices: string[] = [];
    for (const u of USERS) {
      try {
        const info = await s.session.login(u, NEW_PASSWORD);
        notices.push(...info.notices);
        await s.session.logout();
      } catch {
        refused.push(u);
      }
    }
    await s.session.login('liu', NEW_PASSWORD);
    const items = (await s.queries.list('all')).filter((i) => ITEM_TITLES.includes(i.title));
    let documents = 0;
    for (const item of items) documents += (await s.documents.list(item.id)).length;
    await s.session.logout();
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    const recovery = await recoveryOpens(s, recoveryCode);
    await s.session.logout();
    await s.session.login(ADMINS.auditor.username, NEW_PASSWORD);
    const report = await verifyAudit(s.vault.db());
    await s.session.logout();
    return { refused, recovery, items: items.length, documents, chainOk: report.ok, leftovers: leftovers(dir), notices };
  } finally {
    await s.close();
  }
}

/** The actions recorded in the trail, read by the 安全审计员. */
export async function auditActions(s: Services): Promise<Array<{ action: string; subject: string; payload: string }>> {
  await s.session.login(ADMINS.auditor.username, NEW_PASSWORD);
  const page = await s.audit.list({ offset: 0, limit: 500 });
  await s.session.logout();
  return page.entries.map((e) => ({ action: e.action, subject: e.subject, payload: JSON.stringify(e.payload) }));
}
