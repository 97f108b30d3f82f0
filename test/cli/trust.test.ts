import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useCli } from './support/use-cli';
import { signingKey, startTrustRegistry, type TrustRegistry } from '../support/trust-registry';

/** `rxnpm audit` against a registry on 127.0.0.1 that signs its versions and knows advisories. */

jest.setTimeout(60_000);

const current = signingKey('SHA256:current');
const stranger = signingKey('SHA256:current');

/** Signed, unsigned and forged versions, and advisories for lodash and minimist. */
async function startAuditedRegistry(): Promise<TrustRegistry> {
  const registry = await startTrustRegistry();
  registry.setKeys([current.listed]);
  registry.addPackage('signed-a', [{ version: '1.0.0', signedBy: current }]);
  registry.addPackage('signed-b', [{ version: '2.0.0', signedBy: current }]);
  registry.addPackage('plain', [{ version: '1.0.0' }]);
  registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
  registry.addAdvisory('lodash', { id: 1, url: 'http://127.0.0.1/a/1', title: 'Prototype Pollution', severity: 'high', vulnerable_versions: '<4.17.21' });
  registry.addAdvisory('minimist', { id: 2, url: 'http://127.0.0.1/a/2', title: 'Bad parse', severity: 'low', vulnerable_versions: '<1.2.6' });
  return registry;
}

const cli = useCli({ registry: startAuditedRegistry });
const { rxnpm } = cli;

describe('audit signatures', () => {
  it('prints npm’s report and exits 0 when every version is signed', async () => {
    const result = await rxnpm('audit', 'signatures', 'signed-a@1.0.0', 'signed-b');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('audited 2 packages in 0s\n\n2 packages have verified registry signatures\n\n');
  });

  it('lists missing and invalid signatures as npm does and exits 1', async () => {
    const result = await rxnpm('audit', 'signatures', 'signed-a', 'plain', 'forged');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'audited 3 packages in 0s',
        '',
        '1 package has a verified registry signature',
        '',
        '1 package has a missing registry signature but the registry is providing signing keys:',
        '',
        `plain@1.0.0 (${cli.registry.url})`,
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
    expect(result.stderr).toContain('(EAUDIT)');
  });

  it('--json prints { invalid, missing }', async () => {
    const result = await rxnpm('audit', 'signatures', 'plain', 'forged', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { invalid: { name: string; code: string; keyid: string }[]; missing: { name: string }[] };
    expect(report.missing.map((m) => m.name)).toEqual(['plain']);
    expect(report.invalid).toEqual([expect.objectContaining({ name: 'forged', code: 'EINTEGRITYSIGNATURE', keyid: 'SHA256:current' })]);
  });
});

describe('audit advisories', () => {
  it('prints npm’s report for the versions named and exits 1 at the default audit-level', async () => {
    const result = await rxnpm('audit', 'advisories', 'lodash@4.17.20', 'minimist@1.2.5', 'rxjs@7.8.1');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      ['# npm audit report', '', 'lodash  <4.17.21', 'Severity: high', 'Prototype Pollution - http://127.0.0.1/a/1', '', 'minimist  <1.2.6', 'Bad parse - http://127.0.0.1/a/2', '', '2 vulnerabilities (1 low, 1 high)', ''].join('\n'),
    );
    expect(result.stderr).toContain('(EAUDIT)');
  });

  it('exits 0 below --audit-level, and says so when nothing is found', async () => {
    expect(await rxnpm('audit', 'advisories', 'minimist@1.2.5', '--audit-level', 'moderate')).toMatchObject({ code: 0, stderr: '' });
    expect(await rxnpm('audit', 'advisories', 'lodash@4.17.21')).toMatchObject({ code: 0, stdout: 'found 0 vulnerabilities\n' });
  });

  it('reads the versions and their places from a package-lock.json with --lockfile, and prints npm’s JSON', async () => {
    const lock = {
      name: 'app',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app' },
        'node_modules/lodash': { version: '4.17.20' },
        'node_modules/a/node_modules/lodash': { version: '4.17.21' },
        'node_modules/local': { link: true, resolved: 'local' },
      },
    };
    await writeFile(join(cli.home.cwd, 'package-lock.json'), JSON.stringify(lock));
    const result = await rxnpm('audit', 'advisories', '--lockfile', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { vulnerabilities: Record<string, { severity: string; nodes: string[] }>; metadata: { vulnerabilities: Record<string, number> } };
    expect(report.vulnerabilities.lodash).toMatchObject({ severity: 'high', nodes: ['node_modules/lodash'] });
    expect(report.metadata.vulnerabilities).toEqual({ info: 0, low: 0, moderate: 0, high: 1, critical: 0, total: 1 });
  });
});
