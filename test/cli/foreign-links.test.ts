import { startForeignLinksRegistry, type ForeignLinksRegistry } from '../support/foreign-links-registry';
import { ensureCliBuilt, releaseCli } from './support/build-cli';
import { makeCliHome, tokenLine, type CliHome } from './support/cli-home';
import { killAllClis, runCli, type CliResult } from './support/run-cli';

/**
 * A registry that sends `token list` to another origin for its next page,
 * and `login` to another origin for its token: the command fails with
 * EBADRESPONSE, the other origin hears nothing, and the .npmrc keeps the
 * user's own token.
 */

jest.setTimeout(60_000);

let hosts: ForeignLinksRegistry;
let home: CliHome;
const USER_TOKEN = 'npm_the_users_own_session_token';

const rxnpm = (...args: string[]): Promise<CliResult> => runCli([...args, ...home.flags(hosts.registry.url)], { cwd: home.cwd, env: home.env() });

beforeAll(async () => {
  await ensureCliBuilt();
}, 240_000);

beforeEach(async () => {
  hosts = await startForeignLinksRegistry();
  home = await makeCliHome();
  await home.writeUserconfig(tokenLine(hosts.registry.url, USER_TOKEN));
});

afterEach(async () => {
  await killAllClis();
  await hosts.close();
  await home.remove();
});

afterAll(() => releaseCli());

it('token list refuses a urls.next on another host', async () => {
  const result = await rxnpm('token', 'list', '--json');

  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'EBADRESPONSE', summary: expect.stringContaining('urls.next on another host') } });
  expect(hosts.elsewhere.requests).toHaveLength(0);
  expect(hosts.registry.requests.map((req) => `${req.method} ${req.url}`)).toEqual(['GET /-/npm/v1/tokens']);
});

it('login refuses a doneUrl on another host, and saves no token from it', async () => {
  const result = await rxnpm('login');

  expect(result.code).toBe(1);
  expect(result.stderr).toContain('doneUrl on another host');
  expect(result.stdout).not.toContain('Logged in');
  expect(hosts.elsewhere.requests).toHaveLength(0);
  expect(await home.readUserconfig()).toBe(tokenLine(hosts.registry.url, USER_TOKEN));
  expect(result.stdout + result.stderr).not.toContain(hosts.elsewhereToken);
});
