import { packTarball } from '../../src/cli/tarball/pack-tarball';
import { tokenLine } from './support/cli-home';
import { startLoopbackRegistry } from './support/loopback-registry';
import { useCli } from './support/use-cli';

/**
 * What Verdaccio cannot show: a registry that demands a one-time password,
 * package owners, and a request that never gets an answer (Ctrl-C). A small
 * server on 127.0.0.1 answers as the registry API documents.
 */

jest.setTimeout(60_000);

const cli = useCli({
  registry: () => startLoopbackRegistry({ 'owned-pkg': [{ name: 'ada', email: 'ada@example.com' }] }),
  userconfig: ({ url }) => tokenLine(url, 'loopback-token'),
});
const { rxnpm } = cli;

afterEach(() => {
  cli.registry.otp = undefined;
});

describe('a registry that demands a one-time password', () => {
  it('fails in one line naming --otp when stdin is not a terminal', async () => {
    cli.registry.otp = '123456';
    const result = await rxnpm('publish', await packTarball(cli.home.root, { name: 'otp-pkg', version: '1.0.0' }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^rxnpm publish .*otp-pkg-1\.0\.0\.tgz: 401 Unauthorized - PUT http:\/\/127\.0\.0\.1:\d+\/otp-pkg - You must provide a one-time pass/);
    expect(result.stderr).toContain('(EOTP)');
    expect(result.stderr).toContain('--otp <code>');
  });

  it('sends the code given with --otp', async () => {
    cli.registry.otp = '654321';
    const result = await rxnpm('publish', await packTarball(cli.home.root, { name: 'otp-pkg', version: '1.0.1' }), '--otp', '654321');
    expect(result).toMatchObject({ code: 0, stdout: '+ otp-pkg@1.0.1\n', stderr: '' });
    expect(cli.registry.requests.filter((r) => r.method === 'PUT').at(-1)).toMatchObject({ url: '/otp-pkg', otp: '654321' });
  });

  it('asks for owner changes too, and takes the code from npm_config_otp', async () => {
    cli.registry.otp = '111111';
    const refused = await rxnpm('owner', 'add', 'bob', 'owned-pkg');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^rxnpm owner add bob owned-pkg: 401 .*\(EOTP\); .*--otp/);
    const result = await cli.run(['owner', 'add', 'bob', 'owned-pkg'], { env: { npm_config_otp: '111111' } });
    expect(result).toMatchObject({ code: 0, stdout: '+ bob (owned-pkg)\n', stderr: '' });
    await rxnpm('owner', 'rm', 'bob', 'owned-pkg', '--otp', '111111');
  });
});

describe('owner', () => {
  it('lists, adds and removes owners', async () => {
    expect(await rxnpm('owner', 'ls', 'owned-pkg')).toMatchObject({ code: 0, stdout: 'ada <ada@example.com>\n', stderr: '' });
    expect(await rxnpm('owner', 'add', 'carol', 'owned-pkg')).toMatchObject({ code: 0, stdout: '+ carol (owned-pkg)\n', stderr: '' });
    expect(cli.registry.maintainers('owned-pkg')).toEqual([{ name: 'ada', email: 'ada@example.com' }, { name: 'carol', email: 'carol@example.com' }]);
    expect(JSON.parse((await rxnpm('owner', 'ls', 'owned-pkg', '--json')).stdout)).toEqual(cli.registry.maintainers('owned-pkg'));
    expect(await rxnpm('owner', 'add', 'carol', 'owned-pkg')).toMatchObject({ code: 0, stdout: 'carol already owns owned-pkg: nothing to change\n' });
    expect(await rxnpm('owner', 'rm', 'carol', 'owned-pkg')).toMatchObject({ code: 0, stdout: '- carol (owned-pkg)\n', stderr: '' });
    expect(cli.registry.maintainers('owned-pkg')).toEqual([{ name: 'ada', email: 'ada@example.com' }]);
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
    const view = cli.start(['view', 'never-answered'], { registry: `${cli.registry.url}never/` });
    await cli.registry.hanging();
    const sent = Date.now();
    view.child.kill('SIGINT');
    const result = await view.exited(10_000);
    expect(result.code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(result.stdout).toBe('');
  });

  it('stops a live view with exit code 130', async () => {
    const view = cli.start(['view', 'owned-pkg', 'maintainers', '--watch', '--interval', '200']);
    await view.waitFor('ada <ada@example.com>');
    view.child.kill('SIGINT');
    expect((await view.exited(10_000)).code).toBe(130);
  });
});
