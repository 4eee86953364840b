/** `ApiService::setup()`: the brute-force lockout, the token and action check, the user check and the token password. */
import { helpFor } from './help';
import { MESSAGES, RpcFault } from './rpc-fault';
import type { SimState, SimUser } from './state';
import { sleep } from '../faults';

/** Actions that need the token password (AuthTokenService::SECURED_ACTIONS). */
export const SECURED_ACTIONS = new Set(['account/viewPass', 'account/editPass', 'account/create']);

/** The lockout threshold: this many failures within 600 s from one IP. */
export const MAX_ATTEMPTS = 10;

/**
 * Checks one call. The order matters and follows the server: the lockout comes first (so it hits every call, even
 * with good credentials, and counts again), then the token row for this action (an unknown token and a missing
 * action look the same and are not counted), then the user, then the token password for secured actions.
 */
export async function setupApi(state: SimState, method: string, params: Record<string, unknown>, ip: string): Promise<SimUser> {
  const failures = state.recentFailures(ip);
  if (failures >= MAX_ATTEMPTS) {
    await sleep(state.lockoutDelayPerAttemptMs * failures);
    state.addFailure(ip);
    throw new RpcFault(-32603, MESSAGES.attemptsExceeded);
  }
  const token = state.tokens.get(String(params.authToken));
  if (!token || !token.actions.has(method)) throw new RpcFault(-32603, MESSAGES.internalError);
  const user = state.users.get(token.userId);
  if (!user || user.disabled) {
    state.addFailure(ip);
    throw new RpcFault(-32603, MESSAGES.unauthorized);
  }
  if (SECURED_ACTIONS.has(method)) {
    const tokenPass = params.tokenPass;
    if (tokenPass === undefined || tokenPass === null) throw new RpcFault(-32602, MESSAGES.wrongParameters, { help: helpFor(method) });
    if (typeof tokenPass === 'object' || String(tokenPass) !== token.tokenPass) {
      state.addFailure(ip);
      throw new RpcFault(-32603, MESSAGES.unauthorized);
    }
  }
  return user;
}
