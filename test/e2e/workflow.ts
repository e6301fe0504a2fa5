import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Seeding goes through the host's IPC endpoint (the calls the UI itself makes) so that
// each review test spends its time on the flow it is about, driven through the UI.

export const PASSWORD = 'Own-Pass-2026!';
export const STAFF: Record<string, { displayName: string; roles: string[] }> = {
  liu: { displayName: '刘承办', roles: ['handler'] },
  wang: { displayName: '王主任', roles: ['deptHead'] },
  zhao: { displayName: '赵审查', roles: ['reviewer'] },
  sun: { displayName: '孙领导', roles: ['approver'] },
  li: { displayName: '李领导', roles: ['approver'] },
  zhou: { displayName: '周保密', roles: ['secrecyOffice'] },
  wu: { displayName: '吴发布', roles: ['publisher'] },
};

export async function seed(request: APIRequestContext, url: string, profileId: string): Promise<void> {
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token')!;
  const rpc = async (channel: string, input?: unknown) => {
    const res = await request.post(`${origin}/ipc/${channel}`, { data: { input }, headers: { 'x-mishen-token': token } });
    const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.value;
  };
  const admin = (username: string, displayName: string) => ({ username, displayName, password: 'Initial-Pass-1' });
  await rpc('mishen:setup.run', {
    organizationName: '某某县人民政府办公室',
    organizationShortName: 'MMX',
    sysAdmin: admin('sysadm', '系统管理员'),
    secAdmin: admin('secadm', '安全保密管理员'),
    auditor: admin('shenji', '安全审计员'),
  });
  const first = async (username: string) => {
    await rpc('mishen:auth.login', { username, password: 'Initial-Pass-1' });
    await rpc('mishen:auth.changePassword', { oldPassword: 'Initial-Pass-1', newPassword: PASSWORD });
  };
  await first('sysadm');
  for (const [username, s] of Object.entries(STAFF))
    await rpc('mishen:users.create', { username, displayName: s.displayName, department: '办公室', roles: s.roles, initialPassword: 'Initial-Pass-1' });
  await rpc('mishen:auth.logout');
  for (const username of Object.keys(STAFF)) {
    await first(username);
    await rpc('mishen:auth.logout');
  }
  await first('secadm');
  await rpc('mishen:profiles.activate', { id: profileId, version: 2 });
  await rpc('mishen:auth.logout');
}

export async function loginAs(page: Page, username: string): Promise<void> {
  const logout = page.getByRole('button', { name: '退出登录' });
  const name = page.getByLabel('用户名');
  // The page may still be loading: wait for one of the two screens before choosing.
  await expect(logout.or(name)).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await name.fill(username);
  await page.getByLabel(/^密码/).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toHaveText(STAFF[username]?.displayName ?? username);
}

export async function register(page: Page, title: string, opts: { sensitive?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: '登记拟公开信息' }).click();
  await page.getByLabel(/^信息名称/).fill(title);
  await page.getByLabel('文号').fill('某政办发〔2026〕12号');
  await page.getByLabel(/发布机构/).fill('某某县人民政府办公室');
  await page.getByLabel('形成或变更日期').fill('2026-11-20');
  await page.getByLabel('主题分类').fill('城乡建设');
  if (opts.sensitive) await page.getByLabel('涉及敏感内容和重要信息').check();
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByTestId('item-title')).toHaveText(title);
}

export async function openItem(page: Page, title: string): Promise<void> {
  await page.getByText('待办事项', { exact: true }).click();
  await page.locator(`tr[data-title="${title}"]`).click();
  await expect(page.getByTestId('item-title')).toHaveText(title);
}

/** Signs the current step with the opinion shown under that label; checks the step's name first. */
export async function sign(
  page: Page,
  step: string,
  opinion: string,
  extra: { grounds?: string[]; basis?: string; reason?: string } = {},
): Promise<void> {
  await expect(page.getByTestId('step-name')).toHaveText(step);
  await page.getByTestId('step-panel').getByRole('radio', { name: opinion, exact: true }).check();
  for (const g of extra.grounds ?? []) await page.getByRole('checkbox', { name: g }).check();
  if (extra.basis) {
    await page.getByRole('combobox', { name: '审查依据' }).click();
    await page.getByRole('option', { name: extra.basis }).click();
    await page.keyboard.press('Escape');
  }
  if (extra.reason) await page.getByLabel(/^理由/).fill(extra.reason);
  await page.getByRole('button', { name: '签署意见' }).click();
  await expect(page.getByTestId('success')).toHaveText('已保存');
}

export async function expectOpinionWords(page: Page, words: string[]): Promise<void> {
  const radios = page.getByTestId('step-panel').getByRole('radio');
  await expect(radios).toHaveCount(words.length);
  for (const w of words) await expect(page.getByTestId('step-panel').getByRole('radio', { name: w, exact: true })).toBeVisible();
}
