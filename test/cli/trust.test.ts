import { ensureCliBuilt, releaseCli } from './support/build-cli';
import { makeCliHome, type CliHome } from './support/cli-home';
import { killAllClis, runCli, type CliResult } from './support/run-cli';
import { signingKey, startTrustRegistry, type TrustRegistry } from '../support/trust-registry';

/** `rxnpm audit` against a registry on 127.0.0.1 that signs its versions and knows advisories. */

jest.setTimeout(60_000);

let registry: TrustRegistry;
let home: CliHome;
const current = signingKey('SHA256:current');
const stranger = signingKey('SHA256:current');

const rxnpm = (...args: string[]): Promise<CliResult> => runCli([...args, ...home.flags(registry.url)], { cwd: home.cwd, env: home.env() });

beforeAll(async () => {
  await ensureCliBuilt();
  registry = await startTrustRegistry();
  registry.setKeys([current.listed]);
  registry.addPackage('signed-a', [{ version: '1.0.0', signedBy: current }]);
  registry.addPackage('signed-b', [{ version: '2.0.0', signedBy: current }]);
  registry.addPackage('plain', [{ version: '1.0.0' }]);
  registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
  home = await makeCliHome();
}, 240_000);

afterAll(async () => {
  await killAllClis();
  await registry?.close();
  await home?.remove();
  await releaseCli();
});

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
        `plain@1.0.0 (${registry.url})`,
        '',
        '1 package has an invalid registry signature:',
        '',
        `forged@1.0.0 (${registry.url})`,
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
