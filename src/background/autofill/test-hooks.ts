/**
 * End-to-end test hooks, compiled only into builds made with `vite build --mode e2e` (`__E2E__` is a build-time
 * constant, false otherwise, so the shipped worker contains none of this). They let a test install an in-memory
 * vault (matched by the real matcher) and run keyboard commands, which automation cannot press.
 */
import browser from '../../browser';
import { toEntrySummary, type Entry } from '../../vault/entry';
import { buildMatchIndex, matchPage, type MatchStrategy } from '../../vault/match';
import { runAutofillCommand, type AutofillCommand } from './commands';
import * as store from './records';
import { sessionKeys } from '../expiring-records';
import { setAutofillVault } from './autofill-vault';

declare const __E2E__: boolean | undefined;

/** One entry of the test vault; the secrets live only in the worker's memory (and session storage). */
export interface TestEntry {
  id: string;
  name: string;
  urls: string[];
  username?: string;
  email?: string;
  password?: string;
  otp?: string;
  lockedType?: 0 | 1 | 2;
}

export interface TestVault {
  entries: TestEntry[];
  /** The user's match strategy (default `host`). */
  strategy?: MatchStrategy;
  locked?: boolean;
  fillOnLoad?: boolean;
  autoSubmit?: boolean;
}

const KEY = 'e2e:vault';

function install(data: TestVault): void {
  const entries = new Map(data.entries.map((e) => [e.id, e]));
  const full = (e: TestEntry): Entry => ({
    id: e.id,
    sourceId: 'e2e',
    remoteId: 1,
    kind: 'shared',
    name: e.name,
    ...(e.username ? { username: e.username } : {}),
    ...(e.email ? { email: e.email } : {}),
    urls: e.urls,
    tags: [],
    projectPath: [],
    favorite: false,
    archived: false,
    lockedType: e.lockedType ?? 0,
    customFieldLabels: [],
    hasOtp: e.otp !== undefined,
  });
  const index = buildMatchIndex([...entries.values()].map(full), { defaultStrategy: data.strategy ?? 'host' });
  setAutofillVault({
    locked: async () => data.locked === true,
    matchUrl: async (url) =>
      matchPage(index, url).map((m) => ({ entry: toEntrySummary(full(entries.get(m.entryId)!)), askFirst: m.askFirst })),
    loginFor: async (id) => ({ username: entries.get(id)?.username, email: entries.get(id)?.email, password: entries.get(id)?.password }),
    otpFor: async (id) => entries.get(id)?.otp,
    options: async () => ({ fillOnLoad: data.fillOnLoad === true, autoSubmit: data.autoSubmit === true }),
  });
}

/** Called at the worker's top level; does nothing outside e2e builds. */
export function installAutofillTestHooks(): void {
  if (typeof __E2E__ === 'undefined' || !__E2E__) return;
  const hooks = {
    async setVault(data: TestVault) {
      install(data);
      await browser.storage.session.set({ [KEY]: data });
    },
    runCommand: (cmd: AutofillCommand, tabId?: number) => runAutofillCommand(cmd, tabId),
    framesOfTab: (tabId: number) => store.framesOfTab(tabId),
    async clearFrames() {
      await browser.storage.session.remove(await sessionKeys('af:frame:'));
    },
    async allFrames() {
      const records = await browser.storage.session.get(await sessionKeys('af:frame:'));
      return Object.values(records).map((r) => (r as { value: store.FrameRecord }).value);
    },
  };
  (globalThis as { autofillTest?: typeof hooks }).autofillTest = hooks;
  void browser.storage.session.get(KEY).then((r) => r[KEY] && install(r[KEY] as TestVault));
}
