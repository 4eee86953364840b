/** Popup entry point. */
// First: its reads then start before the rest of the popup's code is evaluated (modules run in import order).
import { storedFirstScreen } from '../../first-screen/reader';
import { render } from 'preact';
import { Popup } from './popup';
import { localizePage } from '../i18n';

/**
 * Longest the first render waits for the stored first screen before showing the loading state. Reading it takes
 * a few milliseconds, more on a busy machine, and always far less than a stopped worker takes to answer.
 */
const STORED_WAIT_MS = 1000;

localizePage('extShortName');

// The first frame is the list itself when a first screen is stored.
const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, STORED_WAIT_MS, undefined));
void Promise.race([storedFirstScreen, timeout]).then((stored) => render(<Popup stored={stored} />, document.getElementById('app')!));
