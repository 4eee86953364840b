/**
 * A stand-in for the worker inside one of our pages, for UI tests that must not depend on the servers: it
 * answers `runtime.sendMessage` in the page itself (installed before the page's scripts run). Kinds it does
 * not know go to the real worker. Like darkreader's `ui/connect/mock.ts`, but from the test side.
 */
import type { Page } from 'playwright-core';
import type { EntrySummary, FirstScreen, PopupState } from '../../src/messages';

export interface FakeScenario {
  state: PopupState;
  /** How many entries to generate ("Entry 00001" …); every 7th is personal, every 50th a favorite. */
  entryCount: number;
  /** Generated entries whose name contains this host are "This site". */
  siteHost?: string;
  canFill?: boolean;
  /** Extra fields merged into entry N (1-based), e.g. to make one locked or give it an OTP. */
  patches?: Record<number, Partial<EntrySummary>>;
  /** Fixed replies by kind, e.g. `{ getSettings: { ok: false, code: 'internal', message: 'x' } }`. */
  replies?: Record<string, unknown>;
  /** Milliseconds before each reply (to see loading states). */
  delayMs?: number;
}

/** Installs the fake; `window.__sent` then records every request the page made. */
export async function installFakeWorker(page: Page, scenario: FakeScenario): Promise<void> {
  await page.addInitScript(fakeInPage, scenario);
}

function fakeInPage(scenario: FakeScenario) {
  const pad = (n: number) => String(n).padStart(5, '0');
  const entries: EntrySummary[] = Array.from({ length: scenario.entryCount }, (_, i) => ({
    id: `src1:${i % 7 === 0 ? 'personal' : 'shared'}:${i + 1}`,
    sourceId: scenario.state.sources[0]?.id ?? 'src1',
    kind: i % 7 === 0 ? 'personal' : 'shared',
    name: `Entry ${pad(i + 1)}${i % 10 === 3 && scenario.siteHost ? ` ${scenario.siteHost}` : ''}`,
    username: `user${i + 1}`,
    url: `https://site${i + 1}.example.test/`,
    projectPath: i % 7 === 0 ? [] : ['Company', `Team ${i % 5}`],
    tags: [],
    favorite: i % 50 === 1,
    archived: false,
    lockedType: 0,
    hasOtp: false,
    ...scenario.patches?.[i + 1],
  }));
  const ok = (value: unknown) => ({ ok: true, value });
  const answer = (kind: string, body: Record<string, unknown>): unknown => {
    if (scenario.replies && kind in scenario.replies) return scenario.replies[kind];
    const site = scenario.siteHost ? entries.filter((e) => e.name.includes(scenario.siteHost!)) : [];
    switch (kind) {
      case 'getPopupState':
        return ok(scenario.state);
      case 'getFirstScreen': {
        const screen: FirstScreen = {
          site: site.slice(0, 20),
          favorites: entries.filter((e) => e.favorite).slice(0, 20),
          entries: entries.slice(0, body.limit as number),
          total: entries.length,
          siteHost: scenario.siteHost,
          canFill: scenario.canFill ?? false,
        };
        return ok(screen);
      }
      case 'listEntries': {
        const scoped = body.scope === 'personal' ? entries.filter((e) => e.kind === 'personal') : entries;
        const offset = body.offset as number;
        return ok({ entries: scoped.slice(offset, offset + (body.limit as number)), total: scoped.length });
      }
      case 'search': {
        const text = String(body.text).toLowerCase();
        return ok(entries.filter((e) => `${e.name} ${e.username}`.toLowerCase().includes(text)).slice(0, body.limit as number));
      }
      default:
        return undefined;
    }
  };
  const sent: unknown[] = [];
  (window as unknown as { __sent: unknown[] }).__sent = sent;
  /** The kinds whose fake replies were handed back, in order (a test can wait for one instead of sleeping). */
  const answered: string[] = [];
  (window as unknown as { __answered: string[] }).__answered = answered;
  const runtime = chrome.runtime as unknown as { sendMessage: (...args: unknown[]) => unknown };
  const real = runtime.sendMessage.bind(runtime);
  runtime.sendMessage = (...args: unknown[]) => {
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
    const message = args[0] as { kind: string; body: Record<string, unknown> };
    sent.push(message);
    const reply = answer(message.kind, message.body);
    if (reply === undefined) return callback ? real(message, callback) : real(message);
    const later = new Promise((resolve) =>
      setTimeout(() => {
        answered.push(message.kind);
        resolve(reply);
      }, scenario.delayMs ?? 0),
    );
    if (callback) return void later.then(callback);
    return later;
  };
}

/** A configured, unlocked state with one TPM source. */
export function readyState(overrides: Partial<PopupState> = {}): PopupState {
  return {
    configured: true,
    hasPassphrase: true,
    locked: false,
    sources: [
      {
        id: 'src1',
        kind: 'tpm',
        name: 'Company TPM',
        baseUrl: 'https://tpm.example.test/',
        authKind: 'tpm-basic',
        username: 'alice',
        entryCount: 10_000,
        lastSyncAt: new Date().toISOString(),
      },
    ],
    ...overrides,
  };
}
