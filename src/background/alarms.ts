/** Periodic work: background sync on the configured interval, and every minute the auto-lock check and the sweep of expired session records. */
import browser from '../browser';
import { loadSettings } from './config-store';
import * as session from './keyring-session';
import { lockVault, sweepRecords } from './lock-vault';
import { syncIfStale } from './vault-service';

export const SYNC_ALARM = 'sync';
const AUTOLOCK = 'autolock';

/** (Re)creates the alarms from the settings. */
export async function scheduleAlarms(): Promise<void> {
  const settings = await loadSettings();
  await browser.alarms.create(SYNC_ALARM, { periodInMinutes: settings.syncIntervalMinutes });
  await browser.alarms.create(AUTOLOCK, { periodInMinutes: 1 });
}

export async function onAlarm(alarm: { name: string }): Promise<void> {
  const settings = await loadSettings();
  if (alarm.name === SYNC_ALARM) await syncIfStale(settings.syncIntervalMinutes);
  if (alarm.name !== AUTOLOCK) return;
  if (await session.idleTooLong(settings.autoLockMinutes)) await lockVault();
  else await sweepRecords();
}
