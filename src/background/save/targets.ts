/**
 * Where the user may save: per writable server, the places its server allows (TPM My Passwords and the
 * `subprojects/new_pwd` tree; sysPass client/category pairs). Asked when a prompt opens, kept a few minutes.
 */
import type { SaveServerChoice } from '../../save-prompt-view';
import type { SaveTarget } from '../../vault/sources';
import { loadServers, type ServerConfig } from '../settings/config-store';
import { loadVault } from '../vault/loaded-vault';
import { sourceById } from '../vault/server-registry';
import { noteError } from '../diagnostics';

const KEEP_MS = 5 * 60_000;
const cached = new Map<string, { at: number; targets: Promise<SaveTarget[]> }>();

/** The server's places (cached); a failure is not cached. */
function targetsOf(sourceId: string): Promise<SaveTarget[]> {
  const hit = cached.get(sourceId);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.targets;
  const targets = (async () => (await sourceById(sourceId))?.saveTargets() ?? [])();
  cached.set(sourceId, { at: Date.now(), targets });
  targets.catch(() => cached.delete(sourceId));
  return targets;
}

/**
 * Places known from the last sync, for a server that cannot be reached now: the save is queued and retried, and
 * a place the user may not write to ends as a visible, stopped save rather than a lost one.
 */
async function offlineTargets(server: ServerConfig): Promise<SaveTarget[]> {
  const projects = (await loadVault()).sourceProjects(server.id);
  if (server.kind === 'tpm') {
    const personal: SaveTarget = { kind: 'personal', id: `${server.id}:personal`, sourceId: server.id, path: [] };
    return [
      personal,
      ...projects.map((p): SaveTarget => ({ kind: 'project', id: p.id, sourceId: server.id, projectId: p.remoteId, path: p.path })),
    ];
  }
  const clients = new Map(projects.filter((p) => !p.parentId).map((p) => [p.id, p]));
  return projects.flatMap((p): SaveTarget[] => {
    const client = p.parentId ? clients.get(p.parentId) : undefined;
    return client
      ? [{ kind: 'category', id: p.id, sourceId: server.id, clientId: client.remoteId, categoryId: p.remoteId, path: p.path }]
      : [];
  });
}

/** The server's places, or those known from the last sync when it cannot be reached. */
export async function placesOf(server: ServerConfig): Promise<SaveTarget[]> {
  try {
    return await targetsOf(server.id);
  } catch (error) {
    noteError('save.places', error);
    return offlineTargets(server).catch((offline) => (noteError('save.offlinePlaces', offline), []));
  }
}

/** Servers with at least one place. */
export async function writableServers(): Promise<SaveServerChoice[]> {
  const servers = await loadServers();
  const choices = await Promise.all(
    servers.map(async (server): Promise<SaveServerChoice | undefined> => {
      const targets = await placesOf(server);
      if (targets.length === 0) return undefined;
      return {
        id: server.id,
        name: server.name,
        kind: server.kind,
        places: targets.map((t) => ({ id: t.id, kind: t.kind, path: t.path })),
      };
    }),
  );
  return choices.filter((c): c is SaveServerChoice => c !== undefined);
}
