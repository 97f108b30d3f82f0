// The wide-area benchmark: `node bench/wan.mjs` (after `npm run build`).
//
// The 335 packuments of ../shared/bench-corpus, served by nginx from a copy
// with precompressed twins (gzip -k, gzip_static on) over plain HTTP and over
// TLS with HTTP/2, behind bench/wan-proxy.mjs: a user's line modelled on
// loopback (20 ms each way, a round trip before a new connection's first bytes,
// one shared 100 Mbit/s downstream, first come first served). Contenders, each
// in its own bench/worker.mjs process, pass by pass in turn:
//   floor-h1, floor-h2   what a client without a cache library reaches (bench/wan-contenders.mjs)
//   npm-registry-fetch, rxnpm-h1, pacote   HTTP/1.1, 16 sockets
//   rxnpm-h2             `http2: true`, every request in flight at once
// Scenarios: cold (until delivered, and until the cache is durable) and
// all-304 revalidation. Bytes on the wire are counted by the proxy.
// Knobs (environment): WAN_DELAY_MS (20, one way), WAN_RATE_MBIT (100),
// BENCH_REPS (3), BENCH_WARMUP (1), BENCH_ONLY, BENCH_RXNPM, BENCH_CORPUS, BENCH_JSON,
// BENCH_NODE_ARGS and BENCH_PASS_LOG (profiling), BENCH_BASELINE (A/B), as in bench/run.mjs;
// BENCH_DIAG=1 adds cached-floor-h1/-h2 (bench/wan-contenders.mjs).
// Installs nothing: without nginx it stops and prints the command.
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { checkServer, cleanupOnExit, fmt, lpad, median, pad, printVerification, readExpectations, runMain, runScenario, summarize } from './harness.mjs';
import { selfSignedCert } from './self-signed-cert.mjs';
import { plainGet, startWanNginx } from './servers.mjs';

const started = performance.now();
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..');
const corpus = resolve(process.env.BENCH_CORPUS ?? join(root, '..', 'shared', 'bench-corpus'));
const packuments = join(corpus, 'packuments');

const num = (name, fallback) => {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
};
const REPS = Math.max(1, Math.round(num('BENCH_REPS', 3)));
const WARMUP = Math.round(num('BENCH_WARMUP', 1));
const DELAY_MS = num('WAN_DELAY_MS', 20);
const RATE_MBIT = num('WAN_RATE_MBIT', 100);
const CONCURRENCY = 16; // npm's own socket count
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const SELF_CHECK_BYTES = 10 * 1024 * 1024;
const EXTRA_NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

// BENCH_BASELINE: another build's dist/index.mjs (under node_modules/, to resolve its dependencies) beside this one.
const BASE = process.env.BENCH_BASELINE ? ['rxnpm-h1-base', 'rxnpm-h2-base'] : [];
// BENCH_DIAG: the floors again, with the cache the issue asks for and no client around it.
const DIAG = process.env.BENCH_DIAG ? ['cached-floor-h1', 'cached-floor-h2'] : [];
const CONTENDERS = ['floor-h1', 'floor-h2', 'npm-registry-fetch', 'rxnpm-h1', 'rxnpm-h2', ...BASE, 'pacote', ...DIAG];
const SCENARIOS = [
  { id: 'cold', title: 'cold', contenders: CONTENDERS, expect: { 200: 'all', 304: 0 }, status: 'miss' },
  { id: 'revalidate', title: 'all-304 revalidation', contenders: CONTENDERS, expect: { 200: 0, 304: 'all' }, status: 'revalidated' },
];
/** Times are until durable (closed); `max`: the most rxnpm / floor may be. */
const TARGETS = [
  { contender: 'rxnpm-h1', floor: 'floor-h1', max: 1.15 },
  { contender: 'rxnpm-h2', floor: 'floor-h2', max: 1.2 },
];
const selected = (scenario, contender) =>
  ONLY.length === 0 || ONLY.some((sel) => sel === scenario || sel === `${scenario}:${contender}` || sel === contender);

const rxnpmEntry = process.env.BENCH_RXNPM ? resolve(process.env.BENCH_RXNPM) : join(root, 'dist', 'index.mjs');
if (!existsSync(rxnpmEntry)) {
  console.error(`${rxnpmEntry} is missing: run \`npm run build\` first (or set BENCH_RXNPM).`);
  process.exit(2);
}
if (!existsSync(packuments)) {
  console.error(`corpus not found: ${packuments} (set BENCH_CORPUS)`);
  process.exit(2);
}

// ---------------------------------------------------------------- processes and clean-up

const tmpRoot = mkdtempSync(join(tmpdir(), 'rxnpm-wan-'));
const children = new Set();
let nginx;
const cleanup = cleanupOnExit(tmpRoot, children, () => [nginx]);

/** The corpus copied with a gzip twin of every document, and the self-check's 10 MiB of incompressible bytes (no twin). */
function servedCopy() {
  const dir = join(tmpRoot, 'served');
  // nginx's worker runs as an unprivileged user when started by root: it must be able to read the copy.
  chmodSync(tmpRoot, 0o755);
  mkdirSync(dir, { mode: 0o755 });
  execFileSync('cp', ['-a', `${packuments}/.`, `${dir}/`]);
  execFileSync('gzip', ['-k', '-6', ...readdirSync(dir)], { cwd: dir });
  writeFileSync(join(dir, '-bench-10mib'), randomBytes(SELF_CHECK_BYTES));
  return dir;
}

function startProxy(ports) {
  const child = fork(join(here, 'wan-proxy.mjs'), Object.entries(ports).map(([name, port]) => `${name}=${port}`), {
    env: { ...process.env, WAN_DELAY_MS: String(DELAY_MS), WAN_RATE_MBIT: String(RATE_MBIT) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  return new Promise((ok, reject) => {
    child.once('message', ok);
    child.once('exit', (code) => reject(new Error(`wan-proxy exited with ${code}`)));
  });
}

/**
 * The model checked before measuring: one 10 MiB body on a new connection
 * takes its serialisation at the line's rate plus two round trips (the
 * handshake, then the request and the answer's first bytes).
 */
async function selfCheck(base) {
  const t0 = performance.now();
  const { status, body } = await plainGet(`${base}/-bench-10mib`);
  const ms = performance.now() - t0;
  const serialisation = (SELF_CHECK_BYTES * 8) / (RATE_MBIT * 1000);
  const expected = serialisation + 4 * DELAY_MS;
  const off = ms / expected - 1;
  console.log(`  model    one 10 MiB body: ${fmt(ms)} ms measured, ${fmt(expected)} ms expected (${fmt(serialisation)} ms at ${RATE_MBIT} Mbit/s + 2 round trips of ${2 * DELAY_MS} ms): ${off >= 0 ? '+' : ''}${(100 * off).toFixed(1)} %`);
  if (status !== 200 || body.length !== SELF_CHECK_BYTES) throw new Error(`self-check: HTTP ${status}, ${body.length} bytes`);
  if (Math.abs(off) > 0.15) throw new Error('self-check: the modelled line is more than 15 % off; not measuring (is the machine too busy?)');
}

/** nginx answers a client asking for gzip with the twin. */
async function checkGzip(base, name) {
  const { headers } = await plainGet(`${base}/${name}`, { accept: 'application/json', 'accept-encoding': 'gzip' });
  if (headers['content-encoding'] !== 'gzip') throw new Error(`gzip_static: ${name} came back with content-encoding ${headers['content-encoding']}`);
}

// ---------------------------------------------------------------- report

const MB = (bytes) => (bytes === undefined ? '—' : (bytes / 1e6).toFixed(2));
const x = (r) => r.toFixed(2);

function printTable(report) {
  console.log('');
  console.log(`Median ms per pass of 335 documents (${REPS} passes after ${WARMUP} warm-up); line: ${2 * DELAY_MS} ms round trip, ${RATE_MBIT} Mbit/s shared downstream`);
  const header = `${pad('scenario', 22)}${pad('contender', 24)}${lpad('delivered', 10)}${lpad('durable', 9)}${lpad('min', 8)}${lpad('max', 8)}${lpad('CPU', 8)}${lpad('down MB', 9)}${lpad('up MB', 8)}${lpad('conns', 6)}  ${pad('server answers', 16)}protocol`;
  console.log(header);
  console.log('-'.repeat(header.length + 12));
  for (const { scenario, rows } of report) {
    for (const row of rows) {
      console.log(
        `${pad(scenario.title, 22)}${pad(row.label, 24)}${lpad(fmt(row.medianDelivered), 10)}${lpad(fmt(row.median), 9)}${lpad(fmt(row.min), 8)}${lpad(fmt(row.max), 8)}${lpad(fmt(row.medianCpu), 8)}` +
          `${lpad(MB(row.wire?.down), 9)}${lpad(MB(row.wire?.up), 8)}${lpad(row.wire?.connections ?? '—', 6)}  ${pad(row.requests, 16)}${row.protocols}`,
      );
    }
  }
  console.log('  delivered: until the last document is parsed; durable: until the client is closed (its cache written; the floors write nothing).');
  console.log('  down/up MB: bytes through the line each way (TLS included); conns: connections opened; protocol: as nginx logged the answers.');
}

function printTargets(report) {
  console.log('');
  console.log('Targets (times until durable, ratio of medians; pass by pass in brackets)');
  const verdicts = [];
  for (const { scenario, rows } of report) {
    const m = Object.fromEntries(rows.map((row) => [row.contender, row]));
    for (const { contender, floor, max } of TARGETS) {
      if (!m[contender] || !m[floor]) continue;
      const ratio = m[contender].median / m[floor].median;
      const paired = median(m[contender].measuredMs.map((ms, i) => ms / m[floor].measuredMs[i]));
      const met = ratio <= max;
      verdicts.push({ scenario: scenario.id, target: `${contender} ≤ ${max}× ${floor}`, ratio, paired, met });
      console.log(`  ${pad(scenario.title, 22)} ${pad(`${contender} ≤ ${max}× ${floor}`, 36)} ${pad(`${x(ratio)}× (${x(paired)})`, 16)} ${met ? 'MET' : `MISSED (the floor: ${fmt(m[floor].median)} ms)`}`);
    }
    // A build without `http2` falls back to HTTP/1.1 over TLS: say so rather than let the row pass for HTTP/2.
    if (m['rxnpm-h2'] && !m['rxnpm-h2'].protocols.includes('HTTP/2')) console.log(`  ${pad(scenario.title, 22)} note: rxnpm-h2 spoke ${m['rxnpm-h2'].protocols} (this rxnpm build has no HTTP/2)`);
    for (const [cached, floor] of [['cached-floor-h1', 'floor-h1'], ['cached-floor-h2', 'floor-h2']]) {
      if (!m[cached] || !m[floor]) continue;
      const paired = median(m[cached].measuredMs.map((ms, i) => ms / m[floor].measuredMs[i]));
      console.log(`  ${pad(scenario.title, 22)} ${pad(`${cached} / ${floor}`, 36)} ${x(m[cached].median / m[floor].median)}× (${x(paired)}): the cache's own price`);
    }
    for (const contender of ['rxnpm-h1', 'rxnpm-h2']) {
      const base = m[`${contender}-base`];
      if (!base || !m[contender]) continue;
      const paired = median(m[contender].measuredMs.map((ms, i) => ms / base.measuredMs[i]));
      console.log(`  ${pad(scenario.title, 22)} ${pad(`${contender} / baseline`, 36)} ${x(m[contender].median / base.median)}× (${x(paired)}); CPU ${x(m[contender].medianCpu / base.medianCpu)}×`);
    }
    const nrf = m['npm-registry-fetch'];
    for (const contender of ['rxnpm-h1', 'rxnpm-h2']) {
      if (!nrf || !m[contender]) continue;
      console.log(`  ${pad(scenario.title, 22)} ${pad(`npm-registry-fetch / ${contender}`, 36)} ${x(nrf.median / m[contender].median)}× (ahead if > 1)`);
      if (nrf.wire && m[contender].wire) {
        const met = m[contender].wire.down + m[contender].wire.up <= nrf.wire.down + nrf.wire.up;
        verdicts.push({ scenario: scenario.id, target: `${contender} bytes ≤ npm-registry-fetch`, met });
        console.log(`  ${pad(scenario.title, 22)} ${pad(`${contender} bytes ≤ npm-registry-fetch`, 36)} ${pad(`${MB(m[contender].wire.down + m[contender].wire.up)} vs ${MB(nrf.wire.down + nrf.wire.up)} MB`, 16)} ${met ? 'MET' : 'MISSED'}`);
      }
    }
  }
  return verdicts;
}

// ---------------------------------------------------------------- main

async function main() {
  const names = JSON.parse(readFileSync(join(corpus, 'names.json'), 'utf8'));
  const { expected, bytes } = readExpectations(packuments, names);
  const namesPath = join(tmpRoot, 'names.json');
  const expectedPath = join(tmpRoot, 'expected.json');
  writeFileSync(namesPath, JSON.stringify(names));
  writeFileSync(expectedPath, JSON.stringify(expected));

  const served = servedCopy();
  const tlsDir = join(tmpRoot, 'tls');
  mkdirSync(tlsDir);
  const cert = selfSignedCert(tlsDir);
  nginx = await startWanNginx({ corpus: served, dir: join(tmpRoot, 'nginx'), tls: cert });
  const line = await startProxy({ http: new URL(nginx.base).port, tls: new URL(nginx.tlsBase).port });
  const base = `http://127.0.0.1:${line.ports.http}`;
  const tlsBase = `https://127.0.0.1:${line.ports.tls}`;

  const pkg = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  console.log('rxnpm wide-area benchmark');
  console.log(`  corpus   ${names.length} packuments, ${(bytes / 1e6).toFixed(1)} MB, with gzip twins (${corpus})`);
  console.log(`  server   ${nginx.kind}: ${nginx.base} (HTTP/1.1), ${nginx.tlsBase} (TLS, HTTP/2 by ALPN)`);
  console.log(`  line     bench/wan-proxy.mjs: ${base} and ${tlsBase}; ${DELAY_MS} ms each way, 1 round trip before a new connection's first bytes, ${RATE_MBIT} Mbit/s downstream shared FCFS`);
  console.log(`  machine  ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start`);
  console.log(`  clients  rxnpm (${rxnpmEntry}), npm-registry-fetch ${pkg('npm-registry-fetch')}, pacote ${pkg('pacote')}, undici ${pkg('undici')}`);
  await checkServer(base, names[0]);
  await checkGzip(base, names[0]);
  await selfCheck(base);
  console.log('');

  const report = [];
  const common = { concurrency: CONCURRENCY, base, tlsBase, ca: cert.pem, wire: line.admin, stats: nginx.stats, tmpRoot, namesPath, expectedPath };
  for (const scenario of SCENARIOS) {
    const contenders = scenario.contenders.filter((contender) => selected(scenario.id, contender));
    if (!contenders.length) continue;
    const t = performance.now();
    const results = await runScenario(scenario, contenders, common, { warmup: WARMUP, reps: REPS, children, extraNodeArgs: EXTRA_NODE_ARGS });
    const rows = results.map((result) => summarize(scenario, result, names.length, WARMUP, { noCacheStatus: (c) => c === 'pacote' }));
    for (const row of rows) console.log(`  ${pad(scenario.id, 10)} ${pad(row.label, 24)} durable ${lpad(fmt(row.median), 7)} ms  [${row.samples.join(', ')}]`);
    console.log(`  ${''.padEnd(10)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    report.push({ scenario, rows });
  }

  printTable(report);
  const verdicts = printTargets(report);

  console.log('');
  const failed = printVerification(report, names.length);
  console.log(`Total time ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
  if (process.env.BENCH_JSON) {
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ delayMs: DELAY_MS, rateMbit: RATE_MBIT, rxnpm: rxnpmEntry, node: process.version, reps: REPS, warmup: WARMUP, report, verdicts }, null, 2));
  }
  return failed ? 1 : 0;
}

runMain(main, cleanup);
