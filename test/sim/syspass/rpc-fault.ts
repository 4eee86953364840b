/** A JSON-RPC error as the simulated sysPass raises it; the server turns it into the `error` envelope. */

export class RpcFault extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: unknown = null,
  ) {
    super(message);
    this.name = 'RpcFault';
  }
}

/** The recorded English texts (a translated server would send other words with the same codes). */
export const MESSAGES = {
  invalidData: 'Invalid data',
  invalidFormat: 'Invalid format',
  notFoundPage: 'Oops, it looks like this content does not exist...',
  wrongParameters: 'Wrong parameters',
  internalError: 'Internal error',
  unauthorized: 'Unauthorized access',
  attemptsExceeded: 'Attempts exceeded',
  integrityConstraint: 'Integrity constraint',
} as const;
