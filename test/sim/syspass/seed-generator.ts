/** A deterministic, realistic seed of any size: the 8 recorded accounts first, then generated ones with mixed URL styles. */
import {
  ALL_ACTIONS,
  DEMO_AUTH_TOKEN,
  DEMO_TOKEN_PASS,
  READER_AUTH_TOKEN,
  READER_TOKEN_PASS,
  type SeedAccount,
  type SyspassSeed,
} from './seed';
import { ADMIN_USER, ADMINS_GROUP, RECORDED_ACCOUNTS } from './seed-presets';

const CLIENTS = [
  'Acme Corp',
  'Home Lab',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
  'Vandelay Industries',
  'Soylent',
  'Cyberdyne',
  'Tyrell Corp',
  'Wonka Industries',
  'Aperture Science',
  'Oceanic Airlines',
  'Dunder Mifflin',
  'Pied Piper',
  'Massive Dynamic',
  'Blue Sun',
  'Zürich Versicherung',
];
const CATEGORIES = [
  'Web',
  'Servers',
  'Network',
  'Databases',
  'E-mail',
  'Cloud',
  'VPN',
  'Printers',
  'Wi-Fi',
  'Monitoring',
  'Development',
  'Finance',
];
const TAGS = ['prod', 'internal', 'shared', 'staging', 'dev', 'legacy', '2fa', 'vpn', 'admin', 'readonly'];
const SERVICES = [
  'portal',
  'mail',
  'git',
  'wiki',
  'jira',
  'grafana',
  'vault',
  'crm',
  'erp',
  'intranet',
  'nas',
  'backup',
  'router',
  'switch',
  'firewall',
  'ldap',
  'sso',
  'ci',
  'docs',
  'hr',
];
const LOGINS = ['admin', 'root', 'alice', 'bob', 'carol', 'dave', 'eve', 'ops', 'backup', 'svc-deploy', 'jürgen', 'monitor'];
const WORDS = ['amber', 'falcon', 'granite', 'harbor', 'juniper', 'lantern', 'meadow', 'nebula', 'orchid', 'quartz', 'raven', 'summit'];

/** mulberry32: tiny and deterministic, so every run serves the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** One URL in one of the styles people store in sysPass. */
function urlFor(style: number, service: string, client: string, r: () => number): string {
  const domain = `${slug(client)}.example.test`;
  const octet = () => 1 + Math.floor(r() * 253);
  switch (style) {
    case 0:
      return `https://${service}.${domain}/login`;
    case 1:
      return `https://${service}.${domain}/`;
    case 2:
      return `${service}.${domain}`; // bare host
    case 3:
      return `${service}.${domain}:${[8080, 8443, 5000, 9000][Math.floor(r() * 4)]}`; // host:port
    case 4:
      return `10.${octet()}.${octet()}.${octet()}`; // bare IP
    case 5:
      return `http://192.168.${octet()}.${octet()}/admin`;
    case 6:
      return service; // one-word intranet host
    case 7:
      return `https://${domain}/${service}/?lang=en`;
    case 8:
      return `http://${service}:${3000 + Math.floor(r() * 100)}`;
    default:
      return '';
  }
}

/**
 * `accounts` accounts in all (default 40): the recorded 8, then generated ones. Users: 1 admin, 2 a non-admin in
 * group 2 (Developers), 3 another non-admin in group 3 (Support). About 1 in 25 generated accounts is private to
 * its owner and 1 in 30 private to its group, so visibility rules have something to hide.
 */
export function generateSeed(opts: { accounts?: number } = {}): SyspassSeed {
  const total = opts.accounts ?? 40;
  const r = prng(0x5eed);
  const accounts: SeedAccount[] = RECORDED_ACCOUNTS.slice(0, total).map((a) => ({ ...a, tags: [...(a.tags ?? [])] }));
  const baseTime = 1795618901;
  for (let id = accounts.length + 1; id <= total; id++) {
    const clientId = 1 + Math.floor(r() * CLIENTS.length);
    const categoryId = 1 + Math.floor(r() * CATEGORIES.length);
    const service = SERVICES[Math.floor(r() * SERVICES.length)];
    const login = LOGINS[Math.floor(r() * LOGINS.length)];
    const style = Math.floor(r() * 10);
    const owner = r() < 0.8 ? 1 : r() < 0.5 ? 2 : 3;
    const tagCount = Math.floor(r() * 3);
    const tags = [...new Set(Array.from({ length: tagCount }, () => 1 + Math.floor(r() * TAGS.length)))];
    const word = WORDS[Math.floor(r() * WORDS.length)];
    accounts.push({
      id,
      name: `${CLIENTS[clientId - 1]} ${service} (${login}) #${id}`,
      clientId,
      categoryId,
      login,
      url: urlFor(style, service, CLIENTS[clientId - 1], r),
      notes: r() < 0.3 ? `${service} for ${CLIENTS[clientId - 1]}; rotated quarterly` : '',
      pass: `${word[0].toUpperCase()}${word.slice(1)}-${id}-${Math.floor(r() * 9000 + 1000)}!`,
      passDate: baseTime + id,
      passDateChange: r() < 0.1 ? baseTime + 90 * 86400 : 0,
      userId: owner,
      isPrivate: r() < 0.04 ? 1 : 0,
      isPrivateGroup: r() < 0.033 ? 1 : 0,
      tags,
    });
  }
  return {
    users: [
      ADMIN_USER,
      { id: 2, name: 'Dana Developer', login: 'dana', userGroupId: 2, isAdminApp: false, isAdminAcc: false, disabled: false },
      { id: 3, name: 'Sam Support', login: 'sam', userGroupId: 3, isAdminApp: false, isAdminAcc: false, disabled: false },
    ],
    userGroups: [
      ADMINS_GROUP,
      { id: 2, name: 'Developers', description: 'Software team', users: [] },
      { id: 3, name: 'Support', description: 'Help desk', users: [] },
    ],
    clients: CLIENTS.map((name, i) => ({ id: i + 1, name, description: i < 3 ? 'sample client' : `${name} accounts`, isGlobal: 0 })),
    categories: CATEGORIES.map((name, i) => ({ id: i + 1, name, description: 'sample category' })),
    tags: TAGS.map((name, i) => ({ id: i + 1, name })),
    accounts,
    tokens: [
      { token: DEMO_AUTH_TOKEN, userId: 1, actions: ALL_ACTIONS, tokenPass: DEMO_TOKEN_PASS },
      {
        token: READER_AUTH_TOKEN,
        userId: 2,
        actions: ['account/search', 'account/view', 'account/viewPass', 'category/search', 'client/search', 'tag/search'],
        tokenPass: READER_TOKEN_PASS,
      },
    ],
  };
}
