/** Adds or edits a server: kind, URL, credentials; tests the connection and saves (asking for host access). */
import { useState } from 'preact/hooks';
import type { SourceStatus } from '../../messages';
import { send } from '../client';
import { errorCode, errorText } from '../error-text';
import { t } from '../i18n';
import { ensureHostPermission, originPattern } from './host-permission';
import { ServerAuthFields } from './server-auth-fields';
import { isInsecure, toServerInput, validateDraft, type DraftErrors, type ServerDraft } from './server-draft';
import { TestResult, type TestOutcome } from './test-result';
import { TextField } from './text-field';

export function ServerForm(props: { initial: ServerDraft; onSaved: (source: SourceStatus) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(props.initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState<'test' | 'save'>();
  const [outcome, setOutcome] = useState<TestOutcome>();
  const change = (patch: Partial<ServerDraft>) => (setDraft((old) => ({ ...old, ...patch })), setOutcome(undefined));

  /** Checks the form, gets host access (this click is the user gesture), then runs the request. */
  const withServer = async (what: 'test' | 'save', run: () => Promise<void>) => {
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('.server-form [aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(what);
    setOutcome(undefined);
    try {
      if (!(await ensureHostPermission(draft.baseUrl.trim()))) {
        setOutcome({ ok: false, message: t('permissionRefused', originPattern(draft.baseUrl.trim())) });
        return;
      }
      await run();
    } catch (error) {
      setOutcome({ ok: false, message: errorText(error), code: errorCode(error) });
    } finally {
      setBusy(undefined);
    }
  };
  const test = () => withServer('test', async () => setOutcome({ ok: true, ...(await send('testServer', { server: toServerInput(draft) })) }));
  const save = (event: Event) => {
    event.preventDefault();
    void withServer('save', async () => props.onSaved(await send('saveServer', { server: toServerInput(draft) })));
  };
  const err = (field: keyof ServerDraft) => (errors[field] ? t(errors[field]!) : undefined);

  return (
    <form class="server-form card" onSubmit={save} aria-labelledby="server-form-title" noValidate>
      <h3 id="server-form-title">{draft.id ? t('editServer') : t('addServer')}</h3>
      <fieldset class="choice">
        <legend>{t('serverKind')}</legend>
        <label>
          <input type="radio" name="server-kind" checked={draft.kind === 'tpm'} onChange={() => change({ kind: 'tpm' })} disabled={!!draft.id} /> Team Password Manager
        </label>
        <label>
          <input type="radio" name="server-kind" checked={draft.kind === 'syspass'} onChange={() => change({ kind: 'syspass' })} disabled={!!draft.id} /> sysPass
        </label>
      </fieldset>
      <TextField id="server-name" label={t('serverName')} value={draft.name} onInput={(name) => change({ name })} error={err('name')} autoFocus />
      <TextField
        id="server-url"
        label={t('serverUrl')}
        type="url"
        value={draft.baseUrl}
        onInput={(baseUrl) => change({ baseUrl })}
        error={err('baseUrl')}
        hint={isInsecure(draft.baseUrl) ? t('insecureUrl') : t('serverUrlHint')}
      />
      <ServerAuthFields draft={draft} errors={errors} onChange={change} />
      {outcome && <TestResult outcome={outcome} />}
      <div class="actions">
        <button type="button" class="secondary" onClick={test} disabled={!!busy}>
          {busy === 'test' ? t('testing') : t('testConnection')}
        </button>
        <button type="submit" disabled={!!busy}>
          {busy === 'save' ? t('saving') : t('saveServer')}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
