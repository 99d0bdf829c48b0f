/**
 * The Docker image's file set, built the way the Dockerfile builds it: each COPY line copies
 * what it names into a temporary stage directory (the build stage's output into the runtime
 * stage), each RUN line is replayed (`npm ci` by linking the installed packages, only the
 * production ones for `--omit=dev`; `npm run build` for real), and then the image's CMD serves
 * and `npm run ingest` runs from that directory alone, against the test Neo4j. A file the
 * server or a CLI needs that the Dockerfile does not copy fails here. (No Docker engine is
 * needed; what is not checked: the base image itself.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { freePort } from '../../src/runtime/local-neo4j.js';
import { connectTestGraph, REPO, wipe } from './graph-test-kit.js';

type Step =
  | { kind: 'copy'; from: string | undefined; sources: string[]; dest: string }
  | { kind: 'run'; command: string }
  | { kind: 'cmd'; argv: string[] };

interface Stage {
  name: string | undefined;
  steps: Step[];
}

/** The stages of the Dockerfile with the steps this test replays (FROM, COPY, RUN, CMD). */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const stage = stages[stages.length - 1];
    switch (instruction.toUpperCase()) {
      case 'FROM':
        stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1], steps: [] });
        break;
      case 'COPY': {
        const words = args.split(/\s+/);
        const from = words[0]?.startsWith('--from=') ? words.shift()?.slice('--from='.length) : undefined;
        const dest = words.pop() ?? '';
        stage?.steps.push({ kind: 'copy', from, sources: words, dest });
        break;
      }
      case 'RUN':
        stage?.steps.push({ kind: 'run', command: args });
        break;
      case 'CMD':
        stage?.steps.push({ kind: 'cmd', argv: JSON.parse(args) as string[] });
        break;
      default:
        break; // WORKDIR /app, ENV, USER, EXPOSE: the stage directory stands for /app
    }
  }
  return stages;
}

function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** `npm ci [--omit=dev]`: the repository's installed packages, linked (production ones only with --omit=dev). */
async function linkPackages(dir: string, omitDev: boolean): Promise<void> {
  if (!omitDev) {
    await symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    return;
  }
  const lock = JSON.parse(await readFile(path.join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [key, meta] of Object.entries(lock.packages)) {
    const name = key.startsWith('node_modules/') ? key.slice('node_modules/'.length) : '';
    if (name === '' || name.includes('/node_modules/') || meta.dev === true) continue;
    await mkdir(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
    await symlink(path.join(REPO, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
}

async function buildStages(root: string, stages: Stage[]): Promise<{ dir: string; cmd: string[] }> {
  const dirs = new Map<string, string>();
  let dir = '';
  let cmd: string[] = [];
  for (const [i, stage] of stages.entries()) {
    dir = path.join(root, `stage-${i}`);
    await mkdir(dir, { recursive: true });
    if (stage.name !== undefined) dirs.set(stage.name, dir);
    for (const step of stage.steps) {
      if (step.kind === 'copy') {
        const base = step.from === undefined ? REPO : dirs.get(step.from);
        if (base === undefined) throw new Error(`COPY --from=${step.from ?? ''}: no such stage`);
        for (const src of step.sources) {
          const from =
            step.from === undefined ? path.join(base, src) : path.join(base, path.relative('/app', src));
          const into = step.dest.endsWith('/') || step.sources.length > 1;
          const to = into ? path.join(dir, step.dest, path.basename(src)) : path.join(dir, step.dest);
          await cp(from, to, { recursive: true });
        }
      } else if (step.kind === 'run') {
        for (const part of step.command.split('&&').map((c) => c.trim())) {
          if (part === 'npm ci') await linkPackages(dir, false);
          else if (part === 'npm ci --omit=dev') await linkPackages(dir, true);
          else if (part === 'npm cache clean --force') continue;
          else if (part === 'npm run build') {
            const r = await exec('npm', ['run', 'build'], dir, process.env);
            if (r.code !== 0) throw new Error(`npm run build failed in the build stage:\n${r.out}`);
          } else throw new Error(`RUN ${part}: not replayed by this test; teach it this step`);
        }
      } else cmd = step.argv;
    }
  }
  return { dir, cmd };
}

describe('the Docker image file set', () => {
  let root = '';
  let image = { dir: '', cmd: [] as string[] };
  let db: GraphDb;
  let server: ChildProcess | undefined;
  const { uri, user, password } = inject('neo4j');
  const env = (over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    NODE_ENV: 'production',
    NEO4J_URI: uri,
    NEO4J_USER: user,
    NEO4J_PASSWORD: password,
    LOG_LEVEL: 'silent',
    ...over,
  });

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    root = await mkdtemp(path.join(os.tmpdir(), 'papergraph-image-'));
    image = await buildStages(root, parseDockerfile(await readFile(path.join(REPO, 'Dockerfile'), 'utf8')));
  });
  afterAll(async () => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    await db?.close();
    if (root !== '') await rm(root, { recursive: true, force: true });
  });

  it('holds no TypeScript sources or compiler, only what it runs', async () => {
    const r = await exec(
      'node',
      ['-e', "import('typescript').then(()=>process.exit(3),()=>process.exit(0))"],
      image.dir,
      env(),
    );
    expect(r.code, 'the runtime stage must not hold the dev dependencies').toBe(0);
    expect(image.cmd[0]).toBe('node');
  });

  it('runs `npm run ingest` as a user of the image would', async () => {
    const file = 'data/demo/hf-daily-papers-2026-02.jsonl';
    const r = await exec('npm', ['run', 'ingest', '--', file], image.dir, env());
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/papers written: +110 \(full\)/);
    expect(r.out).not.toMatch(/compiled src/);
  });

  it("serves GraphQL, the health check, the query editor, the topic map and the widget from the image's CMD", async () => {
    const port = await freePort();
    const [command = 'node', ...args] = image.cmd;
    server = spawn(command, args, {
      cwd: image.dir,
      env: env({ PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not up within 60 s:\n${out}`)), 60_000);
      const check = () => {
        if (/PaperGraph is up/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      };
      server?.stdout?.on('data', check);
      server?.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const editor = await fetch(`${base}/`);
    expect(editor.status).toBe(200);
    expect(editor.headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    // The topic map and its files (src/web/map) over the graph the ingest above built.
    const map = await fetch(`${base}/map`);
    expect(map.status).toBe(200);
    expect((await map.text()).match(/<a class="topic"[^>]* data-topic-id="/g)?.length).toBeGreaterThan(1);
    for (const file of ['map.js', 'map.css']) expect((await fetch(`${base}/map/${file}`)).status).toBe(200);
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { papers } }' }),
    });
    expect(await res.json()).toEqual({ data: { stats: { papers: 110 } } });
    // The related-papers widget, its demo page and its read.
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(await widget.text()).toBe(
      await readFile(path.join(REPO, 'src/web/widget/papergraph-related.js'), 'utf8'),
    );
    for (const file of ['/widget/', '/widget/demo.js', '/widget/demo.css']) {
      expect((await fetch(`${base}${file}`)).status, file).toBe(200);
    }
    const related = await fetch(`${base}/widget/related?text=${encodeURIComponent('language model agents')}`);
    expect(related.status).toBe(200);
    expect(((await related.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    server.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
  });
});
