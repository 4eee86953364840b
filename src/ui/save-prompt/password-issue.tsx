/** Why the password cannot be saved as it is, and what the user may do: generate another, or save it changed anyway. */
import type { PasswordIssueView } from '../../save-prompt-view';
import { t } from '../i18n';

export function PasswordIssue(props: { issue: PasswordIssueView; busy: boolean; onGenerate(e: Event): void; onAccept(e: Event): void }) {
  return (
    <div class="password-issue">
      <p class="note error" role="alert">
        {props.issue.text}
      </p>
      <div class="actions">
        <button type="button" disabled={props.busy} onClick={props.onGenerate}>
          {t('saveGenerate')}
        </button>
        {props.issue.canAccept && (
          <button type="button" class="secondary" disabled={props.busy} onClick={props.onAccept}>
            {t('saveChangedAnyway')}
          </button>
        )}
      </div>
    </div>
  );
}
