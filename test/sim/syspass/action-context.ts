/** What an API action receives and returns in the simulated sysPass. */
import type { ParamReader } from './params';
import type { SimState, SimUser } from './state';

export interface ActionContext {
  state: SimState;
  params: ParamReader;
  /** The `controller/action` name, e.g. `account/viewPass`. */
  method: string;
  /** Runs `ApiService::setup()` for this action (lockout, token, user, token password) and returns the token's user. */
  setup: () => Promise<SimUser>;
}

export interface ActionResult {
  result: unknown;
  itemId?: number;
  message?: string | null;
  /** `count()` of the payload; defaults to the array length for lists and null for objects. */
  count?: number | null;
}

export type Action = (ctx: ActionContext) => Promise<ActionResult>;
