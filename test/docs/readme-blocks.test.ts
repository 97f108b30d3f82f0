import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { nerfDart, RegistryClient } from '../../src/index';
import { packTarball } from '../../src/cli/tarball/pack-tarball';
import { CLI, ensureCliBuilt, releaseCli, ROOT } from '../cli/support/build-cli';
import { addUser, startVerdaccio, type LocalRegistry } from '../cli/support/registry';
import { sessionOutputs, sessionScript, sessionSteps } from './support/console-session';
import { kindOf, readmeBlocks, type ReadmeBlock } from './support/readme-blocks';
import { cleanEnv, runCommand } from './support/run-command';

/** Every code block of README.md runs as printed (support/readme-blocks.ts says how each kind is checked). */

const blocks = readmeBlocks();
const of = (kind: string) => blocks.filter((block) => kindOf(block).kind === kind);
const where = (block: ReadmeBlock) => `README.md:${block.line}`;

let work: string;
let registry: LocalRegistry;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rxnpm-readme-'));
  await ensureCliBuilt();
  registry = await startVerdaccio();
}, 180_000);

afterAll(async () => {
  await releaseCli();
  await registry?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('README.md’s code blocks', () => {
  it('are each checked here, or say why they cannot run', () => {
    expect(blocks.filter((block) => kindOf(block).kind === 'unchecked').map(where)).toEqual([]);
    expect(of('program').length).toBeGreaterThanOrEqual(3);
    expect(of('session')).toHaveLength(1);
  });

  it('are, when they name a file, that file of the project word for word', () => {
    const named = blocks.flatMap((block) => {
      const kind = kindOf(block);
      return kind.kind === 'file' ? [{ block, path: kind.path }] : [];
    });
    expect(named.length).toBeGreaterThan(0);
    for (const { block, path } of named) {
      const file = readFileSync(join(ROOT, path), 'utf8');
      expect({ at: where(block), code: block.code }).toEqual({ at: where(block), code: file.slice(file.indexOf('import ')) });
    }
  });
});

describe('the TypeScript programs', () => {
  const project = () => join(work, 'programs');
  const programs = of('program');
  let token: string;

  beforeAll(async () => {
    // The reader's project: rxnpm installed (this repository, built), rxjs and Node's types beside it.
    await mkdir(join(project(), 'node_modules'), { recursive: true });
    await symlink(ROOT, join(project(), 'node_modules', 'rxnpm'));
    await symlink(join(ROOT, 'node_modules', 'rxjs'), join(project(), 'node_modules', 'rxjs'));
    await symlink(join(ROOT, 'node_modules', '@types'), join(project(), 'node_modules', '@types'));
    await Promise.all(programs.map((block) => writeFile(join(project(), `line-${block.line}.mts`), block.code)));

    // The registry has the package the programs read, and a user for the quick start's token.
    token = await addUser(registry.url, 'reader');
    const client = new RegistryClient({ registry: registry.url, cache: join(work, 'publisher-cache'), [`${nerfDart(registry.url)}:_authToken`]: token });
    await lastValueFrom(client.publish({ name: 'rxjs', version: '7.8.2' }, await packTarball(work, { name: 'rxjs', version: '7.8.2' })));
    await client.close();
  }, 60_000);

  const run = (block: ReadmeBlock) =>
    runCommand(process.execPath, [join('out', `line-${block.line}.mjs`), registry.url], { cwd: project(), env: cleanEnv({ TMPDIR: join(work, 'reader-tmp'), NPM_TOKEN: token }) });

  it('type-check as printed, as ES modules against the built package', async () => {
    await mkdir(join(work, 'reader-tmp'));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = ['--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', '--outDir', 'out'];
    const compiled = await runCommand(process.execPath, [tsc, ...options, ...programs.map((block) => `line-${block.line}.mts`)], { cwd: project() });
    expect(compiled).toEqual({ code: 0, stdout: '', stderr: '' });
  }, 90_000);

  it('the quick start: who the token is, then the packument from the registry, later from the cache first', async () => {
    const quickStart = programs.find((block) => block.code.includes('staleOk'));
    if (!quickStart) throw new Error('no quick start (a program with staleOk) in README.md');
    const lines = async () => {
      const result = await run(quickStart);
      return { ...result, stdout: result.stdout.split('\n').filter(Boolean).sort() };
    };

    expect(await lines()).toEqual({ code: 0, stdout: ['logged in as reader', 'miss 7.8.2'], stderr: '' });
    expect(await lines()).toEqual({ code: 0, stdout: ['logged in as reader', 'revalidated 7.8.2', 'stale 7.8.2'], stderr: '' });
  }, 30_000);

  it('every program runs to the end and prints what its comments say', async () => {
    for (const block of programs) {
      const result = await run(block);
      const said = [...block.code.matchAll(/console\.log\(.*\); \/\/ (.+)$/gm)].map((match) => match[1]);
      expect({ at: where(block), code: result.code, stderr: result.stderr }).toEqual({ at: where(block), code: 0, stderr: '' });
      for (const line of said) expect(result.stdout.split('\n')).toContain(line);
    }
  }, 60_000);
});

describe('the command line session', () => {
  it('prints what the README shows, command after command', async () => {
    const [block] = of('session');
    const steps = sessionSteps(block.code);
    const home = join(work, 'ada');
    const bin = join(work, 'bin');
    await mkdir(home);
    await mkdir(bin);
    await writeFile(join(bin, 'rxnpm'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    await chmod(join(bin, 'rxnpm'), 0o755);
    for (const version of ['1.0.0', '1.1.0']) await packTarball(home, { name: 'hello-rx', version, description: 'Says hello, reactively' });

    const host = new URL(registry.url).host;
    const env = cleanEnv({
      PATH: `${bin}:${process.env.PATH}`,
      HOME: home,
      XDG_CACHE_HOME: join(work, 'xdg-cache'),
      npm_config_registry: registry.url,
      npm_config_userconfig: join(home, '.npmrc'),
      npm_config_globalconfig: join(work, 'global-npmrc'),
    });
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const ran = await runCommand('bash', ['-c', sessionScript(steps)], { cwd: home, env, timeoutMs: 120_000 });

    // What differs from run to run: the port, the folder, timings, and the tarballs' bytes (their dates).
    const varying = (text: string) =>
      text
        .replace(/\b[0-9a-f]{40}\b/g, '<sha1>')
        .replace(/sha512-[A-Za-z0-9+/]+=*/g, '<sha512>')
        .replace(/\b\d+ms\b/g, '<n>ms')
        .replace(/\(\d+ B,/g, '(<n> B,');
    const printed = sessionOutputs(ran.stdout, steps.length);
    const actual = steps.map(({ command }, index) => ({ command, output: varying(printed[index]) }));
    const expected = steps.map(({ command, output }) => ({ command, output: varying(output.replaceAll('127.0.0.1:4873', host).replaceAll('/home/ada', home)) }));
    expect(actual).toEqual(expected);
    expect(ran.code).toBe(0);
  }, 150_000);
});
