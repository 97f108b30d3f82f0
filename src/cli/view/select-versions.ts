import semver from 'semver';
import { ViewError } from './view-error';

type Doc = Record<string, unknown>;

/** One version that `view` shows: the packument's fields overlaid with the version's own. */
export interface ViewedVersion {
  /** The `version` field of the version's manifest, which npm keys its output by. */
  readonly key: string;
  readonly document: Doc;
}

/** What npm's `view` works from once it has picked the versions. */
export interface ViewSelection {
  /** The name npm prints in `name@version` prefixes (the packument's `_id`). */
  readonly id: string;
  /**
   * The packument as `view` sees it: `versions` is the sorted list of valid
   * version numbers, `readme` is gone unless asked for, and `_contentLength`
   * is set when the response's length is known (npm's fetcher adds it).
   */
  readonly packument: Doc;
  /** Every version matching the wanted version, range or tag, in the packument's order. */
  readonly versions: readonly ViewedVersion[];
}

export interface SelectOptions {
  /** The dist-tag meant when the spec names none (npm's `tag` setting). */
  readonly tag: string;
  readonly contentLength?: number;
}

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the spec asks for: a dist-tag becomes its version; no spec (or `*`) means the default tag. */
function wantedVersion(packument: Doc, wanted: string, tag: string): string {
  const asked = wanted === '' || wanted === '*' ? tag : wanted;
  const tags = isDoc(packument['dist-tags']) ? packument['dist-tags'] : {};
  const tagged = Object.hasOwn(tags, asked) ? tags[asked] : undefined;
  return tagged ? String(tagged) : asked;
}

/**
 * Picks the versions `npm view name@wanted` shows, as npm does: a dist-tag
 * names one version; otherwise every version satisfying `wanted` as a loose
 * semver range (an exact version is a range of one). Throws `ViewError` E404
 * when nothing matches — except when the default tag itself is missing, where
 * npm prints nothing — and when the package was unpublished.
 *
 * @example
 * selectVersions(packument, '^1', [], { tag: 'latest' }).versions.map((v) => v.key) // ['1.0.0', '1.1.0']
 */
export function selectVersions(packument: unknown, wanted: string, fields: readonly string[], options: SelectOptions): ViewSelection {
  const doc = isDoc(packument) ? packument : {};
  const id = String(doc._id);
  const version = wantedVersion(doc, wanted, options.tag);

  const time = doc.time;
  if (isDoc(time) && time.unpublished) {
    const unpublished = isDoc(time.unpublished) ? time.unpublished.time : undefined;
    throw new ViewError('E404', `Unpublished on ${String(unpublished)}`, { statusCode: 404, pkgid: id });
  }

  const manifests = isDoc(doc.versions) ? doc.versions : {};
  const wantsReadme = fields.includes('readme');

  const view: Doc = { ...doc, versions: Object.keys(manifests).filter((v) => semver.valid(v) !== null).sort(semver.compareLoose) };
  if (!wantsReadme) delete view.readme;
  if (options.contentLength !== undefined) view._contentLength = options.contentLength;

  const versions = Object.entries(manifests)
    .filter((entry): entry is [string, Doc] => isDoc(entry[1]) && semver.satisfies(entry[0], version, true))
    .map(([, manifest]) => {
      // Asked for, the readme comes from the packument, where the registry keeps the latest one.
      const own = { ...manifest };
      if (wantsReadme) delete own.readme;
      return { key: String(own.version), document: { ...view, ...own } };
    });

  if (versions.length === 0 && version !== 'latest') {
    throw new ViewError('E404', `No match found for version ${version}`, { statusCode: 404, pkgid: `${id}@${version}` });
  }
  return { id, packument: view, versions };
}
