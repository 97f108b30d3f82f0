import { startAuthApiRegistry } from '../support/auth-api-registry';
import { tokenLine } from './support/cli-home';
import { useCli } from './support/use-cli';

/**
 * `token`, `profile` and the web `login` against a loopback registry that
 * speaks npm's account API. The text and JSON are what npm 11 prints for the
 * same answers (compared by running both against this server).
 */

jest.setTimeout(60_000);

const cli = useCli({ registry: startAuthApiRegistry, userconfig: (registry) => tokenLine(registry.url, registry.userToken), per: 'test' });
const { rxnpm } = cli;

beforeEach(() => {
  const { registry } = cli;
  registry.tokens.push({ key: `abcdef1234${'0'.repeat(20)}`, token: 'npm_ci_token_value', readonly: true, cidr_whitelist: ['192.0.2.0/24'], created: '2026-02-02T00:00:00.000Z', updated: '2026-02-02T00:00:00.000Z', name: 'ci' });
  registry.tokens.push({ key: `abcdef9999${'0'.repeat(20)}`, token: 'npm_other_value', readonly: false, cidr_whitelist: null, created: '2026-02-03T00:00:00.000Z', updated: '2026-02-03T00:00:00.000Z' });
});

describe('token', () => {
  it('lists every page of tokens as npm does, with the shortest unique ids', async () => {
    const result = await rxnpm('token', 'list');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `Token ${cli.registry.userToken.slice(0, 6)}… with id ${cli.registry.tokens[0].key.slice(0, 6)} name session created 2026-01-02`,
        '',
        'Token npm_ci… with id abcdef1 name ci created 2026-02-02',
        'with IP whitelist: 192.0.2.0/24',
        '',
        'Token npm_ot… with id abcdef9 name undefined created 2026-02-03',
        '',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await rxnpm('token', 'list', '--json')).stdout);
    expect(json.map((t: { id: string }) => t.id)).toEqual([cli.registry.tokens[0].key.slice(0, 6), 'abcdef1', 'abcdef9']);
  });

  it('creates a token with the password given, printing it once', async () => {
    const result = await rxnpm('token', 'create', '--password', cli.registry.password, '--cidr', '10.0.0.0/8');
    expect(result.stdout).toBe(`Created token ${cli.registry.tokens[3].token}\nwith IP whitelist: 10.0.0.0/8\n`);
    expect(cli.registry.tokens[3].cidr_whitelist).toEqual(['10.0.0.0/8']);
  });

  it('refuses an IPv6 or malformed range before asking the registry', async () => {
    const result = await rxnpm('token', 'create', '--password', cli.registry.password, '--cidr', '10.0.0.0/33');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CIDR whitelist contains invalid CIDR entry: 10.0.0.0/33');
    expect(cli.registry.requests).toHaveLength(0);
  });

  it('revokes by id prefix and names an id that is ambiguous', async () => {
    expect((await rxnpm('token', 'revoke', 'abcdef')).stderr).toContain('Token ID "abcdef" was ambiguous');
    const result = await rxnpm('token', 'revoke', 'abcdef1', '--json');
    expect(JSON.parse(result.stdout)).toEqual([`abcdef1234${'0'.repeat(20)}`]);
    expect(cli.registry.tokens.map((t) => t.name)).toEqual(['session', undefined]);
  });
});

describe('profile', () => {
  it('prints the profile as npm does, and single keys tab-separated', async () => {
    const result = await rxnpm('profile', 'get');
    expect(result.stdout).toBe(
      ['name: ada', 'email: ada@example.org (verified)', 'two-factor auth: disabled', 'fullname: ', 'homepage: ', 'freenode: ', 'twitter: ', 'github: ', 'created: 2026-01-02T03:04:05.000Z', 'updated: 2026-01-02T03:04:05.000Z', ''].join('\n'),
    );
    expect((await rxnpm('profile', 'get', 'email', 'name')).stdout).toBe('ada@example.org (verified)\tada\n');
  });

  it('sets one property, sending the other writable ones back unchanged', async () => {
    const result = await rxnpm('profile', 'set', 'fullname', 'Ada', 'Lovelace');
    expect(result.stdout).toBe('Set fullname to Ada Lovelace\n');
    const post = cli.registry.requests[cli.registry.requests.length - 1];
    expect(JSON.parse(post.body())).toMatchObject({ email: 'ada@example.org', fullname: 'Ada Lovelace' });
  });

  it('enables two-factor auth with the password and a code, printing the recovery codes, and disables it', async () => {
    const enabled = await rxnpm('profile', 'enable-2fa', 'auth-only', '--password', cli.registry.password, '--code', '123456');
    // As npm: the otpauth URL is drawn as a QR code (see profile-enable-2fa.test.ts), then the secret.
    expect(enabled.stdout).toMatch(/Scan into your authenticator app:\n[^]+\n Or enter code: JBSWY3DPEHPK3PXP\n/);
    expect(enabled.stdout).toContain('2FA successfully enabled.');
    expect(enabled.stdout).toContain('\trecovery-1\n\trecovery-2\n');
    expect(cli.registry.profile.tfa).toEqual({ mode: 'auth-only', pending: false });

    const disabled = await rxnpm('profile', 'disable-2fa', '--password', cli.registry.password, '--json');
    expect(JSON.parse(disabled.stdout)).toEqual({ tfa: false });
    expect(cli.registry.profile.tfa).toBeNull();
  });
});

describe('login', () => {
  it('logs in through the browser by default: prints the page, waits, saves the token for the registry', async () => {
    await cli.home.writeUserconfig('');
    const result = await rxnpm('login');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`Login at:\n${cli.registry.url}login/cli/abc\nLogged in on ${cli.registry.url}.\n`);
    expect(await cli.home.readUserconfig()).toContain(tokenLine(cli.registry.url, cli.registry.web.token).trim());
  });

  it('with auth-type=legacy asks for a user name and password instead (named, without a terminal)', async () => {
    const result = await cli.run(['login'], { env: { npm_config_auth_type: 'legacy' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--username, --password/);
    expect(cli.registry.requests).toHaveLength(0);
  });

  it('falls back to the classic login when the registry has no web login', async () => {
    cli.registry.web.status = 404;
    const result = await rxnpm('login', '--username', 'ada', '--email', 'ada@example.org', '--auth-type', 'web');
    expect(result.stderr).toMatch(/--password/);
    expect(cli.registry.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /-/v1/login']);
  });
});
