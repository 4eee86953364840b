/** Periodic work: background sync on the configured interval, and every minute the auto-lock check and the sweep of expired session records. */
import browser from '../browser';
import { loadSettings } from './settings/config-store';
import * as session from './lock/keyring-session';
import { lockVault, sweepRecords } from './lock/lock-vault';
import { plannedSyncs, syncIfStale } from './vault/sync-service';

const SYNC = 'sync';
const AUTOLOCK = 'autolock';

/** (Re)creates the alarms from the settings. */
export async function scheduleAlarms(): Promise<void> {
  const settings = await loadSettings();
  await browser.alarms.create(SYNC, { periodInMinutes: settings.syncIntervalMinutes });
  await browser.alarms.create(AUTOLOCK, { periodInMinutes: 1 });
}

export async function onAlarm(alarm: { name: string }): Promise<void> {
  const settings = await loadSettings();
  if (alarm.name === SYNC) await syncIfStale(settings.syncIntervalMinutes);
  if (alarm.name !== AUTOLOCK) return;
  if (await session.idleTooLong(settings.autoLockMinutes)) await lockVault();
  else await sweepRecords();
}

/** The first tick of a periodic alarm strictly after `time`. */
export function tickAfter(alarm: { scheduledTime: number; periodMs: number }, time: number): number {
  if (alarm.scheduledTime > time) return alarm.scheduledTime;
  return alarm.scheduledTime + (Math.floor((time - alarm.scheduledTime) / alarm.periodMs) + 1) * alarm.periodMs;
}

/** When each server's next background sync starts: the sync alarm's first tick after the server is due. */
export async function syncSchedule(): Promise<Record<string, string>> {
  const [alarm, settings] = await Promise.all([browser.alarms.get(SYNC), loadSettings()]);
  if (!alarm?.periodInMinutes) return {};
  const ticks = { scheduledTime: alarm.scheduledTime, periodMs: alarm.periodInMinutes * 60_000 };
  return plannedSyncs(settings.syncIntervalMinutes, (due) => tickAfter(ticks, due));
}
