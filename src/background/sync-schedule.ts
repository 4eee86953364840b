/** When each server's next background sync is due, for the settings page's server cards. */
import browser from '../browser';
import type { SourceStatus } from '../messages';
import { SYNC_ALARM } from './alarms';
import { loadSettings } from './config-store';
import { FAILED_SYNC_RETRY_MS, sourceStatuses } from './vault-service';

/**
 * The first tick of the sync alarm at which `syncIfStale` will sync this source: its data older than the interval,
 * and its last failure older than the retry pause. Undefined while it syncs (the card shows the progress).
 */
export function nextSyncAt(source: Pick<SourceStatus, 'lastSyncAt' | 'lastError' | 'progress'>, alarm: { scheduledTime: number; periodMs: number }, intervalMs: number): number | undefined {
  if (source.progress) return undefined;
  const last = source.lastSyncAt ? Date.parse(source.lastSyncAt) : 0;
  const failedAt = source.lastError ? Date.parse(source.lastError.at) : 0;
  const due = Math.max(last + intervalMs, failedAt + Math.min(intervalMs, FAILED_SYNC_RETRY_MS));
  if (alarm.scheduledTime > due) return alarm.scheduledTime;
  return alarm.scheduledTime + (Math.floor((due - alarm.scheduledTime) / alarm.periodMs) + 1) * alarm.periodMs;
}

export const syncScheduleHandlers = {
  async getSyncSchedule() {
    const [alarm, settings, sources] = await Promise.all([browser.alarms.get(SYNC_ALARM), loadSettings(), sourceStatuses()]);
    if (!alarm?.periodInMinutes) return {};
    const tick = { scheduledTime: alarm.scheduledTime, periodMs: alarm.periodInMinutes * 60_000 };
    const schedule: Record<string, string> = {};
    for (const source of sources) {
      const at = nextSyncAt(source, tick, settings.syncIntervalMinutes * 60_000);
      if (at !== undefined) schedule[source.id] = new Date(at).toISOString();
    }
    return schedule;
  },
};
