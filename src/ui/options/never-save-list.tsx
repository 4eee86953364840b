/** The sites where "Never for this site" switched saving off, each with the way back (and an undo of that). */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { AlertText } from '../error-note';

export function NeverSaveList() {
  const [origins, setOrigins] = useState<string[]>();
  const [allowed, setAllowed] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    send('listNeverSave', {}).then(setOrigins, (caught: unknown) => setError(errorText(caught)));
  }, []);
  const change = async (origin: string, never: boolean) => {
    try {
      const index = origins?.indexOf(origin) ?? -1;
      setOrigins(await send('setNeverSave', { origin, never }));
      setAllowed(never ? undefined : origin);
      setError(undefined);
      // The keyboard stays in the list: on the next site's button, or on the undo.
      requestAnimationFrame(() => {
        const buttons = document.querySelectorAll<HTMLElement>('.never-save button.allow');
        (never
          ? document.getElementById('never-save-heading')
          : (buttons[Math.min(index, buttons.length - 1)] ?? document.getElementById('never-save-undo'))
        )?.focus();
      });
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <section class="card never-save" aria-labelledby="never-save-heading">
      <h3 id="never-save-heading" tabIndex={-1}>
        {t('neverSaveHeading')}
      </h3>
      <p class="muted">{t('neverSaveText')}</p>
      {origins && origins.length === 0 && <p>{t('neverSaveNone')}</p>}
      {origins && origins.length > 0 && (
        <ul class="plain origin-list">
          {origins.map((origin) => (
            <li key={origin}>
              <span class="url">{origin}</span>
              <button
                type="button"
                class="small secondary allow"
                onClick={() => void change(origin, false)}
                aria-label={t('neverSaveAllowFor', origin)}
              >
                {t('neverSaveAllow')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="ok">
        {allowed && (
          <>
            {t('neverSaveAllowed', allowed)}{' '}
            <button type="button" id="never-save-undo" class="link" onClick={() => void change(allowed, true)}>
              {t('undo')}
            </button>
          </>
        )}
      </p>
      <AlertText text={error} />
    </section>
  );
}
