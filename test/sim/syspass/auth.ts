/** `ApiService::setup()`: the brute-force lockout, the token and action check, the user check and the token password. */
import { helpFor } from './help';
import { MESSAGES, RpcFault } from './rpc-fault';
import type { SimState, SimUser } from './state';

/** Actions that need the token password (AuthTokenService::SECURED_ACTIONS). */
export const SECURED_ACTIONS = new Set(['account/viewPass', 'account/editPass', 'account/create']);

/** The lockout threshold: this many failures within 600 s from one IP. */
export const MAX_ATTEMPTS = 10;
/** `TrackService::TIME_SLEEP`: seconds of delay per counted failure once locked. */
const SLEEP_PER_ATTEMPT_S = 0.5;

/**
 * Checks one call. The order matters and follows the server: the lockout comes first (so it hits every call, even
 * with good credentials, and counts again), then the token row for this action (an unknown token and a missing
 * action look the same and are not counted), then the user, then the token password for secured actions.
 */
export async function setupApi(state: SimState, method: string, params: Record<string, unknown>, ip: string): Promise<SimUser> {
  // The track request is made when the call starts: refused calls count at that time, after the sleep.
  const now = state.nowSeconds();
  const failures = state.recentFailures(ip, now);
  if (failures >= MAX_ATTEMPTS) {
    // PHP's sleep() takes whole seconds: 0.5 × 11 sleeps 5 s (recorded: 5, 5, 6, 6, 7 s for 10 to 14 failures).
    await state.sleep(Math.trunc(SLEEP_PER_ATTEMPT_S * failures) * 1000);
    state.addFailure(ip, now);
    throw new RpcFault(-32603, MESSAGES.attemptsExceeded);
  }
  const token = state.tokens.get(String(params.authToken));
  if (!token?.actions.has(method)) throw new RpcFault(-32603, MESSAGES.internalError);
  const user = state.users.get(token.userId);
  if (!user || user.disabled) {
    state.addFailure(ip, now);
    throw new RpcFault(-32603, MESSAGES.unauthorized);
  }
  if (SECURED_ACTIONS.has(method)) {
    const tokenPass = params.tokenPass;
    if (tokenPass === undefined || tokenPass === null) throw new RpcFault(-32602, MESSAGES.wrongParameters, { help: helpFor(method) });
    if (typeof tokenPass === 'object' || String(tokenPass) !== token.tokenPass) {
      state.addFailure(ip, now);
      throw new RpcFault(-32603, MESSAGES.unauthorized);
    }
  }
  return user;
}
