/**
 * The setup assistant: passphrase, company server (address first, then only that server's sign-in), then what to
 * try. Each step is a form the keyboard completes with Enter; errors stay on the step they belong to.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ManagedPolicy, PopupState } from '../../messages';
import { onVaultChanged, send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import type { Identity } from '../server-setup/sign-in-step';
import { DoneStep } from './done-step';
import { PassphraseStep } from './passphrase-step';
import { ServerStep } from './server-step';
import { StepList, type Step } from './step-list';
import { AlertText } from '../error-note';

export function Welcome() {
  const [state, setState] = useState<PopupState>();
  const [policy, setPolicy] = useState<ManagedPolicy>({ servers: [], settings: {} });
  const [step, setStep] = useState<Step>();
  const [connected, setConnected] = useState<{ sourceId: string; identity: Identity }>();
  const [error, setError] = useState<string>();
  const refresh = useCallback(() => send('getPopupState', {}).then(setState, (caught: unknown) => setError(errorText(caught))), []);
  useEffect(() => {
    send('getPolicy', {}).then(setPolicy, () => undefined);
    void send('getPopupState', {}).then(
      (first) => {
        setState(first);
        setStep(!first.hasPassphrase || first.locked ? 'passphrase' : first.configured ? 'done' : 'server');
      },
      (caught: unknown) => setError(errorText(caught)),
    );
  }, []);
  // The first sync's progress and result show on the last step as they happen.
  useEffect(() => onVaultChanged(() => void refresh()), [refresh]);

  const afterPassphrase = (next: PopupState) => (setState(next), setStep(next.configured ? 'done' : 'server'));
  return (
    <main class="welcome">
      <header class="welcome-header">
        <img src="/icons/icon-48.png" alt="" width={40} height={40} />
        <div>
          <h1>{t('welcomeHeading')}</h1>
          <p class="muted">{t('welcomeIntro')}</p>
        </div>
      </header>
      <AlertText text={error} />
      {state && step && (
        <>
          <StepList current={step} />
          <div class="card welcome-step">
            {step === 'passphrase' && <PassphraseStep state={state} onDone={afterPassphrase} />}
            {step === 'server' && (
              <ServerStep
                presets={policy.servers}
                configured={state.sources}
                onSaved={(source, identity) => {
                  // The saved server shows at once; its first sync's progress follows with the next state.
                  setState(
                    (old) => old && { ...old, configured: true, sources: [...old.sources.filter((s) => s.id !== source.id), source] },
                  );
                  setConnected({ sourceId: source.id, identity });
                  setStep('done');
                  void refresh();
                }}
                onCancel={state.configured ? () => setStep('done') : undefined}
              />
            )}
            {step === 'done' && <DoneStep sources={state.sources} connected={connected} onAddAnother={() => setStep('server')} />}
          </div>
        </>
      )}
    </main>
  );
}
