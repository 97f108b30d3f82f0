// rxnpm's start-up beside npm's: `npm run build && node bench/startup.mjs`.
//
// Times whole processes, as a user waits for them, in two scenarios:
//   version   `rxnpm --version` beside `npm --version`
//   view      a cold `rxnpm view <pkg>` beside `npm view <pkg>`: an empty cache
//             folder for every run, against a loopback registry serving a few
//             real packuments of ../shared/bench-corpus (see bench/run.mjs)
// Runs are interleaved (rxnpm, npm, npm, rxnpm, …) so that both see the same
// machine; each prints the medians, the spread and the ratio rxnpm/npm of the
// medians, and checks both printed the same (view: byte for byte).
//
// npm is the npm beside this node (the one on PATH), run with the same node.
// Both run with HOME in a temp folder (an empty .npmrc) and without the
// npm_config_* variables `npm run` sets, so neither reads the user's settings.
// Knobs (environment): STARTUP_RUNS (30 timed runs each), STARTUP_WARMUP (3),
// STARTUP_PACKAGES (semver,debug,lodash,express: one per run, in turn),
// STARTUP_ONLY (version | view), STARTUP_BASELINE (the dist/cli.js of another
// rxnpm build, measured as a third contender), BENCH_CORPUS, BENCH_SERVER
// (auto | nginx | node, as in bench/run.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cleanupOnExit, fmt, lpad, median, pad, runMain } from './harness.mjs';
import { startServer } from './servers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..');
const corpus = resolve(process.env.BENCH_CORPUS ?? join(root, '..', 'shared', 'bench-corpus'));
const packuments = join(corpus, 'packuments');

const whole = (name, fallback) => {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const RUNS = Math.max(1, whole('STARTUP_RUNS', 30));
const WARMUP = whole('STARTUP_WARMUP', 3);
const PACKAGES = (process.env.STARTUP_PACKAGES ?? 'semver,debug,lodash,express').split(',').map((s) => s.trim()).filter(Boolean);
const ONLY = process.env.STARTUP_ONLY;

const rxnpmCli = join(root, 'dist', 'cli.js');
const tmpRoot = mkdtempSync(join(tmpdir(), 'rxnpm-startup-'));
let server;
const cleanup = cleanupOnExit(tmpRoot, new Set(), () => [server]);
const baselineCli = process.env.STARTUP_BASELINE ? resolve(process.env.STARTUP_BASELINE) : undefined;

/** npm's own script (npm-cli.js) beside this node or on PATH, so that both contenders start as `node <script>`. */
function findNpm() {
  const candidates = [join(resolve(process.execPath, '..', '..'), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) candidates.push(join(dir, 'npm'));
  for (const candidate of candidates) {
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error('no npm found beside node or on PATH');
}

/** One process to the end: its wall time in ms, exit code and output. */
function timed(args, { env, cwd }) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.once('error', fail);
    child.once('close', (code) => done({ ms: performance.now() - started, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: median(xs), p10: at(0.1), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
};

async function main() {
  if (!existsSync(rxnpmCli)) {
    console.error(`${rxnpmCli} is missing: run \`npm run build\` first.`);
    return 2;
  }
  if (!existsSync(packuments)) {
    console.error(`corpus not found: ${packuments} (set BENCH_CORPUS)`);
    return 2;
  }
  const missing = PACKAGES.filter((name) => !existsSync(join(packuments, name)));
  if (missing.length) {
    console.error(`not in the corpus: ${missing.join(', ')}`);
    return 2;
  }
  const npmCli = findNpm();

  const home = join(tmpRoot, 'home');
  mkdirSync(home);
  writeFileSync(join(home, '.npmrc'), '');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  Object.assign(env, { HOME: home, USERPROFILE: home, XDG_CACHE_HOME: join(tmpRoot, 'xdg'), npm_config_update_notifier: 'false' });

  server = await startServer({ corpus: packuments, dir: join(tmpRoot, 'server'), which: process.env.BENCH_SERVER ?? 'auto' });
  const registry = `${server.base}/`;

  const contenders = [
    { name: 'rxnpm', script: rxnpmCli },
    { name: 'npm', script: npmCli },
    ...(baselineCli ? [{ name: 'rxnpm (baseline)', script: baselineCli }] : []),
  ];
  const scenarios = [
    { id: 'version', title: '--version', args: () => ['--version'] },
    {
      id: 'view',
      title: `cold view (${PACKAGES.join(', ')})`,
      // A cache folder of its own for every run of every contender: each view is cold.
      args: (run, who) => ['view', PACKAGES[run % PACKAGES.length], '--registry', registry, '--cache', join(tmpRoot, 'caches', `${run}-${who}`)],
    },
  ].filter((scenario) => !ONLY || scenario.id === ONLY);

  const { version: nodeVersion } = process;
  const npmVersion = (await timed([npmCli, '--version'], { env, cwd: home })).stdout.trim();
  console.log(`node ${nodeVersion}, npm ${npmVersion} (${npmCli}); registry ${server.kind} at ${registry}`);
  console.log(`${RUNS} timed runs per contender and scenario after ${WARMUP} warm-up runs, interleaved; times are wall-clock ms of the whole process.\n`);

  let failed = false;
  const results = [];
  for (const scenario of scenarios) {
    const times = new Map(contenders.map((c) => [c.name, []]));
    const ratios = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      // Who goes first alternates, so that neither always starts on a machine the other has just warmed.
      const order = run % 2 === 0 ? contenders : [...contenders].reverse();
      const outcomes = new Map();
      for (const contender of order) {
        outcomes.set(contender.name, await timed([contender.script, ...scenario.args(run, contenders.indexOf(contender))], { env, cwd: home }));
      }
      const rx = outcomes.get('rxnpm');
      const npm = outcomes.get('npm');
      for (const [name, outcome] of outcomes) {
        if (outcome.code !== 0) {
          console.error(`${name} (${scenario.id}) exited with ${outcome.code}: ${outcome.stderr.trim()}`);
          failed = true;
        }
      }
      // --version prints each program's own version; view prints the same bytes.
      if (scenario.id === 'view' && rx.stdout !== npm.stdout) {
        console.error(`rxnpm and npm printed different views of ${PACKAGES[run % PACKAGES.length]}`);
        failed = true;
      }
      if (run < WARMUP) continue;
      for (const [name, outcome] of outcomes) times.get(name).push(outcome.ms);
      ratios.push(rx.ms / npm.ms);
    }
    if (failed) break;
    const rows = contenders.map((c) => ({ name: c.name, ...stats(times.get(c.name)) }));
    const npmMedian = rows.find((r) => r.name === 'npm').median;
    console.log(`## ${scenario.title}`);
    console.log(`${pad('contender', 18)} ${lpad('median', 7)} ${lpad('p10', 6)} ${lpad('p90', 6)} ${lpad('min', 6)} ${lpad('max', 6)}  ${lpad('× npm', 6)}`);
    for (const r of rows) {
      console.log(`${pad(r.name, 18)} ${lpad(fmt(r.median), 7)} ${lpad(fmt(r.p10), 6)} ${lpad(fmt(r.p90), 6)} ${lpad(fmt(r.min), 6)} ${lpad(fmt(r.max), 6)}  ${lpad((r.median / npmMedian).toFixed(2), 6)}`);
    }
    const ratio = rows[0].median / npmMedian;
    console.log(`rxnpm/npm: ${ratio.toFixed(2)} of the medians, ${median(ratios).toFixed(2)} median of the run-by-run ratios; target ≤ 1.00: ${ratio <= 1 ? 'met' : 'NOT met'}\n`);
    results.push({ scenario: scenario.id, ratio, rows });
  }
  if (failed) return 1;
  console.log(`Verified: every run exited 0${scenarios.some((s) => s.id === 'view') ? ', and rxnpm printed the same view as npm in every run' : ''}.`);
  return 0;
}

runMain(main, cleanup);
