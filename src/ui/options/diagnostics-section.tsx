/**
 * Diagnostics: the errors the extension handled on its own in this browser session (what failed where, and when;
 * never a password, an address or a user name), and a Copy button so the user can hand them to support.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../../browser';
import type { DiagnosticRecord } from '../../messages';
import { send } from '../client';
import { copyText } from '../copy-text';
import { errorText } from '../error-text';
import { t } from '../i18n';

const line = (r: DiagnosticRecord) =>
  `${new Date(r.at).toISOString()} ${r.where} ${r.code}${r.name ? ` ${r.name}` : ''}${r.count > 1 ? ` ×${r.count}` : ''}`;

/** The text support gets: the extension's version and browser, then one line per error, the newest first. */
function diagnosticsReport(records: DiagnosticRecord[]): string {
  return [
    `${browser.runtime.getManifest().name} ${browser.runtime.getManifest().version}`,
    navigator.userAgent,
    ...records.map(line).reverse(),
  ].join('\n');
}

export function DiagnosticsSection() {
  const [records, setRecords] = useState<DiagnosticRecord[]>();
  const [status, setStatus] = useState('');
  useEffect(() => {
    send('getDiagnostics', {}).then(setRecords, (error: unknown) => setStatus(errorText(error)));
  }, []);
  const copy = async () => {
    const latest = await send('getDiagnostics', {}).catch(() => records ?? []);
    setRecords(latest);
    await copyText(diagnosticsReport(latest)).then(
      () => setStatus(t('diagnosticsCopied')),
      (error: unknown) => setStatus(errorText(error)),
    );
  };
  return (
    <div class="card">
      <p>{t('diagnosticsText')}</p>
      {records && records.length === 0 && <p>{t('diagnosticsNone')}</p>}
      {records && records.length > 0 && (
        <ul class="plain diagnostics">
          {[...records].reverse().map((r) => (
            <li key={`${r.at}-${r.where}`}>
              <time dateTime={new Date(r.at).toISOString()}>{new Date(r.at).toLocaleString(t('lang'))}</time> <code>{r.where}</code>{' '}
              {r.code}
              {r.name ? ` (${r.name})` : ''}
              {r.count > 1 ? ` ×${r.count}` : ''}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="secondary" onClick={() => void copy()} disabled={!records}>
        {t('copy')}
      </button>{' '}
      <span role="status">{status}</span>
    </div>
  );
}
