/**
 * The context menu on editable fields: "Generate password", and "Generate with" the last used preset and the
 * others. Created at install and browser start (`removeAll` first, so it is idempotent); the click handler is
 * exported so tests can drive it (automation cannot open native menus). Firefox: the same API via the polyfill.
 */
import browser from '../../browser';
import type { Menus, Tabs } from 'webextension-polyfill';
import type { GeneratorProfile } from '../../messages';
import { loadSettings } from '../settings/config-store';
import { startGeneration } from './flow';
import { describeProfile, lastProfile } from './profiles';
import { inOrder } from '../../in-order';

export const MENU_IDS = {
  generate: 'generate-password',
  more: 'generate-with',
  last: 'generate-last',
  passphrase: 'generate-passphrase',
  alnum: 'generate-alnum',
  long: 'generate-long',
} as const;

const PROFILE_OF: Record<string, GeneratorProfile> = {
  [MENU_IDS.generate]: 'default',
  [MENU_IDS.last]: 'last',
  [MENU_IDS.passphrase]: 'passphrase',
  [MENU_IDS.alnum]: 'alnum',
  [MENU_IDS.long]: 'long',
};

const msg = (key: string, subs?: string) => browser.i18n.getMessage(key, subs) || key;

function create(props: Menus.CreateCreatePropertiesType): Promise<void> {
  return new Promise((resolve) => browser.contextMenus.create(props, () => resolve()));
}

const inTurn = inOrder();

/** (Re)creates the items; calls run one after another so two quick calls cannot create an id twice. */
export function createContextMenus(): Promise<void> {
  return inTurn(build);
}

async function build(): Promise<void> {
  await browser.contextMenus.removeAll();
  const contexts: Menus.ContextType[] = ['editable'];
  await create({ id: MENU_IDS.generate, title: msg('ctxGenerate'), contexts });
  await create({ id: MENU_IDS.more, title: msg('ctxGenerateWith'), contexts });
  const last = await lastProfile();
  if (last) {
    const settings = (await loadSettings()).generator;
    await create({ id: MENU_IDS.last, parentId: MENU_IDS.more, title: msg('ctxLikeLast', describeProfile(last, settings)), contexts });
  }
  await create({ id: MENU_IDS.passphrase, parentId: MENU_IDS.more, title: msg('ctxPassphrase'), contexts });
  await create({ id: MENU_IDS.alnum, parentId: MENU_IDS.more, title: msg('ctxAlnum'), contexts });
  await create({ id: MENU_IDS.long, parentId: MENU_IDS.more, title: msg('ctxLong'), contexts });
}

/** `contextMenus.onClicked`: generates into the field of the frame the menu was opened in. True when filled. */
export async function handleContextMenuClick(info: Menus.OnClickData, tab?: Tabs.Tab): Promise<boolean> {
  const profile = PROFILE_OF[String(info.menuItemId)];
  if (!profile || tab?.id === undefined || tab.id < 0) return false;
  return startGeneration({ tabId: tab.id, frameId: info.frameId ?? 0 }, profile);
}
