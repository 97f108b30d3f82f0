/**
 * A packument of `bytes` (1 MiB by default), shaped as the registry's are: a
 * versions table (one version per ~1 kB), dependencies, maintainers, dist,
 * times, and a readme filling the rest. Distinct per `index`, so no two
 * documents share their strings.
 */
export function bigPackument(index: number, bytes = 1024 * 1024): string {
  const versionCount = Math.floor(bytes / 1100);
  const name = `big-${index}`;
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (let v = 0; v < versionCount; v++) {
    const version = `${index}.${v}.0`;
    versions[version] = {
      name,
      version,
      description: `The ${name} package, version ${version}, which does things`,
      main: 'index.js',
      license: 'MIT',
      scripts: { test: 'jest', build: 'tsc -p .' },
      dependencies: Object.fromEntries(Array.from({ length: 8 }, (_, d) => [`dep-${d}-${v % 13}`, `^${d}.${v % 7}.0`])),
      devDependencies: Object.fromEntries(Array.from({ length: 6 }, (_, d) => [`dev-${d}`, `~${d}.1.${v}`])),
      maintainers: [{ name: 'ada', email: 'ada@example.com' }],
      dist: { tarball: `http://127.0.0.1/${name}/-/${name}-${version}.tgz`, shasum: `${index}`.padStart(40, '0'), fileCount: v, unpackedSize: v * 1000 },
      gitHead: `${v}`.padStart(40, 'c'),
    };
    time[version] = new Date(Date.UTC(2020, 0, 1 + v)).toISOString();
  }
  const doc = { name, 'dist-tags': { latest: `${index}.${versionCount - 1}.0` }, versions, time, readme: '' };
  const readmeBytes = Math.max(0, bytes - JSON.stringify(doc).length);
  return JSON.stringify({ ...doc, readme: `# ${name} `.padEnd(readmeBytes, 'r') });
}
