/**
 * Setup, second question: only the credentials the detected server kind takes. "Connect" tests them with the
 * real API calls and saves the server once they work; a failure stays on this step, in words.
 */
import { useState } from 'preact/hooks';
import type { Result, SourceStatus } from '../../messages';
import { send } from '../client';
import { TextField } from '../forms/text-field';
import { t } from '../i18n';
import { hostAccessRefused } from './host-permission';
import { ServerAuthFields } from './server-auth-fields';
import { authKind, isInsecure, toServerInput, validateDraft, type DraftErrors, type ServerDraft } from './server-draft';
import { setupProblem, type SetupProblem } from './setup-error';
import { SetupFormEnd } from './setup-form-end';

export type Identity = Result<'testServer'>;

export const kindName = (kind: SourceStatus['kind']) => (kind === 'tpm' ? 'Team Password Manager' : 'sysPass');

/** Who the server took us for: TPM names its user; a sysPass token has no user name to tell. */
export const signedInText = (kind: SourceStatus['kind'], identity: Identity) =>
  kind === 'tpm' ? t('signedInAs', identity.user) : t('signedInWithToken');

export interface SignInStepProps {
  initial: ServerDraft;
  onSaved: (source: SourceStatus, identity: Identity) => void;
  /** Adding: back to the address. */
  onBack?: () => void;
  onCancel?: () => void;
}

export function SignInStep(props: SignInStepProps) {
  const [draft, setDraft] = useState(props.initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<SetupProblem>();
  const [busy, setBusy] = useState(false);
  const editing = draft.id !== undefined;
  const change = (patch: Partial<ServerDraft>) => (setDraft((old) => ({ ...old, ...patch })), setProblem(undefined));
  const err = (field: keyof ServerDraft) => (errors[field] ? t(errors[field]!) : undefined);
  const host = () => {
    try {
      return new URL(draft.baseUrl.trim()).host;
    } catch {
      return draft.baseUrl;
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validateDraft(draft);
    setErrors(found);
    setProblem(undefined);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('.setup-form [aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      const refused = await hostAccessRefused(draft.baseUrl.trim());
      if (refused) return setProblem(refused);
      const server = toServerInput(draft);
      const identity = await send('testServer', { server });
      props.onSaved(await send('saveServer', { server }), identity);
    } catch (error) {
      setProblem(setupProblem(error, host(), authKind(draft), draft.kind));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="setup-form" onSubmit={submit} aria-labelledby="sign-in-title" aria-busy={busy ? 'true' : undefined} noValidate>
      <h3 id="sign-in-title">{editing ? t('editServerNamed', draft.name) : t('setupSignInTitle', kindName(draft.kind))}</h3>
      {editing ? (
        <TextField
          id="server-url"
          label={t('serverUrl')}
          type="url"
          value={draft.baseUrl}
          onInput={(baseUrl) => change({ baseUrl })}
          error={err('baseUrl')}
          hint={isInsecure(draft.baseUrl) ? t('insecureUrl') : undefined}
        />
      ) : (
        <p class="found">
          <span class="ok" aria-hidden="true">
            ✓{' '}
          </span>
          {t('setupFound', [kindName(draft.kind), host()])}{' '}
          {props.onBack && (
            <button type="button" class="link" onClick={props.onBack}>
              {t('setupChangeAddress')}
            </button>
          )}
        </p>
      )}
      <ServerAuthFields draft={draft} errors={errors} onChange={change} autoFocus={!editing} />
      <TextField
        id="server-name"
        label={t('serverName')}
        value={draft.name}
        onInput={(name) => change({ name })}
        error={err('name')}
        hint={t('serverNameHint')}
      />
      <SetupFormEnd
        problem={problem}
        busy={busy}
        label={editing ? t('saveServer') : t('setupConnect')}
        busyLabel={t('setupConnecting')}
        onCancel={props.onCancel}
      />
    </form>
  );
}
