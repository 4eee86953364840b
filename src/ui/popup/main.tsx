/** Popup entry point. */
import { render } from 'preact';
import { Popup } from './popup';
import { storedFirstScreen } from './stored-first-screen';

/** Longest the first render waits for the stored first screen before showing the loading state. */
const STORED_WAIT_MS = 100;

// The first frame is the list itself when a first screen is stored (reading it takes a few milliseconds).
const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, STORED_WAIT_MS, undefined));
void Promise.race([storedFirstScreen, timeout]).then((stored) => render(<Popup stored={stored} />, document.getElementById('app')!));
