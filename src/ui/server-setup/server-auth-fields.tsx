/** The credentials the detected server kind needs, each with where to find it in that server's own UI. */
import { t } from '../i18n';
import { TextField } from '../forms/text-field';
import type { DraftErrors, ServerDraft } from './server-draft';

export function ServerAuthFields(props: {
  draft: ServerDraft;
  errors: DraftErrors;
  onChange: (patch: Partial<ServerDraft>) => void;
  autoFocus?: boolean;
}) {
  const { draft, errors, onChange } = props;
  const err = (field: keyof ServerDraft) => (errors[field] ? t(errors[field]!) : undefined);
  const keepHint = draft.id ? t('keepCredentialsHint') : undefined;
  if (draft.kind === 'syspass') {
    return (
      <>
        <p class="where" id="where-syspass">
          {t('whereSyspass')}
        </p>
        <TextField
          id="server-token"
          label={t('authToken')}
          value={draft.authToken}
          onInput={(authToken) => onChange({ authToken })}
          error={err('authToken')}
          hint={keepHint}
          type="password"
          autoFocus={props.autoFocus}
          describedBy="where-syspass"
        />
        <TextField
          id="server-token-password"
          label={t('tokenPassword')}
          value={draft.tokenPassword}
          onInput={(tokenPassword) => onChange({ tokenPassword })}
          error={err('tokenPassword')}
          type="password"
          autoComplete="new-password"
        />
      </>
    );
  }
  const basic = draft.tpmAuth === 'tpm-basic';
  return (
    <>
      <fieldset class="choice">
        <legend>{t('tpmAuth')}</legend>
        <label>
          <input type="radio" name="tpm-auth" checked={basic} onChange={() => onChange({ tpmAuth: 'tpm-basic' })} /> {t('tpmAuthBasic')}
        </label>
        <label>
          <input type="radio" name="tpm-auth" checked={!basic} onChange={() => onChange({ tpmAuth: 'tpm-hmac' })} /> {t('tpmAuthHmac')}
        </label>
      </fieldset>
      <p class="where" id="where-tpm">
        {basic ? t('whereTpmBasic') : t('whereTpmHmac')}
      </p>
      {basic ? (
        <>
          <TextField
            id="server-username"
            label={t('username')}
            value={draft.username}
            onInput={(username) => onChange({ username })}
            error={err('username')}
            autoComplete="username"
            autoFocus={props.autoFocus}
            describedBy="where-tpm"
          />
          <TextField
            id="server-password"
            label={t('password')}
            value={draft.password}
            onInput={(password) => onChange({ password })}
            error={err('password')}
            hint={keepHint}
            type="password"
            autoComplete="current-password"
          />
        </>
      ) : (
        <>
          <TextField
            id="server-public-key"
            label={t('publicKey')}
            value={draft.publicKey}
            onInput={(publicKey) => onChange({ publicKey })}
            error={err('publicKey')}
            hint={keepHint}
            autoFocus={props.autoFocus}
            describedBy="where-tpm"
          />
          <TextField
            id="server-private-key"
            label={t('privateKey')}
            value={draft.privateKey}
            onInput={(privateKey) => onChange({ privateKey })}
            error={err('privateKey')}
            type="password"
          />
        </>
      )}
    </>
  );
}
