/** Sorts incoming messages into trust tiers, checks their bodies, and runs the typed handler. */
import type { Runtime } from 'webextension-polyfill';
import * as v from 'valibot';
import { AppError, toErrorReply } from '../errors';
import type { Body, Kind, Reply, Result } from '../messages';
import { bodySchemas, contentKinds } from '../message-schemas';

export type Handlers = { [K in Kind]: (body: Body<K>, sender: Runtime.MessageSender) => Promise<Result<K>> };

/** Every key of a list of objects. */
type KeysOf<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends object[]] ? keyof H | KeysOf<R> : never;
/** The areas unchanged when no key is in two of them; else a type no argument list fits, naming the kinds. */
type NoOverlap<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends object[]]
  ? [keyof H & KeysOf<R>] extends [never]
    ? NoOverlap<R>
    : { 'answered by two areas': keyof H & KeysOf<R> }
  : unknown;
/** The areas' handlers merged, as one type. */
type Joined<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends object[]] ? H & Joined<R> : unknown;

/**
 * Joins the areas' handler objects into one. A kind that two areas answer does not compile (a merge would keep
 * whichever comes last); assigned to {@link Handlers}, neither does a kind no area answers.
 */
export function joinHandlers<const T extends readonly Partial<Handlers>[]>(...areas: T & NoOverlap<T>): Joined<T> {
  return Object.assign({}, ...areas) as Joined<T>;
}

export interface RouterContext {
  /** `browser.runtime.id` */
  extensionId: string;
  /** `browser.runtime.getURL('')`, e.g. `chrome-extension://abc/` */
  extensionOrigin: string;
  /** Told of an unexpected failure (code `internal`) of a request of this kind: a bug, not a refusal. */
  onInternalError?: (kind: Kind, error: unknown) => void;
}

/** Returns the `onMessage` listener: every reply is `{ ok: true, value }` or `{ ok: false, code, message }`. */
export function createRouter(handlers: Handlers, ctx: RouterContext) {
  return async (message: unknown, sender: Runtime.MessageSender): Promise<Reply<Kind>> => {
    let kind: Kind | undefined;
    try {
      const request = parseRequest(message);
      kind = request.kind;
      checkSender(kind, sender, ctx);
      const parsed = v.safeParse(bodySchemas[kind], request.body);
      if (!parsed.success) throw new AppError('bad_message', `Malformed "${kind}" request: ${parsed.issues[0].message}`);
      const handler = handlers[kind] as (body: unknown, sender: Runtime.MessageSender) => Promise<Result<Kind>>;
      return { ok: true, value: await handler(parsed.output, sender) };
    } catch (error) {
      const reply = toErrorReply(error);
      if (reply.code === 'internal' && kind) ctx.onInternalError?.(kind, error);
      return { ok: false, ...reply };
    }
  };
}

function parseRequest(message: unknown): { kind: Kind; body: unknown } {
  if (typeof message !== 'object' || message === null) throw new AppError('bad_message', 'A request must be an object.');
  const { kind, body } = message as { kind?: unknown; body?: unknown };
  if (typeof kind !== 'string' || !Object.hasOwn(bodySchemas, kind)) throw new AppError('bad_message', 'Unknown request kind.');
  return { kind: kind as Kind, body };
}

/**
 * Content scripts may only ask about their own frame (they need a tab, a frame id and a web URL); every other
 * kind must come from one of our own pages.
 */
function checkSender(kind: Kind, sender: Runtime.MessageSender, ctx: RouterContext): void {
  if (sender.id !== ctx.extensionId) throw new AppError('denied', 'Requests from other extensions are refused.');
  const fromOurPage = typeof sender.url === 'string' && sender.url.startsWith(ctx.extensionOrigin);
  if (contentKinds.has(kind)) {
    const webFrame = typeof sender.url === 'string' && /^https?:\/\//.test(sender.url);
    if (!sender.tab || typeof sender.frameId !== 'number' || !webFrame) {
      throw new AppError('denied', 'This request must come from a web page frame.');
    }
    return;
  }
  if (!fromOurPage) throw new AppError('denied', 'Only the extension’s own pages may ask for this.');
}
