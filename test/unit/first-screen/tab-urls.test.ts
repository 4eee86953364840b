import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { TAB_URLS_KEY, rememberTabUrl, urlOf } = await import('../../../src/first-screen/tab-urls');

async function remembered(): Promise<Record<string, string>> {
  return ((await fakeBrowser.storage.session.get(TAB_URLS_KEY))[TAB_URLS_KEY] ?? {}) as Record<string, string>;
}

/** The browser's open tabs, by id (the fake's own tabs.remove cannot close a tab). */
function openTabs(ids: number[]) {
  return vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue(ids.map((id) => ({ id })) as never);
}

describe('reported tab URLs', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('remembers the last URL a tab reported, for the popup on that tab', async () => {
    await rememberTabUrl(7, 'https://one.example/login');
    await rememberTabUrl(7, 'https://two.example/login');
    expect(urlOf({ id: 7 } as never, await remembered())).toBe('https://two.example/login');
  });

  it('drops closed tabs once more than 50 are remembered, and keeps the open ones', async () => {
    const query = openTabs([]);
    for (let id = 1; id <= 50; id++) await rememberTabUrl(id, `https://site${id}.example/`);
    // Up to 50: the browser is not asked which tabs are open.
    expect(query).not.toHaveBeenCalled();
    expect(Object.keys(await remembered())).toHaveLength(50);
    // Tabs 1–40 were closed meanwhile.
    openTabs([41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51]);
    await rememberTabUrl(51, 'https://fresh.example/');
    const kept = await remembered();
    expect(
      Object.keys(kept)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51]);
    expect(kept['45']).toBe('https://site45.example/');
    expect(kept['51']).toBe('https://fresh.example/');
  });
});
