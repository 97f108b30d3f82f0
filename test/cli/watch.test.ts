import { packTarball } from '../../src/cli/tarball/pack-tarball';
import { tokenLine } from './support/cli-home';
import { addUser, startVerdaccio } from './support/registry';
import { useCli } from './support/use-cli';

/**
 * `view --watch` when stdout is not a terminal: the view once, then one line
 * per change made by other processes, until Ctrl-C.
 */

jest.setTimeout(60_000);

const cli = useCli({ registry: startVerdaccio, userconfig: async ({ url }) => tokenLine(url, await addUser(url, 'ada')) });

async function publish(name: string, version: string, tag = 'latest'): Promise<void> {
  const result = await cli.rxnpm('publish', await packTarball(cli.home.root, { name, version }), '--tag', tag);
  expect(result).toMatchObject({ code: 0, stdout: `+ ${name}@${version}\n` });
}

const watch = (...args: string[]) => cli.start(['view', ...args, '--watch', '--interval', '200']);

it('prints the view, then a line for each version published and each dist-tag moved by another process', async () => {
  await publish('watched', '1.0.0');
  const view = watch('watched');
  await view.waitFor('latest: 1.0.0');
  const shown = view.stdout();

  await publish('watched', '1.1.0');
  await view.waitFor('watched: latest 1.0.0 → 1.1.0');
  await publish('watched', '2.0.0-rc.1', 'next');
  await view.waitFor('watched: next → 2.0.0-rc.1 (new tag)');

  expect(view.stdout().slice(shown.length).split('\n').filter(Boolean)).toEqual([
    'watched: new version 1.1.0',
    'watched: latest 1.0.0 → 1.1.0',
    'watched: new version 2.0.0-rc.1',
    'watched: next → 2.0.0-rc.1 (new tag)',
  ]);
  expect(view.child.exitCode).toBeNull(); // it never ends on its own
  view.child.kill('SIGINT');
  const result = await view.exited(10_000);
  expect(result.code).toBe(130);
  expect(result.stderr).toBe('');
});

it('waits for a package that is not published yet, and prints JSON lines with --json', async () => {
  const view = watch('watched-later', '--json');
  await view.waitFor('waiting for it to be published', { stream: 'stderr' });
  await publish('watched-later', '0.1.0');
  await view.waitFor('"tag-added"');
  const lines = view.stdout().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  expect(lines).toEqual([
    { name: 'watched-later', type: 'version-added', version: '0.1.0' },
    { name: 'watched-later', type: 'tag-added', tag: 'latest', to: '0.1.0' },
  ]);
  view.child.kill('SIGINT');
  expect((await view.exited(10_000)).code).toBe(130);
});
