import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { version } from '../../../package.json';
import { runCli, type CliResult } from '../support/run-cli';
import { bothTools } from './support/both-tools';
import { runNpm } from './support/npm';

/**
 * npm's flags are npm's flags: the same command lines, run through the real
 * npm and through rxnpm against one loopback registry, end with the same
 * exit code and print the same stdout.
 */

jest.setTimeout(120_000);

const tools = bothTools();
const { rxnpm, npm, env } = tools;

/** Runs one command line through both and expects the same exit code and stdout; returns rxnpm's result. */
async function sameAsNpm(args: readonly string[], cwd?: string): Promise<CliResult> {
  const [ours, theirs] = await Promise.all([rxnpm(args, cwd), npm(args, cwd)]);
  expect({ args, code: ours.code, stdout: ours.stdout }).toEqual({ args, code: theirs.code, stdout: theirs.stdout });
  return ours;
}

const warnings = (stderr: string, tool: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith(`${tool} warn `))
    .map((line) => line.slice(`${tool} warn `.length));

describe('the flags an npm user types', () => {
  const flags = [
    ['--userconfig', 'f'],
    ['--fetch-retries=0'],
    ['--fetch-retries', '0'],
    ['--strict-ssl=false'],
    ['--no-strict-ssl'],
    ['--silent'],
    ['-s'],
    ['-q'],
    ['-d'],
    ['-dd'],
    ['--verbose'],
    ['--loglevel', 'http'],
    ['--loglevel=warn'],
    ['--json'],
    ['--json=false'],
    ['--no-json'],
    ['--json=true'],
    ['--prefer-online'],
    ['--fetch-timeout', '30000'],
    ['--tag', 'latest'],
    ['--otp', '123456'],
    ['--unicode=false'],
    ['--color=false'],
  ];

  it.each(flags)('view owned-pkg version %s', async (...given) => {
    const result = await sameAsNpm(['view', 'owned-pkg', 'version', ...given]);
    expect(result.stdout).toMatch(/1\.0\.0/);
    expect(result.stderr).not.toMatch(/unknown option/);
  });

  it.each(flags)('view owned-pkg %s (the whole summary)', async (...given) => {
    await sameAsNpm(['view', 'owned-pkg', ...given]);
  });

  // With --json, npm prints its error as JSON on stdout, which is another part of the issue ("--json means JSON").
  it.each(flags.filter((given) => !given.some((flag) => flag.startsWith('--json'))))('view no-such-pkg %s (a failure)', async (...given) => {
    const result = await sameAsNpm(['view', 'no-such-pkg', ...given]);
    expect(result.code).toBe(1);
  });

  it('are taken by every command, before or after its words', async () => {
    for (const args of [['ping', '-s', '--fetch-retries=0'], ['-d', 'ping'], ['whoami', '--strict-ssl=false'], ['owner', 'ls', 'owned-pkg', '--json=false']]) {
      const result = await rxnpm(args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: expect.not.stringMatching(/unknown option|EUSAGE/) });
    }
  });

  it('apply: --userconfig names the .npmrc that gives the registry, -s silences the log, -d shows requests', async () => {
    const userconfig = join(tools.home.root, 'other-npmrc');
    await writeFile(userconfig, `registry=${tools.registry.url}\n`);
    const args = ['view', 'owned-pkg', 'version', '--userconfig', userconfig, '--cache', tools.home.cache];
    const [ours, theirs] = await Promise.all([runCli(args, { cwd: tools.home.cwd, env: env() }), runNpm(args, { cwd: tools.home.cwd, env: env() })]);
    expect(ours).toMatchObject({ code: 0, stdout: theirs.stdout });
    expect(theirs).toMatchObject({ code: 0, stdout: '1.0.0\n' });

    expect((await rxnpm(['view', 'owned-pkg', 'version', '-d'])).stderr).toMatch(/^rxnpm http /m);
    expect((await rxnpm(['view', 'owned-pkg', 'version', '--loglevel', 'http', '-s'])).stderr).toBe('');
  });
});

describe('the warnings', () => {
  it('are the ones npm gives: none for nodedir, one for a key npm does not know', async () => {
    await tools.home.writeUserconfig('nodedir=/usr\n');
    const [ours, theirs] = await Promise.all([rxnpm(['view', 'owned-pkg', 'version']), npm(['view', 'owned-pkg', 'version'])]);
    expect(warnings(ours.stderr, 'rxnpm')).toEqual(warnings(theirs.stderr, 'npm'));
    expect(ours).toMatchObject({ code: 0, stdout: '1.0.0\n' });

    await tools.home.writeUserconfig('nodedir=/usr\nnot-an-npm-key=1\n');
    const [ours2, theirs2] = await Promise.all([rxnpm(['view', 'owned-pkg', 'version']), npm(['view', 'owned-pkg', 'version'])]);
    expect(warnings(ours2.stderr, 'rxnpm')).toEqual(warnings(theirs2.stderr, 'npm'));
    expect(warnings(ours2.stderr, 'rxnpm')).toEqual([expect.stringContaining('Unknown user config "not-an-npm-key"')]);
    await tools.home.writeUserconfig('');
  });

  it('about a value of the wrong type are npm\'s, and the value is dropped as npm drops it', async () => {
    const args = ['view', 'owned-pkg', 'version', '--fetch-retries=many'];
    const [ours, theirs] = await Promise.all([rxnpm(args), npm(args)]);
    expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: theirs.code, stdout: theirs.stdout });
    expect(warnings(ours.stderr, 'rxnpm')).toEqual(warnings(theirs.stderr, 'npm'));
    expect(warnings(ours.stderr, 'rxnpm')).toEqual([expect.stringContaining('fetch-retries="many"'), expect.stringContaining('numeric')]);
  });
});

describe('argument errors', () => {
  /** One line on stderr, in the format of every other error, exit code 1. */
  function expectUsageError(result: CliResult, line: string): void {
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: `${line}\n` });
  }

  it('an unknown flag (one npm does not define either)', async () => {
    expectUsageError(await rxnpm(['view', 'owned-pkg', '--no-such-flag']), "rxnpm view owned-pkg: unknown option '--no-such-flag' (EUSAGE)");
    expectUsageError(await rxnpm(['ping', '--watch']), "rxnpm ping: unknown option '--watch' (EUSAGE)");
  });

  it('an unknown command, with the exit code npm gives', async () => {
    const result = await rxnpm(['frobnicate']);
    expectUsageError(result, "rxnpm frobnicate: unknown command 'frobnicate' (EUSAGE)");
    expect(result.code).toBe((await npm(['frobnicate'])).code);
  });

  it('a missing argument', async () => {
    expectUsageError(await rxnpm(['dist-tag', 'add']), "rxnpm dist-tag add: missing required argument 'spec' (EUSAGE)");
    expectUsageError(await rxnpm(['fetch']), "rxnpm fetch: missing required argument 'spec' (EUSAGE)");
  });

  it('name the package as typed, quoted as npm quotes it', async () => {
    const result = await rxnpm(['view', 'a b']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^rxnpm view "a b": .*\(EUSAGE\)\n$/);
    expect(result.code).toBe((await npm(['view', 'a b'])).code);
  });

  it('leave the words after -- as words', async () => {
    const result = await rxnpm(['view', '--', '-no-such-package']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^rxnpm view -no-such-package: /);
    expect(result.stderr).not.toMatch(/unknown option/);
  });
});

describe('view with no package', () => {
  let project: string;

  beforeAll(async () => {
    project = join(tools.home.root, 'project');
    await mkdir(join(project, 'src'), { recursive: true });
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'owned-pkg', version: '0.0.1' }));
  });

  it.each([[[]], [['.']], [['.', 'version']], [['.@1.0.0', 'version']], [['.', 'name', '--json']]])('views the package of ./package.json: view %j', async (words) => {
    const result = await sameAsNpm(['view', ...words], project);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('finds package.json up from a subfolder, as npm does', async () => {
    expect(await sameAsNpm(['view', '.', 'version'], join(project, 'src'))).toMatchObject({ code: 0, stdout: '1.0.0\n' });
  });

  it('fails in one line where there is no package.json, as npm fails', async () => {
    const [result, theirs] = await Promise.all([rxnpm(['view']), npm(['view'])]);
    // npm exits with the errno of ENOENT (254); rxnpm's failures all exit 1.
    expect(theirs).toMatchObject({ code: 254, stdout: '' });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^rxnpm view: .*package\.json.*\(ENOENT\)\n$/);
  });
});

describe('--help and --version', () => {
  it.each([['--help'], ['-h'], ['--usage']])('%s prints the usage', async (flag) => {
    const result = await rxnpm([flag]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: rxnpm /);
    expect(result.stdout).toContain('view|info');
  });

  it('view --help prints the usage of view', async () => {
    const result = await rxnpm(['view', '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: rxnpm view\|info \[options\] \[spec\] \[field\.\.\.\]/);
  });

  it.each([[['--version']], [['-v']], [['view', 'owned-pkg', '--version']]])('%j prints rxnpm\'s version', async (args) => {
    expect(await rxnpm(args)).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
