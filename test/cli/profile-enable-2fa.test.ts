import { runNpm } from './flags/support/npm';
import { startAuthApiRegistry } from '../support/auth-api-registry';
import { tokenLine } from './support/cli-home';
import { runCli, type CliResult } from './support/run-cli';
import { useCli } from './support/use-cli';

/**
 * `profile enable-2fa` end to end against a loopback account registry: the
 * QR code npm draws (compared with the real npm's), and a user logged in
 * with a password, who is given a token first, as npm does, since the
 * registry sets two-factor auth for bearer tokens only.
 */

jest.setTimeout(120_000);

const cli = useCli({ registry: startAuthApiRegistry, per: 'test' });

const SECRET = 'JBSWY3DPEHPK3PXP';
const env = () => cli.home.env({ npm_config_update_notifier: 'false' });
const rxnpm = (...args: string[]): Promise<CliResult> => runCli([...args, ...cli.home.flags(cli.registry.url)], { cwd: cli.home.cwd, env: env(), timeoutMs: 60_000 });
const nerfed = () => cli.registry.url.replace(/^http:/, '');

/** What a tool printed to set up the authenticator: from `Scan into…` to the line with the secret. */
function challenge(stdout: string): string {
  const start = stdout.indexOf('Scan into your authenticator app:');
  const end = stdout.indexOf('\n', stdout.indexOf(' Or enter code:'));
  return start < 0 || end < 0 ? '' : stdout.slice(start, end + 1);
}

it('draws the otpauth URL as the QR code npm draws, then the secret to type instead', async () => {
  await cli.home.writeUserconfig(tokenLine(cli.registry.url, cli.registry.userToken));
  const mine = await rxnpm('profile', 'enable-2fa', 'auth-only', '--password', cli.registry.password, '--code', '123456');
  cli.registry.profile.tfa = null;
  const npms = await runNpm(['profile', 'enable-2fa', 'auth-only', ...cli.home.flags(cli.registry.url)], { cwd: cli.home.cwd, env: env(), input: `${cli.registry.password}\n123456\n`, timeoutMs: 60_000 });

  expect(mine.code).toBe(0);
  // npm's reader takes all of stdin with the password, so npm stops at the code prompt; what it drew before is what is compared.
  expect(challenge(npms.stdout)).not.toBe('');
  const drawn = challenge(mine.stdout);
  // Rows of white and black cells (ANSI backgrounds), the secret last; the URL itself is not printed.
  expect(drawn).toMatch(/^Scan into your authenticator app:\n(?:(?:\u001b\[4[07]m  \u001b\[0m)+\n){20,} Or enter code: JBSWY3DPEHPK3PXP\n$/);
  expect(drawn).not.toContain('otpauth://');
  expect(drawn).toBe(challenge(npms.stdout));
  expect(mine.stdout).toContain('2FA successfully enabled.');
});

describe('a user logged in with a password', () => {
  const classicLogins: Array<[string, () => string]> = [
    ['username and _password', () => `${nerfed()}:username=ada\n${nerfed()}:_password=${Buffer.from(cli.registry.password).toString('base64')}\n`],
    ['_auth', () => `${nerfed()}:_auth=${Buffer.from(`ada:${cli.registry.password}`).toString('base64')}\n`],
  ];

  it.each(classicLogins)('(%s) gets a token first, saved in the .npmrc and used to turn two-factor auth on', async (_how, npmrc) => {
    await cli.home.writeUserconfig(npmrc());
    const basic = `Basic ${Buffer.from(`ada:${cli.registry.password}`).toString('base64')}`;

    const result = await rxnpm('profile', 'enable-2fa', '--password', cli.registry.password, '--code', '123456');

    expect(result.code).toBe(0);
    expect(challenge(result.stdout)).toContain(` Or enter code: ${SECRET}\n`);
    const made = cli.registry.tokens[cli.registry.tokens.length - 1];
    // As npm (setCredentialsByURI): the token goes in, username and _password out; an _auth line stays, and the token wins over it.
    const saved = await cli.home.readUserconfig();
    expect(saved).toContain(`${nerfed()}:_authToken=${made.token}\n`);
    expect(saved).not.toMatch(/:username=|:_password=/);
    expect(cli.registry.requests.map((req) => `${req.method} ${req.url} ${req.headers.authorization === basic ? 'password' : req.headers.authorization === `Bearer ${made.token}` ? 'new token' : req.headers.authorization}`)).toEqual([
      'GET /-/npm/v1/user password',
      'POST /-/npm/v1/tokens password',
      'POST /-/npm/v1/user new token',
      'POST /-/npm/v1/user new token',
    ]);
    // npm-profile's classic token: the password, not read-only, from anywhere.
    expect(cli.registry.requests[1].body()).toBe(`{"password":"${cli.registry.password}","readonly":false,"cidr_whitelist":[]}`);
    expect(cli.registry.profile.tfa).toEqual({ mode: 'auth-and-writes', pending: false });
    expect(result.stdout + result.stderr).not.toContain(made.token);
  });

  it('with a password the registry refuses, fails before two-factor auth is touched and keeps the .npmrc', async () => {
    const npmrc = `${nerfed()}:username=ada\n${nerfed()}:_password=${Buffer.from('not it').toString('base64')}\n`;
    await cli.home.writeUserconfig(npmrc);

    const result = await rxnpm('profile', 'enable-2fa', '--password', cli.registry.password, '--code', '123456');

    expect(result.code).toBe(1);
    expect(cli.registry.requests.map((req) => `${req.method} ${req.url}`)).toEqual(['GET /-/npm/v1/user']);
    expect(await cli.home.readUserconfig()).toBe(npmrc);
  });
});
