/** The inline menu: the frame's matching entries; a pick fills the frame it was opened from. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MenuEntry, MenuState } from '../../messages';
import { send } from '../client';
import { t } from '../i18n';
import { GenerateAction } from './generate-action';
import { MenuEntries } from './menu-entries';
import { NoMatches } from './no-matches';
import { watchReallyVisible } from './really-visible';

type Note = 'refused' | 'hidden' | undefined;

const close = () => parent.postMessage({ type: 'close' }, '*');

export function InlineMenu({ token }: { token: string }) {
  const [state, setState] = useState<MenuState | 'error'>();
  const [confirm, setConfirm] = useState<MenuEntry>();
  const [note, setNote] = useState<Note>();
  const visible = useRef<() => boolean>(() => false);

  useEffect(() => {
    visible.current = watchReallyVisible(document.body, token);
    send('inlineMenuState', { token }).then(setState, () => setState('error'));
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [token]);

  useEffect(() => {
    parent.postMessage({ type: 'height', height: document.documentElement.scrollHeight }, '*');
  });

  async function pick(item: MenuEntry, confirmed: boolean, event: Event) {
    // Only a real user's action on a menu the user can really see.
    if (!event.isTrusted) return;
    if (!visible.current()) return setNote('hidden');
    const result = await send('inlineMenuFill', { token, entryId: item.entry.id, confirmed }).catch(() => ({
      status: 'refused' as const,
      otp: undefined,
    }));
    if (result.status === 'confirm') return setConfirm(item);
    if (result.status === 'refused') return setNote('refused');
    if (result.otp) await navigator.clipboard.writeText(result.otp).catch(() => undefined);
    close();
  }

  if (state === undefined) return <p class="menu-note">{t('popupLoading')}</p>;
  if (state === 'error') return <p class="menu-note">{t('autofillMenuGone')}</p>;
  return (
    <div>
      <div class="menu-head">{t('autofillMenuHeading', state.host)}</div>
      {state.generate && <GenerateAction token={token} canAct={() => visible.current()} />}
      {note && (
        <p class="menu-note" role="alert">
          {t(note === 'hidden' ? 'autofillNotVisible' : 'autofillRefused')}
        </p>
      )}
      {confirm ? (
        <div>
          <p class="menu-note" role="alert">
            {t('autofillAskFirst', confirm.entry.name)}
          </p>
          <div class="menu-actions">
            <button type="button" onClick={(e) => void pick(confirm, true, e)}>
              {t('autofillFillAnyway')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirm(undefined)}>
              {t('autofillCancel')}
            </button>
          </div>
        </div>
      ) : state.entries.length > 0 ? (
        <MenuEntries entries={state.entries} onPick={(item, e) => void pick(item, false, e)} />
      ) : (
        <NoMatches locked={state.locked} />
      )}
    </div>
  );
}
