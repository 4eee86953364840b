/** An error of the server setup in words for its step: what happened (naming the host) and what to do about it. */
import type { SourceStatus } from '../../messages';
import { errorCode, errorText } from '../error-text';
import { t } from '../i18n';
import type { AuthKind } from './server-draft';

export interface SetupProblem {
  text: string;
  hint?: string;
}

/** The locales' `hint_<code>`, when there is one. */
function hintFor(code: string | undefined): string | undefined {
  const hint = code ? t(`hint_${code}`) : '';
  return hint && hint !== `hint_${code}` ? hint : undefined;
}

export function setupProblem(error: unknown, host: string, auth?: AuthKind, kind?: SourceStatus['kind']): SetupProblem {
  const code = errorCode(error);
  switch (code) {
    case 'network':
      return { text: t('setupUnreachable', host), hint: t('hint_network') };
    case 'timeout':
      return { text: t('setupTimeout', host), hint: t('hint_network') };
    case 'not_a_server':
      return { text: t('setupNotAServer', host), hint: t('hint_not_a_server') };
    case 'api_disabled':
      return { text: t('setupApiOff', host), hint: t('hint_api_disabled') };
    case 'insecure_url':
      return { text: t('setupInsecure') };
    case 'auth':
      return {
        text: t(auth === 'tpm-hmac' ? 'setupAuthTpmHmac' : auth === 'syspass' ? 'setupAuthSyspass' : 'setupAuthTpmBasic'),
        hint: auth === 'tpm-hmac' ? t('setupAuthTpmHmacHint') : undefined,
      };
    case 'forbidden':
      return kind === 'syspass' ? { text: t('setupForbiddenSyspass') } : { text: errorText(error), hint: hintFor(code) };
    default:
      return { text: errorText(error), hint: hintFor(code) };
  }
}
