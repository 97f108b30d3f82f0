import { allowsOnlyVulnerable, fixFor, pinsVulnerable } from '../../../src/cli/audit/fix-available';

/** npm audit's fix rules (arborist's AuditReport and Vuln), over a packument's versions. */
const packument = (name: string, versions: string[]) => ({ name, 'dist-tags': { latest: versions[versions.length - 1] }, versions: Object.fromEntries(versions.map((v) => [v, { name, version: v }])) });
const vuln = (range: string, versions = ['1.0.0', '1.1.0', '2.0.0']) => ({ versions, range, packument: packument('pkg', versions) });

describe('fixFor', () => {
  it('is true when the spec allows a version outside the affected range', () => {
    expect(fixFor(vuln('<1.1.0'), '^1.0.0')).toBe(true);
  });

  it('names the version --force installs: same major outside the spec, else a breaking change', () => {
    expect(fixFor(vuln('<1.1.0'), '1.0.0')).toEqual({ name: 'pkg', version: '1.1.0', isSemVerMajor: false });
    expect(fixFor(vuln('<2.0.0'), '^1.0.0')).toEqual({ name: 'pkg', version: '2.0.0', isSemVerMajor: true });
  });

  it('is false when every version is affected, or the spec is not the registry’s', () => {
    expect(fixFor(vuln('*'), '^1.0.0')).toBe(false);
    expect(fixFor(vuln('<1.1.0'), 'github:someone/pkg')).toBe(false);
    expect(fixFor(vuln('<1.1.0', []), '^1.0.0')).toBe(false);
  });

  it('reads an alias’s own range', () => {
    expect(allowsOnlyVulnerable(vuln('<1.1.0'), 'npm:pkg@^1.0.0')).toBe(false);
    expect(allowsOnlyVulnerable(vuln('<1.1.0'), 'npm:pkg@1.0.0')).toBe(true);
  });
});

describe('pinsVulnerable', () => {
  it('is true only when every version the dependent allows is affected, or its spec is no range', () => {
    expect(pinsVulnerable(vuln('<1.1.0'), '^1.0.0')).toBe(false);
    expect(pinsVulnerable(vuln('<1.1.0'), '~1.0.0')).toBe(true);
    expect(pinsVulnerable(vuln('<1.1.0'), 'github:someone/pkg')).toBe(true);
  });
});
