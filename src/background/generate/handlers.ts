/** Generator requests: from the frame that fills, from the inline menu of a new-password field, and from the popup. */
import browser from '../../browser';
import { AppError } from '../../errors';
import { frameOf } from '../autofill/fill-rules';
import * as store from '../autofill/records';
import { generateForFrame, startGeneration } from './flow';
import { generateFor } from './generate-for';
import type { Handlers } from '../router';

type GenerateKinds = 'generateForField' | 'openGeneratorMenu' | 'inlineMenuGenerate' | 'generatePassword' | 'generateInTab';

export const generateHandlers: Pick<Handlers, GenerateKinds> = {
  generateForField: ({ nonce, constraints }, sender) => generateForFrame(nonce, constraints, sender),

  async openGeneratorMenu(_body, sender) {
    const frame = frameOf(sender);
    const token = store.newId();
    await store.put('menu', token, { ...frame, generate: true });
    return { token };
  },

  async inlineMenuGenerate({ token }, sender) {
    const menu = await store.get('menu', token);
    if (!menu || sender.tab?.id !== menu.tabId) throw new AppError('denied', 'This menu is no longer valid.');
    return { status: (await startGeneration(menu, 'default')) ? 'filled' : 'refused' };
  },

  generatePassword: ({ profile }) => generateFor(profile),

  async generateInTab({ tabId, profile }) {
    const tab = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    if (tab === undefined) throw new AppError('not_found', 'No tab to fill.');
    return { filled: await startGeneration({ tabId: tab, frameId: 0 }, profile ?? 'default') };
  },
};
