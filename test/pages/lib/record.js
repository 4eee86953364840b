// What the page received: for each field (named by data-k), the value it had when an input event reached the
// page. A fill that sets .value without events leaves this empty. Tests read window.__got() and __values().
(() => {
  const got = {};
  const key = (el) => el.dataset.k || el.name || el.id || el.type;
  addEventListener(
    'input',
    (e) => {
      const el = e.composedPath()[0];
      if (el instanceof HTMLInputElement) got[key(el)] = el.value;
    },
    true,
  );
  const all = (root, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      if (el instanceof HTMLInputElement) out.push(el);
      if (el.shadowRoot) all(el.shadowRoot, out);
    }
    return out;
  };
  window.__got = () => ({ ...got });
  /** Current non-empty values of all inputs (including open shadow roots), by key. */
  window.__values = () =>
    Object.fromEntries(
      all(document)
        .filter((el) => el.value && el.type !== 'submit' && el.type !== 'button')
        .map((el) => [key(el), el.value]),
    );
})();
