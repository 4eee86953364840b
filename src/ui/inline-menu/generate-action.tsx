/** "Generate strong password": offered in the menu of a new-password field; fills the field and its confirmation. */
import { useState } from 'preact/hooks';
import { send } from '../client';
import { t } from '../i18n';

export function GenerateAction(props: { token: string; canAct(): boolean }) {
  const [note, setNote] = useState('');
  const generate = async (event: Event) => {
    // Only a real user's click on a menu the user can really see.
    if (!event.isTrusted) return;
    if (!props.canAct()) return setNote(t('autofillNotVisible'));
    const result = await send('inlineMenuGenerate', { token: props.token }).catch(() => ({ status: 'refused' as const }));
    if (result.status === 'refused') setNote(t('generateRefused'));
  };
  return (
    <div class="menu-actions menu-generate">
      <button type="button" onClick={(e) => void generate(e)}>
        {t('generateStrong')}
      </button>
      {note && (
        <p class="menu-note" role="alert">
          {note}
        </p>
      )}
    </div>
  );
}
