/** The credential fields for the chosen server kind: TPM Basic or HMAC keys, or a sysPass token. */
import { t } from '../i18n';
import type { DraftErrors, ServerDraft } from './server-draft';
import { TextField } from './text-field';

export function ServerAuthFields(props: { draft: ServerDraft; errors: DraftErrors; onChange: (patch: Partial<ServerDraft>) => void }) {
  const { draft, errors, onChange } = props;
  const err = (field: keyof ServerDraft) => (errors[field] ? t(errors[field]!) : undefined);
  const keepHint = draft.id ? t('keepCredentialsHint') : undefined;
  if (draft.kind === 'syspass') {
    return (
      <>
        <TextField id="server-token" label={t('authToken')} value={draft.authToken} onInput={(authToken) => onChange({ authToken })} error={err('authToken')} hint={keepHint} type="password" />
        <TextField id="server-token-password" label={t('tokenPassword')} value={draft.tokenPassword} onInput={(tokenPassword) => onChange({ tokenPassword })} error={err('tokenPassword')} type="password" autoComplete="new-password" />
      </>
    );
  }
  const choose = (tpmAuth: ServerDraft['tpmAuth']) => () => onChange({ tpmAuth });
  return (
    <>
      <fieldset class="choice">
        <legend>{t('tpmAuth')}</legend>
        <label>
          <input type="radio" name="tpm-auth" checked={draft.tpmAuth === 'tpm-basic'} onChange={choose('tpm-basic')} /> {t('tpmAuthBasic')}
        </label>
        <label>
          <input type="radio" name="tpm-auth" checked={draft.tpmAuth === 'tpm-hmac'} onChange={choose('tpm-hmac')} /> {t('tpmAuthHmac')}
        </label>
      </fieldset>
      {draft.tpmAuth === 'tpm-basic' ? (
        <>
          <TextField id="server-username" label={t('username')} value={draft.username} onInput={(username) => onChange({ username })} error={err('username')} autoComplete="username" />
          <TextField id="server-password" label={t('password')} value={draft.password} onInput={(password) => onChange({ password })} error={err('password')} hint={keepHint} type="password" autoComplete="current-password" />
        </>
      ) : (
        <>
          <TextField id="server-public-key" label={t('publicKey')} value={draft.publicKey} onInput={(publicKey) => onChange({ publicKey })} error={err('publicKey')} hint={keepHint} />
          <TextField id="server-private-key" label={t('privateKey')} value={draft.privateKey} onInput={(privateKey) => onChange({ privateKey })} error={err('privateKey')} type="password" />
        </>
      )}
    </>
  );
}
