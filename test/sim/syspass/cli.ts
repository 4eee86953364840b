/** `npm run sim:syspass -- --port 8082 [--accounts 5000] [--latency 30]`: runs the sysPass simulator until Ctrl+C. */
import { parseArgs } from 'node:util';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS, READER_AUTH_TOKEN, READER_TOKEN_PASS } from './seed';
import { startSyspassSim } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8082' },
    accounts: { type: 'string', default: '40' },
    latency: { type: 'string', default: '0' },
  },
});

const sim = await startSyspassSim({ port: Number(values.port), accounts: Number(values.accounts), latencyMs: Number(values.latency) });
console.log(`sysPass simulator (3.2.11) on ${sim.url}  (API: ${sim.url}/api.php)`);
console.log(`  accounts:        ${sim.state.accounts.size}`);
console.log(`  auth token:      ${DEMO_AUTH_TOKEN}  (admin, every action)`);
console.log(`  token password:  ${DEMO_TOKEN_PASS}`);
console.log(`  reader token:    ${READER_AUTH_TOKEN}  (non-admin; token password ${READER_TOKEN_PASS})`);
console.log('Ctrl+C to stop.');
process.on('SIGINT', () => {
  void sim.close().then(() => process.exit(0));
});
