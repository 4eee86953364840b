/** What every settings section gets: the worker's state, the policy, and the settings with their autosave. */
import type { ManagedPolicy, PopupState, Settings } from '../../messages';

export interface OptionsContext {
  state: PopupState;
  policy: ManagedPolicy;
  /** Undefined until loaded. */
  settings?: Settings;
  update: (patch: Partial<Settings>) => void;
}
