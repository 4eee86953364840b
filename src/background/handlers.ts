/** The worker's answers to each request kind, composed from one module per area. */
import type { Handlers } from './router';
import { vaultHandlers } from './vault-handlers';
import { autofillHandlers } from './autofill-handlers';
import { clipboardHandlers } from './clipboard-handlers';
import { generateHandlers } from './generate-handlers';
import { saveHandlers } from './save-handlers';
import { serverDetectHandlers } from './server-detect-handlers';
import { neverSaveHandlers } from './never-save-handlers';
import { syncScheduleHandlers } from './sync-schedule';

export const handlers: Handlers = { ...vaultHandlers, ...autofillHandlers, ...clipboardHandlers, ...generateHandlers, ...saveHandlers, ...serverDetectHandlers, ...neverSaveHandlers, ...syncScheduleHandlers };
