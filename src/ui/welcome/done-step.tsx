/** Step 3: the servers as they sync, and the three things to try now (with the shortcut as the browser has it). */
import { useEffect, useState } from 'preact/hooks';
import browser from '../../browser';
import { OPTIONS_PAGE } from '../../extension-pages';
import type { SourceStatus } from '../../messages';
import { focusOnMount } from '../focus-on-mount';
import { t } from '../i18n';
import { ServerState } from '../server-state';
import { kindName, signedInText, type Identity } from '../server-setup/sign-in-step';

/** The fill shortcut as the user has it now (they may have changed or removed it). */
function useFillShortcut(): string | undefined {
  const [shortcut, setShortcut] = useState<string>();
  useEffect(() => {
    browser.commands.getAll().then(
      (all) => setShortcut(all.find((c) => c.name === 'fill-best-match')?.shortcut || ''),
      () => setShortcut(''),
    );
  }, []);
  return shortcut;
}

export function DoneStep(props: {
  sources: SourceStatus[];
  connected?: { sourceId: string; identity: Identity };
  onAddAnother: () => void;
}) {
  const shortcut = useFillShortcut();
  return (
    <section aria-labelledby="done-title">
      <h2 id="done-title" tabIndex={-1} ref={focusOnMount}>
        {t('welcomeDoneTitle')}
      </h2>
      <ul class="plain done-servers">
        {props.sources.map((source) => (
          <li key={source.id}>
            <strong>{source.name}</strong> <span class="muted">· {kindName(source.kind)}</span>
            {props.connected?.sourceId === source.id && <span class="muted"> · {signedInText(source.kind, props.connected.identity)}</span>}
            <ServerState source={source} />
          </li>
        ))}
      </ul>
      <h3>{t('welcomeTryTitle')}</h3>
      <ol class="tips">
        <li>
          <strong>{t('tryLoginTitle')}</strong> {t('tryLoginText')}
        </li>
        <li>
          <strong>{t('tryToolbarTitle')}</strong> {t('tryToolbarText')}
        </li>
        <li>
          {shortcut ? (
            <>
              <strong>{t('tryShortcutTitle', shortcut)}</strong> {t('tryShortcutText')}
            </>
          ) : (
            <>
              <strong>{t('tryNoShortcutTitle')}</strong> {t('tryNoShortcutText')}
            </>
          )}
        </li>
      </ol>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onAddAnother}>
          {t('addAnotherServer')}
        </button>
        <a class="button secondary" href={browser.runtime.getURL(OPTIONS_PAGE)}>
          {t('openSettings')}
        </a>
      </div>
    </section>
  );
}
