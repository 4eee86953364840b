/** The small key button inside each offered field; a trusted click on it opens the inline menu. */
import { createLayerElement, type LayerElement } from './page-layer';

const SIZE = 20;
const SVG =
  '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">' +
  '<path fill="currentColor" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4Zm5.6-4A6 6 0 1 0 12.6 14H17v3h3v-3h2v-4H12.6Z"/></svg>';

export interface FieldIcons {
  /** Shows icons in exactly these fields (and removes the others), at their current place. */
  update(fields: HTMLInputElement[]): void;
}

export function createFieldIcons(onClick: (field: HTMLInputElement) => void, signal: AbortSignal): FieldIcons {
  const icons = new Map<HTMLInputElement, LayerElement>();
  const label = chrome.i18n.getMessage('autofillIconLabel') || 'Fill';
  const place = () => {
    for (const [field, icon] of icons) {
      const r = field.getBoundingClientRect();
      icon.place(r.right - SIZE - 4, r.top + (r.height - SIZE) / 2, SIZE, SIZE);
    }
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      place();
    });
  };
  addEventListener('scroll', schedule, { capture: true, passive: true, signal });
  addEventListener('resize', schedule, { passive: true, signal });
  signal.addEventListener('abort', () => icons.forEach((i) => i.remove()));

  const add = (field: HTMLInputElement) => {
    const icon = createLayerElement('tpmsp-autofill-icon', field);
    const button = document.createElement('button');
    button.type = 'button';
    button.title = label;
    button.setAttribute('aria-label', label);
    button.innerHTML = SVG;
    button.setAttribute(
      'style',
      `all:initial;box-sizing:border-box;width:${SIZE}px;height:${SIZE}px;display:grid;place-items:center;` +
        'cursor:pointer;border-radius:4px;color:#175ddc;background:#fff8',
    );
    // Pages can dispatch synthetic clicks: only a real user's click counts.
    button.addEventListener('click', (e) => e.isTrusted && onClick(field));
    button.addEventListener('mousedown', (e) => e.preventDefault());
    icon.root.append(button);
    icons.set(field, icon);
  };

  return {
    update(fields) {
      const wanted = new Set(fields.filter((f) => f.getBoundingClientRect().height >= SIZE));
      for (const [field, icon] of icons) if (!wanted.has(field)) icon.remove(), icons.delete(field);
      for (const field of wanted) if (!icons.has(field)) add(field);
      place();
    },
  };
}
