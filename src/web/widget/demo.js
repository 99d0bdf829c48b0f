// The widget's demo page: pick a paper (or come with ?paper=<id>), see both themes, copy the snippet.
const form = document.getElementById('controls');
const select = document.getElementById('paper');
const status = document.getElementById('status');
const widgets = [document.getElementById('light'), document.getElementById('dark')];
const snippet = document.getElementById('snippet');
let integrity = '';

async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

/** The SRI hash of the served widget.js (Web Crypto needs a secure context: https or localhost). */
async function sri() {
  if (!globalThis.crypto?.subtle) return '';
  const bytes = await (await fetch('/widget.js')).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

function show() {
  const id = select.value;
  const count = form.count.value;
  const lang = form.lang.value;
  for (const w of widgets) {
    w.paperId = id || null;
    w.count = count;
    w.lang = lang;
  }
  const url = new URL(location.href);
  if (id) url.searchParams.set('paper', id);
  else url.searchParams.delete('paper');
  history.replaceState(null, '', url);
  const attrs = [`paper-id="${id}"`];
  if (count !== '5') attrs.push(`count="${count}"`);
  if (lang !== 'en') attrs.push(`lang="${lang}"`);
  const sriAttrs = integrity ? ` integrity="${integrity}" crossorigin="anonymous"` : '';
  snippet.textContent =
    `<script type="module" src="${location.origin}/widget.js"${sriAttrs}></script>\n` +
    `<papergraph-related ${attrs.join(' ')}></papergraph-related>`;
}

async function start() {
  const wanted = new URL(location.href).searchParams.get('paper');
  status.textContent = 'Loading papers…';
  try {
    const data = await gql('{ papers(first: 100, orderBy: TITLE_ASC) { edges { node { id title } } } }');
    const papers = data.papers.edges.map((e) => e.node);
    if (wanted && !papers.some((p) => p.id === wanted)) {
      const one = await gql('query($id: ID!) { paper(id: $id) { id title } }', { id: wanted });
      papers.unshift(one.paper ?? { id: wanted, title: `${wanted} (not in the graph)` });
    }
    for (const p of papers) select.append(new Option(p.title, p.id, false, p.id === wanted));
    status.textContent = papers.length ? '' : 'The graph has no papers yet: run npm run ingest.';
  } catch {
    status.textContent = 'Could not list the papers of this server.';
  }
  integrity = await sri().catch(() => '');
  show();
}

form.addEventListener('change', show);
form.addEventListener('submit', (e) => e.preventDefault());
document.getElementById('copy').addEventListener('click', async () => {
  const done = document.getElementById('copied');
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    done.textContent = 'Copied.';
  } catch {
    getSelection().selectAllChildren(snippet);
    done.textContent = 'Selected: press Ctrl+C to copy.';
  }
});
start();
