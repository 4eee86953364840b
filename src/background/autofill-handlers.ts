/** Requests from content scripts about their own frame. */
import type { Handlers } from './router';

export const autofillHandlers: Pick<Handlers, 'loginFormDetected'> = {
  async loginFormDetected() {
    return { matches: 0 };
  },
};
