import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list } from 'tar';
import { ROOT, withDistRebuilt } from '../cli/support/build-cli';
import { sendJson, startServer, type TestServer } from '../support/start-server';
import { cleanEnv, runCommand } from './support/run-command';

/**
 * "Use it in your project": what `npm pack` makes of this repository (running
 * `prepare`, as an install from git does) installs into an empty project with
 * no network, and the library works there through `require`, `import` and
 * its type declarations, and as the `rxnpm` command.
 */

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

let work: string;
let project: string;
let tarball: string;
let registry: TestServer;

const PACKUMENT = {
  name: 'hello-rx',
  'dist-tags': { latest: '1.1.0' },
  versions: {
    '1.0.0': { name: 'hello-rx', version: '1.0.0', dist: { tarball: 'x', shasum: 'x' } },
    '1.1.0': { name: 'hello-rx', version: '1.1.0', dist: { tarball: 'x', shasum: 'x' } },
  },
};

/**
 * The project's lockfile: rxnpm from the tarball, and its dependencies exactly
 * as this repository's lockfile pins them, so `npm ci --offline` takes each
 * from the npm cache that installing this repository filled.
 */
async function lockfileFor(tarballName: string): Promise<object> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const { '': self, ...installed } = lock.packages;
  const runtime = Object.fromEntries(Object.entries(installed).filter(([, entry]) => !entry.dev && !entry.devOptional));
  return {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { rxnpm: `file:${tarballName}` } },
      'node_modules/rxnpm': { version: self.version, resolved: `file:${tarballName}`, dependencies: self.dependencies, bin: self.bin, engines: self.engines },
      ...runtime,
    },
  };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rxnpm-packed-'));
  project = join(work, 'app');
  registry = await startServer((req, res) => (req.url === '/hello-rx' ? sendJson(res, 200, PACKUMENT) : sendJson(res, 404, { error: 'not found' })));
  // As in a fresh clone (what `npm install git+file://…` packs), there is no
  // dist/ until `prepare` builds it; no other test file may use it meanwhile.
  const packed = await withDistRebuilt(async () => {
    await rm(join(ROOT, 'dist'), { recursive: true, force: true });
    return runCommand('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, env: cleanEnv(), timeoutMs: 180_000 });
  });
  expect(packed).toMatchObject({ code: 0 });
  tarball = packed.stdout.trim().split('\n').pop() ?? '';

  await runCommand('mkdir', [project], { cwd: work });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { rxnpm: `file:../${tarball}` } }));
  await writeFile(join(project, 'package-lock.json'), JSON.stringify(await lockfileFor(`../${tarball}`)));
}, 240_000);

afterAll(async () => {
  await registry?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

it('packs the built library, its types and the command line, and no sources', async () => {
  const files: string[] = [];
  await list({ file: join(work, tarball), onReadEntry: (entry) => files.push(entry.path) });

  expect(files).toEqual(expect.arrayContaining(['package/package.json', 'package/dist/index.js', 'package/dist/index.mjs', 'package/dist/index.d.ts', 'package/dist/index.d.mts', 'package/dist/testing.js', 'package/dist/cli.js']));
  expect(files.filter((file) => file.startsWith('package/src/') || file.startsWith('package/test/'))).toEqual([]);
});

describe('installed into an empty project with no network', () => {
  beforeAll(async () => {
    const installed = await runCommand('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env: cleanEnv(), timeoutMs: 180_000 });
    expect(installed).toMatchObject({ code: 0 });
  }, 240_000);

  const program = (load: string) => `${load}
const client = new RegistryClient({ registry: process.argv[2], cache: process.argv[3] });
client.manifest('hello-rx@^1').subscribe({
  next: (manifest) => console.log(manifest.name + '@' + manifest.version),
  complete: () => client.close(),
});
`;

  it('works from require', async () => {
    await writeFile(join(project, 'app.cjs'), program("const { RegistryClient } = require('rxnpm');"));
    const run = await runCommand(process.execPath, ['app.cjs', registry.url, join(work, 'cache-cjs')], { cwd: project });
    expect(run).toEqual({ code: 0, stdout: 'hello-rx@1.1.0\n', stderr: '' });
  });

  it('works from import', async () => {
    await writeFile(join(project, 'app.mjs'), program("import { RegistryClient } from 'rxnpm';"));
    const run = await runCommand(process.execPath, ['app.mjs', registry.url, join(work, 'cache-esm')], { cwd: project });
    expect(run).toEqual({ code: 0, stdout: 'hello-rx@1.1.0\n', stderr: '' });
  });

  it('gives TypeScript its declarations through both entry points, rxnpm/testing included', async () => {
    const source = `import { RegistryClient, type Manifest } from 'rxnpm';
import { memoryStore } from 'rxnpm/testing';
export const version = (client: RegistryClient): Promise<string> =>
  new Promise((resolve) => client.manifest('hello-rx').subscribe((manifest: Manifest) => resolve(manifest.version)));
export const store = memoryStore();
`;
    await writeFile(join(project, 'types.mts'), source);
    await writeFile(join(project, 'types.cts'), source);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = await runCommand(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'types.mts', 'types.cts'], { cwd: project });
    expect(checked).toEqual({ code: 0, stdout: '', stderr: '' });
  }, 60_000);

  it('puts the rxnpm command on the project’s path', async () => {
    const run = await runCommand(join(project, 'node_modules', '.bin', 'rxnpm'), ['--version'], { cwd: project, env: cleanEnv() });
    expect(run).toEqual({ code: 0, stdout: `${JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version}\n`, stderr: '' });
  });
});
