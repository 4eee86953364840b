import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOSTS, startDemoWorld, type DemoWorld } from '../demo/demo-world';
import { runTour } from '../demo/tour';
import { launchExtension, type ExtensionSession } from './harness';

describe('the npm start demo, as its headless tour (set up from the welcome page)', () => {
  let world: DemoWorld;
  let ext: ExtensionSession;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'tour-test-'));
  beforeAll(async () => {
    world = await startDemoWorld();
    ext = await launchExtension({ hosts: [DEMO_HOSTS], keepWelcome: true });
  });
  afterAll(async () => {
    await ext?.close();
    await world?.close();
    fs.rmSync(shots, { recursive: true, force: true });
  });

  it('completes every step and writes a screenshot of each', async () => {
    const steps = await runTour(ext, world, shots);
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(steps).toHaveLength(9);
    expect(fs.readdirSync(shots).sort()).toEqual([
      'inline-menu.png',
      'options-autofill.png',
      'options.png',
      'popup-search.png',
      'popup.png',
      'save-prompt.png',
      'signup-generated.png',
      'welcome-done.png',
      'welcome-sign-in.png',
      'welcome.png',
    ]);
  });
});
