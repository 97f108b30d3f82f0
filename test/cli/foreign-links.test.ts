import { startForeignLinksRegistry } from '../support/foreign-links-registry';
import { tokenLine } from './support/cli-home';
import { useCli } from './support/use-cli';

/**
 * A registry that sends `token list` to another origin for its next page,
 * and `login` to another origin for its token: the command fails with
 * EBADRESPONSE, the other origin hears nothing, and the .npmrc keeps the
 * user's own token.
 */

jest.setTimeout(60_000);

const USER_TOKEN = 'npm_the_users_own_session_token';
const cli = useCli({ registry: startForeignLinksRegistry, userconfig: ({ url }) => tokenLine(url, USER_TOKEN), per: 'test' });

const rxnpm = cli.rxnpm;

it('token list refuses a urls.next on another host', async () => {
  const result = await rxnpm('token', 'list', '--json');

  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'EBADRESPONSE', summary: expect.stringContaining('urls.next on another host') } });
  expect(cli.registry.elsewhere.requests).toHaveLength(0);
  expect(cli.registry.registry.requests.map((req) => `${req.method} ${req.url}`)).toEqual(['GET /-/npm/v1/tokens']);
});

it('login refuses a doneUrl on another host, and saves no token from it', async () => {
  const result = await rxnpm('login');

  expect(result.code).toBe(1);
  expect(result.stderr).toContain('doneUrl on another host');
  expect(result.stdout).not.toContain('Logged in');
  expect(cli.registry.elsewhere.requests).toHaveLength(0);
  expect(await cli.home.readUserconfig()).toBe(tokenLine(cli.registry.registry.url, USER_TOKEN));
  expect(result.stdout + result.stderr).not.toContain(cli.registry.elsewhereToken);
});
