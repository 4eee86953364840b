// What a hostile page can learn from its own DOM: every element added to it (also in the top layer, where a prompt
// of the extension would go) outside its form and heading, with the time. Tests read window.__seen.
(() => {
  const seen = [];
  window.__seen = seen;
  new MutationObserver((changes) => {
    for (const c of changes)
      for (const n of c.addedNodes)
        if (n.nodeType === 1 && !n.closest('form, h1')) seen.push({ t: performance.now(), tag: n.tagName.toLowerCase(), el: n });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
