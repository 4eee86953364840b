/**
 * Deterministic generator of realistic TPM data: nested projects, mixed `access_info` styles, custom fields
 * (OTP, encrypted), locked, archived and favorite entries, personal passwords, and demo users with known secrets.
 */
import { createHash } from 'node:crypto';
import type { SimCustomField, SimData, SimGroup, SimMyPassword, SimPassword, SimProject, SimProjectPerm, SimRole, SimUser } from './model';

/** A demo login: the same on every run. */
export interface DemoUser {
  username: string;
  password: string;
  role: SimRole;
  name: string;
  publicKey: string;
  privateKey: string;
}

const key = (kind: string, username: string) => createHash('sha256').update(`tpm-sim-${kind}:${username}`).digest('hex');
const demo = (username: string, password: string, role: SimRole, name: string): DemoUser => ({
  username,
  password,
  role,
  name,
  publicKey: key('public', username),
  privateKey: key('private', username),
});

/** The demo users of every seed: an admin, a normal user (non-ASCII password), a read-only user, and two more. */
export const DEMO_USERS = {
  admin: demo('admin', 'Admin-Demo-1!', 'Admin', 'Ada Admin'),
  normal: demo('alice', 'Älice-Pässwörd-€1', 'Normal user', 'Alice Normal'),
  readOnly: demo('reader', 'Reader-Demo-1!', 'Read only', 'Rita Reader'),
  manager: demo('pm', 'Pm-Demo-1!', 'Project manager', 'Paul Manager'),
  other: demo('bob', 'Bob-Demo-1!', 'Normal user', 'Bob Other'),
} as const;

export interface SeedOptions {
  /** Number of shared passwords (default 200; the demo entries are part of it). */
  entries?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Personal passwords per demo admin/normal user (default max(5, entries / 50)). */
  myPasswordsPerUser?: number;
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const EPOCH = Date.UTC(2023, 0, 2, 8, 0, 0);
/** `YYYY-MM-DD HH:MM:SS` (server-local, no zone, like TPM). */
export function tpmDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
const date = (rng: Rng) => tpmDateTime(EPOCH + rng.int(0, 700 * 86_400) * 1000);

const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
  'Vandelay',
  'Pied Piper',
  'Massive Dynamic',
  'Oscorp',
  'Gringotts',
  'Monarch',
  'Nakatomi',
  'Dunder Mifflin',
];
const SUFFIXES = ['Logistics', 'Bakery', 'Legal', 'Clinic', 'Studio', 'Motors', 'Foods', 'Hotels', 'Energy', 'Retail'];
const TLDS = ['com', 'net', 'io', 'de', 'co.uk', 'org', 'fr', 'es'];
const SERVICES: [string, string][] = [
  ['GitHub', 'https://github.com/login'],
  ['GitLab', 'https://gitlab.com/users/sign_in'],
  ['AWS console', 'https://console.aws.amazon.com/'],
  ['Google Workspace', 'https://accounts.google.com/'],
  ['Azure portal', 'https://portal.azure.com'],
  ['Salesforce', 'https://login.salesforce.com'],
  ['Slack', 'https://app.slack.com'],
  ['Jira Cloud', 'https://id.atlassian.com/login'],
  ['Zoom', 'https://zoom.us/signin'],
  ['Dropbox', 'https://www.dropbox.com/login'],
  ['Twitter', 'https://twitter.com/login'],
  ['Facebook', 'https://www.facebook.com/'],
  ['LinkedIn', 'https://www.linkedin.com/login'],
  ['Mailchimp', 'https://login.mailchimp.com/'],
  ['Stripe', 'https://dashboard.stripe.com/login'],
  ['PayPal', 'https://www.paypal.com/signin'],
  ['Cloudflare', 'https://dash.cloudflare.com/login'],
  ['DigitalOcean', 'https://cloud.digitalocean.com/login'],
  ['Shopify', 'https://accounts.shopify.com/'],
  ['Sentry', 'https://sentry.io/auth/login/'],
  ['OVH webmail', 'https://mail.ovh.net/roundcube/'],
];
const INTRANET = [
  'intranet',
  'wiki',
  'jira',
  'gitlab',
  'nas',
  'printer',
  'router',
  'fileserver',
  'vpn',
  'erp',
  'crm',
  'grafana',
  'jenkins',
];
const SERVERS = ['db01', 'db02', 'web01', 'web02', 'mail', 'backup', 'ldap', 'proxy', 'k8s-master', 'monitor'];
const PORTS = [22, 3306, 5432, 8080, 8443, 9000, 3389, 6379];
const FIRST = [
  'anna',
  'ben',
  'carla',
  'david',
  'eva',
  'felix',
  'greta',
  'hugo',
  'ines',
  'jonas',
  'karin',
  'léa',
  'mats',
  'nora',
  'oskar',
  'zoë',
];
const LAST = ['meyer', 'schmidt', 'garcía', 'rossi', 'dubois', 'novak', 'jansen', 'silva', 'kowalski', 'öztürk'];
const TAGS = [
  'web',
  'server',
  'database',
  'social',
  'email',
  'vpn',
  'hosting',
  'dns',
  'backup',
  'admin',
  'api',
  'ssh',
  'ftp',
  'wordpress',
  'cloud',
];
const SECRET_CHARS = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%&*()-_=+[]{}<>?';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const secretOf = (rng: Rng, length: number) => Array.from({ length }, () => rng.pick([...SECRET_CHARS])).join('');
const base32Of = (rng: Rng, length: number) => Array.from({ length }, () => rng.pick([...BASE32])).join('');
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');

/** An `access_info` in one of the styles real users type. */
function accessInfo(rng: Rng, domain: string): string {
  const ip = () =>
    rng.chance(0.5) ? `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : `192.168.${rng.int(0, 20)}.${rng.int(1, 254)}`;
  const roll = rng.next();
  if (roll < 0.3) {
    const host = `${rng.pick(['www', 'app', 'admin', 'portal', 'shop', 'mail'])}.${domain}`;
    return `https://${host}/${rng.pick(['login', 'admin', 'wp-admin', 'account', ''])}`;
  }
  if (roll < 0.42) return rng.pick(SERVICES)[1];
  if (roll < 0.52) return `${rng.pick(['portal', 'webmail', 'cpanel', 'ftp'])}.${domain}`;
  if (roll < 0.6) return `${rng.pick(SERVERS)}.${rng.pick(['corp.local', 'lan', domain])}:${rng.pick(PORTS)}`;
  if (roll < 0.68) return ip();
  if (roll < 0.73) return `http://${ip()}:${rng.pick(PORTS)}`;
  if (roll < 0.79) return rng.chance(0.5) ? rng.pick(INTRANET) : `http://${rng.pick(INTRANET)}/`;
  if (roll < 0.87) return `https://www.${domain}, https://admin.${domain}/login${rng.chance(0.5) ? `, ${rng.pick(SERVICES)[1]}` : ''}`;
  if (roll < 0.9) return `ssh://${rng.pick(SERVERS)}.corp.local`;
  if (roll < 0.92) return 'Console in the server room';
  return '';
}

function customFields(rng: Rng): (SimCustomField | null)[] {
  const fields: (SimCustomField | null)[] = Array(10).fill(null);
  if (!rng.chance(0.12)) return fields;
  const kinds: SimCustomField[] = [
    { type: 'Text', label: 'Customer number', data: String(rng.int(10000, 99999)) },
    { type: 'E-mail', label: 'Recovery e-mail', data: `${rng.pick(FIRST)}@example.org` },
    { type: 'Password', label: 'PIN', data: String(rng.int(1000, 9999)) },
    { type: 'Encrypted text', label: 'API secret', data: secretOf(rng, 24) },
    { type: 'Date', label: 'Contract ends', data: `2026-${String(rng.int(1, 12)).padStart(2, '0')}-15` },
    { type: 'One Time Password', label: '2FA', data: base32Of(rng, 32) },
  ];
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) fields[i] = rng.pick(kinds);
  return fields;
}

function users(): { users: SimUser[]; groups: SimGroup[] } {
  const created = tpmDateTime(EPOCH);
  const groups: SimGroup[] = [
    { id: 1, name: 'Web team', createdOn: created },
    { id: 2, name: 'IT team', createdOn: created },
  ];
  const list = [DEMO_USERS.admin, DEMO_USERS.normal, DEMO_USERS.readOnly, DEMO_USERS.manager, DEMO_USERS.other];
  const groupIds: Record<string, number[]> = { alice: [1], bob: [1], pm: [2] };
  return {
    groups,
    users: list.map((u, i) => ({
      id: i + 1,
      username: u.username,
      name: u.name,
      email: `${u.username}@tpm-sim.test`,
      role: u.role,
      password: u.password,
      publicKey: u.publicKey,
      privateKey: u.privateKey,
      groupIds: groupIds[u.username] ?? [],
      createdOn: created,
      lastLogin: tpmDateTime(EPOCH + 600 * 86_400_000),
    })),
  };
}

/** Builds the data set. Same options → same data, byte for byte. */
export function seedTpm(options: SeedOptions = {}): SimData {
  const rng = prng(options.seed ?? 1);
  const total = Math.max(12, options.entries ?? 200);
  const { users: userList, groups } = users();
  const [admin, alice, reader, pm, bob] = userList;
  const projects: SimProject[] = [];
  const project = (parentId: number, name: string, tags: string, perms: [number, SimProjectPerm][] = [], archived = false) => {
    const p: SimProject = {
      id: projects.length + 1,
      parentId,
      name,
      tags,
      notes: '',
      archived,
      managedBy: admin.id,
      createdBy: admin.id,
      updatedBy: admin.id,
      createdOn: date(rng),
      updatedOn: date(rng),
      userPerms: new Map(perms),
      groupPerms: new Map(),
      favoriteOf: new Set(),
    };
    projects.push(p);
    return p;
  };

  // A fixed top of the tree, with permissions that make the demo roles differ.
  const shared = project(0, 'Shared services', 'internal', [
    [alice.id, 40],
    [reader.id, 20],
    [bob.id, 20],
  ]);
  const clients = project(0, 'Clients', 'client', [
    [alice.id, 40],
    [reader.id, 20],
    [pm.id, 30],
  ]);
  const infra = project(0, 'Infrastructure', 'it,servers', [
    [alice.id, 20],
    [pm.id, 60],
  ]);
  const marketing = project(0, 'Marketing', 'social');
  marketing.groupPerms.set(1, 40);
  const development = project(0, 'Development', 'dev', [
    [pm.id, 60],
    [reader.id, 20],
  ]);
  const oldProjects = project(0, 'Old projects', 'archive', [[alice.id, 20]], true);
  for (const name of ['Servers', 'Network', 'Databases']) project(infra.id, name, 'it');
  project(infra.id, 'Firewalls', 'it,security', [[alice.id, 0]]);
  for (const name of ['Social media', 'Newsletters']) project(marketing.id, name, 'social');
  project(development.id, 'CI and tooling', 'dev');
  project(oldProjects.id, 'Legacy intranet', 'archive', [], true);
  const clientCount = Math.min(400, Math.max(4, Math.round(total / 60)));
  for (let i = 0; i < clientCount; i++) {
    const suffix = SUFFIXES[Math.floor(i / COMPANIES.length) % SUFFIXES.length];
    const name = `${COMPANIES[i % COMPANIES.length]} ${suffix}${i >= COMPANIES.length * SUFFIXES.length ? ` ${i}` : ''}`;
    const client = project(clients.id, name, 'client');
    for (const sub of rng.chance(0.6) ? ['Website', 'Hosting'] : ['Website']) project(client.id, `${name} – ${sub}`, 'client,web');
  }
  shared.favoriteOf.add(admin.id).add(alice.id);
  clients.favoriteOf.add(admin.id);

  const domains = new Map(projects.map((p) => [p.id, `${slug(p.name.split(' – ')[0]) || 'example'}.${rng.pick(TLDS)}`]));
  const passwords: SimPassword[] = [];
  const entry = (projectId: number, name: string, extra: Partial<SimPassword> = {}): SimPassword => {
    const domain = domains.get(projectId) ?? 'example.com';
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const createdOn = date(rng);
    const p: SimPassword = {
      id: passwords.length + 1,
      projectId,
      name,
      tags: Array.from(new Set(Array.from({ length: rng.int(0, 3) }, () => rng.pick(TAGS)))).join(','),
      accessInfo: accessInfo(rng, domain),
      username: rng.chance(0.75) ? rng.pick(['admin', 'root', `${first}.${last}`, `svc-${slug(name).slice(0, 10)}`, first]) : '',
      email: rng.chance(0.4) ? `${slug(first)}.${slug(last)}@${domain}` : '',
      password: secretOf(rng, rng.int(10, 24)),
      notes: rng.chance(0.3) ? `Ask ${first} before changing.\nRotated yearly.` : '',
      expiryDate: null,
      custom: customFields(rng),
      archived: false,
      lockingType: 0,
      favoriteOf: new Set(),
      unlockGrantedTo: new Set(),
      managedBy: admin.id,
      createdBy: admin.id,
      updatedBy: admin.id,
      createdOn,
      updatedOn: createdOn,
      externalSharing: false,
      numFiles: 0,
      ...extra,
    };
    passwords.push(p);
    return p;
  };

  // Hand-made entries first, so their ids are small and stable.
  const lockedReason = entry(shared.id, 'Production database (locked)', {
    lockingType: 1,
    accessInfo: 'db01.corp.local:5432',
    username: 'postgres',
    tags: 'database,locked',
  });
  const lockedPermission = entry(shared.id, 'Payroll bank account (locked)', {
    lockingType: 2,
    accessInfo: 'https://bank.example.com/business',
    username: 'payroll',
    tags: 'finance',
  });
  const otpSecret = 'JBSWY3DPEHPK3PXP';
  const otp = entry(shared.id, 'GitHub organisation owner', {
    accessInfo: 'https://github.com/login',
    username: 'acme-owner',
    custom: [
      { type: 'One Time Password', label: '2FA code', data: otpSecret },
      { type: 'Encrypted text', label: 'Recovery codes', data: 'a1b2-c3d4 e5f6-g7h8' },
      ...Array<null>(8).fill(null),
    ],
  });
  const encrypted = entry(shared.id, 'Root on web01', {
    accessInfo: 'ssh://web01.corp.local',
    username: 'root',
    custom: [
      { type: 'Encrypted notes', label: 'Key passphrase', data: 'correct horse battery staple' },
      { type: 'Password', label: 'BIOS password', data: 'bi0s-Pa55' },
      { type: 'Text', label: 'Rack', data: 'R3-U12' },
      ...Array<null>(7).fill(null),
    ],
  });
  const archived = entry(shared.id, 'Old FTP server', { archived: true, accessInfo: 'ftp://78.33.44.22', username: 'ftpuser' });
  const multiUrl = entry(shared.id, 'Company webmail', {
    accessInfo: 'https://mail.acme.com, https://webmail.acme.com/login, intranet',
    username: 'alice',
    email: 'alice@acme.com',
    tags: 'email,web',
  });
  multiUrl.favoriteOf.add(alice.id).add(admin.id);
  entry(shared.id, 'Intranet wiki', { accessInfo: 'wiki', username: 'alice' });
  entry(shared.id, 'Expired router login', { accessInfo: '192.168.0.1', username: 'admin', expiryDate: '2024-01-31' });
  entry(oldProjects.id, 'Legacy CRM', { accessInfo: 'http://crm.old.corp.local:8080', archived: true });

  const leafish = projects.filter((p) => p.id !== oldProjects.id);
  while (passwords.length < total) {
    const proj = rng.chance(0.15) ? shared : rng.pick(leafish);
    const [service] = rng.pick(SERVICES);
    const name = rng.chance(0.5)
      ? `${service}${rng.chance(0.3) ? ` (${rng.pick(['prod', 'staging', 'test'])})` : ''}`
      : `${rng.pick(['Admin', 'FTP', 'Database', 'Hosting panel', 'Webmail', 'Router', 'VPN', 'DNS'])} ${proj.name.split(' – ')[0]}`;
    const p = entry(proj.id, name);
    if (proj.archived || rng.chance(0.03)) p.archived = true;
    if (rng.chance(0.05)) p.favoriteOf.add(admin.id);
    if (rng.chance(0.05)) p.favoriteOf.add(alice.id);
    if (rng.chance(0.1)) {
      const twoDigits = (n: number) => String(n).padStart(2, '0');
      p.expiryDate = `${rng.pick(['2024', '2025', '2026', '2027'])}-${twoDigits(rng.int(1, 12))}-${twoDigits(rng.int(1, 28))}`;
    }
    if (rng.chance(0.02)) p.numFiles = rng.int(1, 3);
  }

  const myPasswords: SimMyPassword[] = [];
  const perUser = options.myPasswordsPerUser ?? Math.max(5, Math.round(total / 50));
  for (const owner of [admin, alice, reader]) {
    for (let i = 0; i < perUser; i++) {
      const [service, url] = rng.pick(SERVICES);
      const createdOn = date(rng);
      myPasswords.push({
        id: myPasswords.length + 1,
        ownerId: owner.id,
        name: i === 0 ? `My ${service}` : `${service} ${rng.pick(['personal', 'private', 'old', 'test'])} ${i}`,
        tags: rng.chance(0.3) ? 'personal' : '',
        accessInfo: rng.chance(0.9) ? url : '',
        username: rng.chance(0.6) ? `${owner.username}${rng.int(1, 99)}` : '',
        email: rng.chance(0.5) ? owner.email : '',
        password: secretOf(rng, 14),
        notes: '',
        createdOn,
        updatedOn: createdOn,
      });
    }
  }

  return {
    users: userList,
    groups,
    projects,
    passwords,
    myPasswords,
    demo: {
      sharedProjectId: shared.id,
      lockedReasonId: lockedReason.id,
      lockedPermissionId: lockedPermission.id,
      otpId: otp.id,
      otpSecret,
      encryptedId: encrypted.id,
      archivedId: archived.id,
      multiUrlId: multiUrl.id,
      myPasswordId: myPasswords[0].id,
    },
  };
}
