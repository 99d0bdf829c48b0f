// The topic map's enhancement: the page works without it (bubbles link to the topic sections
// listed under the map). With it, the sections become one side panel that a click or Enter on
// a bubble opens, Escape closes, and the open topic's edges stand out. Plain script, no
// dependencies, nothing fetched.
document.documentElement.classList.add('js');

document.addEventListener('DOMContentLoaded', () => {
  const svg = document.getElementById('topic-map');
  const pane = document.getElementById('topics');
  if (!svg || !pane) return;
  const edges = svg.querySelector('.edges');
  const bubbles = new Map();
  for (const a of svg.querySelectorAll('a[data-topic-id]')) bubbles.set(a.dataset.topicId, a);
  const panels = new Map();
  for (const s of pane.querySelectorAll('[data-panel-for]')) panels.set(s.dataset.panelFor, s);

  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = 'Select a topic on the map (click it, or Tab to it and press Enter) to see its papers.';
  pane.prepend(hint);

  let open = null;

  function close(restoreFocus) {
    if (open === null) return;
    const id = open;
    open = null;
    panels.get(id)?.classList.remove('open');
    const a = bubbles.get(id);
    a?.classList.remove('selected');
    a?.removeAttribute('aria-current');
    edges?.classList.remove('dim');
    for (const e of edges?.querySelectorAll('.lit') ?? []) e.classList.remove('lit');
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    if (restoreFocus) a?.focus();
  }

  function show(id, focus) {
    const panel = panels.get(id);
    if (!panel) return;
    if (open !== null && open !== id) close(false);
    open = id;
    panel.classList.add('open');
    const a = bubbles.get(id);
    a?.classList.add('selected');
    a?.setAttribute('aria-current', 'true');
    edges?.classList.add('dim');
    for (const e of edges?.querySelectorAll('.edge') ?? []) {
      e.classList.toggle('lit', e.dataset.from === id || e.dataset.to === id);
    }
    if (location.hash !== `#${panel.id}`) history.replaceState(null, '', `#${panel.id}`);
    if (focus) panel.querySelector('h2')?.focus({ preventScroll: true });
  }

  const fromHash = () => {
    const hash = decodeURIComponent(location.hash.slice(1));
    for (const [id, panel] of panels) if (panel.id === hash) return id;
    return null;
  };

  svg.addEventListener('click', (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest('a[data-topic-id]') : null;
    if (!a) return;
    ev.preventDefault();
    const id = a.dataset.topicId;
    if (open === id) close(false);
    else show(id, ev.detail === 0);
  });

  pane.addEventListener('click', (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest('a') : null;
    if (!a) return;
    if (a.classList.contains('close')) {
      ev.preventDefault();
      close(true);
      return;
    }
    // Related topics link to another topic's section.
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#topic-')) {
      const target = decodeURIComponent(href.slice(1));
      for (const [id, panel] of panels) {
        if (panel.id !== target) continue;
        ev.preventDefault();
        show(id, true);
        bubbles.get(id)?.scrollIntoView({ block: 'nearest' });
      }
    }
  });

  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && open !== null) close(true);
  });

  window.addEventListener('hashchange', () => {
    const id = fromHash();
    if (id !== null) show(id, true);
  });

  const initial = fromHash();
  if (initial !== null) show(initial, false);
});
