/**
 * A page's main-thread time from a Chromium trace: all of it, and the part that is our content script's (the
 * detector's module, its callbacks and timers, the loader), both read from one trace of the same thread. Time is the
 * thread's CPU time (`tdur`), not the wall time of its tasks: on a busy machine a task's wall time also counts the
 * moments the thread waited for a core.
 */
import type { BrowserContext } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; worldId?: number; worldName?: string; data?: { url?: string }; beginData?: { url?: string } };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel'].join(',');

export interface Trace {
  events: TraceEvent[];
  /** How long the trace ran, from the navigation on. */
  windowMs: number;
}

/**
 * Records a trace of loading `url` in a new tab of `context`: `windowMs` from the navigation on, or until
 * `afterLoadMs` after the load event if that is later (on a busy machine a huge page can take longer than the window
 * to load, and a content script runs only once it has).
 */
export async function traceLoad(context: BrowserContext, url: string, windowMs: number, afterLoadMs: number): Promise<Trace> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  const started = Date.now();
  // Generous: a 200,000-element page under tracing takes minutes to load on a shared, loaded machine.
  await page.goto(url, { waitUntil: 'load', timeout: 300_000 });
  const end = Math.max(started + windowMs, Date.now() + afterLoadMs);
  await page.waitForTimeout(end - Date.now());
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  return { events, windowMs: end - started };
}

/** Complete events ('X', or 'B'/'E' pairs closed at the end of the trace) of one thread, in start order. */
function spans(events: TraceEvent[], pid: number, tid: number, end: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid) continue;
    if (e.ph === 'X') out.push(e);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin)
        out.push({
          ...begin,
          ph: 'X',
          dur: e.ts - begin.ts,
          tdur: e.tts !== undefined && begin.tts !== undefined ? e.tts - begin.tts : undefined,
        });
    }
  }
  for (const begin of open) out.push({ ...begin, ph: 'X', dur: end - begin.ts, tdur: undefined });
  return out.sort((a, b) => a.ts - b.ts);
}

/**
 * CPU time of the events `pick` chooses, an event nested in a chosen one counted once, each scaled to the part of
 * it inside [from, to].
 */
function outermost(events: TraceEvent[], pick: (e: TraceEvent) => boolean, from: number, to: number): number {
  let total = 0;
  let coveredUntil = -Infinity;
  for (const e of events) {
    if (!pick(e) || e.ts < coveredUntil) continue;
    const dur = e.dur ?? 0;
    const inside = Math.min(e.ts + dur, to) - Math.max(e.ts, from);
    if (inside > 0) total += (e.tdur ?? dur) * (dur > 0 ? inside / dur : 1);
    coveredUntil = e.ts + dur;
  }
  return total / 1000;
}

const EXTENSION_URL = /^chrome-extension:\/\//;

/** Runs of script that are an extension's: its files (loader, modules, callbacks) and its isolated world's module evaluation. */
function isExtensions(e: TraceEvent): boolean {
  const url = e.args?.data?.url;
  if (url)
    return EXTENSION_URL.test(url) && /^(FunctionCall|EvaluateScript|v8\.compile|v8\.compileModule|v8\.produceModuleCache)$/.test(e.name);
  // A content script's module runs in its extension's isolated world (world 0 is the page's; Playwright's own worlds are named so).
  return e.name === 'v8.evaluateModule' && !!e.args?.worldId && !e.args.worldName?.startsWith('__playwright');
}

/**
 * Main-thread time of the page at `pageUrl` in a trace: `total` (every task of its renderer's main thread) and
 * `extension` (the part spent running extension scripts, with the style and layout work they forced), in ms.
 */
export function mainThreadTime({ events, windowMs }: Trace, pageUrl: string): { total: number; extension: number } {
  const threadNames = new Map(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]),
  );
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain',
  );
  if (!parse) throw new Error(`no main thread parsed ${pageUrl} in the trace`);
  // A loop, not Math.min(...): a slow load's trace has more events than a call's arguments may be.
  const from = events.reduce((min, e) => (e.ts > 0 && e.ph !== 'M' && e.ts < min ? e.ts : min), Infinity);
  const to = from + windowMs * 1000;
  const thread = spans(events, parse.pid, parse.tid, to);
  return {
    total: outermost(thread, (e) => e.name === 'RunTask', from, to),
    extension: outermost(thread, isExtensions, from, to),
  };
}
