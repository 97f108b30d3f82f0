import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packTarball } from '../../src/cli/tarball/pack-tarball';
import { tokenLine, type CliHome } from './support/cli-home';
import { addUser, packumentOf, startVerdaccio } from './support/registry';
import type { CliResult } from './support/run-cli';
import { useCli } from './support/use-cli';

/** Every rxnpm command, run as `node dist/cli.js …` against a Verdaccio on loopback. */

jest.setTimeout(60_000);

const cli = useCli({ registry: startVerdaccio, userconfig: async ({ url }) => tokenLine(url, await addUser(url, 'ada')) });
/** ada is logged in (the fixture's home); anonymous has no token. */
let ada: CliHome;
let anonymous: CliHome;

const rxnpm = (home: CliHome, ...args: string[]): Promise<CliResult> => cli.run(args, { home });

/** Packs and publishes (through the CLI) `name` at each version, the last one tagged latest. */
async function published(name: string, ...versions: string[]): Promise<void> {
  for (const version of versions) {
    const result = await rxnpm(ada, 'publish', await packTarball(ada.root, { name, version }));
    expect(result).toMatchObject({ code: 0, stdout: `+ ${name}@${version}\n` });
  }
}

/** A failure is one line on stderr, without a stack trace. */
function expectOneLineError(result: CliResult, ...parts: Array<string | RegExp>): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  for (const part of parts) expect(result.stderr).toMatch(part);
}

beforeAll(async () => {
  [ada, anonymous] = [cli.home, await cli.newHome()];
  await published('cli-demo', '1.0.0', '1.1.0');
}, 240_000);

describe('--help', () => {
  const commands = [
    ['view'], ['search'], ['publish'], ['unpublish'], ['dist-tag'], ['dist-tag', 'ls'], ['dist-tag', 'add'], ['dist-tag', 'rm'],
    ['star'], ['unstar'], ['stars'], ['deprecate'], ['owner'], ['owner', 'ls'], ['owner', 'add'], ['owner', 'rm'],
    ['whoami'], ['ping'], ['login'], ['adduser'], ['logout'], ['fetch'],
  ];

  it('lists every command', async () => {
    const result = await cli.run(['--help'], { home: anonymous, registry: false });
    expect(result.code).toBe(0);
    for (const [name] of commands) expect(result.stdout).toContain(name);
  });

  it.each(commands.map((words) => [words.join(' '), words]))('explains `%s` with its arguments and the global flags', async (_name, words) => {
    const result = await cli.run([...(words as string[]), '--help'], { home: anonymous, registry: false });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: rxnpm ${(words as string[]).slice(0, -1).join(' ')}`.replace(/ $/, ''));
    for (const flag of ['--registry', '--cache', '--offline', '--prefer-offline', '--prefer-online', '--otp', '--json', '--loglevel']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stderr).toBe('');
  });

  it('rejects an unknown command with exit code 1', async () => {
    const result = await cli.run(['frobnicate'], { home: anonymous, registry: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('ping', () => {
  it('says PONG on stdout and PING with the registry on stderr', async () => {
    const result = await rxnpm(anonymous, 'ping');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PONG \d+ms\n$/);
    expect(result.stderr).toBe(`rxnpm notice PING ${cli.registry.url}\n`);
  });

  it('prints the registry, the time and its answer with --json', async () => {
    const result = await rxnpm(anonymous, 'ping', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ registry: cli.registry.url, time: expect.any(Number), details: {} });
  });
});

describe('login / adduser, whoami and logout', () => {
  it('creates the account, saves the token in the user .npmrc, and is then known by whoami', async () => {
    const home = await cli.newHome();
    const login = await rxnpm(home, 'login', '--username', 'bob', '--password', 'bob-password', '--email', 'bob@example.com');
    expect(login).toMatchObject({ code: 0, stdout: `Logged in as bob on ${cli.registry.url}.\n`, stderr: '' });
    expect(await home.readUserconfig()).toMatch(new RegExp(`^${cli.registry.url.replace(/^http:/, '')}:_authToken=\\S+$`, 'm'));
    expect(await rxnpm(home, 'whoami')).toMatchObject({ code: 0, stdout: 'bob\n', stderr: '' });
  });

  it('logs in to an existing account with adduser, printing JSON with --json and never the token', async () => {
    const home = await cli.newHome();
    await addUser(cli.registry.url, 'dora');
    const result = await rxnpm(home, 'adduser', '--username', 'dora', '--password', 'dora-password', '--email', 'dora@example.com', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ username: 'dora', registry: cli.registry.url });
    const token = /:_authToken=(\S+)/.exec(await home.readUserconfig())![1];
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('names the missing flags when stdin is not a terminal', async () => {
    const result = await rxnpm(anonymous, 'login', '--username', 'eve');
    expectOneLineError(result, /rxnpm login: /, /--password/, /--email/, /EUSAGE/);
  });

  it('fails on a wrong password with the registry status', async () => {
    const result = await rxnpm(anonymous, 'login', '--username', 'ada', '--password', 'wrong-password', '--email', 'ada@example.com');
    expectOneLineError(result, /rxnpm login: /, /401/);
  });

  it('whoami prints the user, and a JSON string with --json', async () => {
    expect(await rxnpm(ada, 'whoami')).toMatchObject({ code: 0, stdout: 'ada\n', stderr: '' });
    expect(await rxnpm(ada, 'whoami', '--json')).toMatchObject({ code: 0, stdout: '"ada"\n' });
  });

  it('whoami without credentials fails with ENEEDAUTH', async () => {
    expectOneLineError(await rxnpm(anonymous, 'whoami'), /rxnpm whoami: /, /ENEEDAUTH/);
  });

  it('logout revokes the token and removes it from the user .npmrc', async () => {
    const home = await cli.newHome();
    await home.writeUserconfig(`color=false\n${tokenLine(cli.registry.url, await addUser(cli.registry.url, 'carol'))}`);
    const result = await rxnpm(home, 'logout');
    expect(result).toMatchObject({ code: 0, stdout: `Logged out of ${cli.registry.url}.\n`, stderr: '' });
    const npmrc = await home.readUserconfig();
    expect(npmrc).not.toContain('_authToken');
    expect(npmrc).toContain('color=false');
    expectOneLineError(await rxnpm(home, 'whoami'), /ENEEDAUTH/);
  });

  it('logout without a token fails with ENEEDAUTH', async () => {
    expectOneLineError(await rxnpm(anonymous, 'logout'), /rxnpm logout: /, /ENEEDAUTH/);
  });
});

describe('publish', () => {
  it('publishes the package.json found inside the tarball, quietly when stderr is not a terminal', async () => {
    const tarball = await packTarball(ada.root, { name: 'cli-publish', version: '1.0.0' }, '# cli-publish\n\nThe readme.\n');
    const result = await rxnpm(ada, 'publish', tarball);
    expect(result).toMatchObject({ code: 0, signal: null, stdout: '+ cli-publish@1.0.0\n', stderr: '' });
    const { body } = await packumentOf(cli.registry.url, 'cli-publish');
    expect(body['dist-tags']).toEqual({ latest: '1.0.0' });
    expect(body.versions['1.0.0'].dist.integrity).toMatch(/^sha512-/);
    expect(body.readme).toContain('The readme.');
  });

  it('points --tag at the new version, and prints JSON with --json', async () => {
    await published('cli-tagged', '1.0.0');
    const tarball = await packTarball(ada.root, { name: 'cli-tagged', version: '2.0.0-beta.1' });
    const result = await rxnpm(ada, 'publish', tarball, '--tag', 'beta', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'cli-tagged@2.0.0-beta.1', name: 'cli-tagged', version: '2.0.0-beta.1', tag: 'beta' });
    expect((await packumentOf(cli.registry.url, 'cli-tagged')).body['dist-tags']).toEqual({ latest: '1.0.0', beta: '2.0.0-beta.1' });
  });

  it('refuses to publish over an existing version', async () => {
    const result = await rxnpm(ada, 'publish', await packTarball(ada.root, { name: 'cli-demo', version: '1.0.0' }));
    expectOneLineError(result, /rxnpm publish .*cli-demo-1\.0\.0\.tgz: /, /409/);
  });

  it('needs a login', async () => {
    const result = await rxnpm(anonymous, 'publish', await packTarball(anonymous.root, { name: 'cli-anonymous', version: '1.0.0' }));
    expectOneLineError(result, /rxnpm publish /, /401/, /E401/);
  });

  it('says what is wrong with a file that is not a package tarball', async () => {
    const notTar = join(ada.root, 'not-a-tarball.tgz');
    await writeFile(notTar, 'hello');
    expectOneLineError(await rxnpm(ada, 'publish', notTar), /not-a-tarball\.tgz/, /EBADTARBALL/);
    expectOneLineError(await rxnpm(ada, 'publish', join(ada.root, 'missing.tgz')), /no such file/, /ENOENT/);
  });
});

describe('view', () => {
  it('shows the latest version of a package', async () => {
    const result = await rxnpm(anonymous, 'view', 'cli-demo');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cli-demo@1.1.0');
    expect(result.stdout).toContain('latest: 1.1.0');
    expect(result.stderr).toBe('');
  });

  it('prints a single field bare, for the version a spec picks', async () => {
    expect(await rxnpm(anonymous, 'view', 'cli-demo', 'version')).toMatchObject({ code: 0, stdout: '1.1.0\n', stderr: '' });
    expect(await rxnpm(anonymous, 'view', 'cli-demo@1.0.0', 'version')).toMatchObject({ code: 0, stdout: '1.0.0\n' });
    expect(await rxnpm(anonymous, 'view', 'cli-demo@^1.0.0 <1.1.0', 'version')).toMatchObject({ code: 0, stdout: '1.0.0\n' });
  });

  it('prints the manifest as JSON with --json', async () => {
    const result = await rxnpm(anonymous, 'view', 'cli-demo', '--json');
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown).toMatchObject({ name: 'cli-demo', version: '1.1.0', 'dist-tags': { latest: '1.1.0' } });
  });

  it('fails with one line naming the package, the 404 and the registry message', async () => {
    const result = await rxnpm(anonymous, 'view', 'cli-no-such-package');
    expectOneLineError(result, /^rxnpm view cli-no-such-package: 404 Not Found - GET http:\/\/127\.0\.0\.1:\d+\/cli-no-such-package/, /no such package/i, /\(E404\)/);
  });

  it('adds the stack and the registry answer at --loglevel verbose', async () => {
    const result = await rxnpm(anonymous, 'view', 'cli-no-such-package', '--loglevel', 'verbose');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^rxnpm view cli-no-such-package: 404 Not Found/m);
    expect(result.stderr).toMatch(/^\s+at /m);
    expect(result.stderr).toMatch(/^body: /m);
  });

  it('logs each request at --loglevel http', async () => {
    const result = await rxnpm(anonymous, 'view', 'cli-demo', 'version', '--loglevel', 'http');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^rxnpm http fetch GET (200|304) ${cli.registry.url}cli-demo \\d+ms$`, 'm'));
  });

  it('answers from the cache with --offline once the package was read, and fails with ENOTCACHED otherwise', async () => {
    const home = await cli.newHome();
    expect((await rxnpm(home, 'view', 'cli-demo', 'version')).code).toBe(0);
    // No request: the one http line is the cache's.
    const offline = await rxnpm(home, 'view', 'cli-demo', 'version', '--offline', '--loglevel', 'http');
    expect(offline).toMatchObject({ code: 0, stdout: '1.1.0\n' });
    expect(offline.stderr).toMatch(new RegExp(`^rxnpm http cache ${cli.registry.url}cli-demo \\d+ms \\(cache hit\\)\n$`));
    expect(await rxnpm(home, 'view', 'cli-demo', 'version', '--prefer-offline')).toMatchObject({ code: 0, stdout: '1.1.0\n' });
    expect(await rxnpm(home, 'view', 'cli-demo', 'version', '--prefer-online')).toMatchObject({ code: 0, stdout: '1.1.0\n' });
    expectOneLineError(await rxnpm(home, 'view', 'cli-tagged', '--offline'), /ENOTCACHED/, /without --offline/);
  });
});

describe('search', () => {
  it('lists matching packages with their version and description', async () => {
    const result = await rxnpm(anonymous, 'search', 'cli-demo');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME\s+VERSION\s+DESCRIPTION$/m);
    expect(result.stdout).toMatch(/^cli-demo\s+1\.1\.0\s+cli-demo, a demo package$/m);
  });

  it('prints the packages as JSON with --json', async () => {
    const result = await rxnpm(anonymous, 'search', 'cli-demo', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'cli-demo', description: 'cli-demo, a demo package' })]));
  });

  it('says so when nothing matches', async () => {
    expect(await rxnpm(anonymous, 'search', 'zzz-nothing-like-this')).toMatchObject({ code: 0, stdout: 'No matches found for "zzz-nothing-like-this"\n' });
  });
});

describe('dist-tag', () => {
  it('lists, adds and removes dist-tags, as npm prints them', async () => {
    await published('cli-tags', '1.0.0', '1.1.0');
    expect(await rxnpm(ada, 'dist-tag', 'ls', 'cli-tags')).toMatchObject({ code: 0, stdout: 'latest: 1.1.0\n', stderr: '' });
    expect(await rxnpm(ada, 'dist-tag', 'add', 'cli-tags@1.0.0', 'stable')).toMatchObject({ code: 0, stdout: '+stable: cli-tags@1.0.0\n', stderr: '' });
    const listed = await rxnpm(ada, 'dist-tag', 'ls', 'cli-tags', '--json');
    expect(JSON.parse(listed.stdout)).toEqual({ latest: '1.1.0', stable: '1.0.0' });
    expect(await rxnpm(ada, 'dist-tag', 'rm', 'cli-tags', 'stable')).toMatchObject({ code: 0, stdout: '-stable: cli-tags@1.0.0\n', stderr: '' });
    expect((await packumentOf(cli.registry.url, 'cli-tags')).body['dist-tags']).toEqual({ latest: '1.1.0' });
  });

  it('refuses a version the package does not have, and a tag it does not have', async () => {
    expectOneLineError(await rxnpm(ada, 'dist-tag', 'add', 'cli-demo@9.9.9', 'nope'), /rxnpm dist-tag add cli-demo@9\.9\.9: /, /ETARGET/);
    expectOneLineError(await rxnpm(ada, 'dist-tag', 'rm', 'cli-demo', 'nope'), /nope is not a dist-tag of cli-demo/);
  });
});

describe('star, unstar and stars', () => {
  it('stars a package, lists it among the user’s stars, and unstars it', async () => {
    expect(await rxnpm(ada, 'star', 'cli-demo')).toMatchObject({ code: 0, stdout: '★  cli-demo\n', stderr: '' });
    expect(await rxnpm(ada, 'stars')).toMatchObject({ code: 0, stdout: 'cli-demo\n' });
    expect(JSON.parse((await rxnpm(anonymous, 'stars', 'ada', '--json')).stdout)).toEqual(['cli-demo']);
    expect(await rxnpm(ada, 'unstar', 'cli-demo')).toMatchObject({ code: 0, stdout: '☆  cli-demo\n', stderr: '' });
    expect(await rxnpm(ada, 'stars')).toMatchObject({ code: 0, stdout: '' });
  });

  it('needs a login to star', async () => {
    expectOneLineError(await rxnpm(anonymous, 'star', 'cli-demo'), /rxnpm star cli-demo: /, /ENEEDAUTH/);
  });
});

describe('deprecate', () => {
  it('marks the versions in range deprecated, and lifts it with an empty message', async () => {
    await published('cli-old', '1.0.0', '2.0.0');
    const result = await rxnpm(ada, 'deprecate', 'cli-old@<2', 'use 2.x');
    expect(result).toMatchObject({ code: 0, stdout: 'deprecated cli-old@<2: use 2.x\n', stderr: '' });
    let { body } = await packumentOf(cli.registry.url, 'cli-old');
    expect(body.versions['1.0.0'].deprecated).toBe('use 2.x');
    expect(body.versions['2.0.0'].deprecated).toBeUndefined();

    expect(JSON.parse((await rxnpm(ada, 'deprecate', 'cli-old@1.0.0', '', '--json')).stdout)).toEqual({ name: 'cli-old', range: '1.0.0', message: '' });
    ({ body } = await packumentOf(cli.registry.url, 'cli-old'));
    expect(body.versions['1.0.0'].deprecated).toBeFalsy();
  });

  it('fails when no version is in range', async () => {
    expectOneLineError(await rxnpm(ada, 'deprecate', 'cli-demo@>5', 'gone'), /ETARGET/);
  });
});

describe('owner ls', () => {
  it('lists the maintainers Verdaccio keeps', async () => {
    const result = await rxnpm(anonymous, 'owner', 'ls', 'cli-demo', '--json');
    expect(result.code).toBe(0);
    expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
  });
});

describe('fetch', () => {
  it('saves the tarball under npm pack’s name, checked against the registry’s integrity', async () => {
    const result = await rxnpm(anonymous, 'fetch', 'cli-demo@1.0.0');
    const file = join(anonymous.cwd, 'cli-demo-1.0.0.tgz');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^cli-demo@1\\.0\\.0 → ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ B, sha512-\\S+\\)\\n$`));
    const integrity = `sha512-${createHash('sha512').update(await readFile(file)).digest('base64')}`;
    expect((await packumentOf(cli.registry.url, 'cli-demo')).body.versions['1.0.0'].dist.integrity).toBe(integrity);
  });

  it('saves where -o says, and reports JSON with --json', async () => {
    const file = join(anonymous.root, 'latest.tgz');
    const result = await rxnpm(anonymous, 'fetch', 'cli-demo', '-o', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: 'cli-demo@1.1.0', name: 'cli-demo', version: '1.1.0', path: file, size: (await stat(file)).size, integrity: expect.stringMatching(/^sha512-/) });
  });

  it('writes the bytes to stdout with -o -', async () => {
    const result = await rxnpm(anonymous, 'fetch', 'cli-demo@1.1.0', '-o', '-');
    expect(result.code).toBe(0);
    expect(result.stdoutBytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('fails with ETARGET for a version that does not exist', async () => {
    expectOneLineError(await rxnpm(anonymous, 'fetch', 'cli-demo@7'), /rxnpm fetch cli-demo@7: /, /ETARGET/);
  });
});

describe('unpublish', () => {
  it('removes one version, refuses the whole package without --force, removes it with --force', async () => {
    await published('cli-gone', '1.0.0', '1.1.0');
    expect(await rxnpm(ada, 'unpublish', 'cli-gone@1.1.0')).toMatchObject({ code: 0, stdout: '- cli-gone@1.1.0\n', stderr: '' });
    expect(Object.keys((await packumentOf(cli.registry.url, 'cli-gone')).body.versions)).toEqual(['1.0.0']);

    expectOneLineError(await rxnpm(ada, 'unpublish', 'cli-gone'), /refusing to remove every version of cli-gone/, /--force/);
    const all = await rxnpm(ada, 'unpublish', 'cli-gone', '--force', '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual({ id: 'cli-gone', name: 'cli-gone', removed: true });
    expect((await packumentOf(cli.registry.url, 'cli-gone')).status).toBe(404);
  });

  it('fails when there is nothing to remove', async () => {
    expectOneLineError(await rxnpm(ada, 'unpublish', 'cli-demo@3.0.0'), /cli-demo@3\.0\.0 is not on the registry/, /E404/);
  });
});

describe('a scoped package', () => {
  it('is published, viewed, tagged, fetched and unpublished like any other', async () => {
    await published('@cli/scoped', '1.0.0', '1.0.1');
    expect(await rxnpm(anonymous, 'view', '@cli/scoped', 'name')).toMatchObject({ code: 0, stdout: '@cli/scoped\n', stderr: '' });
    expect(await rxnpm(ada, 'dist-tag', 'add', '@cli/scoped@1.0.0', 'old')).toMatchObject({ code: 0, stdout: '+old: @cli/scoped@1.0.0\n' });
    const fetched = await rxnpm(anonymous, 'fetch', '@cli/scoped@old');
    expect(fetched).toMatchObject({ code: 0, stderr: '' });
    expect(fetched.stdout).toContain(`@cli/scoped@1.0.0 → ${join(anonymous.cwd, 'cli-scoped-1.0.0.tgz')}`);
    expect(await rxnpm(ada, 'unpublish', '@cli/scoped@1.0.1')).toMatchObject({ code: 0, stdout: '- @cli/scoped@1.0.1\n' });
    expect(Object.keys((await packumentOf(cli.registry.url, '@cli/scoped')).body.versions)).toEqual(['1.0.0']);
  });
});

describe("npm's configuration", () => {
  it('reads the registry from npm_config_registry, and the default cache is rxnpm’s own under XDG_CACHE_HOME', async () => {
    const home = await cli.newHome();
    const result = await cli.run(['view', 'cli-demo', 'version'], { home, registry: false, env: { npm_config_registry: cli.registry.url } });
    expect(result).toMatchObject({ code: 0, stdout: '1.1.0\n', stderr: '' });
    expect((await stat(join(home.xdgCache, 'rxnpm'))).isDirectory()).toBe(true);
  });

  it('reads the registry and per-registry token from a project .npmrc', async () => {
    const home = await cli.newHome();
    await writeFile(join(home.cwd, 'package.json'), '{"name":"some-project"}');
    await writeFile(join(home.cwd, '.npmrc'), `registry=${cli.registry.url}\n${tokenLine(cli.registry.url, await addUser(cli.registry.url, 'frank'))}`);
    const result = await cli.run(['whoami', '--cache', home.cache], { home, registry: false });
    expect(result).toMatchObject({ code: 0, stdout: 'frank\n', stderr: '' });
  });

  it('takes --loglevel from the user .npmrc', async () => {
    const home = await cli.newHome();
    await home.writeUserconfig('loglevel=http\n');
    const result = await rxnpm(home, 'ping');
    expect(result.stderr).toMatch(/^rxnpm http fetch GET 200 /m);
  });
});
