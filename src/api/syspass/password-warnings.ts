/** Predicts how sysPass would alter a password before it is saved, so the user can be warned instead of surprised. */
import { phpTrim, syspassStringFilter } from './php-string-filter';

export type PasswordWarning =
  /** Leading or trailing whitespace: always trimmed by the server. */
  | 'edge_whitespace'
  /** `<...>` sequences (or text after an unclosed `<`): removed by `account/editPass`, not by `account/create`. */
  | 'markup_stripped'
  /** Nothing would be left. */
  | 'empty';

export interface PasswordCheck {
  /** What the server would store. */
  stored: string;
  warnings: PasswordWarning[];
}

/** `create` only trims the password; `editPass` runs it through the string filter (trim + strip_tags). */
export function checkSyspassPassword(password: string, method: 'create' | 'editPass'): PasswordCheck {
  const trimmed = phpTrim(password);
  const stored = method === 'create' ? trimmed : syspassStringFilter(password);
  const warnings: PasswordWarning[] = [];
  if (trimmed !== password) warnings.push('edge_whitespace');
  if (stored !== trimmed) warnings.push('markup_stripped');
  if (stored === '') warnings.push('empty');
  return { stored, warnings };
}

/** A sentence for the UI (English; the UI may map the codes instead). */
export function describePasswordWarnings(check: PasswordCheck): string {
  const parts: string[] = [];
  if (check.warnings.includes('edge_whitespace')) parts.push('spaces at the start or end would be removed');
  if (check.warnings.includes('markup_stripped')) parts.push('text between < and > (or after a lone <) would be removed');
  if (check.warnings.includes('empty')) parts.push('nothing would be left');
  return parts.length ? `sysPass would change this password: ${parts.join('; ')}.` : '';
}
