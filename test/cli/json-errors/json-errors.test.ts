import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import ssri from 'ssri';
import { packTarball } from '../../../src/cli/tarball/pack-tarball';
import { closedPort, sendJson, startServer, type TestServer } from '../../support/start-server';
import type { CliResult } from '../support/run-cli';
import { useCli } from '../support/use-cli';
import { npmCommand } from './real-npm';

/**
 * `--json` means JSON, failures included: every command, run through the
 * real binary against a loopback registry that fails as registries do, prints
 * npm's `{ "error": { code, summary, detail } }` on stdout and exits 1; the
 * same command line through the real npm prints the same.
 */

jest.setTimeout(120_000);

const TARBALL = Buffer.from('not really a tarball, but it has an integrity');

/** A registry where nothing is found, `-/whoami` does not know the token, `-/ping` fails, `forbidden-*` is forbidden, and `p@1.0.0` can be fetched. */
async function startFailingRegistry(): Promise<TestServer> {
  const server = await startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/-/whoami') return sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    if (path === '/-/ping') return sendJson(res, 500, { error: 'boom' });
    if (path.startsWith('/forbidden-')) return sendJson(res, 403, { error: 'forbidden' });
    if (path === '/p/-/p-1.0.0.tgz') return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(TARBALL);
    if (path === '/p') {
      const version = { name: 'p', version: '1.0.0', dist: { integrity: ssri.fromData(TARBALL).toString(), tarball: `${server.url}p/-/p-1.0.0.tgz` } };
      return sendJson(res, 200, { _id: 'p', name: 'p', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': version } });
    }
    return sendJson(res, 404, { error: 'Not found' });
  });
  return server;
}

// No retries, so the failures come at once; no update check, so npm asks the registry for nothing else.
const cli = useCli({ registry: startFailingRegistry, userconfig: () => 'fetch-retries=0\nupdate-notifier=false\n' });

const rxnpm = (args: readonly string[], registryUrl?: string): Promise<CliResult> => cli.run(args, { registry: registryUrl });

/** The same command line through npm, with its own cache folder (npm's holds its logs too). */
function npm(args: readonly string[], registryUrl = cli.registry.url): Promise<CliResult> {
  const [node, npmCli] = npmCommand();
  const { home } = cli;
  return new Promise((done, fail) => {
    const child = spawn(node, [npmCli, ...args, '--registry', registryUrl, '--cache', join(home.root, 'npm-cache')], { cwd: home.cwd, env: home.env(), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr, stdoutBytes: Buffer.from(stdout) }));
  });
}

interface JsonFailure {
  readonly error: { readonly code?: string; readonly summary: string; readonly detail: string };
}

function isJsonFailure(value: unknown): value is JsonFailure {
  const error: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'error') : undefined;
  return typeof error === 'object' && error !== null && typeof Reflect.get(error, 'summary') === 'string' && typeof Reflect.get(error, 'detail') === 'string';
}

/** A failure as `--json` must print it: npm's shape on stdout, the one line on stderr, exit code 1. */
function expectJsonFailure(result: CliResult, command: string): JsonFailure['error'] {
  expect(result.code).toBe(1);
  const printed: unknown = JSON.parse(result.stdout);
  if (!isJsonFailure(printed)) throw new Error(`not npm's error shape: ${result.stdout}`);
  expect(Object.keys(printed)).toEqual(['error']);
  expect(result.stdout).toBe(`${JSON.stringify(printed, null, 2)}\n`);
  expect(result.stderr.trimEnd().split('\n').filter((line) => line.startsWith(`rxnpm ${command}`))).toHaveLength(1);
  return printed.error;
}

describe('--json on a failure, beside npm', () => {
  it.each([
    ['view', ['view', 'no-such-pkg']],
    ['view', ['view', 'forbidden-pkg']],
    ['dist-tag ls', ['dist-tag', 'ls', 'no-such-pkg']],
    ['deprecate', ['deprecate', 'no-such-pkg', 'use something else']],
  ])('%s prints what npm prints, byte for byte', async (command, args) => {
    const [ours, theirs] = await Promise.all([rxnpm([...args, '--json']), npm([...args, '--json'])]);
    expectJsonFailure(ours, command);
    expect(theirs.code).toBe(1);
    expect(ours.stdout).toBe(theirs.stdout);
  });

  it.each([
    ['owner ls', ['owner', 'ls', 'no-such-pkg']],
    ['unpublish', ['unpublish', 'no-such-pkg@1.0.0']],
    ['search', ['search', 'nothing-matches']],
    ['ping', ['ping']],
    ['whoami', ['whoami']],
    ['star', ['star', 'no-such-pkg']],
    ['stars', ['stars']],
  ])('%s prints npm’s code and detail (its own words in the summary)', async (command, args) => {
    const [ours, theirs] = await Promise.all([rxnpm([...args, '--json']), npm([...args, '--json'])]);
    const error = expectJsonFailure(ours, command);
    expect(theirs.code).toBe(1);
    const npmError: unknown = JSON.parse(theirs.stdout);
    if (!isJsonFailure(npmError)) throw new Error(`npm printed ${theirs.stdout}`);
    expect(Object.keys(error)).toEqual(Object.keys(npmError.error));
    expect({ code: error.code, detail: error.detail }).toEqual({ code: npmError.error.code, detail: npmError.error.detail });
  });

  it('a refused connection is ECONNREFUSED with npm’s detail', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}/`;
    const [ours, theirs] = await Promise.all([rxnpm(['view', 'no-such-pkg', '--json'], nowhere), npm(['view', 'no-such-pkg', '--json'], nowhere)]);
    const error = expectJsonFailure(ours, 'view');
    const npmError: unknown = JSON.parse(theirs.stdout);
    if (!isJsonFailure(npmError)) throw new Error(`npm printed ${theirs.stdout}`);
    expect({ code: error.code, detail: error.detail }).toEqual({ code: 'ECONNREFUSED', detail: npmError.error.detail });
  });
});

describe('--json on a failure, on the commands npm does not share', () => {
  it.each([
    ['dist-tag add', ['dist-tag', 'add', 'no-such-pkg@1.0.0', 'beta'], 'E404'],
    ['dist-tag rm', ['dist-tag', 'rm', 'no-such-pkg', 'beta'], 'E404'],
    ['owner add', ['owner', 'add', 'bob', 'no-such-pkg'], 'E404'],
    ['owner rm', ['owner', 'rm', 'bob', 'no-such-pkg'], 'E404'],
    ['logout', ['logout'], 'ENEEDAUTH'],
    ['login', ['login'], 'EUSAGE'],
    ['fetch', ['fetch', 'no-such-pkg'], 'E404'],
    ['publish', ['publish', '/nonexistent/pkg.tgz'], 'ENOENT'],
  ])('%s prints npm’s shape and exits 1', async (command, args, code) => {
    expect(expectJsonFailure(await rxnpm([...args, '--json']), command).code).toBe(code);
  });

  it('publish of a tarball the registry refuses', async () => {
    const tarball = await packTarball(cli.home.root, { name: 'forbidden-pkg', version: '1.0.0' });
    const error = expectJsonFailure(await rxnpm(['publish', tarball, '--json']), 'publish');
    expect(error.code).toMatch(/^E4\d\d$/);
  });

  it('without --json, a failure prints nothing on stdout', async () => {
    const result = await rxnpm(['view', 'no-such-pkg']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^rxnpm view no-such-pkg: 404 Not Found .*\(E404\)\n$/);
  });

  it('json=true in .npmrc counts as --json', async () => {
    await cli.home.writeUserconfig('fetch-retries=0\nupdate-notifier=false\njson=true\n');
    try {
      expect(expectJsonFailure(await rxnpm(['view', 'no-such-pkg']), 'view').code).toBe('E404');
    } finally {
      await cli.home.writeUserconfig('fetch-retries=0\nupdate-notifier=false\n');
    }
  });
});

describe('fetch -o into a folder that does not exist', () => {
  it('names the path given, not the temporary file beside it', async () => {
    const result = await rxnpm(['fetch', 'p', '-o', '/nonexistent/dir/x.tgz']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe("rxnpm fetch p: ENOENT: no such file or directory, open '/nonexistent/dir/x.tgz' (ENOENT)\n");
  });

  it('names a relative path as the folder it resolves to, and says so in JSON too', async () => {
    await mkdir(join(cli.home.cwd, 'out'), { recursive: true });
    const result = await rxnpm(['fetch', 'p', '-o', 'out/missing/x.tgz', '--json']);
    const error = expectJsonFailure(result, 'fetch');
    const wanted = join(cli.home.cwd, 'out', 'missing', 'x.tgz');
    expect(error).toEqual({ code: 'ENOENT', summary: `ENOENT: no such file or directory, open '${wanted}'`, detail: 'This is related to npm not being able to find a file.' });
    expect(result.stderr).not.toMatch(/\.tmp/);
  });
});
