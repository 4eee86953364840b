/** The end of a setup step's form: what went wrong, if anything, then its button (busy while it works) and Cancel. */
import { t } from '../i18n';
import type { SetupProblem } from './setup-error';

export function SetupFormEnd(props: { problem?: SetupProblem; busy: boolean; label: string; busyLabel: string; onCancel?: () => void }) {
  return (
    <>
      {props.problem && (
        <div class="setup-problem" role="alert">
          <p>{props.problem.text}</p>
          {props.problem.hint && <p class="hint">{props.problem.hint}</p>}
        </div>
      )}
      <div class="actions">
        <button type="submit" disabled={props.busy}>
          {props.busy ? props.busyLabel : props.label}
        </button>
        {props.onCancel && (
          <button type="button" class="secondary" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </>
  );
}
