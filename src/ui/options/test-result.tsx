/** What "Test connection" found: who we are on the server and what works, or the exact error and a hint. */
import { t } from '../i18n';

export type TestOutcome =
  | { ok: true; user: string; version?: string; role?: string; details: string[] }
  | { ok: false; message: string; code?: string };

export function TestResult(props: { outcome: TestOutcome }) {
  const { outcome } = props;
  if (!outcome.ok) {
    const hint = outcome.code ? t(`hint_${outcome.code}`) : '';
    return (
      <div class="test-result error" role="alert">
        <p>
          <strong>{t('testFailed')}</strong> {outcome.message}
        </p>
        {hint && hint !== `hint_${outcome.code}` && <p>{hint}</p>}
      </div>
    );
  }
  return (
    <div class="test-result ok" role="status">
      <p>
        <strong>{t('testOk')}</strong>
      </p>
      <dl class="fields">
        <div class="field-row">
          <dt>{t('testUser')}</dt>
          <dd>{outcome.user}</dd>
        </div>
        {outcome.version && (
          <div class="field-row">
            <dt>{t('testVersion')}</dt>
            <dd>{outcome.version}</dd>
          </div>
        )}
        {outcome.role && (
          <div class="field-row">
            <dt>{t('testRole')}</dt>
            <dd>{outcome.role}</dd>
          </div>
        )}
      </dl>
      {outcome.details.length > 0 && (
        <ul>
          {outcome.details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
