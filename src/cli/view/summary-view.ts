import { formatBytes } from './format-bytes';
import { isObject } from './is-object';
import { relativeDate } from './relative-date';
import { sortedDistTags } from './sorted-dist-tags';
import type { TextStyles } from './text-styles';
import { unparsePerson } from './unparse-person';

type Doc = Record<string, unknown>;

const MAX_DEPENDENCIES = 24;
const MAX_DIST_TAGS = 5;

export interface SummaryOptions {
  readonly styles: TextStyles;
  readonly now: Date;
  /** Whether the terminal shows emoji (npm's `unicode` setting), for the DEPRECATED line. */
  readonly unicode: boolean;
}

const asDoc = (value: unknown): Doc => (isObject(value) ? value : {});

function licenseOf(manifest: Doc): string {
  const license = manifest.license || 'Proprietary';
  return typeof license === 'string' ? license : String(asDoc(license).type || 'Proprietary');
}

/**
 * The summary `npm view <spec>` prints for one version, line by line, without
 * a final line break: a heading (`name@version | license | deps | versions`),
 * description, homepage, deprecation, keywords, bins, the dist block, up to 24
 * dependencies, maintainers, up to 5 dist-tags and "published … by …".
 * Keywords and maintainers come from the packument, the rest from the version
 * (over the packument).
 */
export function summaryView(packument: Doc, manifest: Doc, { styles: s, now, unicode }: SummaryOptions): string {
  const deps = Object.entries(asDoc(manifest.dependencies)).map(([name, range]) => `${s.blue(name)}: ${String(range)}`);
  const homepage = asDoc(manifest.homepage).url || manifest.homepage;
  const bins = Object.keys(manifest.bin || {});
  const license = licenseOf(manifest);
  const versions = Array.isArray(packument.versions) ? packument.versions : [];
  const keywords = Array.isArray(packument.keywords) ? packument.keywords : [];
  const maintainers = Array.isArray(packument.maintainers) ? packument.maintainers : [];
  const dist = asDoc(manifest.dist);
  const time = packument.time ? asDoc(packument.time) : undefined;

  const lines: string[] = [''];
  lines.push(
    [
      s.underlineCyan(`${String(manifest.name)}@${String(manifest.version)}`),
      license.toLowerCase().trim() === 'proprietary' ? s.red(license) : s.green(license),
      `deps: ${deps.length ? s.cyan(deps.length) : s.cyan('none')}`,
      `versions: ${s.cyan(versions.length)}`,
    ].join(' | '),
  );

  if (manifest.description) lines.push(String(manifest.description));
  if (homepage) lines.push(s.blue(homepage));
  if (manifest.deprecated) lines.push(`\n${s.redBright('DEPRECATED')}${unicode ? ' ⚠️ ' : '!!'} - ${String(manifest.deprecated)}`);
  if (keywords.length) lines.push(`\nkeywords: ${keywords.map((k) => s.cyan(k)).join(', ')}`);
  if (bins.length) lines.push(`\nbin: ${s.cyan(bins.join(', '))}`);

  lines.push('\ndist');
  lines.push(`.tarball: ${s.blue(dist.tarball)}`);
  lines.push(`.shasum: ${s.green(dist.shasum)}`);
  if (dist.integrity) lines.push(`.integrity: ${s.green(dist.integrity)}`);
  if (dist.unpackedSize) lines.push(`.unpackedSize: ${s.blue(formatBytes(Number(dist.unpackedSize), true))}`);

  if (deps.length) {
    lines.push('\ndependencies:');
    lines.push(deps.slice(0, MAX_DEPENDENCIES).join(', '));
    if (deps.length > MAX_DEPENDENCIES) lines.push(s.dim(`(...and ${deps.length - MAX_DEPENDENCIES} more.)`));
  }

  if (maintainers.length) {
    lines.push('\nmaintainers:');
    for (const maintainer of maintainers) {
      const m = asDoc(maintainer);
      lines.push(`- ${unparsePerson({ name: s.blue(m.name), email: s.dim(m.email) })}`);
    }
  }

  const tags = sortedDistTags(asDoc(packument['dist-tags']), time).map(([tag, version]) => `${s.blue(tag)}: ${String(version)}`);
  lines.push('\ndist-tags:');
  lines.push(tags.slice(0, MAX_DIST_TAGS).join('\n'));
  if (tags.length > MAX_DIST_TAGS) lines.push(s.dim(`(...and ${tags.length - MAX_DIST_TAGS} more.)`));

  const npmUser = manifest._npmUser ? asDoc(manifest._npmUser) : undefined;
  const publisher = npmUser && unparsePerson({ name: s.blue(npmUser.name), email: s.dim(npmUser.email) });
  if (publisher || time) {
    const published = time?.[String(manifest.version)];
    let line = 'published';
    if (published) line += ` ${s.cyan(relativeDate(published, now))}`;
    if (publisher) line += ` by ${publisher}`;
    lines.push('', line);
  }

  return lines.join('\n');
}
