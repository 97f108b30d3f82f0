import { packTarball } from '../../src/cli/tarball/pack-tarball';
import { CLI, ensureCliBuilt, releaseCli } from './support/build-cli';
import { makeCliHome, tokenLine, type CliHome } from './support/cli-home';
import { addUser, startVerdaccio, type LocalRegistry } from './support/registry';
import { startLoopbackRegistry, type LoopbackRegistry } from './support/loopback-registry';
import { killAllClis, runCli } from './support/run-cli';
import { killTmuxServer, startTmux } from './support/tmux';

/**
 * On a real terminal (a tmux pseudo-terminal): `view --watch` redraws in
 * place, and what is missing is asked for (login, a one-time password).
 */

jest.setTimeout(60_000);

let registry: LocalRegistry;
let otpRegistry: LoopbackRegistry;
let home: CliHome;

async function publish(name: string, version: string): Promise<void> {
  const result = await runCli(['publish', await packTarball(home.root, { name, version }), ...home.flags(registry.url)], { cwd: home.cwd, env: home.env() });
  expect(result).toMatchObject({ code: 0, stdout: `+ ${name}@${version}\n` });
}

const count = (text: string, part: string) => text.split(part).length - 1;

beforeAll(async () => {
  await ensureCliBuilt();
  registry = await startVerdaccio();
  otpRegistry = await startLoopbackRegistry({});
  home = await makeCliHome();
  await home.writeUserconfig(tokenLine(registry.url, await addUser(registry.url, 'ada')));
}, 240_000);

afterAll(async () => {
  await killTmuxServer();
  await killAllClis();
  await registry?.close();
  await otpRegistry?.close();
  await home?.remove();
  await releaseCli();
});

it('redraws the view in place when a version is published, listing the change under it', async () => {
  await publish('on-screen', '1.0.0');
  const terminal = await startTmux([process.execPath, CLI, 'view', 'on-screen', '--watch', '--interval', '200', ...home.flags(registry.url)], {
    cwd: home.cwd,
    env: home.env(),
    scriptFolder: home.root,
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

  // Ctrl-C ends it, and the shell's session with it.
  await terminal.sendKeys('C-c');
  await terminal.waitForScreen((screen) => screen.startsWith('(no screen'), 10_000);
});

it('asks for the user name, password (not echoed) and e-mail of a login', async () => {
  const login = await makeCliHome();
  try {
    const terminal = await startTmux([process.execPath, CLI, 'login', ...login.flags(registry.url)], { cwd: login.cwd, env: login.env(), scriptFolder: login.root, hold: true });
    await terminal.waitForScreen((screen) => screen.includes('Username:'));
    await terminal.sendKeys('tty-user', 'Enter');
    await terminal.waitForScreen((screen) => screen.includes('Password:'));
    await terminal.sendKeys('tty-secret', 'Enter');
    await terminal.waitForScreen((screen) => screen.includes('Email (this IS public):'));
    await terminal.sendKeys('tty@example.com', 'Enter');
    const screen = await terminal.waitForScreen((text) => text.includes('[exit '));
    expect(screen).toContain(`Logged in as tty-user on ${registry.url}.`);
    expect(screen).toContain('[exit 0]');
    expect(screen).not.toContain('tty-secret');
    expect(await login.readUserconfig()).toContain(':_authToken=');
  } finally {
    await login.remove();
  }
});

it('asks for a one-time password when the registry wants one, and sends it', async () => {
  otpRegistry.otp = '424242';
  const tarball = await packTarball(home.root, { name: 'otp-on-screen', version: '1.0.0' });
  const terminal = await startTmux([process.execPath, CLI, 'publish', tarball, ...home.flags(otpRegistry.url)], {
    cwd: home.cwd,
    env: home.env({ npm_config_userconfig: '/dev/null' }),
    scriptFolder: home.root,
    hold: true,
  });
  await terminal.waitForScreen((screen) => screen.includes('This operation requires a one-time password.'));
  await terminal.sendKeys('424242', 'Enter');
  const screen = await terminal.waitForScreen((text) => text.includes('[exit '));
  expect(screen).toContain('+ otp-on-screen@1.0.0');
  expect(screen).toContain('[exit 0]');
  expect(otpRegistry.requests.filter((r) => r.method === 'PUT').map((r) => r.otp)).toEqual([undefined, '424242']);
});
