/** A server's state at a glance: syncing (how far), or its entries, last and next sync; a failure with its reason and fix. */
import type { SourceStatus } from '../messages';
import { RemoteError } from '../errors';
import { ErrorNote } from './error-note';
import { errorParts } from './error-text';
import { formatAgo } from './format-time';
import { t } from './i18n';

export function ServerState(props: { source: SourceStatus; nextSyncAt?: string }) {
  const { source } = props;
  if (source.progress) {
    const { done, total } = source.progress;
    const known = total > 0;
    return (
      <p class="server-state syncing" role="status">
        <progress value={known ? done : undefined} max={known ? total : undefined} aria-label={t('syncRunning', source.name)} />{' '}
        {known ? t('syncProgress', [String(done), String(total)]) : t('syncCounting')}
      </p>
    );
  }
  return (
    <>
      <dl class="server-facts">
        <div>
          <dt>{t('factEntries')}</dt>
          <dd>{source.entryCount.toLocaleString(t('lang'))}</dd>
        </div>
        <div>
          <dt>{t('factLastSync')}</dt>
          <dd>{source.lastSyncAt ? formatAgo(source.lastSyncAt) : t('factNever')}</dd>
        </div>
        {props.nextSyncAt && (
          <div>
            <dt>{t('factNextSync')}</dt>
            <dd>{formatAgo(props.nextSyncAt)}</dd>
          </div>
        )}
      </dl>
      {source.lastError && (
        <ErrorNote
          class="server-error"
          lead={t('syncFailed')}
          parts={errorParts(new RemoteError(source.lastError.code, source.lastError.message))}
        />
      )}
    </>
  );
}
