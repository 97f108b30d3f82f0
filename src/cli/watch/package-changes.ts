/** The parts of a packument a live view reports on. */
export interface WatchedPackument {
  readonly name?: string;
  readonly 'dist-tags'?: Readonly<Record<string, string>>;
  readonly versions?: Readonly<Record<string, { readonly deprecated?: unknown } | undefined>>;
}

/** One thing that changed between two reads of a package. */
export type PackageChange =
  | { readonly type: 'version-added'; readonly version: string }
  | { readonly type: 'version-removed'; readonly version: string }
  | { readonly type: 'tag-added'; readonly tag: string; readonly to: string }
  | { readonly type: 'tag-moved'; readonly tag: string; readonly from: string; readonly to: string }
  | { readonly type: 'tag-removed'; readonly tag: string; readonly from: string }
  | { readonly type: 'deprecated'; readonly version: string; readonly message: string }
  | { readonly type: 'undeprecated'; readonly version: string };

/** A package that is not there yet: everything in the first document that appears is new. */
export const NO_PACKAGE: WatchedPackument = { 'dist-tags': {}, versions: {} };

/** Looked up among the document's own keys only: a version named `constructor` must not find `Object`'s. */
const deprecation = (doc: WatchedPackument, version: string): string => {
  const manifest = doc.versions && Object.hasOwn(doc.versions, version) ? doc.versions[version] : undefined;
  const message = manifest && Object.hasOwn(manifest, 'deprecated') ? manifest.deprecated : undefined;
  return typeof message === 'string' ? message : '';
};

/** What changed from `before` to `after`: new and removed versions first, then dist-tags, then deprecations. */
export function packageChanges(before: WatchedPackument, after: WatchedPackument): PackageChange[] {
  const changes: PackageChange[] = [];
  const oldVersions = Object.keys(before.versions ?? {});
  const newVersions = Object.keys(after.versions ?? {});
  for (const version of newVersions) if (!oldVersions.includes(version)) changes.push({ type: 'version-added', version });
  for (const version of oldVersions) if (!newVersions.includes(version)) changes.push({ type: 'version-removed', version });

  const oldTags = before['dist-tags'] ?? {};
  const newTags = after['dist-tags'] ?? {};
  for (const [tag, to] of Object.entries(newTags)) {
    const from = Object.hasOwn(oldTags, tag) ? oldTags[tag] : undefined;
    if (from === undefined) changes.push({ type: 'tag-added', tag, to });
    else if (from !== to) changes.push({ type: 'tag-moved', tag, from, to });
  }
  for (const [tag, from] of Object.entries(oldTags)) if (!Object.hasOwn(newTags, tag)) changes.push({ type: 'tag-removed', tag, from });

  for (const version of newVersions) {
    if (!oldVersions.includes(version) && !deprecation(after, version)) continue;
    const was = oldVersions.includes(version) ? deprecation(before, version) : '';
    const now = deprecation(after, version);
    if (now && now !== was) changes.push({ type: 'deprecated', version, message: now });
    else if (!now && was) changes.push({ type: 'undeprecated', version });
  }
  return changes;
}

/** One line for a change, e.g. `pkg: latest 1.2.0 → 1.3.0` or `pkg: new version 1.3.0`. */
export function describeChange(name: string, change: PackageChange): string {
  switch (change.type) {
    case 'version-added':
      return `${name}: new version ${change.version}`;
    case 'version-removed':
      return `${name}: version ${change.version} removed`;
    case 'tag-added':
      return `${name}: ${change.tag} → ${change.to} (new tag)`;
    case 'tag-moved':
      return `${name}: ${change.tag} ${change.from} → ${change.to}`;
    case 'tag-removed':
      return `${name}: ${change.tag} removed (was ${change.from})`;
    case 'deprecated':
      return `${name}: ${change.version} deprecated: ${change.message}`;
    case 'undeprecated':
      return `${name}: ${change.version} no longer deprecated`;
  }
}
