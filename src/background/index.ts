/** The service worker: wires listeners at top level (MV3 may stop and restart the worker at any time). */
import browser, { type Runtime } from 'webextension-polyfill';
import { createRouter } from './router';
import { handlers } from './handlers';

const route = createRouter(handlers, { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('') });

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));
