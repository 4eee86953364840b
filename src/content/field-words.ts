/** Words that name login fields and forms, shared by the detector's rough look and the host's classifier. Lower case. */

export const TEXTUAL = /^(?:text|email|tel|number|url|)$/;
export const SEARCH = /search|query|such|\bq\b|filter/;
/** A user name or login identifier (an e-mail address is {@link MAIL}). */
export const USER = /user|login|account|benutzer|anmelde|konto|ident|nutzer|\buid\b|member/;
export const MAIL = /e.?mail/;
/** Words that only a one-time code field uses. */
export const OTP_STRONG = /one.?time|otp|2fa|mfa|two.?factor|2.?step|zwei.?faktor|authenticator|einmal/;
/** Words a one-time code shares with other codes (postal, promo, card security codes): more evidence needed. */
export const OTP_WEAK = /code|token|verif|\btan\b|bestätigung|sicherheit/;
/** Words that mark a form as a login step (for username-only forms, which could also be a newsletter). */
export const LOGIN = /log.?in|sign.?in|anmeld|einlogg|continue|next|weiter/;
export const SIGNUP = /sign.?up|regist|create.{0,12}account|join|subscribe|newsletter|abonn|konto erstellen/;
