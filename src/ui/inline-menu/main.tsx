/** Inline menu entry point: waits for its session token from the page's content script, then renders. */
import { render } from 'preact';
import { localizePage } from '../i18n';
import { InlineMenu } from './inline-menu';

/** The token arrives once, from the parent frame (our content script posts it to this origin only). */
function onToken(e: MessageEvent): void {
  const data = e.data as { type?: string; token?: unknown };
  if (e.source !== parent || data?.type !== 'token' || typeof data.token !== 'string') return;
  removeEventListener('message', onToken);
  render(<InlineMenu token={data.token} />, document.getElementById('app')!);
}
localizePage('autofillMenuTitle');
addEventListener('message', onToken);
