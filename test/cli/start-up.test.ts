import { startLoopbackRegistry } from './support/loopback-registry';
import { useCli } from './support/use-cli';

/**
 * What a command loads: the program defines every command on each start, so
 * the library and the packages of one command must come in only when that
 * command runs. Node's own module log (NODE_DEBUG=module) names each file.
 */

jest.setTimeout(60_000);

const cli = useCli({ registry: () => startLoopbackRegistry({ 'owned-pkg': [{ name: 'ada' }] }) });

/** Runs the command line and returns what it printed, and the files it loaded from node_modules (`package/path`). */
async function loaded(...args: string[]): Promise<{ code: number | null; stdout: string; files: string[] }> {
  const result = await cli.run(args, { registry: false, env: { NODE_DEBUG: 'module' } });
  const files = [...result.stderr.matchAll(/^MODULE \d+: load "[^"]*\/node_modules\/([^"]+)"/gm)].map((match) => match[1]);
  return { code: result.code, stdout: result.stdout, files };
}

const packagesOf = (files: string[]): string[] => [...new Set(files.map((file) => file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/')))].sort();

describe('start-up', () => {
  it('--version loads commander and nothing else', async () => {
    const { code, stdout, files } = await loaded('--version');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(packagesOf(files)).toEqual(['commander']);
  });

  it('--help lists the commands without loading the library', async () => {
    const { code, stdout, files } = await loaded('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('view|info');
    expect(packagesOf(files)).toEqual(['commander']);
  });

  it("view loads what a view needs: not tar, not cli-progress, not undici's index (fetch, WebSocket…)", async () => {
    const { code, stdout, files } = await loaded('view', 'owned-pkg', 'name', ...cli.home.flags(cli.registry.url));
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'owned-pkg\n' });
    const packages = packagesOf(files);
    expect(packages).toEqual(expect.arrayContaining(['undici', '@npmcli/config', 'semver']));
    expect(packages).not.toContain('tar');
    expect(packages).not.toContain('cli-progress');
    expect(files).not.toContain('undici/index.js');
    expect(files.filter((file) => file.startsWith('undici/lib/web/'))).toEqual([]);
  });
});
