/** The plain facts of an entry: who, where, project, tags, notes, expiry, non-secret custom fields. */
import type { ComponentChildren } from 'preact';
import type { EntryDetails, EntrySummary } from '../../messages';
import { t } from '../i18n';

export function DetailsFields(props: { entry: EntrySummary; details?: EntryDetails; source?: string }) {
  const { entry, details } = props;
  const urls = details?.urls ?? (entry.url ? [{ text: entry.url, href: entry.url }] : []);
  const row = (label: string, value: ComponentChildren) => (
    <div class="field-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      {entry.username && row(t('fieldUsername'), entry.username)}
      {entry.email && row(t('fieldEmail'), entry.email)}
      {urls.length > 0 &&
        row(
          t('fieldUrls'),
          <ul class="plain">
            {urls.map((url) => (
              <li key={url.text}>
                {url.href ? (
                  <a href={url.href} target="_blank" rel="noopener noreferrer">
                    {url.text}
                  </a>
                ) : (
                  url.text
                )}
              </li>
            ))}
          </ul>,
        )}
      {entry.projectPath.length > 0 && row(t('fieldProject'), entry.projectPath.join(' › '))}
      {props.source && row(t('fieldSource'), props.source)}
      {entry.tags.length > 0 &&
        row(
          t('fieldTags'),
          entry.tags.map((tag) => (
            <span class="badge" key={tag}>
              {tag}
            </span>
          )),
        )}
      {(details?.expiryDate || entry.expiryStatus) &&
        row(t('fieldExpiry'), <Expiry date={details?.expiryDate} status={entry.expiryStatus} />)}
      {details?.customFields.filter((field) => !field.secret && !isOtp(field.type)).map((field) => row(field.label, field.value ?? ''))}
      {details?.notes && row(t('fieldNotes'), <p class="notes">{details.notes}</p>)}
    </>
  );
}

function Expiry(props: { date?: string; status?: number }) {
  const label =
    props.status === 2 ? t('badgeExpired') : props.status === 1 ? t('expiresToday') : props.status === 3 ? t('badgeExpiring') : '';
  return (
    <>
      {props.date}
      {label && <span class={props.status === 2 ? 'badge danger' : 'badge warn'}>{label}</span>}
    </>
  );
}

/** The server's type name of an OTP custom field (TPM: "One Time Password"; others say OTP/TOTP). */
export function isOtp(type: string): boolean {
  return /one.?time|\botp\b|totp/i.test(type);
}
