/**
 * Automation cannot click the browser's own permission prompt: answers it with "Allow" in one of our pages (after
 * it loaded: init scripts do not run in extension pages) and records what was asked in `window.__asked`.
 * The extension loaded from the command line can reach loopback servers without the grant, so the flows run on.
 * (A string, not a function: the demo tour runs under tsx, whose helpers do not exist in the page.)
 */
import type { Page } from 'playwright-core';

export async function answerHostPrompts(page: Page, granted = true): Promise<void> {
  await page.evaluate(`(() => {
    const asked = (window.__asked = []);
    const answer = ${granted};
    const request = (request, callback) => {
      asked.push(request);
      if (callback) return void callback(answer);
      return Promise.resolve(answer);
    };
    const contains = (_, callback) => (callback ? void callback(false) : Promise.resolve(false));
    for (const api of [chrome, globalThis.browser]) {
      if (!api || !api.permissions) continue;
      api.permissions.request = request;
      api.permissions.contains = contains;
    }
  })()`);
}

/** What the page asked host access for, in order. */
export function askedOrigins(page: Page): Promise<unknown[]> {
  return page.evaluate('window.__asked') as Promise<unknown[]>;
}
