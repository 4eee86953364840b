/** The save prompt: offers to save a submitted login (or to update a changed password) on the user's server. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SavePromptChoice, SavePromptOutcome, SavePromptState } from '../../save-prompt-view';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { watchReallyVisible } from '../inline-menu/really-visible';
import { PasswordIssue } from './password-issue';
import { SaveCheck } from './save-check';
import { SaveFields, type SaveDraft } from './save-fields';
import { SaveOutcome } from './save-outcome';

const close = () => parent.postMessage({ type: 'close' }, '*');
/** How long a result stays before the prompt closes itself (a new password or a failure stays until closed). */
const RESULT_MS = 6000;
const AUTO_CLOSE = new Set(['saved', 'updated', 'queued']);

function firstDraft(state: SavePromptState): SaveDraft {
  const server = state.servers.find((s) => s.places.some((p) => p.id === state.placeId)) ?? state.servers[0];
  return {
    sourceId: server?.id ?? '',
    placeId: state.placeId ?? server?.places[0]?.id ?? '',
    name: state.name,
    username: state.username,
    url: state.url,
  };
}

export function SavePrompt({ token }: { token: string }) {
  const [state, setState] = useState<SavePromptState | 'error'>();
  const [draft, setDraft] = useState<SaveDraft>();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<SavePromptOutcome>();
  const [check, setCheck] = useState<SavePromptOutcome['check']>();
  const [busy, setBusy] = useState(false);
  const visible = useRef<() => boolean>(() => false);

  useEffect(() => {
    visible.current = watchReallyVisible(document.body, token);
    send('savePromptState', { token }).then(
      (s) => (setState(s), setDraft(firstDraft(s))),
      () => setState('error'),
    );
  }, [token]);
  useEffect(() => {
    parent.postMessage({ type: 'height', height: document.documentElement.scrollHeight }, '*');
  });
  useEffect(() => {
    if (outcome && AUTO_CLOSE.has(outcome.status)) setTimeout(close, RESULT_MS);
  }, [outcome]);

  async function act(action: SavePromptChoice['action'], event: Event, accept?: SavePromptChoice['accept']) {
    // Only a real user's click on a prompt the user can really see.
    if (!event.isTrusted) return;
    if (!visible.current()) return setNote(t('autofillNotVisible'));
    const choice: SavePromptChoice = { token, action };
    if ((action === 'save' || action === 'generate') && draft && state !== 'error' && state?.mode === 'save') {
      Object.assign(choice, {
        sourceId: draft.sourceId,
        placeId: draft.placeId,
        name: draft.name.trim(),
        username: draft.username,
        url: draft.url,
      });
    }
    if (action === 'update' && reason.trim()) choice.reason = reason.trim();
    if (accept) choice.accept = accept;
    setBusy(true);
    try {
      const result = await send('savePromptAction', choice);
      if (result.status === 'closed') return close();
      // Nothing was sent: the server would refuse or change something; the form stays, with why.
      if (result.status === 'check') return setCheck(result.check);
      setOutcome(result);
    } catch (error) {
      setNote(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  if (state === undefined) return <p class="prompt muted">{t('popupLoading')}</p>;
  if (state === 'error')
    return (
      <p class="prompt muted" role="alert">
        {t('savePromptGone')}
      </p>
    );
  if (outcome) return <SaveOutcome outcome={outcome} onClose={close} />;
  const update = state.mode === 'update' && state.entry;
  const needsReason = update && state.entry!.lockedType === 1;
  const passwordIssue = check?.password ?? (update ? state.passwordIssue : undefined);
  const edit = (next: SaveDraft) => (setDraft(next), setCheck(undefined));
  return (
    <form class="prompt" onSubmit={(e) => e.preventDefault()}>
      <h1>{update ? t('updateTitle', state.entry!.name) : t('saveTitle', state.host)}</h1>
      {update ? (
        <p class="note muted">{[state.entry!.server, ...state.entry!.path, state.entry!.username ?? ''].filter(Boolean).join(' › ')}</p>
      ) : draft && state.servers.length > 0 ? (
        <SaveFields servers={state.servers} draft={draft} onChange={edit} />
      ) : null}
      {needsReason && (
        <label class="field">
          <span>{t('saveReason')}</span>
          <input name="reason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
      )}
      {check && <SaveCheck check={check} busy={busy} onConfirm={(e) => void act('save', e, { fields: true })} />}
      {passwordIssue && (
        <PasswordIssue
          issue={passwordIssue}
          busy={busy || Boolean(needsReason && !reason.trim())}
          onGenerate={(e) => void act('generate', e)}
          onAccept={(e) => void act(update ? 'update' : 'save', e, { fields: true, password: true })}
        />
      )}
      {note && (
        <p class="note error" role="alert">
          {note}
        </p>
      )}
      <div class="actions">
        {update
          ? !passwordIssue && (
              <button type="button" disabled={busy || (needsReason && !reason.trim())} onClick={(e) => void act('update', e)}>
                {t('saveUpdate')}
              </button>
            )
          : !passwordIssue &&
            !check?.changed.length && (
              <button type="button" disabled={busy || !draft?.placeId || !draft.name.trim()} onClick={(e) => void act('save', e)}>
                {t('saveSave')}
              </button>
            )}
        <button type="button" class="secondary" disabled={busy} onClick={(e) => void act('never', e)}>
          {t('saveNever')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={(e) => void act('dismiss', e)}>
          {t('saveNotNow')}
        </button>
      </div>
    </form>
  );
}
