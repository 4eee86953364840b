/** Nothing for this site (or locked): search the vault, or open the extension. */
import { useState } from 'preact/hooks';
import browser from '../../browser';
import type { EntrySummary } from '../../messages';
import { send } from '../client';
import { t } from '../i18n';

async function openExtension(): Promise<void> {
  try {
    await (browser.action as { openPopup?: () => Promise<void> }).openPopup?.();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('src/ui/popup/index.html') });
  }
  parent.postMessage({ type: 'close' }, '*');
}

export function NoMatches({ locked }: { locked: boolean }) {
  const [found, setFound] = useState<EntrySummary[]>([]);
  const search = (text: string) => {
    if (!text.trim()) return setFound([]);
    send('search', { text, limit: 8 }).then(setFound, () => setFound([]));
  };
  return (
    <div>
      <p class="menu-note">{t(locked ? 'popupLockedTitle' : 'autofillNoMatches')}</p>
      {!locked && (
        <>
          <input
            class="menu-search"
            type="search"
            placeholder={t('autofillSearch')}
            aria-label={t('autofillSearch')}
            onInput={(e) => search(e.currentTarget.value)}
          />
          {found.length > 0 && (
            <ul class="menu-list">
              {found.map((e) => (
                <li key={e.id}>
                  <button type="button" onClick={() => void openExtension()} title={t('autofillNotForSite')}>
                    {e.name}
                    <small>{t('autofillNotForSite')}</small>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div class="menu-actions">
        <button type="button" class="secondary" onClick={() => void openExtension()}>
          {t('autofillOpenExtension')}
        </button>
      </div>
    </div>
  );
}
