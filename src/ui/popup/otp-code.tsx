/** The entry's current TOTP code with its countdown; a new code is fetched when the period ends. */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';

export function OtpCode(props: { entryId: string; onCopy: (code: string) => void }) {
  const [otp, setOtp] = useState<{ code: string; period: number; until: number }>();
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());
  const expired = otp !== undefined && now >= otp.until;

  useEffect(() => {
    if (otp && !expired) return;
    send('getOtp', { entryId: props.entryId }).then(
      ({ code, period, remainingSeconds }) => setOtp({ code, period, until: Date.now() + remainingSeconds * 1000 }),
      (caught: unknown) => setError(errorText(caught)),
    );
  }, [props.entryId, expired]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (error) return <dd class="error">{error}</dd>;
  if (!otp) return <dd>{t('popupLoading')}</dd>;
  const left = Math.max(0, Math.ceil((otp.until - now) / 1000));
  const spaced = otp.code.length === 6 ? `${otp.code.slice(0, 3)} ${otp.code.slice(3)}` : otp.code;
  return (
    <dd class="otp">
      <span class="otp-code" data-code={otp.code}>
        {spaced}
      </span>
      <span class="otp-left" role="timer" aria-label={t('otpSecondsLeft', String(left))}>
        <progress value={left} max={otp.period} aria-hidden="true" /> {left}s
      </span>
      <button type="button" class="small secondary" onClick={() => props.onCopy(otp.code)} aria-label={t('copyOtp')}>
        {t('copy')}
      </button>
    </dd>
  );
}
