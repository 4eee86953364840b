/**
 * End-to-end test hooks of the generator and save flow, compiled only into `vite build --mode e2e` builds
 * (`__E2E__` is false otherwise, so the shipped worker has none of this): the context menu's click handler
 * (automation cannot open native menus) and a look at the queue's alarm.
 */
import browser from '../../browser';
import { handleContextMenuClick, MENU_IDS } from '../generate/context-menu';
import { SAVE_QUEUE_ALARM } from './queue-service';

declare const __E2E__: boolean | undefined;

/** Called at the worker's top level; does nothing outside e2e builds. */
export function installSaveTestHooks(): void {
  if (typeof __E2E__ === 'undefined' || !__E2E__) return;
  const hooks = {
    menuIds: MENU_IDS,
    /** Clicks a context-menu item in a tab's frame, as `contextMenus.onClicked` would. */
    clickMenu: (menuItemId: string, tabId: number, frameId = 0) =>
      handleContextMenuClick({ menuItemId, frameId, editable: true, modifiers: [] } as never, { id: tabId } as never),
    queueAlarm: () => browser.alarms.get(SAVE_QUEUE_ALARM),
  };
  (globalThis as { saveTest?: typeof hooks }).saveTest = hooks;
}
