import { packTarball } from '../../src/cli/tarball/pack-tarball';
import { ensureCliBuilt, releaseCli } from './support/build-cli';
import { makeCliHome, tokenLine, type CliHome } from './support/cli-home';
import { startLoopbackRegistry, type LoopbackRegistry } from './support/loopback-registry';
import { killAllClis, runCli, startCli, type CliResult } from './support/run-cli';

/**
 * What Verdaccio cannot show: a registry that demands a one-time password,
 * package owners, and a request that never gets an answer (Ctrl-C). A small
 * server on 127.0.0.1 answers as the registry API documents.
 */

jest.setTimeout(60_000);

let registry: LoopbackRegistry;
let home: CliHome;

const rxnpm = (...args: string[]): Promise<CliResult> => runCli([...args, ...home.flags(registry.url)], { cwd: home.cwd, env: home.env() });

beforeAll(async () => {
  await ensureCliBuilt();
  registry = await startLoopbackRegistry({ 'owned-pkg': [{ name: 'ada', email: 'ada@example.com' }] });
  home = await makeCliHome();
  await home.writeUserconfig(tokenLine(registry.url, 'loopback-token'));
}, 240_000);

afterEach(() => {
  registry.otp = undefined;
});

afterAll(async () => {
  await killAllClis();
  await registry?.close();
  await home?.remove();
  await releaseCli();
});

describe('a registry that demands a one-time password', () => {
  it('fails in one line naming --otp when stdin is not a terminal', async () => {
    registry.otp = '123456';
    const result = await rxnpm('publish', await packTarball(home.root, { name: 'otp-pkg', version: '1.0.0' }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^rxnpm publish .*otp-pkg-1\.0\.0\.tgz: 401 Unauthorized - PUT http:\/\/127\.0\.0\.1:\d+\/otp-pkg - You must provide a one-time pass/);
    expect(result.stderr).toContain('(EOTP)');
    expect(result.stderr).toContain('--otp <code>');
  });

  it('sends the code given with --otp', async () => {
    registry.otp = '654321';
    const result = await rxnpm('publish', await packTarball(home.root, { name: 'otp-pkg', version: '1.0.1' }), '--otp', '654321');
    expect(result).toMatchObject({ code: 0, stdout: '+ otp-pkg@1.0.1\n', stderr: '' });
    expect(registry.requests.filter((r) => r.method === 'PUT').at(-1)).toMatchObject({ url: '/otp-pkg', otp: '654321' });
  });

  it('asks for owner changes too, and takes the code from npm_config_otp', async () => {
    registry.otp = '111111';
    const refused = await rxnpm('owner', 'add', 'bob', 'owned-pkg');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^rxnpm owner add bob owned-pkg: 401 .*\(EOTP\); .*--otp/);
    const result = await runCli(['owner', 'add', 'bob', 'owned-pkg', ...home.flags(registry.url)], { cwd: home.cwd, env: home.env({ npm_config_otp: '111111' }) });
    expect(result).toMatchObject({ code: 0, stdout: '+ bob (owned-pkg)\n', stderr: '' });
    await rxnpm('owner', 'rm', 'bob', 'owned-pkg', '--otp', '111111');
  });
});

describe('owner', () => {
  it('lists, adds and removes owners', async () => {
    expect(await rxnpm('owner', 'ls', 'owned-pkg')).toMatchObject({ code: 0, stdout: 'ada <ada@example.com>\n', stderr: '' });
    expect(await rxnpm('owner', 'add', 'carol', 'owned-pkg')).toMatchObject({ code: 0, stdout: '+ carol (owned-pkg)\n', stderr: '' });
    expect(registry.maintainers('owned-pkg')).toEqual([{ name: 'ada', email: 'ada@example.com' }, { name: 'carol', email: 'carol@example.com' }]);
    expect(JSON.parse((await rxnpm('owner', 'ls', 'owned-pkg', '--json')).stdout)).toEqual(registry.maintainers('owned-pkg'));
    expect(await rxnpm('owner', 'add', 'carol', 'owned-pkg')).toMatchObject({ code: 0, stdout: 'carol already owns owned-pkg: nothing to change\n' });
    expect(await rxnpm('owner', 'rm', 'carol', 'owned-pkg')).toMatchObject({ code: 0, stdout: '- carol (owned-pkg)\n', stderr: '' });
    expect(registry.maintainers('owned-pkg')).toEqual([{ name: 'ada', email: 'ada@example.com' }]);
  });

  it('refuses to remove the last owner, and names an unknown user', async () => {
    const last = await rxnpm('owner', 'rm', 'ada', 'owned-pkg');
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/^rxnpm owner rm ada owned-pkg: .*last owner.*\(EUSAGE\)\n$/);
    const unknown = await rxnpm('owner', 'add', 'nobody', 'owned-pkg');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^rxnpm owner add nobody owned-pkg: 404 Not Found - GET .*org\.couchdb\.user:nobody.*\(E404\)\n$/);
  });
});

describe('Ctrl-C', () => {
  it('aborts a request the registry never answers and exits 130', async () => {
    const cli = startCli(['view', 'never-answered', '--registry', `${registry.url}never/`, '--cache', home.cache], { cwd: home.cwd, env: home.env() });
    await registry.hanging();
    const sent = Date.now();
    cli.child.kill('SIGINT');
    const result = await cli.exited(10_000);
    expect(result.code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(result.stdout).toBe('');
  });

  it('stops a live view with exit code 130', async () => {
    const cli = startCli(['view', 'owned-pkg', 'maintainers', '--watch', '--interval', '200', ...home.flags(registry.url)], { cwd: home.cwd, env: home.env() });
    await cli.waitFor('ada <ada@example.com>');
    cli.child.kill('SIGINT');
    expect((await cli.exited(10_000)).code).toBe(130);
  });
});
