import { describe, expect, it } from 'vitest';
import { tpmRequestHash } from '../../../../src/api/tpm/auth';
import { TpmClient } from '../../../../src/api/tpm/client';
import { abortableDelay, fakeFetch, jsonResponse, type RecordedCall } from './fake-fetch';
import { fixture } from './fixtures';

const ITEM = (fixture('passwords.json') as Record<string, unknown>[])[0];
const item = (id: number) => ({ ...ITEM, id, project: { id: String(id % 7), name: 'P' } });

/** A paged server of `total` items with `delayMs` per request; tracks how many requests run at once. */
function pagedServer(total: number, delayMs: number, pageSize = 20) {
  let inFlight = 0;
  let maxInFlight = 0;
  const pages = Math.ceil(total / pageSize);
  const handler = async (call: RecordedCall) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await abortableDelay(delayMs, call.signal);
      if (call.url.endsWith('/count.json')) return jsonResponse(200, { num_items: total, num_pages: pages, num_items_per_page: pageSize });
      const page = Number(/\/page\/(\d+)\.json$/.exec(call.url)?.[1] ?? 1);
      const ids = Array.from({ length: pageSize }, (_, i) => (page - 1) * pageSize + i + 1).filter((id) => id <= total);
      return jsonResponse(200, ids.map(item));
    } finally {
      inFlight--;
    }
  };
  return { handler, stats: () => ({ maxInFlight }) };
}

describe('parallel pages', () => {
  it('reads count.json, then all pages with at most `concurrency` in flight', async () => {
    const server = pagedServer(195, 25);
    const { fetch, calls } = fakeFetch(server.handler);
    const client = new TpmClient({
      baseUrl: 'https://h',
      auth: { kind: 'basic', username: 'u', password: 'p' },
      fetch,
      apiVersion: 'v5',
      concurrency: 4,
    });
    const items = await client.listPasswords();
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: 195 }, (_, i) => i + 1));
    expect(calls[0].url).toBe('https://h/index.php/api/v5/passwords/count.json');
    expect(
      calls
        .slice(1)
        .map((c) => c.url.replace('https://h/index.php/api/v5/passwords/', ''))
        .sort(),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `page/${i + 1}.json`).sort());
    // Four at once, and never more: count + ceil(10 / 4) rounds instead of 11 requests one after another.
    expect(server.stats().maxInFlight).toBe(4);
  });

  it('reports progress in items: 0 of the total after the count, then after each page', async () => {
    const server = pagedServer(45, 1);
    const { fetch } = fakeFetch(server.handler);
    const client = new TpmClient({
      baseUrl: 'https://h',
      auth: { kind: 'basic', username: 'u', password: 'p' },
      fetch,
      apiVersion: 'v5',
      concurrency: 1,
    });
    const progress: [number, number][] = [];
    await client.listPasswords({ onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [0, 45],
      [20, 45],
      [40, 45],
      [45, 45],
    ]);
    const linked: [number, number][] = [];
    const { fetch: fetch2 } = fakeFetch((call) =>
      jsonResponse(
        200,
        call.url.includes('page/2') ? [item(3)] : [item(1), item(2)],
        call.url.includes('page/2') ? {} : { Link: '<https://h/index.php/api/v5/passwords/page/2.json>; rel="next"' },
      ),
    );
    const client2 = new TpmClient({
      baseUrl: 'https://h',
      auth: { kind: 'basic', username: 'u', password: 'p' },
      fetch: fetch2,
      apiVersion: 'v5',
    });
    await client2.listPasswords({ strategy: 'links', onProgress: (done, total) => linked.push([done, total]) });
    expect(linked).toEqual([
      [2, 0],
      [3, 0],
    ]);
  });

  it('reads nothing more when the list is empty', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(200, { num_items: 0, num_pages: 0, num_items_per_page: 20 }));
    const client = new TpmClient({ baseUrl: 'https://h', auth: { kind: 'basic', username: 'u', password: 'p' }, fetch, apiVersion: 'v5' });
    expect(await client.searchMyPasswords('nothing here')).toEqual([]);
    expect(calls.map((c) => c.url)).toEqual(['https://h/index.php/api/v5/my_passwords/search/nothing%20here/count.json']);
  });

  it('drops duplicates when pages overlap (the list changed while reading)', async () => {
    const { fetch } = fakeFetch((call) =>
      call.url.endsWith('count.json')
        ? jsonResponse(200, { num_items: 3, num_pages: 2, num_items_per_page: 2 })
        : jsonResponse(200, call.url.includes('page/1') ? [item(1), item(2)] : [item(2), item(3)]),
    );
    const client = new TpmClient({ baseUrl: 'https://h', auth: { kind: 'basic', username: 'u', password: 'p' }, fetch, apiVersion: 'v5' });
    expect((await client.listPasswords()).map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it('stops the other pages at the first failure and reports it', async () => {
    const server = pagedServer(400, 10);
    const { fetch, calls } = fakeFetch((call) =>
      call.url.endsWith('/page/3.json') ? jsonResponse(500, { error: true, message: 'Boom' }) : server.handler(call),
    );
    const client = new TpmClient({
      baseUrl: 'https://h',
      auth: { kind: 'basic', username: 'u', password: 'p' },
      fetch,
      apiVersion: 'v5',
      concurrency: 3,
    });
    await expect(client.listPasswords()).rejects.toMatchObject({ code: 'server', message: expect.stringContaining('Boom') });
    expect(calls.length).toBeLessThan(10);
  });

  it('is cancellable: aborting stops further requests', async () => {
    const server = pagedServer(2000, 20);
    const { fetch, calls } = fakeFetch(server.handler);
    const client = new TpmClient({
      baseUrl: 'https://h',
      auth: { kind: 'basic', username: 'u', password: 'p' },
      fetch,
      apiVersion: 'v5',
      concurrency: 2,
    });
    const controller = new AbortController();
    const pending = client.listPasswords({ signal: controller.signal });
    setTimeout(() => controller.abort(), 70);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    const seen = calls.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(calls.length).toBe(seen);
    expect(seen).toBeLessThan(12);
  });

  it('refuses absurd page counts', async () => {
    const { fetch } = fakeFetch(() => jsonResponse(200, { num_items: 1e9, num_pages: 5e7, num_items_per_page: 20 }));
    const client = new TpmClient({ baseUrl: 'https://h', auth: { kind: 'basic', username: 'u', password: 'p' }, fetch, apiVersion: 'v5' });
    await expect(client.listPasswords()).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('Link: rel="next"', () => {
  it('follows next links, re-encoding a decoded search string and signing the re-encoded path', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      const page = Number(/\/page\/(\d+)\.json$/.exec(call.url)?.[1] ?? 1);
      const headers: Record<string, string> =
        page < 3
          ? { Link: `<https://h/tpm/index.php/api/v5/passwords/search/access:example.com is:active/page/${page + 1}.json>; rel="next"` }
          : {};
      return jsonResponse(200, [item(page * 10), item(page * 10 + 1)], headers);
    });
    const client = new TpmClient({
      baseUrl: 'https://h/tpm',
      auth: { kind: 'hmac', publicKey: 'pk', privateKey: 'sk' },
      fetch,
      apiVersion: 'v5',
    });
    const items = await client.searchPasswords('access:example.com is:active', { strategy: 'links' });
    expect(items.map((i) => i.id)).toEqual([10, 11, 20, 21, 30, 31]);
    const q = 'access%3Aexample.com%20is%3Aactive';
    expect(calls.map((c) => c.url)).toEqual([
      `https://h/tpm/index.php/api/v5/passwords/search/${q}.json`,
      `https://h/tpm/index.php/api/v5/passwords/search/${q}/page/2.json`,
      `https://h/tpm/index.php/api/v5/passwords/search/${q}/page/3.json`,
    ]);
    const last = calls[2];
    expect(last.headers['X-Request-Hash']).toBe(
      await tpmRequestHash('sk', `api/v5/passwords/search/${q}/page/3.json`, last.headers['X-Request-Timestamp'], ''),
    );
  });

  it('stops at an empty page even if a link is present', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      jsonResponse(200, call.url.includes('page/2') ? [] : [item(1)], {
        Link: '<https://h/index.php/api/v5/my_passwords/page/2.json>; rel="next"',
      }),
    );
    const client = new TpmClient({ baseUrl: 'https://h', auth: { kind: 'basic', username: 'u', password: 'p' }, fetch, apiVersion: 'v5' });
    expect(await client.listProjects({ strategy: 'links' })).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });
});
