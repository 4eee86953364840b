/** Fault injection shared by the simulators: latency, error statuses, broken bodies, dropped connections. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FaultRule {
  /** Which requests: a substring or a regular expression tested against `METHOD path` (e.g. `GET /index.php/api/v5/passwords`). */
  match?: string | RegExp;
  /** Added before answering, in ms. */
  latencyMs?: number;
  /** Answer with this status and a generic error body instead of the real answer. */
  status?: number;
  /** Replace the real body: cut in half, an HTML error page, non-JSON garbage, or nothing. */
  body?: 'truncated' | 'html' | 'garbage' | 'empty';
  /** Destroy the socket without answering; the handler never runs (the request did not reach the server). */
  drop?: boolean;
  /**
   * Run the handler (the server applies the request: a POST creates its record), then destroy the socket without
   * answering: the reply is lost. The case a client must not answer by simply sending the POST again.
   */
  dropAfter?: boolean;
  /** Never answer (until the client gives up). */
  hang?: boolean;
  /** Send the real body slowly, one chunk every `slowMs`. */
  slowMs?: number;
  /** With `status`: a `Retry-After` header (seconds), as a rate-limiting or maintenance server sends it. */
  retryAfter?: number;
  /** How many matching requests this rule applies to; unlimited when absent. */
  times?: number;
}

/** What a handler answers. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The endpoint a request key belongs to: numbers (ids, page numbers) become `{n}` and a search string `{q}`, so
 * `GET /index.php/api/v5/passwords/page/7.json` counts as `GET /index.php/api/v5/passwords/page/{n}.json`.
 */
export function endpointOf(key: string): string {
  return key.replace(/\/search\/[^/]+?(?=\/count\.json$|\/page\/\d+\.json$|\.json$)/, '/search/{q}').replace(/\/\d+(?=[/.]|$)/g, '/{n}');
}

/** A set of rules applied in order; the first rule that matches a request decides its fault. */
export class Faults {
  private rules: FaultRule[] = [];
  /** Latency added to every request (the "30 ms server" of the budgets). */
  latencyMs = 0;
  /** Every request seen, as `METHOD path`, so tests can count what reached the server. */
  readonly log: string[] = [];
  /** Requests being answered now (from arrival until the answer is sent), and the most there were at once. */
  inFlight = 0;
  peakInFlight = 0;
  /** How it waits (latency, slow bodies): replaceable, so a test can see which requests were delayed and by what. */
  delay: (ms: number) => Promise<void> = sleep;

  /** Requests seen so far per endpoint (see {@link endpointOf}), and their total. */
  counts(): { count: number; byEndpoint: Record<string, number> } {
    const byEndpoint: Record<string, number> = {};
    for (const key of this.log) byEndpoint[endpointOf(key)] = (byEndpoint[endpointOf(key)] ?? 0) + 1;
    return { count: this.log.length, byEndpoint };
  }

  add(rule: FaultRule): this {
    this.rules.push({ ...rule });
    return this;
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  /** The rule for this request, counting it against `times`. */
  take(method: string, path: string): FaultRule | undefined {
    return this.takeKey(`${method} ${path}`);
  }

  /** The rule for a request identified by a full key (e.g. `POST /api.php account/search` for JSON-RPC routes). */
  takeKey(key: string): FaultRule | undefined {
    this.log.push(key);
    const index = this.rules.findIndex((r) =>
      r.match === undefined ? true : typeof r.match === 'string' ? key.includes(r.match) : r.match.test(key),
    );
    if (index < 0) return undefined;
    const rule = this.rules[index];
    if (rule.times !== undefined && --rule.times <= 0) this.rules.splice(index, 1);
    return rule;
  }

  /**
   * Wraps a handler's answer. `produce` computes the real status, headers and body; the fault (if any) decides
   * what actually reaches the client.
   */
  async respond(
    req: IncomingMessage,
    res: ServerResponse,
    produce: () => Promise<Answer> | Answer,
    /** Overrides the `METHOD path` key rules are matched against (JSON-RPC servers append the RPC method). */
    key?: string,
  ): Promise<void> {
    this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
    try {
      await this.answer(req, res, produce, key);
    } finally {
      this.inFlight--;
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse, produce: () => Promise<Answer> | Answer, key?: string): Promise<void> {
    const rule = key !== undefined ? this.takeKey(key) : this.take(req.method ?? 'GET', new URL(req.url ?? '/', 'http://sim').pathname);
    const latency = this.latencyMs + (rule?.latencyMs ?? 0);
    if (latency > 0) await this.delay(latency);
    if (rule?.hang) return; // the socket stays open until the client aborts or the server closes
    if (rule?.drop) {
      req.socket.destroy();
      return;
    }
    let { status, headers, body } = await produce();
    if (rule?.dropAfter) {
      req.socket.destroy();
      return;
    }
    if (rule?.status) {
      status = rule.status;
      body = JSON.stringify({ error: true, type: 'Server error', message: `Simulated ${rule.status}` });
      headers = { 'Content-Type': 'application/json; charset=utf-8' };
      if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
    }
    if (rule?.body === 'truncated') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    if (rule?.body === 'html') {
      headers = { 'Content-Type': 'text/html; charset=utf-8' };
      body = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
    }
    if (rule?.body === 'garbage') body = `<br />\n<b>Warning</b>: Undefined index in /var/www/x.php on line 12<br />\n${body}`;
    if (rule?.body === 'empty') body = '';
    if (rule?.slowMs) {
      res.writeHead(status, headers);
      for (let i = 0; i < body.length; i += 64) {
        if (res.destroyed) return;
        res.write(body.slice(i, i + 64));
        await this.delay(rule.slowMs);
      }
      res.end();
      return;
    }
    res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a request body as text (the simulators need the raw bytes for HMAC checks). */
export function readBody(req: IncomingMessage, limit = 8 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.socket.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
