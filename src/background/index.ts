/** The service worker: wires listeners at top level (MV3 may stop and restart the worker at any time). */
import browser from '../browser';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from './router';
import { noteError } from './diagnostics';
import { handlers } from './handlers';
import { onAlarm, scheduleAlarms } from './alarms';
import { touch } from './lock/keyring-session';
import { setAutofillVault } from './autofill/autofill-vault';
import { vaultForAutofill } from './autofill/vault-for-autofill';
import { installAutofillTestHooks } from './autofill/test-hooks';
import './autofill/commands';
import { CLIPBOARD_ALARM, clearWhenDue } from './clipboard/clear-clipboard';
import { createContextMenus, handleContextMenuClick } from './generate/context-menu';
import { whenProfileChanges } from './generate/generate-for';
import { onTabLoaded } from './save/flow';
import { processSaveQueue, SAVE_QUEUE_ALARM } from './save/queue-service';
import { installSaveTestHooks } from './save/test-hooks';
import { openWelcomeOnInstall } from './settings/welcome';
import { firstScreen } from './first-screen';
import { applySettings } from './vault/vault-service';
import { onVaultEvent } from './vault/vault-events';

setAutofillVault(vaultForAutofill);
onVaultEvent((event) => firstScreen.schedule(event));
installAutofillTestHooks();
installSaveTestHooks();
whenProfileChanges(() => void createContextMenus());

const extensionOrigin = browser.runtime.getURL('');
const route = createRouter(handlers, {
  extensionId: browser.runtime.id,
  extensionOrigin,
  onInternalError: (kind, error) => noteError(`request.${kind}`, error),
});
/** Work started by a browser event has no caller to tell: its failure goes to Diagnostics. */
const logged = (where: string, work: Promise<unknown>) => void work.catch((error: unknown) => noteError(where, error));

/** Activity for auto-lock is recorded at most this often, to keep keystroke searches cheap. */
const TOUCH_EVERY_MS = 20_000;
let lastTouch = 0;

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.url?.startsWith(extensionOrigin) && Date.now() - lastTouch > TOUCH_EVERY_MS) {
    lastTouch = Date.now();
    void touch();
  }
  return route(message, sender);
});
browser.alarms.onAlarm.addListener((alarm) => logged(`alarm.${alarm.name}`, onAlarm(alarm)));
browser.runtime.onInstalled.addListener(() => logged('alarms.schedule', scheduleAlarms()));
browser.runtime.onStartup.addListener(() => logged('alarms.schedule', scheduleAlarms()));
browser.runtime.onInstalled.addListener(() => logged('contextMenu.create', createContextMenus()));
browser.runtime.onInstalled.addListener((details) => logged('welcome.open', openWelcomeOnInstall(details)));
browser.runtime.onStartup.addListener(() => logged('contextMenu.create', createContextMenus()));
browser.contextMenus.onClicked.addListener((info, tab) => logged('contextMenu.click', handleContextMenuClick(info, tab)));
browser.alarms.onAlarm.addListener((alarm) => alarm.name === SAVE_QUEUE_ALARM && void processSaveQueue());
browser.alarms.onAlarm.addListener((alarm) => alarm.name === CLIPBOARD_ALARM && logged('clipboard.clear', clearWhenDue()));
// The organisation changed its policy: intervals and matching follow at once.
browser.storage.onChanged.addListener(
  (_changes, area) => area === 'managed' && logged('policy.apply', Promise.all([scheduleAlarms(), applySettings()])),
);
// A submit usually navigates: the new page of the tab shows the save prompt.
browser.tabs.onUpdated.addListener((tabId, change) => change.status === 'complete' && logged('savePrompt.show', onTabLoaded(tabId)));
// Saves left over from before a restart (worker or browser) are due again.
void processSaveQueue();
