/** An error as people need it: what happened, what to do, and the server's own words folded away for support. */
import { t } from './i18n';
import type { ErrorParts } from './error-text';

export function ErrorNote(props: { parts: ErrorParts; lead?: string; class?: string }) {
  const { text, detail, fix } = props.parts;
  return (
    <div class={`error-note ${props.class ?? ''}`}>
      <p>
        {props.lead && <strong>{props.lead} </strong>}
        {text}
      </p>
      {fix && <p class="fix">{fix}</p>}
      {detail && (
        <details class="detail">
          <summary>{t('errorDetails')}</summary>
          <code>{detail}</code>
        </details>
      )}
    </div>
  );
}

/** What went wrong with what the user just did, in one sentence, announced when it appears; nothing without one. */
export function AlertText(props: { text?: string; id?: string }) {
  return props.text ? (
    <p id={props.id} class="error" role="alert">
      {props.text}
    </p>
  ) : null;
}
