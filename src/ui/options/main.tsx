/** Options page entry point. */
import { render } from 'preact';
import { localizePage } from '../i18n';
import { Options } from './options';

localizePage('optionsTitle');
render(<Options />, document.getElementById('app')!);
