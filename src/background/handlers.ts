/** The worker's answers to each request kind, joined from one object per area (each area in its own folder). */
import { joinHandlers, type Handlers } from './router';
import { autofillHandlers } from './autofill/handlers';
import { clipboardHandlers } from './clipboard/handlers';
import { generateHandlers } from './generate/handlers';
import { lockHandlers } from './lock/handlers';
import { saveHandlers } from './save/handlers';
import { settingsHandlers } from './settings/handlers';
import { serverHandlers } from './vault/server-handlers';
import { vaultHandlers } from './vault/handlers';

/** A kind two areas both answer, or that none answers, is a compile error here. */
export const handlers: Handlers = joinHandlers(
  lockHandlers,
  serverHandlers,
  vaultHandlers,
  settingsHandlers,
  autofillHandlers,
  clipboardHandlers,
  generateHandlers,
  saveHandlers,
);
