/** Requests from the settings page: the user's settings, the organisation's policy, the Diagnostics list. */
import type { Handlers } from '../router';
import { recentErrors } from '../diagnostics';
import { scheduleAlarms } from '../alarms';
import { applySettings } from '../vault/vault-service';
import { loadSettings, saveSettings } from './config-store';
import { readPolicy } from './managed-policy';

export const settingsHandlers = {
  getSettings: () => loadSettings(),
  getPolicy: () => readPolicy(),
  getDiagnostics: () => recentErrors(),

  async saveSettings({ settings }) {
    await saveSettings(settings);
    await applySettings();
    await scheduleAlarms();
    return loadSettings();
  },
} satisfies Partial<Handlers>;
