/**
 * The in-page menu and the save prompt act on a click only once they have been really visible for a moment (their
 * clickjacking guard, src/ui/inline-menu/really-visible.ts). A test clicks when that condition holds, as the
 * browser reports it to an IntersectionObserver v2 in the same frame, instead of sleeping a fixed time.
 */
import type { Frame } from 'playwright-core';
import { STEADY_MS } from '../../src/ui/inline-menu/really-visible';

/**
 * Resolves once `frame` has been visible for longer than the guard's steady time. The guard's own observer may
 * report up to one observer delay (100 ms) after ours, hence the margin. With `occluded`, the frame only needs to
 * be on screen (covered or faded by the page is fine): for the attacks the guard must refuse although its time
 * has passed.
 */
export async function untilClickable(frame: Frame, { occluded = false } = {}): Promise<void> {
  await frame.evaluate(
    ([waitMs, trackVisibility]) =>
      new Promise<void>((resolve, reject) => {
        const deadline = performance.now() + 10_000;
        let since = 0;
        const observer = new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              const shown = trackVisibility
                ? (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true
                : entry.isIntersecting;
              since = shown ? since || performance.now() : 0;
            }
          },
          { threshold: [0.5], trackVisibility, delay: 100 } as IntersectionObserverInit,
        );
        observer.observe(document.body);
        const check = () => {
          if (since > 0 && performance.now() - since >= waitMs) {
            observer.disconnect();
            resolve();
          } else if (performance.now() > deadline) reject(new Error('The frame was not shown steadily within 10 s.'));
          else setTimeout(check, 20);
        };
        check();
      }),
    [STEADY_MS + 150, !occluded] as const,
  );
}
