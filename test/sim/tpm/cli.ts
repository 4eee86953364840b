/** `npm run sim:tpm -- --port 8081 --entries 500 [--latency 30] [--version v4|v5|v6|both|all] [--page-size 20] [--seed 1] [--tls]` */
import { parseArgs } from 'node:util';
import { DEMO_USERS } from './seed';
import { startTpmSim } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8081' },
    entries: { type: 'string', default: '500' },
    latency: { type: 'string', default: '0' },
    version: { type: 'string', default: 'both' },
    'page-size': { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    tls: { type: 'boolean', default: false },
  },
});

const number = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const version = values.version;
if (version !== 'v4' && version !== 'v5' && version !== 'v6' && version !== 'both' && version !== 'all')
  throw new Error('--version must be v4, v5, v6, both (v4 + v5) or all (v4 + v5 + v6)');

const started = performance.now();
const sim = await startTpmSim({
  port: number('port', values.port),
  entries: number('entries', values.entries),
  latencyMs: number('latency', values.latency),
  pageSize: Math.max(1, number('page-size', values['page-size'])),
  seed: number('seed', values.seed),
  version,
  tls: values.tls,
});
const lines = [
  `TPM simulator (API ${sim.state.settings.versions.join(' + ')}) at ${sim.url}`,
  `  ${sim.state.passwords.size} passwords, ${sim.state.projects.size} projects, ${sim.state.myPasswords.size} personal passwords; ` +
    `ready in ${Math.round(performance.now() - started)} ms`,
  `  API base: ${sim.url}/index.php/api/${sim.state.settings.versions.at(-1)}/   (try its version.json)`,
  '',
  'Demo users (HTTP Basic user / password; HMAC public key / private key):',
  ...Object.values(DEMO_USERS).flatMap((u) => [
    `  ${u.role.padEnd(16)} ${u.username} / ${u.password}`,
    `  ${''.padEnd(16)} public  ${u.publicKey}`,
    `  ${''.padEnd(16)} private ${u.privateKey}`,
  ]),
  '',
  'Press Ctrl+C to stop.',
];
console.log(lines.join('\n'));

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
