/**
 * The browser's extension APIs, through webextension-polyfill. Modules import it from here, not from the package,
 * so the code that adapts the package (CommonJS) to modules is in one chunk, not in each page's own.
 */
import browser from 'webextension-polyfill';

export default browser;
