/** Typed errors shared by every layer. They cross messages as `{ ok: false, code, message }`. */

/** Every error code the extension reports. UI texts are looked up by code, never by message. */
export type ErrorCode =
  | 'auth' // bad credentials, bad token, expired key
  | 'forbidden' // permission missing, API disabled, read-only role
  | 'api_disabled'
  | 'personal_disabled'
  | 'locked_reason' // TPM locking type 1: a reason is needed
  | 'locked_permission' // TPM locking type 2: only a permission request is possible
  | 'not_found'
  | 'not_a_server' // the address answers, but not as Team Password Manager or sysPass
  | 'insecure_url' // plain http:// to a server on the internet
  | 'wrong_version'
  | 'unsupported_media'
  | 'bad_request'
  | 'server' // 5xx or an error body we cannot classify
  | 'invalid_response' // non-JSON, truncated, or failing the schema
  | 'timeout'
  | 'network'
  | 'aborted'
  | 'token_password' // sysPass: wrong token password (never retried automatically)
  | 'lockout' // sysPass: attempts exceeded, wait before calling again
  | 'missing_param'
  | 'unknown_method'
  | 'too_long' // a value is longer than the server stores (column size, sysPass's 416-byte password)
  | 'unstorable' // characters the server cannot store (sysPass: emoji and other 4-byte characters)
  | 'would_alter' // refused before sending: the server would store the value differently
  | 'altered' // read back after saving: the server stored something else than what was sent
  | 'duplicate' // a name that already exists where names must be unique
  | 'rejected' // the server refused the value without saying why it could not (sysPass code 0 "Internal error")
  | 'vault_locked'
  | 'bad_passphrase'
  | 'bad_message' // unknown or malformed message
  | 'denied' // message sender not allowed
  | 'internal';

/** An error with a stable machine-readable code and a human message (often the server's). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; help?: string } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Thrown when data (server JSON, stored records, message bodies) does not have the expected shape. */
export class SchemaError extends AppError {
  constructor(message: string) {
    super('invalid_response', message);
    this.name = 'SchemaError';
  }
}

/** An error that came back from the worker through a message reply. */
export class RemoteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** Longest error message passed on: messages may quote a server's (hostile) text, and are shown and stored. */
export const MAX_ERROR_MESSAGE = 500;

/** Turns anything thrown into `{ code, message }` for a message reply. Never includes a stack or secret. */
export function toErrorReply(error: unknown): { code: ErrorCode; message: string } {
  const cap = (message: string) => (message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE - 1)}…` : message);
  if (error instanceof AppError || error instanceof RemoteError) return { code: error.code, message: cap(error.message) };
  return { code: 'internal', message: cap(error instanceof Error ? error.message : String(error)) };
}
