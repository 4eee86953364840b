/**
 * What the user should know about the servers above the list: a server that failed (why, when it last
 * worked, retry) and a read-only role. The cached list below stays usable in every case.
 */
import { useState } from 'preact/hooks';
import type { SourceStatus } from '../../messages';
import { RemoteError } from '../../errors';
import { send } from '../client';
import { ErrorNote } from '../error-note';
import { errorParts } from '../error-text';
import { formatAgo } from '../format-time';
import { t } from '../i18n';

/** Why the last sync failed, in words (for "could not be reached" the lead says it all: the hint and detail remain). */
const parts = (s: SourceStatus) => errorParts(new RemoteError(s.lastError!.code, s.lastError!.message));

export function StatusBanner(props: { sources: SourceStatus[] }) {
  const [retrying, setRetrying] = useState(false);
  const retry = async (id: string) => {
    setRetrying(true);
    await send('syncNow', { id }).catch(() => undefined);
    setRetrying(false);
  };
  const failed = props.sources.filter((s) => s.lastError && !s.progress);
  const readOnly = props.sources.filter((s) => s.readOnly);
  const named = props.sources.length > 1;
  return (
    <div class="banners" role="status" aria-live="polite">
      {failed.map((s) => {
        const unreachable = s.lastError!.code === 'network' || s.lastError!.code === 'timeout';
        const lead = named
          ? t(unreachable ? 'serverFailedNamed' : 'serverSyncFailedNamed', s.name)
          : t(unreachable ? 'serverFailed' : 'serverSyncFailed');
        return (
          <div class="banner error" key={`err-${s.id}`}>
            <ErrorNote lead={lead} parts={{ ...parts(s), ...(unreachable ? { text: '' } : {}) }} />
            <p class="banner-foot">
              {s.lastSyncAt ? t('lastSync', formatAgo(s.lastSyncAt)) : t('neverSynced')}{' '}
              <button type="button" class="secondary small" onClick={() => retry(s.id)} disabled={retrying}>
                {retrying ? t('syncing') : t('retry')}
              </button>
            </p>
          </div>
        );
      })}
      {readOnly.map((s) => (
        <p class="banner" key={`ro-${s.id}`}>
          {t('readOnly', s.name)}
        </p>
      ))}
    </div>
  );
}

/** A line of fixed height under the list: a running sync shows there without moving the list. */
export function SyncLine(props: { sources: SourceStatus[] }) {
  const syncing = props.sources.find((s) => s.progress);
  return (
    <p class="sync-line" role="status">
      {syncing && (
        <>
          {t('syncRunning', props.sources.length > 1 ? syncing.name : '')} <SyncProgress source={syncing} />
        </>
      )}
    </p>
  );
}

export function SyncProgress(props: { source: SourceStatus }) {
  const { done, total } = props.source.progress ?? { done: 0, total: 0 };
  return (
    <progress
      value={total > 0 ? done : undefined}
      max={total > 0 ? total : undefined}
      aria-label={total > 0 ? t('syncProgress', [String(done), String(total)]) : t('syncCounting')}
    />
  );
}
