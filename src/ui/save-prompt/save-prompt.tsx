/** The save prompt: offers to save a submitted login (or to update a changed password) on the user's server. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SavePromptChoice, SavePromptOutcome, SavePromptState } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { watchReallyVisible } from '../inline-menu/really-visible';
import { SaveFields, type SaveDraft } from './save-fields';

const close = () => parent.postMessage({ type: 'close' }, '*');
/** How long the result stays before the prompt closes itself. */
const RESULT_MS = 6000;

function firstDraft(state: SavePromptState): SaveDraft {
  const server = state.servers.find((s) => s.places.some((p) => p.id === state.placeId)) ?? state.servers[0];
  return { sourceId: server?.id ?? '', placeId: state.placeId ?? server?.places[0]?.id ?? '', name: state.name, username: state.username, url: state.url };
}

export function SavePrompt({ token }: { token: string }) {
  const [state, setState] = useState<SavePromptState | 'error'>();
  const [draft, setDraft] = useState<SaveDraft>();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<SavePromptOutcome>();
  const [busy, setBusy] = useState(false);
  const visible = useRef<() => boolean>(() => false);

  useEffect(() => {
    visible.current = watchReallyVisible(document.body);
    send('savePromptState', { token }).then((s) => (setState(s), setDraft(firstDraft(s))), () => setState('error'));
  }, [token]);
  useEffect(() => {
    parent.postMessage({ type: 'height', height: document.documentElement.scrollHeight }, '*');
  });
  useEffect(() => {
    if (outcome && outcome.status !== 'closed') setTimeout(close, RESULT_MS);
  }, [outcome]);

  async function act(action: SavePromptChoice['action'], event: Event) {
    // Only a real user's click on a prompt the user can really see.
    if (!event.isTrusted) return;
    if (!visible.current()) return setNote(t('autofillNotVisible'));
    const choice: SavePromptChoice = { token, action };
    if (action === 'save' && draft) Object.assign(choice, { sourceId: draft.sourceId, placeId: draft.placeId, name: draft.name.trim(), username: draft.username, url: draft.url });
    if (action === 'update' && reason.trim()) choice.reason = reason.trim();
    setBusy(true);
    try {
      const result = await send('savePromptAction', choice);
      if (result.status === 'closed') return close();
      setOutcome(result);
    } catch (error) {
      setNote(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  if (state === undefined) return <p class="prompt muted">{t('popupLoading')}</p>;
  if (state === 'error') return <p class="prompt muted" role="alert">{t('savePromptGone')}</p>;
  if (outcome) {
    const done = outcome.status === 'saved' || outcome.status === 'updated';
    return (
      <div class="prompt" role="status">
        <p class={done ? 'note ok' : 'note error'}>{done ? t(outcome.status === 'saved' ? 'savedTo' : 'updatedIn', outcome.where ?? '') : t('saveQueued')}</p>
        {!done && outcome.message && <p class="note hint">{outcome.message}</p>}
        <button type="button" class="secondary small" onClick={close}>{t('saveClose')}</button>
      </div>
    );
  }
  const update = state.mode === 'update' && state.entry;
  const needsReason = update && state.entry!.lockedType === 1;
  return (
    <form class="prompt" onSubmit={(e) => e.preventDefault()}>
      <h1>{update ? t('updateTitle', state.entry!.name) : t('saveTitle', state.host)}</h1>
      {update ? (
        <p class="note muted">{[state.entry!.server, ...state.entry!.path, state.entry!.username ?? ''].filter(Boolean).join(' › ')}</p>
      ) : draft && state.servers.length > 0 ? (
        <SaveFields servers={state.servers} draft={draft} onChange={setDraft} />
      ) : null}
      {needsReason && (
        <label class="field">
          <span>{t('saveReason')}</span>
          <input name="reason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
      )}
      {note && <p class="note error" role="alert">{note}</p>}
      <div class="actions">
        {update ? (
          <button type="button" disabled={busy || (needsReason && !reason.trim())} onClick={(e) => void act('update', e)}>{t('saveUpdate')}</button>
        ) : (
          <button type="button" disabled={busy || !draft?.placeId || !draft.name.trim()} onClick={(e) => void act('save', e)}>{t('saveSave')}</button>
        )}
        <button type="button" class="secondary" disabled={busy} onClick={(e) => void act('never', e)}>{t('saveNever')}</button>
        <button type="button" class="secondary" disabled={busy} onClick={(e) => void act('dismiss', e)}>{t('saveNotNow')}</button>
      </div>
    </form>
  );
}
