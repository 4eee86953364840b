import { afterEach, describe, expect, it, vi } from 'vitest';

/** Loads the module as a content script of the given browser sees it (`chrome` is read once, at load). */
async function load(chromeGlobal: object) {
  vi.resetModules();
  vi.stubGlobal('chrome', chromeGlobal);
  return (await import('../../../src/content/shadow-root-of')).shadowRootOf;
}

const openRoot = { mode: 'open' };
const closedRoot = { mode: 'closed' };
/** Elements as the content script sees them: a closed root is not in `shadowRoot`. */
const element = (localName: string, shadowRoot: object | null, hidden?: object) => ({
  localName,
  shadowRoot,
  openOrClosedShadowRoot: hidden ? () => hidden : () => shadowRoot,
});

describe('shadowRootOf', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks chrome.dom for closed roots in Chromium, on custom elements only', async () => {
    const dom = { openOrClosedShadowRoot: vi.fn((el: { hidden?: object }) => el.hidden ?? null) };
    const shadowRootOf = await load({ dom });
    expect(shadowRootOf({ localName: 'div', shadowRoot: openRoot } as never)).toBe(openRoot);
    expect(shadowRootOf({ localName: 'acme-field', shadowRoot: null, hidden: closedRoot } as never)).toBe(closedRoot);
    expect(shadowRootOf({ localName: 'div', shadowRoot: null, hidden: closedRoot } as never)).toBeNull();
    expect(dom.openOrClosedShadowRoot).toHaveBeenCalledTimes(1);
  });

  it("uses the element's own openOrClosedShadowRoot() in Firefox", async () => {
    const shadowRootOf = await load({ runtime: {} });
    expect(shadowRootOf(element('acme-field', null, closedRoot) as never)).toBe(closedRoot);
    expect(shadowRootOf(element('span', openRoot) as never)).toBe(openRoot);
    expect(shadowRootOf(element('x-plain', null) as never)).toBeNull();
  });
});
