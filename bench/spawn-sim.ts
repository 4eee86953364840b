/**
 * Starts a simulator in its own process, so its CPU time does not share the event loop with the client being
 * measured (in real use the server is another machine).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface SpawnedSim {
  url: string;
  stop(): Promise<void>;
}

export function spawnSim(kind: 'tpm' | 'syspass', args: string[]): Promise<SpawnedSim> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, `test/sim/${kind}/cli.ts`), '--port', '0', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`${kind} simulator exited with ${code}: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(https?:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (!url) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.removeAllListeners('exit');
      resolve({
        url,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
