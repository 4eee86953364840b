/**
 * The configured servers: their settings in `storage.local`, their credentials in the encrypted keyring, and one
 * `Source` per server, built from both when first needed and forgotten on lock or when the server changes.
 */
import * as v from 'valibot';
import { AppError } from '../../errors';
import type { ServerCredentials, ServerInput } from '../../messages';
import { getCredential, putCredential, removeCredential } from '../../vault/keyring';
import type { Source } from '../../vault/sources';
import { localStore, requireUnlocked } from '../lock/keyring-session';
import { loadServers, saveServers, type ServerConfig } from '../settings/config-store';
import { makeSource } from './make-source';
import { checkServerUrl } from './server-url';
import { noteError } from '../diagnostics';

/** Credentials as the keyring gives them back (checked: they went through JSON and the disk). */
const storedCredentials = v.variant('kind', [
  v.object({ kind: v.literal('tpm-basic'), username: v.string(), password: v.string() }),
  v.object({ kind: v.literal('tpm-hmac'), publicKey: v.string(), privateKey: v.string() }),
  v.object({ kind: v.literal('syspass'), authToken: v.string(), tokenPassword: v.string() }),
]);

const sources = new Map<string, Source>();

async function storedCredentialsOf(id: string): Promise<ServerCredentials | undefined> {
  const parsed = v.safeParse(storedCredentials, await getCredential(localStore, await requireUnlocked(), id));
  return parsed.success ? parsed.output : undefined;
}

/** The source of a configured server (built once per unlock). */
export async function sourceFor(config: ServerConfig): Promise<Source> {
  const existing = sources.get(config.id);
  if (existing) return existing;
  const credentials = await storedCredentialsOf(config.id);
  if (!credentials) throw new AppError('auth', `No usable credentials are saved for ${config.name}: edit the server in the settings.`);
  const source = makeSource(config, credentials);
  sources.set(config.id, source);
  return source;
}

/** The source of a configured server; undefined when that server was removed. */
export async function sourceById(id: string): Promise<Source | undefined> {
  const config = (await loadServers()).find((s) => s.id === id);
  return config ? sourceFor(config) : undefined;
}

/** Validates the input and returns the config and credentials to use (the stored ones when not re-entered). */
async function resolveServer(input: ServerInput): Promise<{ config: ServerConfig; credentials: ServerCredentials; warning?: string }> {
  const { url, warning } = checkServerUrl(input.baseUrl);
  const existing = input.id ? (await loadServers()).find((s) => s.id === input.id) : undefined;
  if (input.id && !existing) throw new AppError('not_found', 'This server is no longer configured.');
  const credentials = input.credentials ?? (existing ? await storedCredentialsOf(existing.id) : undefined);
  if (!credentials) throw new AppError('bad_request', 'Enter the credentials for this server.');
  if ((input.kind === 'syspass') !== (credentials.kind === 'syspass'))
    throw new AppError('bad_request', 'These credentials do not fit this kind of server.');
  const config: ServerConfig = {
    id: existing?.id ?? crypto.randomUUID(),
    kind: input.kind,
    name: input.name.trim(),
    baseUrl: url.href.replace(/\/+$/, ''),
    authKind: credentials.kind,
  };
  if (credentials.kind === 'tpm-basic') config.username = credentials.username;
  return { config, credentials, warning };
}

/** Runs the real API calls for a server's credentials, without saving anything. */
export async function testServer(input: ServerInput) {
  const { config, credentials, warning } = await resolveServer(input);
  const identity = await makeSource(config, credentials).identify();
  const details = warning ? [...identity.details, warning] : identity.details;
  return { user: identity.user, version: identity.version, role: identity.role, details };
}

/** Adds or edits a server: its credentials go to the keyring, its settings to the list. */
export async function putServer(input: ServerInput): Promise<ServerConfig> {
  const keyring = await requireUnlocked();
  const { config, credentials } = await resolveServer(input);
  await putCredential(localStore, keyring, config.id, credentials);
  const servers = await loadServers();
  const index = servers.findIndex((s) => s.id === config.id);
  if (index >= 0) servers[index] = config;
  else servers.push(config);
  await saveServers(servers);
  sources.delete(config.id);
  return config;
}

/** Removes a server and its credentials (works while locked). */
export async function deleteServer(id: string): Promise<void> {
  sources.delete(id);
  await saveServers((await loadServers()).filter((s) => s.id !== id));
  await removeCredential(localStore, id).catch((error) => noteError('keyring.remove', error));
}

/** Forgets every source built from decrypted credentials (on lock). */
export function forgetSources(): void {
  sources.clear();
}
