// Summarises V8 .cpuprofile files (from `node --cpu-prof`).
//
//   node bench/profile-summary.mjs <file-or-folder>... [--top N] [--windows passes.jsonl] [--tag timed]
//
// --windows keeps only the samples taken inside timed passes, as logged by the
// workers with BENCH_PASS_LOG=passes.jsonl (matched by process id; --tag picks
// which passes, default "timed"). Prints, for each profile: self time by
// function; and time by "owner": the nearest frame on the stack that belongs
// to a library (a node_modules package, or rxnpm's dist by function name),
// so native and node: frames (fs, crypto, JSON.parse…) are charged to whoever
// called them.
//
// Example (where rxnpm spends a cold pass):
//   BENCH_ONLY=cold:rxnpm BENCH_REPS=3 BENCH_PASS_LOG=/tmp/p/passes.jsonl \
//   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p" node bench/run.mjs
//   node bench/profile-summary.mjs /tmp/p --windows /tmp/p/passes.jsonl
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const top = Number(option('--top', 25));
const windowsFile = option('--windows');
const tag = option('--tag', 'timed');
const inputs = args.filter((a, i) => !a.startsWith('--') && !['--top', '--windows', '--tag'].includes(args[i - 1]));

const files = inputs.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(p, f)) : [p]));
const windows = windowsFile && existsSync(windowsFile)
  ? readFileSync(windowsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((w) => w.tag === tag)
  : undefined;

function pkgOf(url) {
  const nm = url.lastIndexOf('node_modules/');
  if (nm < 0) return undefined;
  const rest = url.slice(nm + 13).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

function where(url) {
  if (!url) return '(native)';
  const pkg = pkgOf(url);
  if (pkg) return pkg;
  if (url.startsWith('node:')) return url;
  if (url.includes('/dist/')) return 'rxnpm';
  return url.split('/').slice(-2).join('/');
}

/** The library a frame belongs to, or undefined for native and node: frames. */
function owner(cf) {
  const url = cf.url;
  if (!url || url.startsWith('node:')) return undefined;
  const pkg = pkgOf(url);
  if (pkg) return pkg;
  if (url.includes('/dist/')) return `rxnpm ${cf.functionName || '(anonymous)'}`;
  if (url.includes('/bench/')) return 'bench harness';
  return url;
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const pid = Number(basename(file).split(".")[3]); // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
  const mine = windows?.filter((w) => w.pid === pid);
  if (windows && !mine.length) continue;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Sample i covers the time from its timestamp to the next one.
  const time = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const d = profile.timeDeltas[i + 1] ?? 0;
    if (mine && !mine.some((w) => t >= w.startUs && t < w.endUs)) continue;
    time.set(profile.samples[i], (time.get(profile.samples[i]) ?? 0) + d);
  }
  const total = [...time.values()].reduce((a, b) => a + b, 0);
  const selfFn = new Map();
  const byOwner = new Map();
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  for (const [id, us] of time) {
    const cf = byId.get(id).callFrame;
    add(selfFn, `${cf.functionName || '(anonymous)'} ${where(cf.url)}:${cf.lineNumber + 1}`, us);
    let who;
    for (let cur = id; cur !== undefined && !who; cur = parent.get(cur)) who = owner(byId.get(cur).callFrame);
    add(byOwner, who ?? `(${cf.functionName || 'native'})`, us);
  }
  const show = (map) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  const scope = mine ? `${mine.length} timed passes (${mine[0].scenario}/${mine[0].contender}), ${(mine.reduce((a, w) => a + w.endUs - w.startUs, 0) / 1000).toFixed(0)} ms wall` : 'whole process';
  console.log(`\n${file}: ${(total / 1000).toFixed(0)} ms sampled, ${scope}`);
  console.log('by owner (nearest library frame on the stack):\n' + show(byOwner));
  console.log('self time by function:\n' + show(selfFn));
}
