import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
/** The built command line, run as its users run it. */
export const CLI = join(ROOT, 'dist', 'cli.js');
const OUTPUTS = [CLI, join(ROOT, 'dist', 'live-demo.js')];
const LOCK = join(ROOT, 'node_modules', '.cache', 'rxnpm-cli-build.lock');
const BUILD_TIMEOUT_MS = 150_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function newestSource(folder: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

async function isStale(): Promise<boolean> {
  const built = await Promise.all(OUTPUTS.map((file) => stat(file).then((s) => s.mtimeMs, () => 0)));
  const oldest = Math.min(...built);
  if (oldest === 0) return true;
  const sources = Math.max(await newestSource(join(ROOT, 'src')), (await stat(join(ROOT, 'package.json'))).mtimeMs);
  return sources > oldest;
}

function build(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['tsup', '--silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`npx tsup exited with ${code}:\n${output}`));
    });
  });
}

/** Test files using dist/ right now: one file each, named `<pid>-<n>`. */
const USERS = `${LOCK}-users`;
let holding: string | undefined;
let counter = 0;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until no test file uses dist/ (entries of dead processes do not count). */
async function untilUnused(): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    await mkdir(USERS, { recursive: true });
    const users = (await readdir(USERS)).filter((name) => alive(Number(name.split('-')[0])));
    if (users.length === 0) return;
    if (Date.now() > deadline) throw new Error(`dist/ is still in use by ${users.join(', ')}`);
    await sleep(200);
  }
}

/**
 * Runs `work` holding the lock on dist/: no other test file builds, and none
 * starts using dist/, meanwhile. The test workers share it through a folder.
 */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 6 * 60_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run is older than anything done under it.
      const age = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 6 * 60_000) await rm(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for the lock on dist/ (${LOCK})`);
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/**
 * Makes sure dist/ is built and fresh (`npx tsup` when it is missing or older
 * than src/), and marks this test file as using it until `releaseCli()`, so
 * that no other file rebuilds it underneath.
 */
export async function ensureCliBuilt(): Promise<void> {
  await withLock(async () => {
    if (await isStale()) {
      await untilUnused();
      await build();
    }
    holding ??= join(USERS, `${process.pid}-${++counter}`);
    await mkdir(USERS, { recursive: true });
    await writeFile(holding, '');
  });
}

/** This test file is done with dist/. */
export async function releaseCli(): Promise<void> {
  if (holding) await rm(holding, { force: true });
  holding = undefined;
}

/** Runs `work`, which rebuilds dist/ (`npm run demo`), once no other test file uses it. */
export async function withDistRebuilt<T>(work: () => Promise<T>): Promise<T> {
  return withLock(async () => {
    await untilUnused();
    return work();
  });
}
