import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm start`'s prestart, run on a copy of the project's layout whose "tsup"
 * only notes that it ran and writes the command line: the check, not the build.
 */

const SCRIPT = resolve(__dirname, '../../../scripts/build-if-stale.mjs');
const FAKE_TSUP = `#!/bin/sh\necho "$@" >> "$(dirname "$0")/../../tsup-ran"\nmkdir -p dist && echo built > dist/cli.js\n`;

let root: string;
const at = (...parts: string[]) => join(root, ...parts);

function prestart(): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [at('scripts', 'build-if-stale.mjs')], { cwd: root }, (error, _stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

const tsupRuns = () => readFile(at('tsup-ran'), 'utf8').then((text) => text.split('\n').filter(Boolean).length, () => 0);

/** Sets a file's times `secondsAgo` in the past (0: now). */
const age = (path: string, secondsAgo: number) => {
  const when = new Date(Date.now() - secondsAgo * 1000);
  return utimes(path, when, when);
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rxnpm-prestart-'));
  await mkdir(at('scripts'));
  await copyFile(SCRIPT, at('scripts', 'build-if-stale.mjs'));
  await mkdir(at('src', 'cli'), { recursive: true });
  await writeFile(at('src', 'cli', 'main.ts'), 'export {};\n');
  await writeFile(at('package.json'), '{}\n');
  await mkdir(at('node_modules', '.bin'), { recursive: true });
  await writeFile(at('node_modules', '.bin', 'tsup'), FAKE_TSUP);
  await chmod(at('node_modules', '.bin', 'tsup'), 0o755);
  for (const path of [at('src', 'cli', 'main.ts'), at('src', 'cli'), at('src'), at('package.json')]) await age(path, 60);
});

afterEach(() => rm(root, { recursive: true, force: true }));

describe('npm start: build only when a source is newer than dist/cli.js', () => {
  it('builds when there is no dist/cli.js yet (a fresh clone)', async () => {
    expect(await prestart()).toEqual({ code: 0, stderr: expect.stringContaining('dist/cli.js is missing') });
    expect(await tsupRuns()).toBe(1);
  });

  it('does not build when nothing changed since the build', async () => {
    await mkdir(at('dist'));
    await writeFile(at('dist', 'cli.js'), 'built\n');
    expect(await prestart()).toEqual({ code: 0, stderr: '' });
    expect(await tsupRuns()).toBe(0);
  });

  it('builds when a source file was touched after the build, then not again', async () => {
    await mkdir(at('dist'));
    await writeFile(at('dist', 'cli.js'), 'built\n');
    await age(at('dist', 'cli.js'), 30);
    await age(at('src', 'cli', 'main.ts'), 0);
    expect((await prestart()).stderr).toContain('the sources changed');
    expect(await tsupRuns()).toBe(1);
    expect(await prestart()).toEqual({ code: 0, stderr: '' });
    expect(await tsupRuns()).toBe(1);
  });

  it("builds when the build's configuration changed", async () => {
    await mkdir(at('dist'));
    await writeFile(at('dist', 'cli.js'), 'built\n');
    await age(at('dist', 'cli.js'), 30);
    await writeFile(at('tsup.config.ts'), 'export default {};\n');
    await prestart();
    expect(await tsupRuns()).toBe(1);
  });

  it("fails when the build fails, with tsup's exit code", async () => {
    await writeFile(at('node_modules', '.bin', 'tsup'), '#!/bin/sh\nexit 3\n');
    expect((await prestart()).code).toBe(3);
  });
});
