/**
 * Finds text that does not fit its space in one of our pages: an element that sticks out of the page, or whose
 * content is wider (or, where it clips, taller) than its box. Text cut on purpose (`text-overflow: ellipsis`, the
 * whole of it in a title) and boxes that scroll by design are left alone; so are form controls, whose own text
 * scrolls inside them.
 */
import type { Page } from 'playwright-core';

export function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const found = [];
    const page = document.body.getBoundingClientRect();
    const name = (el) =>
      el.tagName.toLowerCase() +
      (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '"';
    const skip = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'PROGRESS', 'METER', 'SVG', 'PATH', 'IMG', 'BR', 'SCRIPT', 'STYLE']);
    for (const el of document.body.querySelectorAll('*')) {
      if (skip.has(el.tagName.toUpperCase()) || el.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > page.right + 1 || box.left < page.left - 1) {
        found.push('outside the page: ' + name(el));
        continue;
      }
      if (style.display === 'inline' || style.display === 'contents' || style.textOverflow === 'ellipsis') continue;
      const scrolls = (axis) => axis === 'auto' || axis === 'scroll';
      if (!scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        found.push('wider than its box (' + el.scrollWidth + ' > ' + el.clientWidth + '): ' + name(el));
      }
      if (!scrolls(style.overflowY) && style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1) {
        found.push('cut at the bottom (' + el.scrollHeight + ' > ' + el.clientHeight + '): ' + name(el));
      }
    }
    return found;
  })()`) as Promise<string[]>;
}
