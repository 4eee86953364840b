/** Before the e2e files run: the shipped build and the e2e build, each made once (and only when its sources changed). */
import { ensureBuild } from '../builds';

export default function setup(): void {
  ensureBuild('chromium');
  ensureBuild('e2e');
}
