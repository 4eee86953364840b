/**
 * Periodic work: the sync alarm every sync interval (its phase random per browser, so browsers started together
 * do not ask the servers together), and every minute the auto-lock check and the sweep of expired session records.
 */
import browser from '../browser';
import { loadSettings } from './settings/config-store';
import * as session from './lock/keyring-session';
import { lockVault, sweepRecords } from './lock/lock-vault';
import { plannedSyncs, syncIfStale } from './vault/sync-service';

export const SYNC_ALARM = 'sync';
const AUTOLOCK = 'autolock';

/** (Re)creates the alarms from the settings. */
export async function scheduleAlarms(): Promise<void> {
  const settings = await loadSettings();
  const period = settings.syncIntervalMinutes;
  // Kept while its period holds: a settings change (each autosave) must not move the browser's random phase.
  if ((await browser.alarms.get(SYNC_ALARM))?.periodInMinutes !== period)
    await browser.alarms.create(SYNC_ALARM, { delayInMinutes: Math.max(0.5, Math.random() * period), periodInMinutes: period });
  await browser.alarms.create(AUTOLOCK, { periodInMinutes: 1 });
}

/**
 * True while the user works with this computer: the `idle` API's state over the sync interval. A browser left
 * open overnight, or a locked screen, does not sync.
 */
async function userActive(intervalMinutes: number): Promise<boolean> {
  return (await browser.idle.queryState(Math.max(15, intervalMinutes * 60))) === 'active';
}

export async function onAlarm(alarm: { name: string }): Promise<void> {
  const settings = await loadSettings();
  if (alarm.name === SYNC_ALARM && (await userActive(settings.syncIntervalMinutes))) await syncIfStale('scheduled');
  if (alarm.name !== AUTOLOCK) return;
  if (await session.idleTooLong(settings.autoLockMinutes)) await lockVault();
  else await sweepRecords();
}

/** The first tick of a periodic alarm at or after `time`. */
export function tickAfter(alarm: { scheduledTime: number; periodMs: number }, time: number): number {
  if (alarm.scheduledTime >= time) return alarm.scheduledTime;
  return alarm.scheduledTime + Math.ceil((time - alarm.scheduledTime) / alarm.periodMs) * alarm.periodMs;
}

/** When each server's next background sync starts: the sync alarm's first tick after the server is due. */
export async function syncSchedule(): Promise<Record<string, string>> {
  const alarm = await browser.alarms.get(SYNC_ALARM);
  if (!alarm?.periodInMinutes) return {};
  const ticks = { scheduledTime: alarm.scheduledTime, periodMs: alarm.periodInMinutes * 60_000 };
  return plannedSyncs((due) => tickAfter(ticks, due));
}
