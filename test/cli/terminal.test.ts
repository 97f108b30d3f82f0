import { packTarball } from '../../src/cli/tarball/pack-tarball';
import { CLI } from './support/build-cli';
import { tokenLine } from './support/cli-home';
import { addUser, startVerdaccio } from './support/registry';
import { startLoopbackRegistry, type LoopbackRegistry } from './support/loopback-registry';
import { killTmuxServer, startTmux } from './support/tmux';
import { useCli } from './support/use-cli';

/**
 * On a real terminal (a tmux pseudo-terminal): `view --watch` redraws in
 * place, and what is missing is asked for (login, a one-time password).
 */

jest.setTimeout(60_000);

// Before the fixture's teardown (Jest runs hooks in the order written): the tmux sessions run in its homes.
afterAll(() => killTmuxServer());

const cli = useCli({ registry: startVerdaccio, userconfig: async ({ url }) => tokenLine(url, await addUser(url, 'ada')) });
/** A registry that asks for a one-time password, beside Verdaccio. */
let otpRegistry: LoopbackRegistry;

beforeAll(async () => {
  otpRegistry = await startLoopbackRegistry({});
});

afterAll(() => otpRegistry?.close());

async function publish(name: string, version: string): Promise<void> {
  const result = await cli.rxnpm('publish', await packTarball(cli.home.root, { name, version }));
  expect(result).toMatchObject({ code: 0, stdout: `+ ${name}@${version}\n` });
}

const count = (text: string, part: string) => text.split(part).length - 1;

it('redraws the view in place when a version is published, listing the change under it', async () => {
  await publish('on-screen', '1.0.0');
  const terminal = await startTmux([process.execPath, CLI, 'view', 'on-screen', '--watch', '--interval', '200', ...cli.home.flags(cli.registry.url)], {
    cwd: cli.home.cwd,
    env: cli.home.env(),
    scriptFolder: cli.home.root,
  });
  const before = await terminal.waitForScreen((screen) => screen.includes('latest: 1.0.0'));
  expect(before).toContain('watching on-screen');

  await publish('on-screen', '1.1.0');
  const after = await terminal.waitForScreen((screen) => screen.includes('latest: 1.1.0'));
  // Redrawn, not appended: one view on the screen, the old one erased.
  expect(after).not.toContain('latest: 1.0.0');
  expect(count(after, 'dist-tags:')).toBe(1);
  expect(count(after, 'watching on-screen')).toBe(1);
  expect(after).toMatch(/\d\d:\d\d:\d\d on-screen: latest 1\.0\.0 → 1\.1\.0/);
  expect(after).toMatch(/\d\d:\d\d:\d\d on-screen: new version 1\.1\.0/);

  await publish('on-screen', '1.2.0');
  const again = await terminal.waitForScreen((screen) => screen.includes('latest: 1.2.0'));
  expect(count(again, 'dist-tags:')).toBe(1);
  expect(again).toMatch(/on-screen: latest 1\.1\.0 → 1\.2\.0/);
  // Erased in place, not cleared: no copy of an earlier view went into the scrollback.
  expect(await terminal.historySize()).toBe(0);

  // Ctrl-C ends it, and the shell's session with it.
  await terminal.sendKeys('C-c');
  await terminal.waitForScreen((screen) => screen.startsWith('(no screen'), 10_000);
});

/** A package whose view is taller than a 10-row terminal, with a line of wide characters that wraps at 50 columns. */
async function publishTall(name: string, version: string): Promise<void> {
  const dependencies = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`dep-${i + 1}`, '^1.0.0']));
  const description = `${'漢字'.repeat(15)} a tall package`;
  const tarball = await packTarball(cli.home.root, { name, version, description, dependencies });
  expect(await cli.rxnpm('publish', tarball)).toMatchObject({ code: 0 });
}

const watchOnShortTerminal = (name: string, interval: number) =>
  startTmux([process.execPath, CLI, 'view', name, '--watch', '--interval', String(interval), ...cli.home.flags(cli.registry.url)], {
    cwd: cli.home.cwd,
    env: cli.home.env(),
    scriptFolder: cli.home.root,
    columns: 50,
    rows: 10,
  });

const rowsUsed = (screen: string) => screen.replace(/\n+$/, '').split('\n').length;
const linesCut = (screen: string) => Number(/… (\d+) more lines/.exec(screen)?.[1]);

it('fits the live view to a short terminal, wrapped and wide lines counted, and redraws it without leaving copies in the scrollback', async () => {
  await publishTall('tall-view', '1.0.0');
  const terminal = await watchOnShortTerminal('tall-view', 200);

  const first = await terminal.waitForScreen((screen) => screen.includes('watching tall-view'));
  expect(first).toMatch(/^\ntall-view@1\.0\.0 /);
  expect(first).toMatch(/… \d+ more lines/);
  // Nine rows at most: the tenth is the cursor's, so nothing scrolls.
  expect(rowsUsed(first)).toBeLessThanOrEqual(9);

  await publishTall('tall-view', '1.1.0');
  await terminal.waitForScreen((screen) => screen.includes('tall-view: new version 1.1.0'));
  await publishTall('tall-view', '1.2.0');
  const after = await terminal.waitForScreen((screen) => screen.includes('tall-view: new version 1.2.0'));
  expect(after).toMatch(/^\ntall-view@1\.2\.0 /);
  expect(count(after, 'watching tall-view')).toBe(1);
  expect(rowsUsed(after)).toBeLessThanOrEqual(9);

  // Redrawn at every poll (five a second) and at each publish: not one copy went into the scrollback.
  expect(await terminal.historySize()).toBe(0);
  const everything = await terminal.scrollback();
  expect(count(everything, 'watching tall-view')).toBe(1);
  expect(count(everything, 'tall-view@')).toBe(1);

  await terminal.sendKeys('C-c');
  await terminal.waitForScreen((screen) => screen.startsWith('(no screen'), 10_000);
});

it('redraws the live view at once when the terminal is resized, cut to its new size', async () => {
  await publishTall('resized-view', '1.0.0');
  // No poll for a minute: only the resize can redraw it.
  const terminal = await watchOnShortTerminal('resized-view', 60_000);
  const short = await terminal.waitForScreen((screen) => screen.includes('watching resized-view'));
  await terminal.resize(50, 16);
  const taller = await terminal.waitForScreen((screen) => linesCut(screen) < linesCut(short), 5_000);
  expect(rowsUsed(taller)).toBeLessThanOrEqual(15);
  expect(count(await terminal.scrollback(), 'watching resized-view')).toBe(1);

  await terminal.sendKeys('C-c');
  await terminal.waitForScreen((screen) => screen.startsWith('(no screen'), 10_000);
});

it('asks for the user name, password (not echoed) and e-mail of a login', async () => {
  const login = await cli.newHome();
  const terminal = await startTmux([process.execPath, CLI, 'login', ...login.flags(cli.registry.url)], { cwd: login.cwd, env: login.env(), scriptFolder: login.root, hold: true });
  await terminal.waitForScreen((screen) => screen.includes('Username:'));
  await terminal.sendKeys('tty-user', 'Enter');
  await terminal.waitForScreen((screen) => screen.includes('Password:'));
  await terminal.sendKeys('tty-secret', 'Enter');
  await terminal.waitForScreen((screen) => screen.includes('Email (this IS public):'));
  await terminal.sendKeys('tty@example.com', 'Enter');
  const screen = await terminal.waitForScreen((text) => text.includes('[exit '));
  expect(screen).toContain(`Logged in as tty-user on ${cli.registry.url}.`);
  expect(screen).toContain('[exit 0]');
  expect(screen).not.toContain('tty-secret');
  expect(await login.readUserconfig()).toContain(':_authToken=');
});

it('asks for a one-time password when the registry wants one, and sends it', async () => {
  otpRegistry.otp = '424242';
  const tarball = await packTarball(cli.home.root, { name: 'otp-on-screen', version: '1.0.0' });
  const terminal = await startTmux([process.execPath, CLI, 'publish', tarball, ...cli.home.flags(otpRegistry.url)], {
    cwd: cli.home.cwd,
    env: cli.home.env({ npm_config_userconfig: '/dev/null' }),
    scriptFolder: cli.home.root,
    hold: true,
  });
  await terminal.waitForScreen((screen) => screen.includes('This operation requires a one-time password.'));
  await terminal.sendKeys('424242', 'Enter');
  const screen = await terminal.waitForScreen((text) => text.includes('[exit '));
  expect(screen).toContain('+ otp-on-screen@1.0.0');
  expect(screen).toContain('[exit 0]');
  expect(otpRegistry.requests.filter((r) => r.method === 'PUT').map((r) => r.otp)).toEqual([undefined, '424242']);
});
