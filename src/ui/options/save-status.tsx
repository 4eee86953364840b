/** The autosave's confirmation: "Saved" with an Undo, at the bottom of the view, announced politely. */
import { t } from '../i18n';
import type { SaveStatus } from './use-autosave';

export function SaveStatusBar(props: { status?: SaveStatus; onUndo: () => void }) {
  const { status } = props;
  return (
    <div class={`save-status ${status ? status.kind : 'idle'}`} role="status">
      {status?.kind === 'saving' && t('autosaveSaving')}
      {status?.kind === 'saved' && (
        <>
          <span>{t('autosaveSaved')}</span>
          {status.canUndo && (
            <button type="button" class="link" onClick={props.onUndo}>
              {t('undo')}
            </button>
          )}
        </>
      )}
      {status?.kind === 'undone' && t('autosaveUndone')}
      {status?.kind === 'failed' && <span class="error">{t('autosaveFailed', status.text)}</span>}
    </div>
  );
}
