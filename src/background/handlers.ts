/** The worker's answers to each request kind. */
import browser from 'webextension-polyfill';
import type { Handlers } from './router';

export const handlers: Handlers = {
  async getPopupState() {
    const { servers } = await browser.storage.local.get('servers');
    const configured = Array.isArray(servers) && servers.length > 0;
    const { sessionKey } = await browser.storage.session.get('sessionKey');
    return { configured, locked: configured && typeof sessionKey !== 'string' };
  },

  async loginFormDetected() {
    // Matching arrives with the vault; until then no frame is offered anything.
    return { matches: 0 };
  },
};
