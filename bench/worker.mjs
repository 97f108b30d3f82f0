// One contender in one scenario, in its own process (started by bench/run.mjs with
// --expose-gc), so contenders never share a heap, a JIT state or sockets, and
// each has its own peak RSS. Protocol over IPC: the worker sends `{ ok, ready,
// label }` once loaded; then, for each repetition, `{ cmd: 'prepare' }` makes the
// cache folder (answers `{ ok }`) and `{ cmd: 'pass' }` runs the timed pass
// (answers `{ ok, run }`); `{ cmd: 'finish' }` cleans up, answers
// `{ ok, maxRssBytes }` and exits. Any failure answers `{ ok: false, error }`.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { from, lastValueFrom, map, mergeMap, reduce } from 'rxjs';
import { plainGet, readStats } from './servers.mjs';
import { freezeAll, wanContenders } from './wan-contenders.mjs';

const job = JSON.parse(process.env.BENCH_JOB);
const { contender, scenario, concurrency, base, stats, tmpRoot } = job;
const names = JSON.parse(readFileSync(job.namesPath, 'utf8'));
/** name → { versions, latest } as read from the corpus file by the parent. */
const expected = JSON.parse(readFileSync(job.expectedPath, 'utf8'));
const registry = `${base}/`;
const ACCEPT = 'application/json';

const gc = globalThis.gc ?? (() => {});
/** BENCH_PASS_LOG=file: append each timed pass's monotonic window (µs, the clock of --cpu-prof) for bench/profile-summary.mjs --windows. */
const passLog = process.env.BENCH_PASS_LOG ? (entry) => appendFileSync(process.env.BENCH_PASS_LOG, `${JSON.stringify(entry)}\n`) : undefined;
const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------- verification

/** Checks one document against the corpus; counts statuses (rxnpm cacheStatus, make-fetch-happen x-local-cache-status). */
function checker() {
  const tally = { docs: 0, bad: [], status: {} };
  return {
    tally,
    check(name, data, status) {
      tally.docs += 1;
      tally.status[status] = (tally.status[status] ?? 0) + 1;
      const want = expected[name];
      const versions = data && typeof data.versions === 'object' && data.versions ? Object.keys(data.versions).length : -1;
      const latest = data?.['dist-tags']?.latest;
      if (!data || data.name !== name || versions !== want.versions || latest !== want.latest) {
        if (tally.bad.length < 5) tally.bad.push(`${name}: got name=${data?.name} versions=${versions} latest=${latest}`);
      }
    },
  };
}

function diffStats(before, after) {
  const protocols = {};
  for (const [protocol, n] of Object.entries(after.protocols ?? {})) {
    if (n - (before.protocols?.[protocol] ?? 0)) protocols[protocol] = n - (before.protocols?.[protocol] ?? 0);
  }
  return { 200: after[200] - before[200], 304: after[304] - before[304], other: after.other - before.other, protocols };
}

/** The modelled line's counters (bench/wan-proxy.mjs), read off the line: bytes each way and connections opened. */
async function readWire() {
  if (!job.wire) return undefined;
  return JSON.parse((await plainGet(job.wire)).body.toString('utf8'));
}
const diffWire = (before, after) => before && { up: after.up - before.up, down: after.down - before.down, connections: after.connections - before.connections };

// ---------------------------------------------------------------- the contenders

/** A bounded pool of `width` async workers over the names, in corpus order. */
async function pool(fn, width = concurrency) {
  let next = 0;
  const run = async () => {
    while (next < names.length) {
      const name = names[next++];
      await fn(name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, names.length) }, run));
}

/**
 * rxnpm; with `memoryStore`, its in-memory CacheStore instead of cacache (a
 * diagnostic: rxnpm without disk writes). `width`: requests in flight;
 * `config`: more settings (the wide-area benchmark's `http2` and `ca`).
 */
async function rxnpm({ memoryStore = false, label = 'rxnpm', registry: origin = registry, width = concurrency, config = {}, entry = process.env.BENCH_RXNPM } = {}) {
  // BENCH_RXNPM: another build of rxnpm to measure (its dist/index.mjs); by default this checkout's.
  const lib = await import(entry ? pathToFileURL(resolve(entry)).href : '../dist/index.mjs');
  const { RegistryClient } = lib;
  return {
    label: memoryStore ? 'rxnpm, memoryStore (diag)' : label,
    /** mode: cold | online | offline | default */
    open(cache, mode) {
      const client = new RegistryClient({
        registry: origin,
        cache: memoryStore ? lib.memoryStore() : cache,
        maxsockets: concurrency,
        ...config,
        // Revalidation: every cached copy is too old, so each GET is conditional.
        ...(mode === 'online' ? { 'cache-min': 0 } : {}),
        // The second pass measures the memory layer's fresh hits: ten seconds of
        // freshness asked for explicitly, as the default cache-min becomes 0.
        ...(mode === 'default' ? { 'cache-min': 10 } : {}),
      });
      const options = mode === 'online' ? { preferOnline: true } : mode === 'offline' ? { preferOffline: true } : {};
      return {
        async pass(check) {
          await lastValueFrom(
            from(names).pipe(
              mergeMap((name) => client.get(`/${name}`, options).pipe(map((res) => check(name, res.data, res.cacheStatus))), width),
              reduce((n) => n + 1, 0),
            ),
          );
        },
        /** Waits for the background cache writes only (between the two passes of `second`). */
        async settle() {
          // DocumentCache.flush() is not public API; it is the same wait close() starts with.
          const flush = client.cache?.flush?.bind(client.cache);
          if (flush) await flush();
          else await sleep(2000);
        },
        close: () => client.close(),
      };
    },
  };
}

/**
 * npm-registry-fetch (and pacote through it) keeps its sockets in @npmcli/agent's
 * process-wide agent cache; a new client of ours must not reuse the previous
 * pass's connections (on the modelled line that would save it the handshakes).
 */
function forgetNpmSockets() {
  const npmRequire = createRequire(createRequire(import.meta.url).resolve('make-fetch-happen'));
  const { cache } = npmRequire('@npmcli/agent');
  for (const agent of cache.agent.values()) agent.destroy();
  cache.clear();
}

const contenders = {
  rxnpm: () => rxnpm(),
  'rxnpm-h1': () => rxnpm({ label: 'rxnpm, HTTP/1.1 (16)' }),
  // Every request in flight at once, as a user of a multiplexed connection would; until rxnpm has `http2`, it speaks HTTP/1.1 over TLS.
  'rxnpm-h2': () => rxnpm({ label: 'rxnpm, http2 (all)', registry: `${job.tlsBase}/`, width: names.length, config: { http2: true, ca: job.ca } }),
  ...wanContenders({ job, names, pool, concurrency, forgetNpmSockets }),
  'rxnpm-memory-store': () => rxnpm({ memoryStore: true }),
  // BENCH_BASELINE: another build beside this one, for an A/B comparison within one interleaved run.
  'rxnpm-base': () => rxnpm({ label: 'rxnpm baseline', entry: process.env.BENCH_BASELINE }),
  'rxnpm-h1-base': () => rxnpm({ label: 'rxnpm baseline, HTTP/1.1 (16)', entry: process.env.BENCH_BASELINE }),
  'rxnpm-h2-base': () => rxnpm({ label: 'rxnpm baseline, http2 (all)', entry: process.env.BENCH_BASELINE, registry: `${job.tlsBase}/`, width: names.length, config: { http2: true, ca: job.ca } }),

  async 'npm-registry-fetch'() {
    const { default: npmFetch } = await import('npm-registry-fetch');
    return {
      label: 'npm-registry-fetch',
      open(cache, mode) {
        const opts = {
          registry,
          cache,
          maxSockets: concurrency,
          headers: { accept: ACCEPT },
          ...(mode === 'online' ? { preferOnline: true } : mode === 'offline' ? { preferOffline: true } : {}),
        };
        return {
          async pass(check) {
            await pool(async (name) => {
              // What npmFetch.json(name, opts) does, keeping the response to read its cache status.
              const res = await npmFetch(`/${name}`, opts);
              const data = await res.json();
              check(name, data, res.headers.get('x-local-cache-status') ?? 'none');
            });
          },
          async settle() {},
          async close() {
            forgetNpmSockets();
          },
        };
      },
    };
  },

  'bare-cacache': () => bareCacache(),
  undici: () => undici(),
  // A floor for any client that keeps what it parsed, frozen, for the next read (as rxnpm's memory layer does).
  'undici-kept-frozen': () => undici({ keepFrozen: true }),
};

/** Plain undici.request and body.json(); with `keepFrozen`, each document is frozen and kept until the client closes (a diagnostic). */
async function undici({ keepFrozen = false } = {}) {
  const { Agent, request } = await import('undici');
  const kept = new Map();
  return {
    label: keepFrozen ? 'undici, kept frozen (diag)' : 'undici.request (no cache)',
    open() {
      const dispatcher = new Agent({ connections: concurrency });
      return {
        async pass(check) {
          await pool(async (name) => {
            const { statusCode, body } = await request(`${base}/${name}`, { dispatcher, headers: { accept: ACCEPT } });
            if (statusCode !== 200) {
              await body.dump();
              throw new Error(`${name}: HTTP ${statusCode}`);
            }
            const data = await body.json();
            if (keepFrozen) kept.set(name, freezeAll(data));
            check(name, data, String(statusCode));
          });
        },
        async settle() {},
        async close() {
          kept.clear();
          await dispatcher.close();
        },
      };
    },
  };
}

/**
 * The floor of each cache scenario, a diagnostic: no client at all (no
 * interceptors, rxjs or memory layer), only what any client caching in
 * cacache must do. Before each request the index is read (cold: the key is
 * missing); a hit reads the content once, checks its integrity (ssri, as
 * cacache.get does), parses it, and freezes and keeps the document as rxnpm
 * does; a revalidation reads the body while its conditional request is under
 * way; new bodies are stored after the pass, when the client is closed.
 */
async function bareCacache() {
  const { default: cacache } = await import('cacache');
  const { default: ssri } = await import('ssri');
  const { readFile } = await import('node:fs/promises');
  const { Agent, request } = await import('undici');
  const key = (name) => `bench:${name}`;
  const load = async (info) => {
    const body = await readFile(info.path);
    if (!ssri.checkData(body, info.integrity)) throw new Error(`${info.key}: integrity`);
    return freezeAll(JSON.parse(body.toString('utf8')));
  };
  return {
    label: 'bare cacache (diag)',
    open(cache, mode) {
      const dispatcher = new Agent({ connections: concurrency });
      const kept = new Map();
      const unstored = [];
      const fetchOne = async (name, info) => {
        const { statusCode, headers, body } = await request(`${base}/${name}`, { dispatcher, headers: { accept: ACCEPT, ...(info ? { 'if-none-match': info.metadata.etag } : {}) } });
        if (statusCode === 304) return { cached: true };
        if (statusCode !== 200) throw new Error(`${name}: HTTP ${statusCode}`);
        const bytes = Buffer.from(await body.arrayBuffer());
        unstored.push({ name, bytes, etag: headers.etag });
        return { data: freezeAll(JSON.parse(bytes.toString('utf8'))) };
      };
      return {
        async pass(check) {
          await pool(async (name) => {
            const info = await cacache.get.info(cache, key(name));
            if (mode === 'offline') {
              const data = await load(info);
              kept.set(name, data);
              return check(name, data, 'hit');
            }
            const [answer, cached] = await Promise.all([fetchOne(name, info), info ? load(info) : undefined]);
            const data = answer.cached ? cached : answer.data;
            kept.set(name, data);
            check(name, data, answer.cached ? 'revalidated' : 'miss');
          });
        },
        async settle() {},
        async close() {
          await Promise.all(Array.from({ length: concurrency }, async () => {
            for (let next = unstored.pop(); next; next = unstored.pop()) await cacache.put(cache, key(next.name), next.bytes, { metadata: { etag: next.etag } });
          }));
          kept.clear();
          await dispatcher.close();
        },
      };
    },
  };
}

// ---------------------------------------------------------------- the scenarios

const tempDirs = new Set();
async function tempDir(label) {
  const dir = await mkdtemp(join(tmpRoot, `${contender.replace(/\W+/g, '-')}-${label}-`));
  tempDirs.add(dir);
  return dir;
}
async function removeDir(dir) {
  await rm(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/**
 * Times one pass: until every document is delivered (`ms`), the process's CPU time (all threads) meanwhile
 * (`cpuMs`), then until the client is closed and its cache writes done (`closedMs`).
 */
async function timedPass(client, { closeAfter, tag = 'timed' }) {
  const { tally, check } = checker();
  const before = await readStats(stats);
  const wireBefore = await readWire();
  gc();
  const t0 = performance.now();
  const h0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  await client.pass(check);
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (passLog) passLog({ pid: process.pid, scenario, contender, tag, startUs: Number(h0 / 1000n), endUs: Number(process.hrtime.bigint() / 1000n) });
  if (closeAfter) await client.close();
  const t2 = performance.now();
  const requests = diffStats(before, await readStats(stats));
  // After the server's log has settled, so every byte of the pass (and its closing) has crossed the line.
  const wire = diffWire(wireBefore, await readWire());
  return { ms: t1 - t0, cpuMs: (cpu.user + cpu.system) / 1000, closedMs: closeAfter ? t2 - t0 : undefined, requests, wire, tally };
}

/** A populated cache folder made by this contender itself (its own key format), reused as a template. */
let template;
async function populatedTemplate(impl) {
  if (template) return template;
  template = await tempDir('template');
  // `populate`: a cold pass that also keeps what a floor revalidates with.
  const client = impl.open(template, 'populate');
  const { tally, check } = checker();
  await client.pass(check);
  await client.close();
  if (tally.docs !== names.length || tally.bad.length) throw new Error(`populating the cache went wrong: ${JSON.stringify(tally)}`);
  return template;
}

async function copyOfTemplate(impl) {
  const source = await populatedTemplate(impl);
  const dir = await tempDir('copy');
  // cp(1) is several times faster than fs.cp on a few hundred small files; fs.cp where there is no cp.
  await execFileAsync('cp', ['-a', `${source}/.`, `${dir}/`]).catch(() => cp(source, dir, { recursive: true }));
  return dir;
}

/** Writes back dirty pages (e.g. between the two passes of `second`), as the parent does before each pass. */
async function syncDisks() {
  await execFileAsync('sync').catch(() => {});
}

/**
 * Each scenario has a `prepare` step (untimed: make the cache folder) and a
 * `run` step (the timed pass). The parent calls sync(1) between the two, so
 * a pass never pays for writing back the folder it was given.
 */
const scenarios = {
  /** Empty cache folder, fresh client. */
  cold: {
    prepare: () => tempDir('cold'),
    async run(impl, dir) {
      const run = await timedPass(impl.open(dir, 'cold'), { closeAfter: true });
      await removeDir(dir);
      return run;
    },
  },
  /** Populated cache, fresh client (empty memory), every GET conditional → 304. */
  revalidate: {
    prepare: (impl) => copyOfTemplate(impl),
    async run(impl, dir) {
      const run = await timedPass(impl.open(dir, 'online'), { closeAfter: true });
      await removeDir(dir);
      return run;
    },
  },
  /** Populated cache, fresh client, no request at all. */
  hits: {
    prepare: (impl) => copyOfTemplate(impl),
    async run(impl, dir) {
      const run = await timedPass(impl.open(dir, 'offline'), { closeAfter: true });
      await removeDir(dir);
      return run;
    },
  },
  /** A cold pass, then the same pass again with the same client and default options: only the second is timed. */
  second: {
    prepare: () => tempDir('second'),
    async run(impl, dir) {
      const client = impl.open(dir, 'default');
      const first = await timedPass(client, { closeAfter: false, tag: 'first' });
      // "Later": rxnpm's background cache writes done, the disk quiet.
      await client.settle();
      await syncDisks();
      const run = await timedPass(client, { closeAfter: false });
      await client.close();
      await removeDir(dir);
      return { ...run, firstPassMs: first.ms };
    },
  },
};

// The parent drives the passes, so the contenders of a scenario take turns (interleaved in time).
let impl;
let prepared;
async function handle(message) {
  switch (message.cmd) {
    case 'prepare': {
      prepared = await scenarios[scenario].prepare(impl);
      return {};
    }
    case 'pass': {
      const run = await scenarios[scenario].run(impl, prepared);
      prepared = undefined;
      return { run };
    }
    case 'finish': {
      for (const dir of [...tempDirs]) await removeDir(dir);
      const { user, system } = process.cpuUsage();
      return { maxRssBytes: process.resourceUsage().maxRSS * 1024, cpuSeconds: (user + system) / 1e6 };
    }
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
}

async function fail(error) {
  for (const dir of [...tempDirs]) await rm(dir, { recursive: true, force: true }).catch(() => {});
  process.send({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
}

process.on('message', (message) => {
  handle(message).then(
    (answer) => process.send({ ok: true, ...answer }, () => {
      if (message.cmd === 'finish') process.exit(0);
    }),
    fail,
  );
});
process.on('disconnect', () => {
  for (const dir of [...tempDirs]) rm(dir, { recursive: true, force: true }).catch(() => {});
  process.exitCode = 1;
});

contenders[contender]().then((loaded) => {
  impl = loaded;
  process.send({ ok: true, ready: true, label: impl.label });
}, fail);
