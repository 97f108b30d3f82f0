// rxnpm load benchmark: `npx tsup && node bench/load.mjs`.
//
// 5,000 GETs subscribed at once over the first 300 packuments of
// ../shared/bench-corpus (names cycling; the full document on even rounds, the
// abbreviated Accept on odd ones, which this server answers with the full
// document too), against a loopback registry in a child process, beside
// npm-registry-fetch making the same 5,000 `.json()` calls at once with its
// cache. Each run is a fresh process with an empty cache folder, so its peak
// RSS (process.resourceUsage().maxRSS) is that run's alone; runs of the two
// contenders alternate. Reports the median of LOAD_RUNS runs: wall time until
// every document arrived, requests the server answered, the most sockets it
// ever had open at once (counted on 'connection' and socket 'close'), and the
// client's peak RSS. Every document is checked (name, versions, latest) and
// every run listens for unhandled rejections; any wrong document, error or
// unhandled rejection fails the benchmark (exit 1).
//
// The registry is this file run as `node bench/load.mjs serve <folder>`: it
// serves the corpus as bench/static-server.mjs does (ETag, Last-Modified, 304)
// and also counts sockets, which that server does not. It listens on 127.0.0.1.
//
// Knobs (environment): LOAD_RUNS (3), LOAD_SUBSCRIPTIONS (5000),
// LOAD_PACKAGES (300), LOAD_MAXSOCKETS (16, both clients), BENCH_CORPUS,
// BENCH_RXNPM (the dist/index.mjs of another rxnpm build), LOAD_ONLY
// (rxnpm | npm-registry-fetch), LOAD_JSON (write the raw results to this file).
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readExpectations } from './harness.mjs';

const self = fileURLToPath(import.meta.url);
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const CORGI_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
const FULL_ACCEPT = 'application/json';
const CHILD_TIMEOUT_MS = 300_000;


// ---------------------------------------------------------------- the registry (child process)

/** Serves every file of `folder` at `/<name>`; answers `{ cmd: 'reset' | 'stats' }` over IPC. */
function serve(folder) {
  const files = new Map();
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const st = statSync(path);
    if (!st.isFile()) continue;
    const mtime = Math.floor(st.mtimeMs / 1000);
    files.set(`/${encodeURIComponent(name)}`, {
      body: readFileSync(path),
      etag: `"${mtime.toString(16)}-${st.size.toString(16)}"`,
      lastModified: new Date(mtime * 1000).toUTCString(),
    });
  }
  const stats = { 200: 0, 304: 0, other: 0, open: 0, maxOpen: 0, connections: 0 };
  const server = createServer((req, res) => {
    const file = req.method === 'GET' ? files.get(req.url.split('?')[0]) : undefined;
    if (!file) {
      stats.other += 1;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
      return;
    }
    const headers = { 'content-type': 'application/json', etag: file.etag, 'last-modified': file.lastModified };
    const inm = req.headers['if-none-match'];
    if (inm !== undefined && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
      stats[304] += 1;
      res.writeHead(304, headers);
      res.end();
      return;
    }
    stats[200] += 1;
    res.writeHead(200, { ...headers, 'content-length': file.body.length });
    res.end(file.body);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;
  server.on('connection', (socket) => {
    stats.open += 1;
    stats.connections += 1;
    stats.maxOpen = Math.max(stats.maxOpen, stats.open);
    socket.once('close', () => (stats.open -= 1));
  });
  process.on('message', ({ cmd }) => {
    if (cmd === 'reset') Object.assign(stats, { 200: 0, 304: 0, other: 0, maxOpen: stats.open, connections: 0 });
    process.send({ ...stats });
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port, files: files.size }));
}

// ---------------------------------------------------------------- one run of one contender (child process)

async function client() {
  const job = JSON.parse(process.env.LOAD_JOB);
  const { contender, base, cache, names, expected, subscriptions, maxSockets, rxnpmEntry } = job;
  const unhandled = [];
  process.on('unhandledRejection', (reason) => unhandled.push(String(reason?.stack ?? reason)));
  const jobs = Array.from({ length: subscriptions }, (_, i) => ({ name: names[i % names.length], full: Math.floor(i / names.length) % 2 === 0 }));
  const registry = `${base}/`;

  let fetchAll;
  let close = async () => {};
  if (contender === 'rxnpm') {
    const { RegistryClient } = await import(pathToFileURL(rxnpmEntry).href);
    const { lastValueFrom } = await import('rxjs');
    const rx = new RegistryClient({ registry, cache, maxsockets: maxSockets });
    fetchAll = () => jobs.map(({ name, full }) => lastValueFrom(rx.get(`/${name}`, { fullMetadata: full })).then((res) => res.data));
    close = () => rx.close();
  } else {
    const { default: npmFetch } = await import('npm-registry-fetch');
    const opts = { registry, cache, maxSockets };
    fetchAll = () => jobs.map(({ name, full }) => npmFetch.json(`/${name}`, { ...opts, headers: { accept: full ? FULL_ACCEPT : CORGI_ACCEPT } }));
  }

  const go = new Promise((started) => process.once('message', started));
  process.send({ ready: true });
  await go;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const settled = await Promise.allSettled(fetchAll());
  const ms = performance.now() - t0;
  await close();
  const closedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  const bad = [];
  const errors = [];
  settled.forEach((outcome, i) => {
    const { name } = jobs[i];
    if (outcome.status === 'rejected') return void (errors.length < 5 && errors.push(`${name}: ${outcome.reason?.code ?? ''} ${outcome.reason?.message ?? outcome.reason}`));
    const data = outcome.value;
    const versions = data?.versions ? Object.keys(data.versions).length : -1;
    const want = expected[name];
    if (data?.name !== name || versions !== want.versions || data?.['dist-tags']?.latest !== want.latest) {
      if (bad.length < 5) bad.push(`${name}: name=${data?.name} versions=${versions}`);
    }
  });
  const failed = settled.filter((o) => o.status === 'rejected').length;
  // Give a late rejection (from a socket closing, a background write) its chance to surface.
  await new Promise((r) => setTimeout(r, 100));
  process.send(
    {
      ms,
      closedMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      completed: settled.length - failed,
      failed,
      bad,
      errors,
      unhandled,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    },
    () => process.exit(0),
  );
}

// ---------------------------------------------------------------- the parent

let tmpRoot;
let server;
const children = new Set();
let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of children) child.kill('SIGTERM');
  if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true });
}

const int = (name, fallback) => {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};

/** Forks this file in `role`; resolves with its first IPC message. */
function start(args, env = {}) {
  const child = fork(self, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function nextMessage(child, what) {
  return new Promise((resolveMessage, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what}: no answer after ${CHILD_TIMEOUT_MS / 1000} s`));
    }, CHILD_TIMEOUT_MS);
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what}: exited (${code ?? signal}) without answering`));
    };
    child.once('exit', onExit);
    child.once('message', (message) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolveMessage(message);
    });
  });
}

function ask(child, cmd) {
  const answer = nextMessage(child, `server ${cmd}`);
  child.send({ cmd });
  return answer;
}

async function runOnce(contender, common) {
  const cache = mkdtempSync(join(tmpRoot, `${contender}-`));
  await ask(server, 'reset');
  const worker = start(['client'], { LOAD_JOB: JSON.stringify({ ...common, contender, cache }) });
  const exited = new Promise((ok) => worker.once('exit', ok));
  // The worker loads its library, then waits for the start signal: loading is not timed.
  await nextMessage(worker, `${contender} start`);
  const answer = nextMessage(worker, contender);
  worker.send({ go: true });
  const result = await answer;
  await exited;
  const stats = await ask(server, 'stats');
  rmSync(cache, { recursive: true, force: true });
  return { ...result, requests: stats[200] + stats[304] + stats.other, statuses: { 200: stats[200], 304: stats[304], other: stats.other }, maxOpen: stats.maxOpen, connections: stats.connections };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

async function main() {
  const corpus = resolve(process.env.BENCH_CORPUS ?? join(root, '..', 'shared', 'bench-corpus'));
  const packuments = join(corpus, 'packuments');
  const rxnpmEntry = process.env.BENCH_RXNPM ? resolve(process.env.BENCH_RXNPM) : join(root, 'dist', 'index.mjs');
  if (!existsSync(rxnpmEntry)) throw new Error(`${rxnpmEntry} is missing: run \`npx tsup\` first (or set BENCH_RXNPM)`);
  if (!existsSync(packuments)) throw new Error(`corpus not found: ${packuments} (set BENCH_CORPUS)`);
  const RUNS = int('LOAD_RUNS', 3);
  tmpRoot = mkdtempSync(join(tmpdir(), 'rxnpm-load-'));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => cleanup().finally(() => process.exit(130)));
  }
  const SUBSCRIPTIONS = int('LOAD_SUBSCRIPTIONS', 5000);
  const PACKAGES = int('LOAD_PACKAGES', 300);
  const MAX_SOCKETS = int('LOAD_MAXSOCKETS', 16);
  const contenders = ['rxnpm', 'npm-registry-fetch'].filter((c) => !process.env.LOAD_ONLY || process.env.LOAD_ONLY === c);

  const names = JSON.parse(readFileSync(join(corpus, 'names.json'), 'utf8')).slice(0, PACKAGES);
  const { expected, bytes } = readExpectations(packuments, names);

  server = start(['serve', packuments]);
  const { port } = await nextMessage(server, 'server start');
  const base = `http://127.0.0.1:${port}`;
  const common = { base, names, expected, subscriptions: SUBSCRIPTIONS, maxSockets: MAX_SOCKETS, rxnpmEntry };

  const nrfVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'npm-registry-fetch', 'package.json'), 'utf8')).version;
  console.log('rxnpm load benchmark');
  console.log(`  load     ${SUBSCRIPTIONS} GETs at once over ${names.length} packuments (${(bytes / 1e6).toFixed(1)} MB), full and abbreviated Accept alternating by round`);
  console.log(`  server   node:http in a child process at ${base}, counting sockets`);
  console.log(`  machine  ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  clients  rxnpm (${rxnpmEntry}), npm-registry-fetch ${nrfVersion}; maxsockets ${MAX_SOCKETS}; empty cache folder and fresh process per run; ${RUNS} runs each, alternating`);
  console.log('');

  const runs = Object.fromEntries(contenders.map((c) => [c, []]));
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(i + k) % contenders.length];
      const run = await runOnce(contender, common);
      runs[contender].push(run);
      console.log(`  run ${i + 1} ${pad(contender, 20)} ${lpad(run.ms.toFixed(0), 6)} ms  ${lpad(run.requests, 5)} requests  ${lpad(run.maxOpen, 3)} sockets max  ${lpad(mib(run.maxRssBytes), 5)} MiB peak RSS  ${run.completed}/${SUBSCRIPTIONS} ok`);
    }
  }

  console.log('');
  console.log(`  ${pad('contender', 20)} ${lpad('wall ms', 8)} ${lpad('closed ms', 9)} ${lpad('cpu ms', 7)} ${lpad('requests', 8)} ${lpad('max sockets', 11)} ${lpad('connections', 11)} ${lpad('peak RSS MiB', 12)}   (medians of ${RUNS})`);
  const problems = [];
  for (const contender of contenders) {
    const rs = runs[contender];
    console.log(`  ${pad(contender, 20)} ${lpad(median(rs.map((r) => r.ms)).toFixed(0), 8)} ${lpad(median(rs.map((r) => r.closedMs)).toFixed(0), 9)} ${lpad(median(rs.map((r) => r.cpuMs)).toFixed(0), 7)} ${lpad(median(rs.map((r) => r.requests)), 8)} ${lpad(median(rs.map((r) => r.maxOpen)), 11)} ${lpad(median(rs.map((r) => r.connections)), 11)} ${lpad(mib(median(rs.map((r) => r.maxRssBytes))), 12)}`);
    rs.forEach((r, i) => {
      const tag = `${contender} run ${i + 1}`;
      if (r.completed !== SUBSCRIPTIONS) problems.push(`${tag}: ${r.completed}/${SUBSCRIPTIONS} completed; ${r.errors.join('; ')}`);
      if (r.bad.length) problems.push(`${tag}: wrong data: ${r.bad.join('; ')}`);
      if (r.unhandled.length) problems.push(`${tag}: ${r.unhandled.length} unhandled rejection(s): ${r.unhandled[0]}`);
      if (contender === 'rxnpm' && r.maxOpen > MAX_SOCKETS) problems.push(`${tag}: ${r.maxOpen} sockets open at once, maxsockets is ${MAX_SOCKETS}`);
    });
  }
  if (process.env.LOAD_JSON) writeFileSync(process.env.LOAD_JSON, JSON.stringify({ subscriptions: SUBSCRIPTIONS, packages: names.length, maxSockets: MAX_SOCKETS, runs }, null, 2));
  console.log('');
  if (problems.length) {
    console.log(`PROBLEMS:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('  every document checked (name, versions, latest); no errors; no unhandled rejection');
  }
  server.kill('SIGTERM');
  await new Promise((ok) => (server.exitCode !== null ? ok() : server.once('exit', ok)));
  await cleanup();
}

// ---------------------------------------------------------------- which role this process plays

const role = process.argv[2];
if (role === 'serve') serve(process.argv[3]);
else if (role === 'client') client().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
else main().catch(async (error) => {
  console.error(error?.stack ?? error);
  process.exitCode = 1;
  await cleanup();
});
