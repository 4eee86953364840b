/**
 * The simulator's request handling: URL and version routing, the API switch, 415, authentication, then the
 * endpoints (passwords, my passwords, projects, favorites, users, version, generator) with pagination.
 */
import { randomInt } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SimMyPassword, SimPassword, SimUser } from './model';
import { phpJson, prjPermission, pwdPermission, Renderer, userRef } from './render';
import { tpmDateTime } from './seed';
import type { SimApiVersion, TpmSimState } from './state';
import { authenticate } from './verify-auth';

export interface SimRequest {
  method: string;
  /** The raw (still percent-encoded) path, as received. */
  rawPath: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SimAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Json = Record<string, unknown>;

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };
const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimAnswer => ({
  status,
  headers: { ...JSON_HEADERS, ...headers },
  body: phpJson(value),
});
const fail = (status: number, type: string, message: string) => json(status, { error: true, type, message });
const noContent = (): SimAnswer => ({ status: 204, headers: {}, body: '' });
const notFound = (what: string) => fail(404, 'Not found', `The ${what} does not exist or you cannot access it.`);
const noPermission = (action: string) => fail(403, 'Forbidden', `You do not have permission to ${action}.`);
const controllerMissing = () => fail(404, 'Not found', 'Controller does not exist.');

/** A request inside the router: authenticated, path decoded. */
interface Ctx {
  state: TpmSimState;
  r: Renderer;
  user: SimUser;
  version: SimApiVersion;
  method: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  origin: string;
  basePath: string;
  /** Decoded values of `:id`, `:q`, `:action` in the route pattern. */
  params: Record<string, string>;
  /** The decoded path segments of the list (for Link headers). */
  listSegments: string[];
  /** [] | ['count'] | ['page', N] after a paged list path. */
  rest: string[];
}

type Handler = (ctx: Ctx) => SimAnswer;
interface Route {
  method: string;
  pattern: string[];
  paged?: boolean;
  handler: Handler;
}

const routes: Route[] = [];
const route = (method: string, pattern: string, handler: Handler, paged = false) =>
  routes.push({ method, pattern: pattern.split('/'), paged, handler });

// ---- helpers ---------------------------------------------------------------------------------------------------------

/** v6 honours `X-Page-Size` (a whole number from 1, capped by the server); v4 and v5 always page by their size. */
function pageSize(ctx: Ctx): number {
  const { pageSize: size, maxPageSize } = ctx.state.settings;
  if (ctx.version !== 'v6') return size;
  const asked = String(ctx.headers['x-page-size'] ?? '');
  return /^\d+$/.test(asked) && Number(asked) >= 1 ? Math.min(Number(asked), maxPageSize) : size;
}

/**
 * Answers `count.json`, `page/N.json` or the bare list (page 1), with a `Link` header: `rel="next"` on every
 * version, and on v6 also `prev`, `first`, `last` and `self`.
 */
function paged<T>(ctx: Ctx, items: T[], render: (item: T) => Json): SimAnswer {
  const size = pageSize(ctx);
  const pages = Math.ceil(items.length / size);
  if (ctx.rest[0] === 'count') return json(200, { num_items: items.length, num_pages: pages, num_items_per_page: size });
  const page = ctx.rest[0] === 'page' ? Number(ctx.rest[1]) : 1;
  const slice = page >= 1 ? items.slice((page - 1) * size, page * size) : [];
  // Like real servers, the links carry the search string decoded (spaces and all): clients must re-encode.
  const path = ctx.listSegments.map((s) => encodeURIComponent(s).replace(/%20/g, ' ')).join('/');
  const link = (n: number, rel: string) =>
    `<${ctx.origin}${ctx.basePath}/index.php/api/${ctx.version}/${path}/page/${n}.json>; rel="${rel}"`;
  const links: string[] = [];
  if (page >= 1 && page < pages) links.push(link(page + 1, 'next'));
  if (ctx.version === 'v6' && page >= 1) {
    if (page > 1) links.push(link(page - 1, 'prev'));
    links.push(link(1, 'first'), link(Math.max(1, pages), 'last'), link(page, 'self'));
  }
  return json(200, slice.map(render), links.length > 0 ? { Link: links.join(', ') } : {});
}

function bodyObject(ctx: Ctx): Json | SimAnswer {
  if (!ctx.rawBody.trim()) return {};
  try {
    const value: unknown = JSON.parse(ctx.rawBody);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch {
    // fall through
  }
  return fail(400, 'Bad request', 'The request body is not a valid JSON object.');
}
const isAnswer = (x: Json | SimAnswer): x is SimAnswer => typeof (x as SimAnswer).status === 'number' && 'body' in x && 'headers' in x;

function unlockReason(ctx: Ctx): string | undefined {
  const raw = ctx.headers['x-unlock-reason'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Header bytes arrive as Latin-1 characters; the client sends UTF-8 bytes.
  return value === undefined ? undefined : Buffer.from(value, 'latin1').toString('utf8').trim();
}

/** A locked password may be read only with a reason (type 1) or a granted permission (type 2). */
function lockCheck(ctx: Ctx, p: SimPassword): SimAnswer | undefined {
  if (p.lockingType === 0) return undefined;
  if (p.lockingType === 2) {
    if (p.unlockGrantedTo.has(ctx.user.id)) return undefined;
    return fail(
      403,
      'Forbidden',
      'This password is locked and requires permission to be unlocked. Request permission in the web interface.',
    );
  }
  const reason = unlockReason(ctx);
  if (!reason) return fail(403, 'Forbidden', 'This password is locked. Provide a reason to unlock it (X-Unlock-Reason header).');
  if ([...reason].length > 200) return fail(400, 'Bad request', 'The unlock reason cannot be longer than 200 characters.');
  ctx.state.unlockLog.push({ userId: ctx.user.id, passwordId: p.id, reason });
  return undefined;
}

function visiblePassword(ctx: Ctx): SimPassword | undefined {
  const p = ctx.state.passwords.get(Number(ctx.params.id));
  return p && ctx.state.passwordPerm(ctx.user, p) >= 10 ? p : undefined;
}

const TEXT_FIELDS = ['name', 'tags', 'access_info', 'username', 'email', 'password', 'notes'] as const;
const FIELD_KEYS = {
  name: 'name',
  tags: 'tags',
  access_info: 'accessInfo',
  username: 'username',
  email: 'email',
  password: 'password',
  notes: 'notes',
} as const;

/** Applies write fields to a record; returns an error answer for invalid values. */
function applyFields(target: SimPassword | SimMyPassword, body: Json, user: SimUser, now: number): SimAnswer | undefined {
  for (const field of TEXT_FIELDS) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return fail(400, 'Bad request', `The field ${field} must be a string.`);
    (target as unknown as Record<string, string>)[FIELD_KEYS[field]] =
      field === 'tags'
        ? value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
            .join(',')
        : value;
  }
  if ('custom' in target) {
    const expiry = body.expiry_date;
    if (expiry !== undefined) {
      if (expiry !== '' && (typeof expiry !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expiry)))
        return fail(400, 'Bad request', 'The expiry date must be YYYY-MM-DD.');
      target.expiryDate = expiry === '' ? null : (expiry as string);
    }
    for (let i = 1; i <= 10; i++) {
      const value = body[`custom_data${i}`];
      if (value === undefined) continue;
      if (typeof value !== 'string') return fail(400, 'Bad request', `The field custom_data${i} must be a string.`);
      const field = target.custom[i - 1];
      target.custom[i - 1] =
        value === '' && !field ? null : { type: field?.type ?? 'Text', label: field?.label ?? `Custom field ${i}`, data: value };
    }
    target.updatedBy = user.id;
  }
  if (!target.name.trim()) return fail(400, 'Bad request', 'The name is required.');
  target.updatedOn = tpmDateTime(now);
  return undefined;
}

function personalGate(ctx: Ctx): SimAnswer | undefined {
  return ctx.state.settings.personalPasswordsEnabled ? undefined : fail(403, 'Forbidden', 'Personal passwords are disabled');
}

// ---- version, users, generator ----------------------------------------------------------------------------------------

function versionInfo(ctx: Ctx): Json {
  if (ctx.state.settings.versions.includes('v6'))
    return { version: '14.177.303', version_date: '2025-11-04', api_version: ctx.version.slice(1) };
  const modern = ctx.state.settings.versions.includes('v5');
  return modern
    ? { version: '12.160.277', version_date: '2024-05-14', api_version: ctx.version.slice(1) }
    : { version: '7.73.146', version_date: '2017-01-20', api_version: ctx.version.slice(1) };
}
route('GET', 'version', (ctx) => json(200, versionInfo(ctx)));
route('GET', 'version/check_latest', (ctx) =>
  ctx.user.role === 'Admin' || ctx.user.role === 'IT'
    ? json(200, { ...versionInfo(ctx), latest_version: String(versionInfo(ctx).version) })
    : noPermission('check the latest version'),
);
route('GET', 'users/me', (ctx) => json(200, ctx.r.me(ctx.user)));
route(
  'GET',
  'users',
  (ctx) => (ctx.user.role === 'Admin' ? paged(ctx, [...ctx.state.users.values()], (u) => ctx.r.userItem(u)) : noPermission('list users')),
  true,
);
route('GET', 'users/:id', (ctx) => {
  const u = ctx.state.users.get(Number(ctx.params.id));
  if (!u || (ctx.user.role !== 'Admin' && u.id !== ctx.user.id)) return notFound('user');
  return json(200, ctx.r.me(u));
});
route(
  'GET',
  'groups',
  (ctx) =>
    ctx.user.role === 'Admin' ? paged(ctx, [...ctx.state.groups.values()], (g) => ctx.r.groupItem(g)) : noPermission('list groups'),
  true,
);
route('GET', 'groups/:id', (ctx) => {
  const g = ctx.state.groups.get(Number(ctx.params.id));
  return g && ctx.user.role === 'Admin' ? json(200, ctx.r.group(g)) : notFound('group');
});
route('GET', 'generate_password', () => {
  const chars = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%&*()<>?';
  return json(200, { password: Array.from({ length: 16 }, () => chars[randomInt(chars.length)]).join('') });
});

// ---- passwords ------------------------------------------------------------------------------------------------------

const listPasswords = (pick: (ctx: Ctx) => SimPassword[]) => (ctx: Ctx) => paged(ctx, pick(ctx), (p) => ctx.r.passwordItem(p, ctx.user));
const favorites = (ctx: Ctx) => ctx.state.view(ctx.user).all.filter((p) => p.favoriteOf.has(ctx.user.id));
route(
  'GET',
  'passwords',
  listPasswords((ctx) => ctx.state.view(ctx.user).active),
  true,
);
route(
  'GET',
  'passwords/archived',
  listPasswords((ctx) => ctx.state.view(ctx.user).archived),
  true,
);
route('GET', 'passwords/favorite', listPasswords(favorites), true);
route('GET', 'favorite_passwords', listPasswords(favorites), true);
route(
  'GET',
  'passwords/search/:q',
  listPasswords((ctx) => ctx.state.searchPasswords(ctx.user, ctx.params.q)),
  true,
);
route('GET', 'passwords/:id', (ctx) => {
  const p = visiblePassword(ctx);
  if (!p) return notFound('password');
  return lockCheck(ctx, p) ?? json(200, ctx.r.password(p, ctx.user));
});
route('GET', 'passwords/:id/security', (ctx) => {
  const p = visiblePassword(ctx);
  if (!p) return notFound('password');
  const rows = [...ctx.state.users.values()]
    .map((u) => ({ u, perm: ctx.state.passwordPerm(u, p) }))
    .filter((x) => x.perm > 0)
    .map(({ u, perm }) => ({
      user: userRef(u),
      permission: pwdPermission(perm),
      granted_via: u.role === 'Admin' ? 'Password manager' : 'Prj: User direct',
    }));
  return json(200, rows);
});
route('POST', 'passwords', (ctx) => {
  const body = bodyObject(ctx);
  if (isAnswer(body)) return body;
  const project = ctx.state.projects.get(Number(body.project_id));
  if (typeof body.name !== 'string' || !body.name.trim()) return fail(400, 'Bad request', 'The name is required.');
  if (!project || ctx.state.projectPerm(ctx.user, project.id) === 0) return notFound('project');
  if (ctx.user.role === 'Read only' || project.archived || ctx.state.projectPerm(ctx.user, project.id) < 30)
    return noPermission('create passwords in this project');
  const now = ctx.state.settings.now();
  const p: SimPassword = {
    id: ctx.state.nextId(ctx.state.passwords),
    projectId: project.id,
    name: '',
    tags: '',
    accessInfo: '',
    username: '',
    email: '',
    password: '',
    notes: '',
    expiryDate: null,
    custom: Array(10).fill(null),
    archived: false,
    lockingType: 0,
    favoriteOf: new Set(),
    unlockGrantedTo: new Set(),
    managedBy: ctx.user.id,
    createdBy: ctx.user.id,
    updatedBy: ctx.user.id,
    createdOn: tpmDateTime(now),
    updatedOn: tpmDateTime(now),
    externalSharing: false,
    numFiles: 0,
  };
  const error = applyFields(p, body, ctx.user, now);
  if (error) return error;
  ctx.state.passwords.set(p.id, p);
  ctx.state.touch(p);
  return json(201, { id: p.id });
});
route('PUT', 'passwords/:id', (ctx) => {
  const p = visiblePassword(ctx);
  if (!p) return notFound('password');
  if (ctx.state.passwordPerm(ctx.user, p) < 20 || ctx.user.role === 'Read only') return noPermission('edit this password');
  const locked = lockCheck(ctx, p);
  if (locked) return locked;
  const body = bodyObject(ctx);
  if (isAnswer(body)) return body;
  const copy = { ...p, custom: [...p.custom] };
  const error = applyFields(copy, body, ctx.user, ctx.state.settings.now());
  if (error) return error;
  Object.assign(p, copy);
  ctx.state.touch(p);
  return noContent();
});
route('DELETE', 'passwords/:id', (ctx) => {
  const p = visiblePassword(ctx);
  if (!p) return notFound('password');
  if (ctx.state.passwordPerm(ctx.user, p) < 30) return noPermission('delete this password');
  ctx.state.passwords.delete(p.id);
  ctx.state.touch(p);
  return noContent();
});
const manage = (action: string, apply: (ctx: Ctx, p: SimPassword) => SimAnswer | undefined) => (ctx: Ctx) => {
  const p = visiblePassword(ctx);
  if (!p) return notFound('password');
  if (ctx.state.passwordPerm(ctx.user, p) < 30) return noPermission(action);
  const error = apply(ctx, p);
  if (error) return error;
  p.updatedOn = tpmDateTime(ctx.state.settings.now());
  ctx.state.touch(p);
  return noContent();
};
route(
  'PUT',
  'passwords/:id/lock',
  manage('lock this password', (_ctx, p) => void (p.lockingType = 1)),
);
route(
  'PUT',
  'passwords/:id/unlock',
  manage('unlock this password', (ctx, p) => {
    const reason = unlockReason(ctx);
    if (!reason) return fail(403, 'Forbidden', 'This password is locked. Provide a reason to unlock it (X-Unlock-Reason header).');
    if ([...reason].length > 200) return fail(400, 'Bad request', 'The unlock reason cannot be longer than 200 characters.');
    ctx.state.unlockLog.push({ userId: ctx.user.id, passwordId: p.id, reason });
    p.lockingType = 0;
    return undefined;
  }),
);
route(
  'PUT',
  'passwords/:id/archive',
  manage('archive this password', (_ctx, p) => void (p.archived = true)),
);
route(
  'PUT',
  'passwords/:id/unarchive',
  manage('unarchive this password', (_ctx, p) => void (p.archived = false)),
);
const favoritePassword = (on: boolean) => (ctx: Ctx) => {
  const p = visiblePassword(ctx);
  if (!p) return notFound('password');
  if (on) p.favoriteOf.add(ctx.user.id);
  else p.favoriteOf.delete(ctx.user.id);
  ctx.state.touch();
  return noContent();
};
route('POST', 'favorite_passwords/:id', favoritePassword(true));
route('DELETE', 'favorite_passwords/:id', favoritePassword(false));

// ---- personal passwords ---------------------------------------------------------------------------------------------

const ownMyPassword = (ctx: Ctx) => {
  const p = ctx.state.myPasswords.get(Number(ctx.params.id));
  return p && p.ownerId === ctx.user.id ? p : undefined;
};
route(
  'GET',
  'my_passwords',
  (ctx) => personalGate(ctx) ?? paged(ctx, ctx.state.myPasswordsOf(ctx.user), (p) => ctx.r.myPasswordItem(p)),
  true,
);
route(
  'GET',
  'my_passwords/search/:q',
  (ctx) => personalGate(ctx) ?? paged(ctx, ctx.state.searchMyPasswords(ctx.user, ctx.params.q), (p) => ctx.r.myPasswordItem(p)),
  true,
);
route('GET', 'my_passwords/:id', (ctx) => {
  const gate = personalGate(ctx);
  if (gate) return gate;
  const p = ownMyPassword(ctx);
  return p ? json(200, ctx.r.myPassword(p)) : notFound('password');
});
route('POST', 'my_passwords', (ctx) => {
  const gate = personalGate(ctx);
  if (gate) return gate;
  if (ctx.user.role === 'Read only') return noPermission('create personal passwords');
  const body = bodyObject(ctx);
  if (isAnswer(body)) return body;
  if (typeof body.name !== 'string' || !body.name.trim()) return fail(400, 'Bad request', 'The name is required.');
  const now = ctx.state.settings.now();
  const p: SimMyPassword = {
    id: ctx.state.nextId(ctx.state.myPasswords),
    ownerId: ctx.user.id,
    name: '',
    tags: '',
    accessInfo: '',
    username: '',
    email: '',
    password: '',
    notes: '',
    createdOn: tpmDateTime(now),
    updatedOn: tpmDateTime(now),
  };
  const error = applyFields(p, body, ctx.user, now);
  if (error) return error;
  ctx.state.myPasswords.set(p.id, p);
  ctx.state.touch(p);
  return json(201, { id: p.id });
});
route('PUT', 'my_passwords/:id', (ctx) => {
  const gate = personalGate(ctx);
  if (gate) return gate;
  const p = ownMyPassword(ctx);
  if (!p) return notFound('password');
  const body = bodyObject(ctx);
  if (isAnswer(body)) return body;
  const copy = { ...p };
  const error = applyFields(copy, body, ctx.user, ctx.state.settings.now());
  if (error) return error;
  Object.assign(p, copy);
  ctx.state.touch(p);
  return noContent();
});
route('DELETE', 'my_passwords/:id', (ctx) => {
  const gate = personalGate(ctx);
  if (gate) return gate;
  const p = ownMyPassword(ctx);
  if (!p) return notFound('password');
  ctx.state.myPasswords.delete(p.id);
  ctx.state.touch(p);
  return noContent();
});

// ---- projects -------------------------------------------------------------------------------------------------------

const listProjects = (pick: (ctx: Ctx) => ReturnType<TpmSimState['searchProjects']>) => (ctx: Ctx) =>
  paged(ctx, pick(ctx), (p) => ctx.r.projectItem(p, ctx.user));
const favoriteProjects = (ctx: Ctx) => ctx.state.view(ctx.user).projects.filter((p) => p.favoriteOf.has(ctx.user.id));
route(
  'GET',
  'projects',
  listProjects((ctx) => ctx.state.view(ctx.user).projects.filter((p) => !p.archived)),
  true,
);
route(
  'GET',
  'projects/archived',
  listProjects((ctx) => ctx.state.view(ctx.user).projects.filter((p) => p.archived)),
  true,
);
route('GET', 'projects/favorite', listProjects(favoriteProjects), true);
route('GET', 'favorite_projects', listProjects(favoriteProjects), true);
route(
  'GET',
  'projects/search/:q',
  listProjects((ctx) => ctx.state.searchProjects(ctx.user, ctx.params.q)),
  true,
);
const visibleProject = (ctx: Ctx) => {
  const p = ctx.state.projects.get(Number(ctx.params.id));
  return p && ctx.state.projectPerm(ctx.user, p.id) > 0 ? p : undefined;
};
route('GET', 'projects/:id', (ctx) => {
  const p = visibleProject(ctx);
  return p ? json(200, ctx.r.project(p, ctx.user)) : notFound('project');
});
const subprojects = (ctx: Ctx) => {
  const id = Number(ctx.params.id);
  if (id !== 0 && !visibleProject(ctx)) return notFound('project');
  const children = ctx.state.childrenOf(id).filter((c) => ctx.state.projectPerm(ctx.user, c.id) > 0);
  return json(
    200,
    children.map((c) => ctx.r.projectNode(c, ctx.user, ctx.params.action)),
  );
};
route('GET', 'projects/:id/subprojects', subprojects);
route('GET', 'projects/:id/subprojects/:action', subprojects);
route(
  'GET',
  'projects/:id/passwords',
  (ctx) => {
    const p = visibleProject(ctx);
    if (!p) return notFound('project');
    return paged(ctx, ctx.state.view(ctx.user).byProject.get(p.id) ?? [], (x) => ctx.r.passwordItem(x, ctx.user, false));
  },
  true,
);
route('GET', 'projects/:id/security', (ctx) => {
  const p = visibleProject(ctx);
  if (!p) return notFound('project');
  const rows = [...ctx.state.users.values()]
    .map((u) => ({ u, perm: ctx.state.projectPerm(u, p.id) }))
    .filter((x) => x.perm > 0)
    .map(({ u, perm }) => ({
      user: userRef(u),
      permission: prjPermission(perm),
      granted_via: u.role === 'Admin' ? 'Project manager' : 'User direct',
    }));
  return json(200, rows);
});
route('POST', 'projects', (ctx) => {
  if (ctx.user.role !== 'Admin' && ctx.user.role !== 'Project manager') return noPermission('create projects');
  const body = bodyObject(ctx);
  if (isAnswer(body)) return body;
  if (typeof body.name !== 'string' || !body.name.trim()) return fail(400, 'Bad request', 'The name is required.');
  const parentId = Number(body.parent_id ?? 0);
  if (parentId !== 0 && !ctx.state.projects.has(parentId)) return notFound('project');
  const now = tpmDateTime(ctx.state.settings.now());
  const id = ctx.state.nextId(ctx.state.projects);
  ctx.state.projects.set(id, {
    id,
    parentId,
    name: body.name,
    tags: typeof body.tags === 'string' ? body.tags : '',
    notes: typeof body.notes === 'string' ? body.notes : '',
    archived: false,
    managedBy: ctx.user.id,
    createdBy: ctx.user.id,
    updatedBy: ctx.user.id,
    createdOn: now,
    updatedOn: now,
    userPerms: new Map(),
    groupPerms: new Map(),
    favoriteOf: new Set(),
  });
  ctx.state.touch();
  return json(201, { id });
});
const favoriteProject = (on: boolean) => (ctx: Ctx) => {
  const p = visibleProject(ctx);
  if (!p) return notFound('project');
  if (on) p.favoriteOf.add(ctx.user.id);
  else p.favoriteOf.delete(ctx.user.id);
  ctx.state.touch();
  return noContent();
};
route('POST', 'favorite_projects/:id', favoriteProject(true));
route('DELETE', 'favorite_projects/:id', favoriteProject(false));

// ---- dispatch ---------------------------------------------------------------------------------------------------------

function match(r: Route, method: string, segs: string[]): { params: Record<string, string>; rest: string[] } | undefined {
  if (r.method !== method || segs.length < r.pattern.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < r.pattern.length; i++) {
    const p = r.pattern[i];
    if (p === ':id') {
      if (!/^\d+$/.test(segs[i])) return undefined;
      params.id = segs[i];
    } else if (p.startsWith(':')) params[p.slice(1)] = segs[i];
    else if (p !== segs[i]) return undefined;
  }
  const rest = segs.slice(r.pattern.length);
  const ok =
    rest.length === 0 ||
    (r.paged && ((rest.length === 1 && rest[0] === 'count') || (rest.length === 2 && rest[0] === 'page' && /^\d+$/.test(rest[1]))));
  return ok ? { params, rest } : undefined;
}

/** PHP's `urldecode`: `+` is a space too (Python clients send `quote_plus`). */
function decodeSegment(segment: string): string {
  return decodeURIComponent(segment.replace(/\+/g, ' '));
}

/** Handles one request end to end; `origin` is what Link headers point back to. */
export function handleTpmRequest(state: TpmSimState, basePath: string, origin: string, req: SimRequest): SimAnswer {
  let path = req.rawPath;
  if (basePath && !path.startsWith(`${basePath}/`))
    return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<h1>404 Page Not Found</h1>' };
  path = path.slice(basePath.length).replace(/^\/index\.php(?=\/)/, '');
  const m = /^\/(api\/(v\d+)\/(.+)\.json)$/.exec(path);
  if (!m) return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<h1>404 Page Not Found</h1>' };
  const [, signedPath, version, resource] = m;
  if (!state.settings.versions.includes(version as SimApiVersion)) return controllerMissing();
  if (!state.settings.apiEnabled) return fail(403, 'Forbidden', 'API access is disabled');
  const contentType = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(contentType))
    return fail(415, 'Unsupported Media Type', 'The API only accepts JSON requests (Content-Type: application/json).');
  const auth = authenticate(state, req.headers, signedPath, req.body);
  if ('status' in auth) return fail(auth.status, 'Unauthorized', auth.message);
  let segs: string[];
  try {
    segs = resource.split('/').map(decodeSegment);
  } catch {
    return fail(400, 'Bad request', 'The request path is not valid.');
  }
  for (const r of routes) {
    const hit = match(r, req.method, segs);
    if (!hit) continue;
    const ctx: Ctx = {
      state,
      r: new Renderer(state, version as SimApiVersion),
      user: auth.user,
      version: version as SimApiVersion,
      method: req.method,
      headers: req.headers,
      rawBody: req.body,
      origin,
      basePath,
      params: hit.params,
      listSegments: segs.slice(0, r.pattern.length),
      rest: hit.rest,
    };
    return r.handler(ctx);
  }
  return controllerMissing();
}
