// PaperGraph's in-browser GraphQL editor: plain DOM, no dependencies, no network but this
// server. Examples on the left, query + variables in the middle, the answer on the right.
'use strict';

const ENDPOINT = '/graphql';

const EXAMPLES = [
  {
    name: 'Latest papers',
    query: `query LatestPapers($first: Int) {
  papers(first: $first, orderBy: PUBLISHED_DESC) {
    totalCount
    edges {
      node {
        id
        title
        publishedAt
        topic { label }
        authors { name }
        related(first: 3) { score sharedTerms paper { title } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { first: 5 },
  },
  {
    name: 'Search',
    query: `query Search($q: String!) {
  search(query: $q, first: 10) {
    totalCount
    edges { score node { id title publishedAt topic { label } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { q: 'language models' },
  },
  {
    name: 'Topics overview',
    query: `{
  topics(first: 10) {
    id
    label
    size
    terms
    representativePapers(first: 2) { title }
    relatedTopics(first: 2) { score topic { label } }
    timeline { period count }
  }
}`,
    variables: {},
  },
  {
    name: 'Papers of the largest topic',
    query: `query TopicPapers($first: Int) {
  topics(first: 1) {
    label
    papers(first: $first, orderBy: PUBLISHED_DESC) {
      totalCount
      edges { node { title publishedAt authors { name } } }
    }
  }
}`,
    variables: { first: 5 },
  },
  {
    name: 'Recommend from text',
    query: `query Recommend($text: String) {
  recommend(text: $text, first: 5) {
    score
    sharedTerms
    paper { id title topic { label } }
  }
}`,
    variables: { text: 'Diffusion models that generate video from text prompts' },
  },
  {
    name: 'Authors and co-authors',
    query: `query Authors($q: String) {
  authors(query: $q, first: 5) {
    totalCount
    edges {
      node {
        name
        papers(first: 3) { totalCount edges { node { title } } }
        coauthors(first: 3) { sharedPapers author { name } }
        topics { label }
      }
    }
  }
}`,
    variables: { q: '' },
  },
  {
    name: 'Graph statistics',
    query: `{
  stats { papers authors topics similarityEdges modelVersion }
}`,
    variables: {},
  },
  {
    name: 'Ingest a paper (needs the API key)',
    query: `mutation Ingest($papers: [PaperInput!]!) {
  ingestPapers(papers: $papers) {
    ingested
    skipped
    paperIds
    errors { index message }
  }
}`,
    variables: {
      papers: [
        {
          title: 'An example paper about graph neural networks',
          abstract:
            'We study message passing on citation graphs and compare it with language model embeddings.',
          authors: ['Ada Lovelace'],
          publishedAt: '2025-01-15',
        },
      ],
    },
  },
];

const $ = (id) => document.getElementById(id);
const queryEl = $('query');
const varsEl = $('variables');
const keyEl = $('apikey');
const resultEl = $('result');
const statusEl = $('status');
const runEl = $('run');

function setStatus(text) {
  statusEl.textContent = text;
}

function showResult(value, isError) {
  resultEl.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  resultEl.classList.toggle('error', Boolean(isError));
}

function loadExample(example, button) {
  queryEl.value = example.query;
  varsEl.value = JSON.stringify(example.variables, null, 2);
  for (const b of document.querySelectorAll('#examples button')) b.classList.toggle('active', b === button);
  setStatus(`Loaded “${example.name}”. Press Run or Ctrl+Enter.`);
  queryEl.focus();
}

async function run() {
  let variables = {};
  const text = varsEl.value.trim();
  if (text !== '') {
    try {
      variables = JSON.parse(text);
    } catch (e) {
      showResult(`Variables are not valid JSON: ${e.message}`, true);
      return;
    }
  }
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (keyEl.value.trim() !== '') headers.authorization = `Bearer ${keyEl.value.trim()}`;
  runEl.disabled = true;
  setStatus('Running…');
  const started = performance.now();
  try {
    const res = await fetch(ENDPOINT, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: queryEl.value, variables }),
    });
    const ms = Math.round(performance.now() - started);
    const body = await res.text();
    let parsed;
    try {
      parsed = JSON.parse(body);
    } catch {
      showResult(body, true);
      setStatus(`HTTP ${res.status} · ${ms} ms`);
      return;
    }
    const failed = Array.isArray(parsed.errors) && parsed.errors.length > 0;
    showResult(parsed, failed);
    setStatus(`HTTP ${res.status} · ${ms} ms${failed ? ` · ${parsed.errors.length} error(s)` : ''}`);
    history.replaceState(null, '', `#${encodeState()}`);
  } catch (e) {
    showResult(`Request failed: ${e.message}`, true);
    setStatus('Network error');
  } finally {
    runEl.disabled = false;
  }
}

/** Re-indent a query by its braces; strings, comments and arguments are kept as they are. */
function prettify(src) {
  const out = [];
  let depth = 0;
  let parens = 0;
  let line = '';
  const flush = () => {
    const t = line.trim();
    if (t !== '') out.push('  '.repeat(depth) + t);
    line = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"') {
      const block = src.startsWith('"""', i);
      const end = block ? src.indexOf('"""', i + 3) : findStringEnd(src, i);
      const stop = end < 0 ? src.length : end + (block ? 3 : 1);
      line += src.slice(i, stop);
      i = stop - 1;
    } else if (c === '#') {
      const end = src.indexOf('\n', i);
      line += src.slice(i, end < 0 ? src.length : end);
      flush();
      i = end < 0 ? src.length : end;
    } else if (c === '(') {
      parens++;
      line += c;
    } else if (c === ')') {
      parens = Math.max(0, parens - 1);
      line = line.replace(/[\s,]+$/, '') + c;
    } else if (c === '{' && parens === 0) {
      line = line.trimEnd() + ' {';
      flush();
      depth++;
    } else if (c === '}' && parens === 0) {
      flush();
      depth = Math.max(0, depth - 1);
      line = '}';
      flush();
    } else if (parens === 0 && (c === '\n' || c === ',')) {
      flush();
    } else if (c === ',') {
      line = line.trimEnd() + ', ';
    } else if (/\s/.test(c)) {
      if (line !== '' && !line.endsWith(' ')) line += ' ';
    } else {
      line += c;
    }
  }
  flush();
  return out.join('\n');
}

function findStringEnd(s, start) {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

function encodeState() {
  const p = new URLSearchParams({ query: queryEl.value });
  if (varsEl.value.trim() !== '' && varsEl.value.trim() !== '{}') p.set('variables', varsEl.value);
  return p.toString();
}

function restoreState() {
  if (location.hash.length < 2) return false;
  const p = new URLSearchParams(location.hash.slice(1));
  const q = p.get('query');
  if (!q) return false;
  queryEl.value = q;
  varsEl.value = p.get('variables') ?? '{}';
  return true;
}

// ---- schema docs from introspection ----

const INTROSPECTION = `{
  __schema {
    queryType { name }
    mutationType { name }
    types {
      name kind description
      fields { name description args { name type { ...T } defaultValue } type { ...T } }
      inputFields { name description type { ...T } defaultValue }
      enumValues { name description }
    }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

let types = new Map();
let roots = [];

function typeName(t) {
  if (t.kind === 'NON_NULL') return `${typeName(t.ofType)}!`;
  if (t.kind === 'LIST') return `[${typeName(t.ofType)}]`;
  return t.name;
}

function namedType(t) {
  return t.ofType ? namedType(t.ofType) : t.name;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function typeLink(t) {
  const name = namedType(t);
  const a = el('a', { href: '#', 'data-type': name }, typeName(t));
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    showType(name);
  });
  return a;
}

function showType(name) {
  const docs = $('docs');
  docs.replaceChildren();
  const back = el('a', { href: '#', class: 'back' }, '← root types');
  back.addEventListener('click', (ev) => {
    ev.preventDefault();
    showRoots();
  });
  docs.append(back);
  const t = types.get(name);
  if (!t) return;
  docs.append(el('p', {}, el('strong', {}, t.name), ` (${t.kind.toLowerCase()})`));
  if (t.description) docs.append(el('p', { class: 'muted' }, t.description));
  const dl = el('dl');
  for (const f of t.fields ?? t.inputFields ?? []) {
    const dt = el('dt', {}, f.name);
    if (f.args && f.args.length) {
      dt.append('(');
      f.args.forEach((a, i) => {
        dt.append(`${i ? ', ' : ''}${a.name}: `, typeLink(a.type));
        if (a.defaultValue != null) dt.append(` = ${a.defaultValue}`);
      });
      dt.append(')');
    }
    dt.append(': ', typeLink(f.type));
    dl.append(dt);
    if (f.description) dl.append(el('dd', {}, f.description));
  }
  for (const v of t.enumValues ?? []) {
    dl.append(el('dt', {}, v.name));
    if (v.description) dl.append(el('dd', {}, v.description));
  }
  docs.append(dl);
}

function showRoots() {
  const docs = $('docs');
  docs.replaceChildren();
  const dl = el('dl');
  for (const name of roots) {
    dl.append(el('dt', {}, typeLink({ kind: 'OBJECT', name })));
  }
  docs.append(dl);
}

async function loadDocs() {
  try {
    const res = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: INTROSPECTION }),
    });
    const body = await res.json();
    const schema = body.data.__schema;
    types = new Map(schema.types.map((t) => [t.name, t]));
    roots = [schema.queryType?.name, schema.mutationType?.name].filter(Boolean);
    showRoots();
  } catch (e) {
    $('docs').replaceChildren(el('p', { class: 'muted' }, `Could not load the schema: ${e.message}`));
  }
}

// ---- wiring ----

function init() {
  $('endpoint').textContent = new URL(ENDPOINT, location.href).href;
  const list = $('examples');
  for (const ex of EXAMPLES) {
    const b = el('button', { type: 'button' }, ex.name);
    b.addEventListener('click', () => loadExample(ex, b));
    list.append(el('li', {}, b));
  }
  if (!restoreState()) loadExample(EXAMPLES[0], list.querySelector('button'));
  runEl.addEventListener('click', run);
  $('prettify').addEventListener('click', () => {
    queryEl.value = prettify(queryEl.value);
  });
  $('share').addEventListener('click', async () => {
    const link = `${location.origin}${location.pathname}#${encodeState()}`;
    try {
      await navigator.clipboard.writeText(link);
      setStatus('Link copied.');
    } catch {
      history.replaceState(null, '', `#${encodeState()}`);
      setStatus('Link is in the address bar.');
    }
  });
  for (const area of [queryEl, varsEl]) {
    area.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        run();
      } else if (ev.key === 'Tab' && !ev.shiftKey) {
        ev.preventDefault();
        area.setRangeText('  ', area.selectionStart, area.selectionEnd, 'end');
      }
    });
  }
  loadDocs();
}

init();
