/**
 * Setup, first question: the server's address. Asks the browser for access to that origin (this click is the
 * gesture the prompt needs), then has the worker find out what answers there: TPM, sysPass, or neither.
 */
import { useState } from 'preact/hooks';
import type { DetectedServer } from '../../messages';
import type { ServerPreset } from '../../server-presets';
import { parseServerAddress, sameServerAddress } from '../../server-address';
import { send } from '../client';
import { TextField } from '../forms/text-field';
import { t } from '../i18n';
import { hostAccessRefused } from './host-permission';
import { addressProblems, isInsecure } from './server-draft';
import { setupProblem, type SetupProblem } from './setup-error';
import { SetupFormEnd } from './setup-form-end';

export function AddressStep(props: {
  initial: string;
  presets: ServerPreset[];
  onDetected: (server: DetectedServer, preset?: ServerPreset) => void;
  onCancel?: () => void;
}) {
  const [address, setAddress] = useState(props.initial);
  const [fieldError, setFieldError] = useState<string>();
  const [problem, setProblem] = useState<SetupProblem>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    const parsed = parseServerAddress(address);
    if (!parsed.ok) {
      setFieldError(t(addressProblems[parsed.problem]));
      document.getElementById('server-address')?.focus();
      return;
    }
    setFieldError(undefined);
    const host = new URL(parsed.baseUrl).host;
    setBusy(true);
    try {
      const refused = await hostAccessRefused(parsed.baseUrl);
      if (refused) return setProblem(refused);
      const detected = await send('detectServer', { address: parsed.baseUrl });
      props.onDetected(
        detected,
        props.presets.find((preset) => sameServerAddress(preset.baseUrl, detected.baseUrl)),
      );
    } catch (error) {
      setProblem(setupProblem(error, host));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="setup-form" onSubmit={submit} aria-labelledby="address-title" aria-busy={busy ? 'true' : undefined} noValidate>
      <h3 id="address-title">{t('setupAddressTitle')}</h3>
      <p class="muted">{t('setupAddressText')}</p>
      {props.presets.length > 0 && (
        <div class="suggested">
          <p id="suggested-label">{t('suggestedServers')}</p>
          <ul class="plain" aria-labelledby="suggested-label">
            {props.presets.map((preset) => (
              <li key={preset.baseUrl}>
                <button
                  type="button"
                  class="link"
                  onClick={() => (setAddress(preset.baseUrl), setProblem(undefined))}
                  aria-pressed={address === preset.baseUrl ? 'true' : 'false'}
                >
                  {preset.name} <span class="muted">({preset.baseUrl})</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <TextField
        id="server-address"
        label={t('serverUrl')}
        type="url"
        value={address}
        onInput={(next) => (setAddress(next), setProblem(undefined))}
        error={fieldError}
        hint={isInsecure(address) ? t('insecureUrl') : t('serverUrlHint')}
        placeholder="https://passwords.example.com"
        autoComplete="url"
        autoFocus
      />
      <SetupFormEnd problem={problem} busy={busy} label={t('continue')} busyLabel={t('setupDetecting')} onCancel={props.onCancel} />
    </form>
  );
}
