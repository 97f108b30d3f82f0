// What both benchmarks share (bench/run.mjs on loopback, bench/wan.mjs on a
// modelled line): the corpus check, the worker processes and their pass-by-pass
// turns, and the statistics of the passes.
import { execFileSync, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainGet } from './servers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');

/** What each document must contain: its name, how many versions, its latest tag; read one file at a time. */
export function readExpectations(packuments, names) {
  const expected = {};
  let bytes = 0;
  for (const name of names) {
    const text = readFileSync(join(packuments, name), 'utf8');
    bytes += Buffer.byteLength(text);
    const doc = JSON.parse(text);
    if (doc.name !== name) throw new Error(`corpus: ${name} holds ${doc.name}`);
    expected[name] = { versions: Object.keys(doc.versions ?? {}).length, latest: doc['dist-tags']?.latest };
  }
  return { expected, bytes };
}

export async function checkServer(base, name) {
  const first = await plainGet(`${base}/${name}`, { accept: 'application/json' });
  const { etag, 'last-modified': lastModified, 'content-type': type } = first.headers;
  if (first.status !== 200 || !etag || !lastModified || !/^application\/json/.test(type ?? '')) {
    throw new Error(`server check: ${first.status} etag=${etag} last-modified=${lastModified} content-type=${type}`);
  }
  const byEtag = await plainGet(`${base}/${name}`, { 'if-none-match': etag });
  const byDate = await plainGet(`${base}/${name}`, { 'if-modified-since': lastModified });
  const both = await plainGet(`${base}/${name}`, { 'if-none-match': etag, 'if-modified-since': lastModified });
  const stale = await plainGet(`${base}/${name}`, { 'if-none-match': '"nope"' });
  if (byEtag.status !== 304 || byDate.status !== 304 || both.status !== 304 || stale.status !== 200) {
    throw new Error(`server check: conditional answers ${byEtag.status}/${byDate.status}/${both.status}/${stale.status}, expected 304/304/304/200`);
  }
}

/** A worker process for one contender in one scenario; `ask` sends a command and waits for its answer. */
export function startWorker(job, { children, extraNodeArgs = [], timeoutMs = 120_000 }) {
  const child = fork(join(here, 'worker.mjs'), [], {
    cwd: root,
    execArgv: ['--expose-gc', ...extraNodeArgs],
    env: { ...process.env, BENCH_JOB: JSON.stringify(job) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const what = `${job.scenario}/${job.contender}`;
  const inbox = [];
  const waiting = [];
  let exit;
  const settle = () => {
    while (waiting.length && (inbox.length || exit)) {
      const { resolve: ok, reject, timer } = waiting.shift();
      clearTimeout(timer);
      const message = inbox.shift();
      if (message?.ok) ok(message);
      else reject(new Error(`${what} failed${message ? '' : ` (exit ${exit})`}:\n${message?.error ?? 'no answer'}`));
    }
  };
  child.on('message', (message) => {
    inbox.push(message);
    settle();
  });
  const exited = new Promise((resolveExit) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      exit = code ?? signal;
      settle();
      resolveExit();
    }),
  );
  const next = () =>
    new Promise((ok, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${what}: no answer after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      waiting.push({ resolve: ok, reject, timer });
      settle();
    });
  return {
    ready: next(),
    ask(message) {
      child.send(message);
      return next();
    },
    /** After `finish` the worker exits by itself (writing its --cpu-prof profile, if asked); kill it only if it lingers. */
    async stop() {
      if (exit !== undefined) return;
      const timer = setTimeout(() => child.kill('SIGTERM'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    kill: () => child.kill('SIGTERM'),
  };
}

/** Writes back dirty pages before each pass, so a pass never pays for the previous pass's disk writes. */
export function syncDisks() {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No sync(1): the passes are interleaved anyway.
  }
}

/**
 * One scenario: a worker per contender, all loaded first; then every repetition
 * runs each contender's pass in turn (the order rotates), so a slow minute on a
 * shared machine hits every contender alike.
 */
export async function runScenario(scenario, contenders, common, { warmup, reps, ...workerOptions }) {
  const workers = contenders.map((contender) => ({ contender, worker: startWorker({ ...common, contender, scenario: scenario.id }, workerOptions) }));
  try {
    const labels = {};
    for (const { contender, worker } of workers) labels[contender] = (await worker.ready).label;
    const runs = Object.fromEntries(contenders.map((c) => [c, []]));
    for (let i = 0; i < warmup + reps; i++) {
      for (let k = 0; k < workers.length; k++) {
        const { contender, worker } = workers[(i + k) % workers.length];
        await worker.ask({ cmd: 'prepare' });
        syncDisks();
        const { run } = await worker.ask({ cmd: 'pass' });
        runs[contender].push({ ...run, warmup: i < warmup });
      }
    }
    const results = [];
    for (const { contender, worker } of workers) {
      const { maxRssBytes, cpuSeconds } = await worker.ask({ cmd: 'finish' });
      results.push({ contender, label: labels[contender], scenario: scenario.id, runs: runs[contender], maxRssBytes, cpuSeconds });
    }
    for (const { worker } of workers) await worker.stop();
    return results;
  } catch (error) {
    for (const { worker } of workers) worker.kill();
    throw error;
  }
}

// ---------------------------------------------------------------- statistics

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
export const fmt = (ms) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)}`;
export const pad = (s, n) => String(s).padEnd(n);
export const lpad = (s, n) => String(s).padStart(n);

/**
 * The figures of one contender in one scenario. The headline time (`median`,
 * `min`, `max`) is until the client is closed where the pass closes it —
 * cache writes done, nothing left to lose — else until the last document is
 * delivered (`medianDelivered`). `noCacheStatus`: contenders without a cache
 * status to tally (no cache, or none exposed).
 */
export function summarize(scenario, result, total, warmup, { noCacheStatus = (contender) => contender.startsWith('undici') } = {}) {
  const measured = result.runs.filter((r) => !r.warmup);
  const problems = [];
  const notes = [];
  for (const [i, run] of result.runs.entries()) {
    const tag = run.warmup ? 'warm-up' : `run ${i - warmup + 1}`;
    if (run.tally.docs !== total) problems.push(`${tag}: ${run.tally.docs}/${total} documents`);
    if (run.tally.bad.length) problems.push(`${tag}: wrong data: ${run.tally.bad.join('; ')}`);
    for (const code of ['200', '304']) {
      const want = scenario.expect[code] === 'all' ? total : scenario.expect[code];
      if (run.requests[code] !== want) notes.push(`${tag}: ${run.requests[code]} answers ${code} (expected ${want})`);
    }
    if (run.requests.other) notes.push(`${tag}: ${run.requests.other} other answers`);
    if (!noCacheStatus(result.contender) && run.tally.status[scenario.status] !== total) {
      notes.push(`${tag}: cache status ${JSON.stringify(run.tally.status)} (expected ${total} × ${scenario.status})`);
    }
  }
  const headline = (r) => r.closedMs ?? r.ms;
  const req = measured[0].requests;
  const wire = measured.map((r) => r.wire).filter(Boolean);
  return {
    contender: result.contender,
    label: result.label,
    median: median(measured.map(headline)),
    min: Math.min(...measured.map(headline)),
    max: Math.max(...measured.map(headline)),
    medianDelivered: median(measured.map((r) => r.ms)),
    medianCpu: median(measured.map((r) => r.cpuMs)),
    measuredMs: measured.map(headline),
    medianFirstPass: measured[0].firstPassMs === undefined ? undefined : median(measured.map((r) => r.firstPassMs)),
    requests: `${req[200]}×200 ${req[304]}×304${req.other ? ` ${req.other}×other` : ''}`,
    protocols: Object.entries(req.protocols ?? {}).map(([k, v]) => `${v}×${k}`).join(' '),
    wire: wire.length ? { down: median(wire.map((w) => w.down)), up: median(wire.map((w) => w.up)), connections: median(wire.map((w) => w.connections)) } : undefined,
    statuses: Object.entries(measured[0].tally.status).map(([k, v]) => `${v}×${k}`).join(' '),
    maxRssBytes: result.maxRssBytes,
    samples: measured.map((r) => Math.round(headline(r) * 10) / 10),
    problems,
    notes: [...new Set(notes)].slice(0, 6),
  };
}

/** Prints every wrong document and every unexpected server answer; true when some data was wrong. */
export function printVerification(report, total) {
  let failed = false;
  for (const { scenario, rows } of report) {
    for (const row of rows) {
      for (const problem of row.problems) {
        failed = true;
        console.log(`  WRONG DATA ${scenario.id}/${row.contender}: ${problem}`);
      }
      for (const note of row.notes) console.log(`  note ${scenario.id}/${row.contender}: ${note}`);
    }
  }
  if (!failed) console.log(`Verified: every contender delivered all ${total} documents in every pass, each with the corpus's name, version count and latest tag.`);
  return failed;
}

/** Stops every worker still running (SIGTERM, then SIGKILL after 3 s) and waits until each has exited. */
export async function stopChildren(children) {
  await Promise.all([...children].map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  })));
}

/** Runs the benchmark's `main` (resolving to an exit code), cleaning up whatever happens. */
/**
 * The run's one clean-up, however many ways it ends (a signal and the failure it causes both call it): the
 * workers stopped before the server (`servers()` lists what is running by then) and the temp folder go.
 */
export function cleanupOnExit(tmpRoot, children, servers) {
  let cleaning;
  const cleanup = () => {
    cleaning ??= (async () => {
      await stopChildren(children);
      for (const server of servers()) await server?.close().catch(() => {});
      rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 3 });
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }
  return cleanup;
}

export function runMain(main, cleanup) {
  main()
    .then(async (code) => {
      await cleanup();
      process.exit(code);
    })
    .catch(async (error) => {
      console.error(error?.stack ?? error);
      await cleanup();
      process.exit(1);
    });
}
