import type { Page } from '@playwright/test';

/**
 * Collects every request the page makes that would leave this machine. The duty room works with its WAN
 * unplugged, so a spec asserts this list stays empty. (fengsui: is the console's own tile/glyph protocol.)
 */
export function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (
      !['127.0.0.1', 'localhost'].includes(u.hostname) &&
      !['data:', 'blob:', 'fengsui:'].includes(u.protocol)
    ) {
      foreign.push(r.url());
    }
  });
  return foreign;
}

/** Opens a set-up screen that lives in the top bar's Settings menu (basemaps, categories). */
export async function openSetting(page: Page, testId: string): Promise<void> {
  const item = page.getByTestId(testId);
  if (!(await item.isVisible())) await page.getByTestId('settings-menu-button').click();
  await item.click();
}
