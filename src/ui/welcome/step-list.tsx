/** Where the user is in the setup: three steps, the current one marked for screen readers too, and announced. */
import { t } from '../i18n';

export type Step = 'passphrase' | 'server' | 'done';
const steps: Step[] = ['passphrase', 'server', 'done'];
const names: Record<Step, string> = { passphrase: 'stepPassphrase', server: 'stepServer', done: 'stepDone' };

export function StepList(props: { current: Step }) {
  const at = steps.indexOf(props.current);
  return (
    <>
      <ol class="steps" aria-label={t('stepsLabel')}>
        {steps.map((step, i) => (
          <li key={step} class={i < at ? 'past' : i === at ? 'current' : 'future'} aria-current={i === at ? 'step' : undefined}>
            <span class="step-number" aria-hidden="true">
              {i < at ? '✓' : i + 1}
            </span>{' '}
            {t(names[step])}
            {i < at && <span class="visually-hidden"> ({t('stepCompleted')})</span>}
          </li>
        ))}
      </ol>
      <p class="visually-hidden" aria-live="polite">
        {t('stepOf', [String(at + 1), String(steps.length), t(names[props.current])])}
      </p>
    </>
  );
}
