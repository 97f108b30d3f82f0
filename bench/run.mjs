// rxnpm cache benchmark: `npm run bench` (builds dist/, then runs this file).
//
// Serves the 335 real packuments of ../shared/bench-corpus from a loopback
// registry (nginx if installed, else a Node static server; always a separate
// process) and times full passes over them at concurrency 16 in four scenarios,
// each contender in its own worker process (bench/worker.mjs):
//   cold        empty cache, fresh client, timed until closed (cache durable)  rxnpm vs npm-registry-fetch vs undici.request (no cache)
//   revalidate  populated cache, fresh client, every GET conditional → 304
//   hits        populated cache, fresh client, no request
//   second      second pass with the same client in the same process
// The wide-area benchmark (a modelled line, HTTP/2, pacote) is bench/wan.mjs.
// See bench/README.md. Knobs (environment): BENCH_REPS (7), BENCH_WARMUP (1),
// BENCH_CONCURRENCY (16), BENCH_SERVER (auto | nginx | node), BENCH_RXNPM (the
// dist/index.mjs of another rxnpm build to measure), BENCH_ONLY
// (e.g. "cold,second:rxnpm"), BENCH_NODE_ARGS (extra node flags for the
// workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_PASS_LOG (log each
// pass's time window, for bench/profile-summary.mjs), BENCH_DIAG=1 (adds to the
// cold scenario rxnpm with its in-memory store, i.e. without disk, and undici
// keeping every document frozen: the floor for a client with a memory layer),
// BENCH_JSON (write the raw results to this file), BENCH_BASELINE (the
// dist/index.mjs of another rxnpm build, run beside this one as "rxnpm-base"
// in every scenario: an A/B comparison within one interleaved run).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { checkServer, cleanupOnExit, fmt, lpad, mb, median, pad, printVerification, readExpectations, runMain, runScenario, summarize } from './harness.mjs';
import { machineBusySeconds, processTreeCpuSeconds, startServer } from './servers.mjs';

const started = performance.now();
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..');
const corpus = resolve(process.env.BENCH_CORPUS ?? join(root, '..', 'shared', 'bench-corpus'));
const packuments = join(corpus, 'packuments');

const int = (name, fallback) => {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const REPS = Math.max(1, int('BENCH_REPS', 7));
const WARMUP = int('BENCH_WARMUP', 1);
const CONCURRENCY = Math.max(1, int('BENCH_CONCURRENCY', 16));
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const EXTRA_NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

const BASE = process.env.BENCH_BASELINE ? ['rxnpm-base'] : [];
const SCENARIOS = [
  { id: 'cold', title: 'cold cache', contenders: ['undici', 'rxnpm', ...BASE, 'npm-registry-fetch', ...(process.env.BENCH_DIAG ? ['undici-kept-frozen', 'bare-cacache', 'rxnpm-memory-store'] : [])], expect: { 200: 'all', 304: 0 }, status: 'miss' },
  { id: 'revalidate', title: 'revalidation (all 304)', contenders: ['rxnpm', ...BASE, 'npm-registry-fetch', ...(process.env.BENCH_DIAG ? ['bare-cacache'] : [])], expect: { 200: 0, 304: 'all' }, status: 'revalidated' },
  { id: 'hits', title: 'fresh cache hits', contenders: ['rxnpm', ...BASE, 'npm-registry-fetch', ...(process.env.BENCH_DIAG ? ['bare-cacache'] : [])], expect: { 200: 0, 304: 0 }, status: 'hit' },
  { id: 'second', title: 'second pass, same process', contenders: ['rxnpm', ...BASE, 'npm-registry-fetch'], expect: { 200: 0, 304: 0 }, status: 'hit' },
];
/** Each target compares two contenders' medians: `num / den`, and also pass by pass (the passes are interleaved, so pairs ran side by side). */
const TARGETS = [
  { scenario: 'cold', text: 'rxnpm ≤ 0.6× npm-registry-fetch (until durable)', num: 'rxnpm', den: 'npm-registry-fetch', ok: (r) => r <= 0.6, unit: '× n-r-f' },
  { scenario: 'revalidate', text: 'rxnpm ≥ 1.5× faster than npm-registry-fetch', num: 'npm-registry-fetch', den: 'rxnpm', ok: (r) => r >= 1.5, unit: '× faster' },
  { scenario: 'hits', text: 'rxnpm ≥ 1.5× faster than npm-registry-fetch', num: 'npm-registry-fetch', den: 'rxnpm', ok: (r) => r >= 1.5, unit: '× faster' },
  { scenario: 'second', text: 'rxnpm ≥ 20× faster than npm-registry-fetch', num: 'npm-registry-fetch', den: 'rxnpm', ok: (r) => r >= 20, unit: '× faster' },
]

const selected = (scenario, contender) =>
  ONLY.length === 0 || ONLY.some((sel) => sel === scenario || sel === `${scenario}:${contender}` || sel === contender);

// ---------------------------------------------------------------- set-up

const rxnpmEntry = process.env.BENCH_RXNPM ? resolve(process.env.BENCH_RXNPM) : join(root, 'dist', 'index.mjs');
if (!existsSync(rxnpmEntry)) {
  console.error(`${rxnpmEntry} is missing: run \`npm run bench\` (it builds first) or \`npx tsup\`.`);
  process.exit(2);
}
if (!existsSync(packuments)) {
  console.error(`corpus not found: ${packuments} (set BENCH_CORPUS)`);
  process.exit(2);
}

const tmpRoot = mkdtempSync(join(tmpdir(), 'rxnpm-bench-'));
const machineBusyAtStart = machineBusySeconds();
let workerCpuSeconds = 0;
let server;
const children = new Set();
const cleanup = cleanupOnExit(tmpRoot, children, () => [server]);

// ---------------------------------------------------------------- main

async function main() {
  const names = JSON.parse(readFileSync(join(corpus, 'names.json'), 'utf8'));
  const files = new Set(readdirSync(packuments));
  const missing = names.filter((n) => !files.has(n));
  if (missing.length) throw new Error(`corpus: names.json lists files that are absent: ${missing.slice(0, 5).join(', ')}`);
  const { expected, bytes } = readExpectations(packuments, names);
  const namesPath = join(tmpRoot, 'names.json');
  const expectedPath = join(tmpRoot, 'expected.json');
  writeFileSync(namesPath, JSON.stringify(names));
  writeFileSync(expectedPath, JSON.stringify(expected));

  server = await startServer({ corpus: packuments, dir: join(tmpRoot, 'server'), which: process.env.BENCH_SERVER ?? 'auto' });
  await checkServer(server.base, names[0]);

  const rxnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const nrfVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'npm-registry-fetch', 'package.json'), 'utf8')).version;
  const undiciVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'undici', 'package.json'), 'utf8')).version;
  console.log('rxnpm cache benchmark');
  console.log(`  corpus   ${names.length} packuments, ${(bytes / 1e6).toFixed(1)} MB (${corpus})`);
  console.log(`  server   ${server.kind} at ${server.base}`);
  console.log(`  machine  ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${process.platform}/${process.arch}`);
  const startLoad = loadavg();
  console.log(`  load     ${startLoad.map((l) => l.toFixed(2)).join(' ')} (1/5/15 min) at start`);
  console.log(`  clients  rxnpm ${rxnpmVersion} (${rxnpmEntry}), npm-registry-fetch ${nrfVersion}, undici ${undiciVersion}`);
  console.log(`  method   concurrency ${CONCURRENCY}; ${WARMUP} warm-up + ${REPS} measured passes per contender, each contender in its own process, passes interleaved, sync(1) before each`);
  console.log('');

  const report = [];
  const common = { concurrency: CONCURRENCY, base: server.base, stats: server.stats, tmpRoot, namesPath, expectedPath };
  for (const scenario of SCENARIOS) {
    const contenders = scenario.contenders.filter((contender) => selected(scenario.id, contender));
    if (!contenders.length) continue;
    const t = performance.now();
    const results = await runScenario(scenario, contenders, common, { warmup: WARMUP, reps: REPS, children, extraNodeArgs: EXTRA_NODE_ARGS });
    workerCpuSeconds += results.reduce((sum, r) => sum + r.cpuSeconds, 0);
    const rows = results.map((result) => summarize(scenario, result, names.length, WARMUP));
    for (const row of rows) {
      console.log(`  ${pad(scenario.id, 10)} ${pad(row.label, 26)} median ${lpad(fmt(row.median), 7)} ms  [${row.samples.join(', ')}]`);
    }
    console.log(`  ${''.padEnd(10)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    report.push({ scenario, rows });
  }

  // The table.
  console.log('');
  console.log(`Median ms per pass of ${names.length} documents (concurrency ${CONCURRENCY}; ${REPS} passes after ${WARMUP} warm-up)`);
  const header = `${pad('scenario', 27)}${pad('contender', 27)}${lpad('median', 9)}${lpad('min', 9)}${lpad('max', 9)}${lpad('deliver', 9)}${lpad('CPU', 9)}  ${pad('server answers', 18)}${pad('cache status', 20)}${lpad('peak RSS MB', 12)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const { scenario, rows } of report) {
    for (const row of rows) {
      console.log(
        `${pad(scenario.title, 27)}${pad(row.label, 27)}${lpad(fmt(row.median), 9)}${lpad(fmt(row.min), 9)}${lpad(fmt(row.max), 9)}${lpad(fmt(row.medianDelivered), 9)}${lpad(fmt(row.medianCpu), 9)}  ${pad(row.requests, 18)}${pad(row.contender.startsWith('undici') ? '—' : row.statuses, 20)}${lpad(mb(row.maxRssBytes), 12)}`,
      );
    }
  }
  console.log('  median/min/max: ms until the pass is done AND the client closed (rxnpm: its cache writes done), except the second pass (its client stays open).');
  console.log('  deliver: median ms until the last document was delivered (before close).');
  console.log('  CPU: median ms of CPU time (user + system, all threads of the worker process) during the pass.');
  const second = report.find((r) => r.scenario.id === 'second');
  if (second) {
    for (const row of second.rows) console.log(`  second pass: ${row.label}'s first (cold) pass in the same process took ${fmt(row.medianFirstPass)} ms (median).`);
  }

  // Ratios and targets.
  console.log('');
  console.log('Targets');
  const verdicts = [];
  const x = (r) => (r >= 10 ? r.toFixed(1) : r.toFixed(2));
  for (const target of TARGETS) {
    const entry = report.find((r) => r.scenario.id === target.scenario);
    const num = entry?.rows.find((row) => row.contender === target.num);
    const den = entry?.rows.find((row) => row.contender === target.den);
    if (!num || !den) {
      console.log(`  ${pad(target.scenario, 27)} ${target.text}: not measured`);
      continue;
    }
    const ratio = num.median / den.median;
    const paired = num.measuredMs.map((ms, i) => ms / den.measuredMs[i]);
    const cpuRatio = num.medianCpu / den.medianCpu;
    const met = target.ok(ratio);
    verdicts.push({ scenario: target.scenario, target: target.text, ratio, paired: median(paired), pairedMin: Math.min(...paired), pairedMax: Math.max(...paired), cpuRatio, met });
    console.log(
      `  ${pad(entry.scenario.title, 27)} ${pad(target.text, 50)} ${pad(`${x(ratio)}${target.unit}`, 15)} ${pad(met ? 'MET' : 'MISSED', 7)}` +
        ` pass by pass ${x(median(paired))} (${x(Math.min(...paired))}–${x(Math.max(...paired))}); CPU time ${x(cpuRatio)}`,
    );
  }
  // BENCH_BASELINE: this build against the other, pass by pass (they ran side by side).
  for (const { scenario, rows } of report) {
    const now = rows.find((row) => row.contender === 'rxnpm');
    const base = rows.find((row) => row.contender === 'rxnpm-base');
    if (!now || !base) continue;
    const paired = now.measuredMs.map((ms, i) => ms / base.measuredMs[i]);
    console.log(`  (${pad(`${scenario.id}:`, 11)} rxnpm / baseline = ${x(now.median / base.median)}×, pass by pass ${x(median(paired))}; CPU time ${x(now.medianCpu / base.medianCpu)}×)`);
  }
  const cold = report.find((r) => r.scenario.id === 'cold');
  if (cold) {
    const m = Object.fromEntries(cold.rows.map((row) => [row.contender, row]));
    if (m.rxnpm && m['npm-registry-fetch']) console.log(`  (cold: npm-registry-fetch / rxnpm = ${(m['npm-registry-fetch'].median / m.rxnpm.median).toFixed(2)}×; npm-registry-fetch / undici = ${m.undici ? (m['npm-registry-fetch'].median / m.undici.median).toFixed(2) : '?'}×)`);
    if (m.rxnpm && m.undici) console.log(`  (cold until durable: rxnpm / undici = ${(m.rxnpm.median / m.undici.median).toFixed(2)}×; until delivered ${(m.rxnpm.medianDelivered / m.undici.medianDelivered).toFixed(2)}×)`);
  }
  // BENCH_DIAG: how close the floors come to each target (what no client doing the same work could beat here).
  for (const { scenario, rows } of report) {
    const m = Object.fromEntries(rows.map((row) => [row.contender, row]));
    const ratio = (a, b) => (m[a] && m[b] ? `${(m[a].median / m[b].median).toFixed(2)}×` : undefined);
    const floors = scenario.id === 'cold'
      ? [['undici, kept frozen / undici', ratio('undici-kept-frozen', 'undici')], ['bare cacache / undici', ratio('bare-cacache', 'undici')], ['rxnpm / bare cacache', ratio('rxnpm', 'bare-cacache')]]
      : [['npm-registry-fetch / bare cacache', ratio('npm-registry-fetch', 'bare-cacache')], ['rxnpm / bare cacache', ratio('rxnpm', 'bare-cacache')]];
    const known = floors.filter(([, value]) => value);
    if (known.length) console.log(`  (floors, ${scenario.id}: ${known.map(([text, value]) => `${text} = ${value}`).join('; ')})`);
  }

  console.log('');
  const failed = printVerification(report, names.length);

  const peak = Math.max(...report.flatMap(({ rows }) => rows.map((r) => r.maxRssBytes)));
  console.log(`Peak RSS: ${mb(peak)} MB (largest worker process); harness process ${mb(process.resourceUsage().maxRSS * 1024)} MB.`);
  console.log(`Total time ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
  // Contention: the machine's busy CPU time during the run minus what the benchmark's own processes used.
  const elapsed = (performance.now() - started) / 1000;
  const machineBusy = machineBusySeconds();
  const serverCpu = processTreeCpuSeconds(server.pid);
  let others;
  if (machineBusy !== undefined && machineBusyAtStart !== undefined && serverCpu !== undefined) {
    const { user, system } = process.cpuUsage();
    const ours = workerCpuSeconds + serverCpu + (user + system) / 1e6;
    others = Math.max(0, machineBusy - machineBusyAtStart - ours);
    const share = others / (elapsed * availableParallelism());
    console.log(
      `CPU during the run: the benchmark's processes ${ours.toFixed(0)} s (workers ${workerCpuSeconds.toFixed(0)} s, server ${serverCpu.toFixed(1)} s); ` +
        `everything else on the machine (other processes, kernel threads such as disk write-back) ${others.toFixed(0)} s, ${(100 * share).toFixed(0)} % of its ${availableParallelism()} CPUs.`,
    );
    if (share > 0.15) console.log('WARNING: other work competed for the CPUs during the run: wall-clock figures are inflated and noisy; the pass-by-pass and CPU-time ratios are the steadier ones.');
  }
  if (process.env.BENCH_JSON) {
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ server: server.kind, rxnpm: rxnpmEntry, load: loadavg(), otherCpuSeconds: others, elapsedSeconds: elapsed, node: process.version, cpus: availableParallelism(), concurrency: CONCURRENCY, reps: REPS, warmup: WARMUP, report, verdicts }, null, 2));
  }
  return failed ? 1 : 0;
}

runMain(main, cleanup);
