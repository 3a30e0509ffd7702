import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServe, removeDir, type Served } from './serve';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

async function signIn(page: Page, username: string, password: string) {
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

async function menu(page: Page, item: string) {
  await page.getByTestId('user-menu-button').click();
  await page.getByTestId(item).click();
}

async function createUser(page: Page, username: string, displayName: string, role: string, password: string) {
  const form = page.getByTestId('user-admin').getByTestId('user-form');
  await form.getByTestId('user-username').fill(username);
  await form.getByTestId('user-displayname').fill(displayName);
  await form.getByTestId('user-role').selectOption(role);
  await form.getByTestId('user-password').fill(password);
  await form.getByTestId('user-create').click();
  await expect(page.getByTestId(`user-row-${username}`)).toBeVisible();
}

test.describe('users, sign-in, shift handover, audit', () => {
  let served: Served;
  test.afterEach(async () => {
    await served.stop();
    removeDir(served.dataDir);
  });

  test('first admin, sign out/in, wrong password, operator without admin, handover by two, audit filters', async ({
    browser,
  }) => {
    // One long story across two windows; on a loaded two-core runner it takes longer than the default minute.
    test.setTimeout(180_000);
    served = await startServe(['--demo']);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(served.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');

    // Open mode: the console works as before, with a discreet prompt to set up accounts.
    await expect(page.getByTestId('user-menu')).toHaveAttribute('data-mode', 'open');
    await page.getByTestId('setup-accounts').click();
    const first = page.getByTestId('first-admin-dialog');
    await expect(first.getByTestId('user-role')).toHaveValue('admin');
    await first.getByTestId('user-username').fill('admin');
    await first.getByTestId('user-displayname').fill('Chen Admin');
    await first.getByTestId('user-password').fill('admin-pass-1');
    await first.getByTestId('user-create').click();
    await expect(first).toBeHidden();
    await expect(page.getByTestId('user-name')).toHaveText('Chen Admin');
    await expect(page.getByTestId('user-role')).toHaveText('Administrator');

    // The admin creates two operators.
    await menu(page, 'menu-users');
    await createUser(page, 'zhang', '张伟', 'operator', 'zhang-pass-1');
    await createUser(page, 'li', '李娜', 'operator', 'li-pass-12');
    await page.screenshot({ path: join(ARTIFACTS, 'users-admin-en-US.png') });
    await page.getByTestId('user-admin-close').click();

    // Sign out → the sign-in screen; a wrong password is refused with a clear message.
    await menu(page, 'menu-signout');
    await expect(page.getByTestId('signin-screen')).toBeVisible();
    await signIn(page, 'zhang', 'not-the-password');
    await expect(page.getByTestId('signin-error')).toHaveAttribute('data-code', 'sign_in_failed');
    await expect(page.getByTestId('signin-error')).toContainText('user name or password is wrong');
    await page.screenshot({ path: join(ARTIFACTS, 'users-signin-error-en-US.png') });

    // An operator signs in and has no user admin (nor audit log) in the menu.
    await signIn(page, 'zhang', 'zhang-pass-1');
    await expect(page.getByTestId('user-name')).toHaveText('张伟');
    await expect(page.getByTestId('operator')).toContainText('zhang');
    await page.getByTestId('user-menu-button').click();
    await expect(page.getByTestId('menu-handover')).toBeVisible();
    await expect(page.getByTestId('menu-users')).toHaveCount(0);
    await expect(page.getByTestId('menu-audit')).toHaveCount(0);

    // Shift handover: the outgoing operator reviews and signs, the incoming one signs on the same workstation.
    await page.getByTestId('menu-handover').click();
    const dialog = page.getByTestId('handover-dialog');
    await expect(dialog.getByTestId('handover-open-count')).toContainText('open incident');
    await expect(dialog.getByTestId('handover-incident').first()).toBeVisible();
    await dialog.getByTestId('handover-note').fill('Watch the flooding at the east gate.');
    await dialog.getByTestId('handover-outgoing-password').fill('zhang-pass-1');
    await dialog.getByTestId('handover-incoming-username').fill('li');
    await dialog.getByTestId('handover-incoming-password').fill('wrong-pass');
    await dialog.getByTestId('handover-sign').click();
    await expect(dialog.getByTestId('handover-error')).toHaveAttribute('data-code', 'sign_in_failed');
    await dialog.getByTestId('handover-outgoing-password').fill('zhang-pass-1');
    await dialog.getByTestId('handover-incoming-password').fill('li-pass-12');
    await page.screenshot({ path: join(ARTIFACTS, 'users-handover-en-US.png') });
    await dialog.getByTestId('handover-sign').click();
    const record = dialog.getByTestId('handover-record');
    await expect(record.getByTestId('handover-record-outgoing')).toContainText('张伟');
    await expect(record.getByTestId('handover-record-incoming')).toContainText('李娜');
    await expect(record).toContainText('Watch the flooding');
    await expect(dialog.getByTestId('handover-print')).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'users-handover-signed-en-US.png') });
    await dialog.getByTestId('handover-close').click();
    // The window now belongs to the incoming operator.
    await expect(page.getByTestId('user-name')).toHaveText('李娜');

    // The admin reviews the audit log with filters.
    await menu(page, 'menu-signout');
    await signIn(page, 'admin', 'admin-pass-1');
    await menu(page, 'menu-audit');
    const audit = page.getByTestId('audit-viewer');
    await expect(audit.getByTestId('audit-row').first()).toBeVisible();
    await audit.getByTestId('audit-filter-action').fill('handover.');
    await audit.getByTestId('audit-apply').click();
    await expect(audit.getByTestId('audit-table')).toHaveAttribute('data-total', '1');
    await expect(audit.getByTestId('audit-row')).toHaveAttribute('data-action', 'handover.sign');
    await audit.getByTestId('audit-filter-action').fill('auth.signInFailed');
    await audit.getByTestId('audit-filter-actor').fill('zhang');
    await audit.getByTestId('audit-apply').click();
    await expect(audit.getByTestId('audit-table')).toHaveAttribute('data-total', '1');
    await audit.getByTestId('audit-filter-action').fill('');
    await audit.getByTestId('audit-filter-actor').fill('');
    await audit.getByTestId('audit-filter-text').fill('li');
    await audit.getByTestId('audit-apply').click();
    await expect(audit.getByTestId('audit-row').first()).toBeVisible();
    await audit.getByTestId('audit-filter-text').fill('');
    await audit.getByTestId('audit-filter-entity').fill('user');
    await audit.getByTestId('audit-apply').click();
    await expect(audit.getByTestId('audit-row').first()).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'users-audit-en-US.png') });
    await audit.getByTestId('audit-close').click();
    expect(pageErrors).toEqual([]);

    // Another window (a new connection) must sign in itself: sessions bind to the client.
    const zh = await browser.newContext({ locale: 'zh-CN' });
    const zhPage = await zh.newPage();
    await zhPage.goto(served.url);
    await expect(zhPage.getByTestId('signin-screen')).toBeVisible();
    await expect(zhPage.getByTestId('signin-screen')).toContainText('登录');
    await zhPage.screenshot({ path: join(ARTIFACTS, 'users-signin-zh-CN.png') });
    await signIn(zhPage, 'admin', 'admin-pass-1');
    await expect(zhPage.getByTestId('user-role')).toHaveText('管理员');
    await menu(zhPage, 'menu-users');
    await expect(zhPage.getByTestId('user-row-zhang')).toBeVisible();
    await zhPage.screenshot({ path: join(ARTIFACTS, 'users-admin-zh-CN.png') });
    await zhPage.getByTestId('user-admin-close').click();
    await menu(zhPage, 'menu-handover');
    await zhPage.getByTestId('handover-tab-history').click();
    await zhPage.getByTestId('handover-history').getByRole('button').first().click();
    await expect(zhPage.getByTestId('handover-record')).toContainText('交接班记录');
    await zhPage.screenshot({ path: join(ARTIFACTS, 'users-handover-zh-CN.png') });
    await zhPage.getByTestId('handover-close').click();
    await menu(zhPage, 'menu-audit');
    await expect(zhPage.getByTestId('audit-row').first()).toBeVisible();
    await zhPage.screenshot({ path: join(ARTIFACTS, 'users-audit-zh-CN.png') });
    await zh.close();
    await context.close();
  });
});
