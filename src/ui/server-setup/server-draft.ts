/** The add/edit-server form's data, its checks, and the ServerInput it becomes. Pure: no DOM, no messages. */
import type { ServerCredentials, ServerInput, SourceStatus } from '../../messages';
import { parseServerAddress, type ServerAddress } from '../../server-address';

export type AuthKind = ServerCredentials['kind'];

export interface ServerDraft {
  id?: string;
  kind: 'tpm' | 'syspass';
  name: string;
  baseUrl: string;
  tpmAuth: 'tpm-basic' | 'tpm-hmac';
  username: string;
  password: string;
  publicKey: string;
  privateKey: string;
  authToken: string;
  tokenPassword: string;
}

export type DraftField = keyof ServerDraft;
/** Field → message key of what is wrong with it. */
export type DraftErrors = Partial<Record<DraftField, string>>;

/** What is wrong with an address, as a message key. */
export const addressProblems: Record<Extract<ServerAddress, { ok: false }>['problem'], string> = {
  empty: 'errorAddressEmpty',
  invalid: 'errorUrl',
  credentials: 'errorUrlCredentials',
};

export function emptyDraft(preset: Partial<Pick<ServerDraft, 'kind' | 'name' | 'baseUrl'>> = {}): ServerDraft {
  return {
    kind: 'tpm',
    name: '',
    baseUrl: '',
    tpmAuth: 'tpm-basic',
    username: '',
    password: '',
    publicKey: '',
    privateKey: '',
    authToken: '',
    tokenPassword: '',
    ...preset,
  };
}

export function draftFrom(source: SourceStatus): ServerDraft {
  const tpmAuth = source.authKind === 'tpm-hmac' ? 'tpm-hmac' : 'tpm-basic';
  return {
    ...emptyDraft({ kind: source.kind, name: source.name, baseUrl: source.baseUrl }),
    id: source.id,
    tpmAuth,
    username: source.username ?? '',
  };
}

export function authKind(draft: ServerDraft): AuthKind {
  return draft.kind === 'syspass' ? 'syspass' : draft.tpmAuth;
}

/** When editing, leaving every secret empty keeps the stored credentials. */
function keepsCredentials(draft: ServerDraft): boolean {
  return draft.id !== undefined && !draft.password && !draft.privateKey && !draft.authToken && !draft.tokenPassword;
}

export function validateDraft(draft: ServerDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.name.trim()) errors.name = 'errorRequired';
  const address = parseServerAddress(draft.baseUrl);
  if (!address.ok) errors.baseUrl = addressProblems[address.problem];
  if (keepsCredentials(draft)) return errors;
  const kind = authKind(draft);
  if (kind === 'tpm-basic' && !draft.username.trim()) errors.username = 'errorRequired';
  if (kind === 'tpm-basic' && !draft.password) errors.password = 'errorRequired';
  if (kind === 'tpm-hmac' && !draft.publicKey.trim()) errors.publicKey = 'errorRequired';
  if (kind === 'tpm-hmac' && !draft.privateKey.trim()) errors.privateKey = 'errorRequired';
  if (kind === 'syspass' && !draft.authToken.trim()) errors.authToken = 'errorRequired';
  if (kind === 'syspass' && !draft.tokenPassword) errors.tokenPassword = 'errorRequired';
  return errors;
}

/** Plain HTTP to a host other than this machine sends credentials readable on the network. */
export function isInsecure(baseUrl: string): boolean {
  const address = parseServerAddress(baseUrl);
  if (!address.ok) return false;
  const url = new URL(address.baseUrl);
  return url.protocol === 'http:' && !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
}

export function toServerInput(draft: ServerDraft): ServerInput {
  const address = parseServerAddress(draft.baseUrl);
  const input: ServerInput = { kind: draft.kind, name: draft.name.trim(), baseUrl: address.ok ? address.baseUrl : draft.baseUrl.trim() };
  if (draft.id) input.id = draft.id;
  if (keepsCredentials(draft)) return input;
  const kind = authKind(draft);
  if (kind === 'tpm-basic') input.credentials = { kind, username: draft.username.trim(), password: draft.password };
  else if (kind === 'tpm-hmac') input.credentials = { kind, publicKey: draft.publicKey.trim(), privateKey: draft.privateKey.trim() };
  else input.credentials = { kind, authToken: draft.authToken.trim(), tokenPassword: draft.tokenPassword };
  return input;
}
