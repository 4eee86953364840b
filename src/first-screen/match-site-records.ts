/**
 * Matches a page against the site records the worker keeps (the match index's entries by lookup key), with the
 * worker's own matcher, on the few entries filed under the page's lookup keys. Loaded only when the tab has no
 * record of its page's entries (see `reader.ts`): it brings the matcher and the Public Suffix List.
 */
import browser from '../browser';
import { SITE_KEY_PREFIX, unpackSiteRecord, type SiteEntry } from './records';
import type { EntrySummary } from '../messages';
import { buildMatchIndex, matchPage, type MatchStrategy } from '../vault/match';
import { pageLookupKeys } from '../vault/match-keys';

export async function matchSiteRecords(url: string, generation: string, defaultStrategy: MatchStrategy): Promise<EntrySummary[]> {
  const keys = pageLookupKeys(url);
  if (keys.length === 0) return [];
  const records = await browser.storage.session.get(keys.map((key) => SITE_KEY_PREFIX + key));
  const candidates = new Map<string, SiteEntry>();
  for (const record of Object.values(records))
    for (const entry of unpackSiteRecord(record, generation) ?? []) candidates.set(entry.summary.id, entry);
  if (candidates.size === 0) return [];
  const matchable = [...candidates.values()].map(({ urls, summary }) => ({ id: summary.id, sourceId: summary.sourceId, urls }));
  return matchPage(buildMatchIndex(matchable, { defaultStrategy }), url).map((match) => candidates.get(match.entryId)!.summary);
}
