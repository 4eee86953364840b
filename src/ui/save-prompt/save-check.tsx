/** Before anything is sent: fields the server cannot store (with the limit), and fields as it will store them. */
import type { SaveCheckView } from '../../save-prompt-view';
import { t } from '../i18n';

const LABEL = { name: 'saveName', username: 'saveUsername', url: 'saveUrl' } as const;

export function SaveCheck(props: { check: SaveCheckView; busy: boolean; onConfirm(e: Event): void }) {
  const { check } = props;
  return (
    <div class="save-check">
      {check.refused.map((text) => (
        <p class="note error" role="alert">
          {text}
        </p>
      ))}
      {check.refused.length === 0 && check.changed.length > 0 && (
        <>
          <p class="note" role="alert">
            {t('saveCheckChanged')}
          </p>
          <dl class="stored-as">
            {check.changed.map((c) => (
              <>
                <dt>{t(LABEL[c.field])}</dt>
                <dd>
                  <code>{c.stored === '' ? t('saveCheckEmpty') : c.stored}</code>
                </dd>
              </>
            ))}
          </dl>
          {!check.password && (
            <button type="button" disabled={props.busy} onClick={props.onConfirm}>
              {t('saveAsShown')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
