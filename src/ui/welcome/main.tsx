/** Welcome page entry point: the setup assistant opened on install (and from the popup while no server is set up). */
import { render } from 'preact';
import { localizePage } from '../i18n';
import { Welcome } from './welcome';

localizePage('welcomeTitle');
render(<Welcome />, document.getElementById('app')!);
