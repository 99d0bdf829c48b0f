// <papergraph-related>: papers related to this page's paper, from a PaperGraph server.
// One module, no dependencies: <script type="module" src="https://server/widget.js">.
// Styles come only from a constructed stylesheet and data is written with textContent, so a
// page's CSP needs script-src and connect-src for the server, nothing more.

/** The server: where this file was loaded from (the `endpoint` attribute overrides it). */
const HOME = new URL('.', import.meta.url).href;
const EVENT = 'papergraph-related:';
/** Most characters of a page's abstract sent to recommend from (the server takes 2000). */
const MAX_TEXT = 1000;

const WORDS = {
  en: [
    'Related papers',
    'Loading related papers…',
    'No related papers yet.',
    'Related papers are unavailable right now.',
    'Similarity',
    'Shared terms',
    'Topic',
  ],
  de: [
    'Ähnliche Arbeiten',
    'Ähnliche Arbeiten werden geladen…',
    'Noch keine ähnlichen Arbeiten.',
    'Ähnliche Arbeiten sind gerade nicht verfügbar.',
    'Ähnlichkeit',
    'Gemeinsame Begriffe',
    'Thema',
  ],
  fr: [
    'Articles similaires',
    'Chargement des articles similaires…',
    'Pas encore d’articles similaires.',
    'Les articles similaires sont indisponibles pour le moment.',
    'Similarité',
    'Termes communs',
    'Thème',
  ],
  es: [
    'Artículos relacionados',
    'Cargando artículos relacionados…',
    'Aún no hay artículos relacionados.',
    'Los artículos relacionados no están disponibles ahora.',
    'Similitud',
    'Términos compartidos',
    'Tema',
  ],
};
const KEYS = ['heading', 'loading', 'empty', 'error', 'score', 'terms', 'topic'];

const num = (v, d, lo, hi) => {
  const n = Number(v);
  return v === null || v === '' || !Number.isFinite(n) ? d : Math.min(hi, Math.max(lo, n));
};
const oneOf = (v, d, ...allowed) => (allowed.includes(v) ? v : d);

/** attribute -> [property, read the attribute's value (null when absent)] */
const ATTRS = {
  'paper-id': ['paperId', (v) => v || null],
  count: ['count', (v) => Math.round(num(v, 5, 1, 20))],
  'min-score': ['minScore', (v) => num(v, 0, 0, 1)],
  theme: ['theme', (v) => oneOf(v, 'auto', 'light', 'dark')],
  loading: ['loading', (v) => oneOf(v, 'eager', 'lazy')],
  empty: ['empty', (v) => oneOf(v, 'message', 'hide')],
  heading: ['heading', (v) => v],
  'heading-level': ['headingLevel', (v) => Math.round(num(v, 2, 1, 6))],
  endpoint: ['endpoint', (v) => v || HOME],
};

const light = `--_fg:var(--pg-color,#1f2328);--_bg:var(--pg-background,#fff);--_muted:var(--pg-muted,#59636e);--_accent:var(--pg-accent,#0969da);--_chip:var(--pg-chip-background,#eef1f4);--_chip-fg:var(--pg-chip-color,#1f2328);--_border:var(--pg-border,#d1d9e0);--_track:var(--pg-track,#dde3ea);--_focus:var(--pg-focus,#0969da)`;
const dark = `--_fg:var(--pg-color,#e6edf3);--_bg:var(--pg-background,#0d1117);--_muted:var(--pg-muted,#9198a1);--_accent:var(--pg-accent,#4493f8);--_chip:var(--pg-chip-background,#21262d);--_chip-fg:var(--pg-chip-color,#e6edf3);--_border:var(--pg-border,#3d444d);--_track:var(--pg-track,#2f353d);--_focus:var(--pg-focus,#4493f8)`;

let sheet;
/** One stylesheet shared by every instance, made on first use. */
function styles() {
  sheet ??= new CSSStyleSheet();
  sheet.replaceSync(`
:host{display:block;${light};font:var(--pg-font-size,.9375rem)/1.4 var(--pg-font,system-ui,-apple-system,"Segoe UI",sans-serif);color:var(--_fg)}
:host([hidden]){display:none}
:host([theme=dark]){${dark}}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${dark}}}
.box{background:var(--_bg);color:var(--_fg);border:1px solid var(--_border);border-radius:var(--pg-radius,.5rem);padding:var(--pg-spacing,.75rem)}
.box.gone{display:none}
.h{margin:0 0 var(--pg-spacing,.75rem);font-size:1.05em;font-weight:600;line-height:1.4}
ol{list-style:none;margin:0;padding:0;display:grid;gap:var(--pg-spacing,.75rem)}
li{display:grid;gap:.25em;min-width:0}
.title{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;height:2.8em;color:var(--_accent);font-weight:600;text-decoration:none}
a.title:hover{text-decoration:underline}
a.title:focus-visible{outline:2px solid var(--_focus);outline-offset:2px;border-radius:2px}
.meta{display:flex;align-items:center;gap:.5em;height:1.4em;white-space:nowrap;overflow:hidden;color:var(--_muted);font-size:.875em}
meter{appearance:none;width:4em;height:.5em;flex:none;border:0;border-radius:.25em;background:var(--_track)}
meter::-webkit-meter-bar{background:var(--_track);border:0;border-radius:.25em;height:.5em}
meter::-webkit-meter-optimum-value,meter::-webkit-meter-suboptimum-value,meter::-webkit-meter-even-less-good-value{background:var(--_accent);border-radius:.25em}
meter::-moz-meter-bar{background:var(--_accent);border-radius:.25em}
.topic{overflow:hidden;text-overflow:ellipsis}
.terms{display:flex;flex-wrap:wrap;gap:.3em;height:1.4em;overflow:hidden;margin:0;padding:0;list-style:none}
.terms li{display:block;font-size:.8em;line-height:1.75;padding:0 .5em;border-radius:.875em;background:var(--_chip);color:var(--_chip-fg)}
.msg{margin:0;color:var(--_muted)}
.sk .title,.sk .meta,.sk .terms{background:var(--_track);border-radius:.25em;opacity:.6;animation:pulse 1.2s ease-in-out infinite alternate}
.sk .meta{width:60%}.sk .terms{width:40%}
@keyframes pulse{to{opacity:.25}}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}`);
  return sheet;
}

/** An element with attributes (`text` becomes its textContent) and children. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') el.textContent = v;
    else if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children);
  return el;
}

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content.trim() ?? '';
/** Only web links from the data become hrefs (never javascript: or data:). */
const webUrl = (u) => (typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null);

export class PapergraphRelated extends HTMLElement {
  static observedAttributes = [...Object.keys(ATTRS), 'lang'];
  #root = this.attachShadow({ mode: 'open' });
  #status = h('p', { part: 'status', role: 'status' });
  #box = h('div', { part: 'base' }, this.#status);
  #answer = null;
  #key = null;
  #base = HOME;
  #abort = null;
  #seen = false;
  #observer = null;
  #queued = false;
  #failed = false;

  constructor() {
    super();
    this.#root.adoptedStyleSheets = [styles()];
    this.#root.append(this.#box);
  }

  connectedCallback() {
    // Properties set before the element was defined shadow the accessors: pass them on.
    for (const [prop] of Object.values(ATTRS)) {
      if (Object.hasOwn(this, prop)) {
        const v = this[prop];
        delete this[prop];
        this[prop] = v;
      }
    }
    this.#schedule();
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#observer?.disconnect();
    this.#observer = null;
    this.#key = null;
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#schedule();
  }

  /** The words of `lang` (the element's, else the page's), English when not known. */
  get #words() {
    const lang = (this.closest('[lang]')?.lang || 'en').toLowerCase().split('-')[0];
    const list = WORDS[lang] ?? WORDS.en;
    return Object.fromEntries(KEYS.map((k, i) => [k, list[i]]));
  }

  /** Changes made in one task are applied together. */
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.isConnected) this.#update();
    });
  }

  /** What to ask the server: the paper id, else this page's citation meta tags, else its abstract. */
  #params() {
    const p = new URLSearchParams();
    if (this.paperId) p.set('paper', this.paperId);
    else {
      for (const [key, name] of [
        ['arxiv', 'citation_arxiv_id'],
        ['doi', 'citation_doi'],
        ['title', 'citation_title'],
      ]) {
        const v = meta(name);
        if (v) p.set(key, v.slice(0, 1000));
      }
      const text = meta('citation_abstract') || meta('description');
      if (text) p.set('text', text.length > MAX_TEXT ? text.slice(0, MAX_TEXT).replace(/\s+\S*$/, '') : text);
      if (![...p.keys()].length) return null;
    }
    p.set('count', String(this.count));
    if (this.minScore > 0) p.set('minScore', String(this.minScore));
    return p;
  }

  #update() {
    const params = this.#params();
    let url = null;
    try {
      const base = new URL(this.endpoint, document.baseURI);
      if (!/^https?:$/.test(base.protocol)) throw new Error();
      if (!base.pathname.endsWith('/')) base.pathname += '/';
      this.#base = base.href;
      url = params && new URL(`widget/related?${params}`, base).href;
    } catch {
      return this.#fail('endpoint', 0);
    }
    if (url === this.#key) return this.#render();
    this.#abort?.abort();
    this.#answer = null;
    this.#failed = false;
    if (url === null) {
      this.#key = null;
      this.#answer = { paper: null, basis: null, items: [] };
      this.#render();
      return this.#emit('load', { paperId: null, basis: null, count: 0, items: [] });
    }
    this.#key = url;
    this.#render();
    if (this.loading === 'lazy' && !this.#seen) {
      this.#observer ??= new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          this.#seen = true;
          this.#observer?.disconnect();
          this.#observer = null;
          if (this.#key !== null) this.#fetch(this.#key);
        },
        { rootMargin: '200px' },
      );
      this.#observer.observe(this);
      return;
    }
    this.#fetch(url);
  }

  async #fetch(url) {
    const abort = (this.#abort = new AbortController());
    let res;
    try {
      res = await fetch(url, { credentials: 'omit', mode: 'cors', signal: abort.signal });
    } catch {
      if (!abort.signal.aborted) this.#fail('network', 0);
      return;
    }
    if (abort.signal.aborted || url !== this.#key) return;
    if (!res.ok) return this.#fail('http', res.status);
    try {
      this.#answer = await res.json();
    } catch {
      return this.#fail('http', res.status);
    }
    if (url !== this.#key) return;
    this.#render();
    const { paper, basis, items } = this.#answer;
    this.#emit('load', {
      paperId: paper?.id ?? null,
      basis,
      count: items.length,
      items: items.map((i) => i.id),
    });
  }

  #fail(reason, status) {
    this.#failed = true;
    this.#render();
    this.#emit('error', { paperId: this.paperId, reason, status });
  }

  #emit(name, detail, cancelable = false) {
    return this.dispatchEvent(
      new CustomEvent(EVENT + name, { detail, bubbles: true, composed: true, cancelable }),
    );
  }

  #render() {
    const w = this.#words;
    const answer = this.#answer;
    const busy = !this.#failed && answer === null;
    const items = answer?.items ?? [];
    const empty = !busy && !this.#failed && items.length === 0;
    const box = this.#box;
    box.className = `box${empty && this.empty === 'hide' ? ' gone' : ''}`;
    box.setAttribute('aria-busy', busy ? 'true' : 'false');
    // The status region stays in place (a live region that is re-created is not announced).
    const status = busy ? w.loading : this.#failed ? w.error : empty ? w.empty : '';
    this.#status.className = status && !busy ? 'msg' : 'vh';
    this.#status.textContent = status;
    for (const n of [...box.children]) if (n !== this.#status) n.remove();
    const heading = this.heading ?? w.heading;
    const named = heading === '' ? {} : { 'aria-labelledby': 'h' };
    if (heading !== '')
      this.#status.before(
        h(`h${this.headingLevel}`, { id: 'h', part: 'heading', class: 'h', text: heading }),
      );
    if (busy) {
      const sk = () =>
        h(
          'li',
          { class: 'sk' },
          h('div', { class: 'title' }),
          h('div', { class: 'meta' }),
          h('div', { class: 'terms' }),
        );
      this.#status.after(h('ol', { 'aria-hidden': 'true' }, ...Array.from({ length: this.count }, sk)));
    } else if (items.length) {
      this.#status.after(h('ol', { part: 'list', ...named }, ...items.map((item) => this.#item(item, w))));
    }
  }

  #item(item, w) {
    const pct = Math.round(item.score * 100);
    const href = webUrl(item.url) ?? new URL(`widget/?paper=${encodeURIComponent(item.id)}`, this.#base).href;
    const link = h('a', { part: 'title', class: 'title', href, 'data-paper-id': item.id, text: item.title });
    link.addEventListener('click', (e) => {
      const detail = { paperId: item.id, title: item.title, url: href, score: item.score };
      if (!this.#emit('select', detail, true)) e.preventDefault();
    });
    const metaLine = h(
      'div',
      { class: 'meta' },
      h('meter', { part: 'score', min: 0, max: 1, value: item.score, 'aria-label': `${w.score} ${pct}%` }),
      h('span', { 'aria-hidden': 'true', text: `${pct}%` }),
    );
    if (item.topic)
      metaLine.append(h('span', { part: 'topic', class: 'topic', text: `${w.topic}: ${item.topic.label}` }));
    const terms = h(
      'ul',
      { part: 'terms', class: 'terms', 'aria-label': w.terms },
      ...item.sharedTerms.map((t) => h('li', { part: 'term', text: t })),
    );
    return h('li', { part: 'item', 'data-paper-id': item.id }, link, metaLine, terms);
  }
}

for (const [attr, [prop, read]] of Object.entries(ATTRS)) {
  Object.defineProperty(PapergraphRelated.prototype, prop, {
    configurable: true,
    get() {
      return read(this.getAttribute(attr));
    },
    set(v) {
      if (v === null || v === undefined) this.removeAttribute(attr);
      else this.setAttribute(attr, String(v));
    },
  });
}

if (!customElements.get('papergraph-related')) customElements.define('papergraph-related', PapergraphRelated);
