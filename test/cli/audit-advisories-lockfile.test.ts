import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useCli } from './support/use-cli';
import { runCli, type CliResult } from './support/run-cli';
import { runNpm } from './flags/support/npm';
import { startTrustRegistry } from '../support/trust-registry';

/**
 * `rxnpm audit advisories --lockfile` prints what `npm audit
 * --package-lock-only` prints for the same package-lock.json and the same
 * answers of one loopback registry (bulk advisories and packuments): the
 * ranges, the fix lines and the advice after the summary.
 */

jest.setTimeout(120_000);

const cli = useCli({ registry: startTrustRegistry });

const env = () => cli.home.env({ npm_config_update_notifier: 'false', npm_config_fund: 'false' });
const flags = () => cli.home.flags(cli.registry.url);

/** A project with a package.json and the package-lock.json npm would write for it. */
async function project(dependencies: Record<string, string>, locked: Record<string, { version: string; dependencies?: Record<string, string> }>): Promise<string> {
  const root = await mkdtemp(join(cli.home.root, 'project-'));
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies } };
  for (const [location, entry] of Object.entries(locked)) {
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages[location] = { ...entry, resolved: `${cli.registry.url}${name}/-/${name}-${entry.version}.tgz` };
  }
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies }, null, 2));
  await writeFile(join(root, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  return root;
}

async function both(root: string, npmArgs: string[], rxnpmArgs: string[]): Promise<{ npm: CliResult; rxnpm: CliResult }> {
  const npm = await runNpm(['audit', '--package-lock-only', ...npmArgs, ...flags()], { cwd: root, env: env(), timeoutMs: 90_000 });
  const rxnpm = await runCli(['audit', 'advisories', '--lockfile', ...rxnpmArgs, ...flags()], { cwd: root, env: env() });
  return { npm, rxnpm };
}

const advisory = (id: number, title: string, severity: 'low' | 'moderate' | 'high' | 'critical', range: string) => ({ id, url: `http://127.0.0.1/advisories/${id}`, title, severity, vulnerable_versions: range });

beforeAll(() => {
  cli.registry.addPackage('lodash', [{ version: '4.17.20' }, { version: '4.17.21' }]);
  cli.registry.addPackage('exact', [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '2.0.0' }]);
  cli.registry.addPackage('breaking', [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '2.0.0' }]);
  cli.registry.addPackage('nofix', [{ version: '1.0.0' }, { version: '2.0.0' }]);
  cli.registry.addPackage('minimist', [{ version: '1.2.5' }, { version: '1.2.6' }]);
  cli.registry.addPackage('uses-minimist', [{ version: '1.0.0' }]);
  cli.registry.addPackage('safe', [{ version: '1.0.0' }]);
  cli.registry.addAdvisory('lodash', advisory(1, 'Prototype Pollution', 'high', '<4.17.21'));
  cli.registry.addAdvisory('exact', advisory(2, 'Exact pin', 'moderate', '<1.1.0'));
  cli.registry.addAdvisory('breaking', advisory(3, 'Only fixed in 2', 'high', '<2.0.0'));
  cli.registry.addAdvisory('nofix', advisory(4, 'Never fixed', 'critical', '<=2.0.0'));
  cli.registry.addAdvisory('minimist', advisory(5, 'Bad parse', 'low', '<1.2.6'));
  // An advisory for a version nobody locked is not reported.
  cli.registry.addAdvisory('lodash', advisory(6, 'Old only', 'critical', '<4.0.0'));
});

it('prints each kind of fix and npm’s advice for all of them, as npm', async () => {
  const root = await project(
    { lodash: '^4.17.0', exact: '1.0.0', breaking: '^1.0.0', nofix: '^1.0.0', 'uses-minimist': '^1.0.0', safe: '^1.0.0' },
    {
      'node_modules/lodash': { version: '4.17.20' },
      'node_modules/exact': { version: '1.0.0' },
      'node_modules/breaking': { version: '1.1.0' },
      'node_modules/nofix': { version: '1.0.0' },
      'node_modules/uses-minimist': { version: '1.0.0', dependencies: { minimist: '^1.2.0' } },
      'node_modules/minimist': { version: '1.2.5' },
      'node_modules/safe': { version: '1.0.0' },
    },
  );
  const { npm, rxnpm } = await both(root, [], []);
  expect(npm.code).toBe(1);
  expect(npm.stdout).toContain('fix available via `npm audit fix --force`\nWill install exact@1.1.0, which is outside the stated dependency range');
  expect(npm.stdout).toContain('Will install breaking@2.0.0, which is a breaking change');
  expect(npm.stdout).toContain('No fix available');
  expect(npm.stdout).toContain('Some issues need review, and may require choosing\na different dependency.');
  expect(rxnpm).toMatchObject({ code: 1, stdout: npm.stdout });
});

it('prints “To address all issues” when npm audit fix fixes everything, as npm', async () => {
  const root = await project({ lodash: '^4.17.0' }, { 'node_modules/lodash': { version: '4.17.20' }, 'node_modules/a/node_modules/lodash': { version: '4.17.21' } });
  const { npm, rxnpm } = await both(root, [], []);
  expect(npm.stdout).toBe(
    [
      '# npm audit report',
      '',
      // npm simplifies the advisory's range over the registry's versions: here one version.
      'lodash  4.17.20',
      'Severity: high',
      'Prototype Pollution - http://127.0.0.1/advisories/1',
      'fix available via `npm audit fix`',
      'node_modules/lodash',
      '',
      '1 high severity vulnerability',
      '',
      'To address all issues, run:',
      '  npm audit fix',
      '',
    ].join('\n'),
  );
  expect(rxnpm).toMatchObject({ code: 1, stdout: npm.stdout });
});

it('says found 0 vulnerabilities, as npm, when nothing locked is affected', async () => {
  const root = await project({ lodash: '^4.17.21' }, { 'node_modules/lodash': { version: '4.17.21' } });
  const { npm, rxnpm } = await both(root, [], []);
  expect(npm).toMatchObject({ code: 0, stdout: 'found 0 vulnerabilities\n' });
  expect(rxnpm).toMatchObject({ code: 0, stdout: npm.stdout });
});

it('--json carries npm’s isDirect and fixAvailable for each vulnerability', async () => {
  const root = await project(
    { exact: '1.0.0', 'uses-minimist': '^1.0.0' },
    { 'node_modules/exact': { version: '1.0.0' }, 'node_modules/uses-minimist': { version: '1.0.0', dependencies: { minimist: '^1.2.0' } }, 'node_modules/minimist': { version: '1.2.5' } },
  );
  const { npm, rxnpm } = await both(root, ['--json'], ['--json']);
  type Report = { vulnerabilities: Record<string, { isDirect: boolean; fixAvailable: unknown; range: string; nodes: string[] }> };
  const pick = (text: string) => Object.fromEntries(Object.entries((JSON.parse(text) as Report).vulnerabilities).map(([name, v]) => [name, { isDirect: v.isDirect, fixAvailable: v.fixAvailable, range: v.range, nodes: v.nodes }]));
  expect(pick(npm.stdout)).toEqual({
    exact: { isDirect: true, fixAvailable: { name: 'exact', version: '1.1.0', isSemVerMajor: false }, range: '1.0.0', nodes: ['node_modules/exact'] },
    minimist: { isDirect: false, fixAvailable: true, range: '1.2.5', nodes: ['node_modules/minimist'] },
  });
  expect(pick(rxnpm.stdout)).toEqual(pick(npm.stdout));
});

it('takes a packument the registry does not give as one without versions, as npm: no range, no fix', async () => {
  cli.registry.addAdvisory('unlisted', advisory(7, 'Gone from the registry', 'moderate', '<2.0.0'));
  const root = await project({ unlisted: '^1.0.0' }, { 'node_modules/unlisted': { version: '1.0.0' } });
  const { npm, rxnpm } = await both(root, [], []);
  expect(npm.stdout).toContain('unlisted  \nSeverity: moderate\nGone from the registry - http://127.0.0.1/advisories/7\nNo fix available\n');
  expect(rxnpm).toMatchObject({ code: 1, stdout: npm.stdout });
});

it('asks for no packument of a package the lockfile does not lock, whatever the advisories answer names', async () => {
  cli.registry.addPackage('not-locked', [{ version: '1.0.0' }]);
  cli.registry.addUnaskedAdvisory('not-locked', advisory(8, 'Sent unasked', 'critical', '*'));
  const root = await project({ safe: '^1.0.0' }, { 'node_modules/safe': { version: '1.0.0' } });
  const asked = cli.registry.server.requests.length;
  const rxnpm = await runCli(['audit', 'advisories', '--lockfile', ...flags()], { cwd: root, env: env() });
  expect(rxnpm).toMatchObject({ code: 0, stdout: 'found 0 vulnerabilities\n' });
  expect(cli.registry.server.requests.slice(asked).map((req) => `${req.method} ${req.url}`)).toEqual(['POST /-/npm/v1/security/advisories/bulk']);
});
