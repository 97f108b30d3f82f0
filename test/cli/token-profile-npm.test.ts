import { runNpm } from './flags/support/npm';
import { startAuthApiRegistry } from '../support/auth-api-registry';
import { tokenLine } from './support/cli-home';
import { runCli, type CliResult } from './support/run-cli';
import { useCli } from './support/use-cli';

/**
 * npm 11's `token create` options and the `--parseable` forms of `token` and
 * `profile`, run with rxnpm and with the real npm against the same loopback
 * account registry: the requests and the output are npm's, byte for byte.
 */

jest.setTimeout(120_000);

const cli = useCli({ registry: startAuthApiRegistry, userconfig: ({ url, userToken }) => tokenLine(url, userToken), per: 'test' });

type Tool = 'rxnpm' | 'npm';
const TOOLS: Tool[] = ['rxnpm', 'npm'];

/** Runs one tool; npm asks for passwords on stdin (`input`), rxnpm takes them as flags. */
function run(tool: Tool, args: readonly string[], input?: string): Promise<CliResult> {
  const options = { cwd: cli.home.cwd, env: cli.home.env({ npm_config_update_notifier: 'false' }), input, timeoutMs: 60_000 };
  const all = [...args, ...cli.home.flags(cli.registry.url)];
  return tool === 'rxnpm' ? runCli(all, options) : runNpm(all, options);
}

/** npm writes its password prompt to stdout; the rest of stdout is the result. */
const withoutPrompts = (stdout: string): string => stdout.replace(/^npm password: \n/gm, '');

beforeEach(() => {
  // Two more tokens whose keys share their first six characters, one read-only with two ranges, one without a name.
  const day = (date: string) => ({ created: `${date}T00:00:00.000Z`, updated: `${date}T00:00:00.000Z` });
  cli.registry.tokens.push(
    { key: `abcdef1234${'0'.repeat(20)}`, token: 'npm_ci', readonly: true, cidr_whitelist: ['192.0.2.0/24', '198.51.100.0/24'], ...day('2026-02-02'), name: 'ci' },
    { key: `abcdef9999${'0'.repeat(20)}`, token: 'npm_ot', readonly: false, cidr_whitelist: null, ...day('2026-02-03') },
  );
});

describe('token create with npm 11’s options', () => {
  const OPTIONS = [
    '--name', 'ci deploy', '--token-description', 'for the CI', '--expires', '30',
    '--packages', 'left-pad', '--packages', '@acme/tools', '--packages-all', '--scopes', '@acme', '--orgs', 'acme',
    '--packages-and-scopes-permission', 'read-write', '--orgs-permission', 'read-only',
    '--cidr', '10.0.0.0/8,192.0.2.0/24', '--bypass-2fa',
  ];

  it.each([
    ['text', []],
    ['--parseable', ['--parseable']],
    ['--json', ['--json']],
  ])('sends npm’s request body and prints what npm prints (%s)', async (_form, extra) => {
    const seen: Record<Tool, { body: string; stdout: string }> = { rxnpm: { body: '', stdout: '' }, npm: { body: '', stdout: '' } };
    for (const tool of TOOLS) {
      const result = await run(tool, ['token', 'create', '--password', cli.registry.password, ...OPTIONS, ...extra]);
      expect(result).toMatchObject({ code: 0 });
      const made = cli.registry.tokens[cli.registry.tokens.length - 1];
      const post = cli.registry.requests.filter((req) => req.method === 'POST' && req.url === '/-/npm/v1/tokens').pop();
      // Each run makes its own token: the secret is the one thing that differs.
      seen[tool] = { body: post?.body() ?? '', stdout: result.stdout.split(made.token).join('<token>') };
    }
    expect(seen.rxnpm.body).toBe(seen.npm.body);
    expect(JSON.parse(seen.rxnpm.body)).toMatchObject({ name: 'ci deploy', packages: ['left-pad', '@acme/tools'], expires: 30, cidr_whitelist: ['10.0.0.0/8', '192.0.2.0/24'], bypass_2fa: true });
    expect(seen.rxnpm.stdout).toBe(seen.npm.stdout);
    expect(seen.rxnpm.stdout).toContain('<token>');
  });

  it('without options sends only the password and npm’s `name: null`', async () => {
    for (const tool of TOOLS) await run(tool, ['token', 'create', '--password', cli.registry.password]);
    const bodies = cli.registry.requests.filter((req) => req.method === 'POST').map((req) => req.body());
    expect(bodies).toEqual([`{"name":null,"password":"${cli.registry.password}"}`, `{"name":null,"password":"${cli.registry.password}"}`]);
  });

  it('refuses an IPv6 range with npm’s code before anything is sent', async () => {
    const result = await run('rxnpm', ['token', 'create', '--password', cli.registry.password, '--cidr', '2001:db8::/32', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'EINVALIDCIDR', summary: 'CIDR whitelist can only contain IPv4 addresses, 2001:db8::/32 is IPv6' } });
    expect(cli.registry.requests).toHaveLength(0);
  });
});

describe('--parseable, as npm prints it', () => {
  it.each([
    ['token list', ['token', 'list', '--parseable']],
    ['token list (text)', ['token', 'list']],
    ['profile get', ['profile', 'get', '--parseable']],
    ['profile get -p with a key', ['profile', 'get', 'email', '-p']],
    ['profile get (text)', ['profile', 'get']],
  ])('%s', async (_what, args) => {
    const [mine, npms] = [await run('rxnpm', args), await run('npm', args)];
    expect(mine.stdout).not.toBe('');
    expect(mine).toMatchObject({ code: 0, stdout: npms.stdout });
  });

  it('token revoke prints the keys it revoked, tab-separated', async () => {
    const mine = await run('rxnpm', ['token', 'revoke', 'abcdef1', '-p']);
    const npms = await run('npm', ['token', 'revoke', 'abcdef9', '-p']);
    expect(mine.stdout).toBe(`abcdef1234${'0'.repeat(20)}\n`);
    expect(npms.stdout).toBe(`abcdef9999${'0'.repeat(20)}\n`);
  });

  it('profile set prints the property and its new value', async () => {
    const outputs = [];
    for (const tool of TOOLS) outputs.push((await run(tool, ['profile', 'set', 'homepage', 'https://ada.example', '--parseable'])).stdout);
    expect(outputs).toEqual(['homepage\thttps://ada.example\n', 'homepage\thttps://ada.example\n']);
  });

  it('profile disable-2fa prints tfa false', async () => {
    const outputs = [];
    for (const tool of TOOLS) {
      cli.registry.profile.tfa = { mode: 'auth-only', pending: false };
      const result = await run(tool, ['profile', 'disable-2fa', '--parseable', ...(tool === 'rxnpm' ? ['--password', cli.registry.password] : [])], `${cli.registry.password}\n`);
      outputs.push(withoutPrompts(result.stdout));
    }
    expect(outputs).toEqual(['tfa\tfalse\n', 'tfa\tfalse\n']);
  });

  it('profile enable-2fa refuses parseable output as npm does', async () => {
    const result = await run('rxnpm', ['profile', 'enable-2fa', '--parseable']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Enabling two-factor authentication is an interactive operation and parseable output mode is not available');
    expect(cli.registry.requests).toHaveLength(0);
  });
});
