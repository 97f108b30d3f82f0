import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useCli } from './support/use-cli';
import { runCli, type CliResult } from './support/run-cli';
import { signingKey, startTrustRegistry } from '../support/trust-registry';

/**
 * `rxnpm audit signatures` with no spec audits the project's installed tree,
 * as `npm audit signatures` does. npm 11 itself cannot be run beside it here:
 * its audit first refreshes Sigstore's TUF metadata from a fixed public
 * mirror (`@sigstore/tuf` initTUF, whose mirror URL npm does not let a user
 * set), so the expected output is npm's, written from its source
 * (lib/utils/verify-signatures.js).
 */

jest.setTimeout(60_000);

const cli = useCli({ registry: startTrustRegistry });
const current = signingKey('SHA256:current');
const stranger = signingKey('SHA256:current');

const rxnpm = (cwd: string, ...args: string[]): Promise<CliResult> => runCli([...args, ...cli.home.flags(cli.registry.url)], { cwd, env: cli.home.env() });

/** A project folder laid out as npm installs it: package.json, node_modules/<name>/package.json, and npm's hidden lockfile. */
async function project(dependencies: Record<string, Record<string, string>>, installed: Record<string, { name: string; version: string; resolved?: string }>): Promise<string> {
  const root = await mkdtemp(join(cli.home.root, 'project-'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', ...dependencies }));
  const hidden: Record<string, unknown> = {};
  for (const [location, { name, version, resolved }] of Object.entries(installed)) {
    await mkdir(join(root, location), { recursive: true });
    await writeFile(join(root, location, 'package.json'), JSON.stringify({ name, version }));
    hidden[location] = { version, resolved: resolved ?? `${cli.registry.url}${name}/-/${name}-${version}.tgz` };
  }
  await mkdir(join(root, 'node_modules'), { recursive: true });
  await writeFile(join(root, 'node_modules', '.package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages: hidden }));
  return root;
}

beforeAll(() => {
  cli.registry.setKeys([current.listed]);
  cli.registry.addPackage('signed-a', [{ version: '1.0.0', signedBy: current }, { version: '1.1.0', signedBy: current }]);
  cli.registry.addPackage('signed-b', [{ version: '2.0.0', signedBy: current }]);
  cli.registry.addPackage('plain', [{ version: '1.0.0' }]);
  cli.registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
});

it('audits every package installed, nested copies too, and skips linked and git-installed ones', async () => {
  const root = await project(
    { dependencies: { 'signed-a': '^1.1.0', 'signed-b': '^2.0.0', 'from-git': 'github:someone/from-git', local: 'file:../local' } },
    {
      'node_modules/signed-a': { name: 'signed-a', version: '1.1.0' },
      'node_modules/signed-b': { name: 'signed-b', version: '2.0.0' },
      'node_modules/signed-b/node_modules/signed-a': { name: 'signed-a', version: '1.0.0' },
      // Neither is on the registry: asking for it would fail the audit.
      'node_modules/from-git': { name: 'from-git', version: '3.0.0', resolved: 'git+ssh://git@example.invalid/someone/from-git.git#abc' },
    },
  );
  const local = join(root, '..', `local-${Date.now()}`);
  await mkdir(local);
  await writeFile(join(local, 'package.json'), JSON.stringify({ name: 'local', version: '1.0.0' }));
  await symlink(local, join(root, 'node_modules', 'local'), 'dir');

  const result = await rxnpm(root, 'audit', 'signatures');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toBe('audited 3 packages in 0s\n\n3 packages have verified registry signatures\n\n');
  await rm(local, { recursive: true, force: true });
});

it('reports an invalid signature as npm does, and its --json entry with the place, key, signature and dependency type', async () => {
  const root = await project(
    { dependencies: { 'signed-a': '1.0.0' }, devDependencies: { forged: '1.0.0' } },
    { 'node_modules/signed-a': { name: 'signed-a', version: '1.0.0' }, 'node_modules/forged': { name: 'forged', version: '1.0.0' } },
  );
  const result = await rxnpm(root, 'audit', 'signatures');
  expect(result.code).toBe(1);
  expect(result.stdout).toBe(
    [
      'audited 2 packages in 0s',
      '',
      '1 package has a verified registry signature',
      '',
      '1 package has an invalid registry signature:',
      '',
      `forged@1.0.0 (${cli.registry.url})`,
      '',
      'Someone might have tampered with this package since it was published on the registry!',
      '',
      '',
    ].join('\n'),
  );

  const served = (await (await fetch(`${cli.registry.url}forged`)).json()) as { versions: Record<string, { dist: { integrity: string; tarball: string; signatures: { sig: string }[] } }> };
  const { integrity, tarball, signatures } = served.versions['1.0.0'].dist;
  const json = await rxnpm(root, 'audit', 'signatures', '--json');
  expect(json.code).toBe(1);
  // Keys in npm's order, so the text is npm's byte for byte.
  expect(json.stdout).toBe(
    `${JSON.stringify(
      {
        invalid: [
          {
            code: 'EINTEGRITYSIGNATURE',
            message: `forged@1.0.0 has an invalid registry signature with keyid: SHA256:current and signature: ${signatures[0].sig}`,
            integrity,
            keyid: 'SHA256:current',
            location: 'node_modules/forged',
            name: 'forged',
            registry: cli.registry.url,
            resolved: tarball,
            signature: signatures[0].sig,
            type: 'devDependencies',
            version: '1.0.0',
          },
        ],
        missing: [],
      },
      null,
      2,
    )}\n`,
  );
});

it('reports a missing signature as npm does, with its place in --json', async () => {
  const root = await project(
    { dependencies: { 'signed-a': '1.0.0', plain: '1.0.0' } },
    { 'node_modules/plain': { name: 'plain', version: '1.0.0' }, 'node_modules/signed-a': { name: 'signed-a', version: '1.0.0' } },
  );
  const result = await rxnpm(root, 'audit', 'signatures');
  expect(result.code).toBe(1);
  expect(result.stdout).toBe(
    [
      'audited 2 packages in 0s',
      '',
      '1 package has a verified registry signature',
      '',
      '1 package has a missing registry signature but the registry is providing signing keys:',
      '',
      `plain@1.0.0 (${cli.registry.url})`,
      '',
    ].join('\n'),
  );
  const json = JSON.parse((await rxnpm(root, 'audit', 'signatures', '--json')).stdout) as { missing: unknown[] };
  expect(json.missing).toEqual([
    { integrity: expect.stringMatching(/^sha512-/), location: 'node_modules/plain', name: 'plain', registry: cli.registry.url, resolved: `${cli.registry.url}plain/-/plain-1.0.0.tgz`, version: '1.0.0' },
  ]);
});

it('says there is nothing to audit in a project with nothing installed', async () => {
  const root = await mkdtemp(join(cli.home.root, 'empty-'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
  const result = await rxnpm(root, 'audit', 'signatures');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('found no installed dependencies to audit');
});
